// 5 MiB ProfileImage uploads, one after another on a kept-alive connection: the sandbox (multipart parsing,
// magic-byte check, storing) against the bare node:http server that only counts the bytes, alternating upload by
// upload. The last upload must then be the active image, byte for byte.
import { performance } from 'node:perf_hooks';
import { compare, fmt, median, MiB, spread, type BenchTarget } from '../api.ts';
import { getText, guestToken, multipart, pngFile, startBare, startSandbox, UPLOAD_PATH } from '../servers.ts';

const SIZE = 5 * MiB;
const GOAL_MIB_S = 200;

export const uploads: BenchTarget = {
  name: 'uploads',
  title: 'Uploads',
  async run({ quick, log }) {
    const count = quick ? 5 : 20;
    const file = pngFile(SIZE);
    const { body, contentType } = multipart(file, 'large.png', 'image/png');
    const sandbox = await startSandbox();
    const servers = [
      { server: await startBare(), token: 'bench-token', mibPerS: [] as number[] },
      { server: sandbox, token: await guestToken(sandbox.url), mibPerS: [] as number[] },
    ];
    // Upload 0 warms the connection and the code path; it is not counted.
    for (let i = 0; i <= count; i++) {
      for (const s of servers) {
        const t0 = performance.now();
        const res = await fetch(`${s.server.url}${UPLOAD_PATH}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}`, 'content-type': contentType },
          body,
        });
        const text = await res.text();
        if (res.status !== 201) throw new Error(`${s.server.label}: a ${SIZE / MiB} MiB upload answered ${res.status}: ${text.slice(0, 300)}`);
        if (i > 0) s.mibPerS.push(SIZE / MiB / ((performance.now() - t0) / 1000));
      }
    }
    if ((await getText(sandbox.url, '/me/profileimage', servers[1]!.token)) !== file.toString('base64')) {
      throw new Error('after the uploads, GET /me/profileimage is not the Base64 of the last uploaded file');
    }
    const [bare, sb] = servers.map((s) => s.mibPerS) as [number[], number[]];
    log(`  sandbox ${fmt(median(sb))} MiB/s, bare node:http ${fmt(median(bare))} MiB/s`);
    return {
      comparisons: [
        compare({
          what: `${SIZE / MiB} MiB profile-image uploads`,
          subject: 'sandbox',
          baseline: 'bare node:http',
          value: median(sb),
          base: median(bare),
          unit: 'MiB/s',
          ratio: median(sb.map((x, i) => x / bare[i]!)),
          goal: { text: `sandbox ≥ ${GOAL_MIB_S} MiB/s (issue 6)`, met: median(sb) >= GOAL_MIB_S },
        }),
      ],
      tables: [
        {
          header: ['server', 'MiB/s: median (min–max)', 'ms per upload'],
          rows: [
            ['sandbox', spread(sb), fmt(SIZE / MiB / median(sb) * 1000)],
            ['bare node:http (counts the bytes)', spread(bare), fmt(SIZE / MiB / median(bare) * 1000)],
          ],
        },
      ],
      method:
        `${count} uploads of a ${SIZE / MiB} MiB PNG as \`POST ${UPLOAD_PATH}\` to each server, alternating, after one ` +
        'uncounted warm-up upload; the multipart body is built once, so the time is the server\'s work and the loopback. ' +
        'The ratio is the median of the per-upload ratios.',
      data: { sizeBytes: SIZE, sandboxMiBPerS: sb, bareMiBPerS: bare },
    };
  },
};
