// Memory while refusing oversize uploads (limit 10 MiB): a server that streams grows about alike for a 64 and a
// 256 MiB body, one that buffers grows with the body. Each upload goes to a freshly started server whose RSS is
// sampled every 2 ms; the bare node:http server draining the same body is the baseline (what Node itself needs
// to stream that much through). *chunked* sends no Content-Length, so the limit can only be enforced by
// counting while streaming.
import { performance } from 'node:perf_hooks';
import { compare, fmt, median, MiB, spread, type BenchTarget } from '../api.ts';
import { sleep, usageOf } from '../procs.ts';
import { guestToken, multipart, pngFile, startBare, startSandbox, UPLOAD_PATH } from '../servers.ts';

const LIMIT = 10 * MiB;
const SLOPE_GOAL = 0.25;

type Mode = 'chunked' | 'content-length';
const CASES: { server: 'sandbox' | 'bare node:http'; bodyMiB: number; mode: Mode }[] = [
  { server: 'sandbox', bodyMiB: 64, mode: 'chunked' },
  { server: 'bare node:http', bodyMiB: 64, mode: 'chunked' },
  { server: 'sandbox', bodyMiB: 256, mode: 'chunked' },
  { server: 'bare node:http', bodyMiB: 256, mode: 'chunked' },
  { server: 'sandbox', bodyMiB: 64, mode: 'content-length' },
];

async function once(c: (typeof CASES)[number], upload: ReturnType<typeof multipart>): Promise<{ growth: number; ms: number }> {
  const env = { MAX_UPLOAD_BYTES: String(LIMIT) };
  const server = c.server === 'sandbox' ? await startSandbox(env) : await startBare(env);
  const token = c.server === 'sandbox' ? await guestToken(server.url) : 'bench-token';
  await sleep(300); // let start-up garbage settle: the baseline is the idle server
  const before = (await usageOf(server.child)).rss;
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await usageOf(server.child)).rss);
      await sleep(2);
    }
  })();
  const t0 = performance.now();
  // A stream body goes out chunked; a byte array with its Content-Length.
  const res = await fetch(`${server.url}${UPLOAD_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': upload.contentType },
    body: c.mode === 'chunked' ? new Blob([upload.body]).stream() : upload.body,
    duplex: 'half',
  } as RequestInit);
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  await sleep(200); // memory may still rise while the server finishes with what it read
  sampling = false;
  await sampler;
  await server.child.stop();
  if (res.status !== 413) throw new Error(`${c.server}: ${c.bodyMiB} MiB against a ${LIMIT / MiB} MiB limit answered ${res.status}, not 413`);
  return { growth: (peak - before) / MiB, ms };
}

export const oversize: BenchTarget = {
  name: 'oversize',
  title: 'Memory while refusing oversize uploads',
  async run({ quick, log }) {
    const repeats = quick ? 1 : 3;
    const samples = CASES.map(() => [] as { growth: number; ms: number }[]);
    const bodies = new Map([64, 256].map((n) => [n, multipart(pngFile(n * MiB), 'huge.png', 'image/png')]));
    for (let i = 0; i < repeats; i++) {
      for (const [k, c] of CASES.entries()) {
        const x = await once(c, bodies.get(c.bodyMiB)!);
        samples[k]!.push(x);
        log(`  ${c.server} ${c.bodyMiB} MiB ${c.mode}: 413 after ${x.ms.toFixed(0)} ms, RSS +${x.growth.toFixed(1)} MiB at peak`);
      }
    }
    const growth = (k: number): number => median(samples[k]!.map((x) => x.growth));
    const slope = (growth(2) - growth(0)) / (256 - 64);
    return {
      comparisons: [
        compare({
          what: 'peak RSS growth refusing a 256 MiB upload',
          subject: 'sandbox',
          baseline: 'bare node:http',
          value: growth(2),
          base: growth(3),
          unit: 'MiB',
          goal: { text: `sandbox grows < ${SLOPE_GOAL} MiB per extra MiB of body (buffering: ≥ 1): ${fmt(slope, 2)}`, met: slope < SLOPE_GOAL },
        }),
      ],
      tables: [
        {
          header: ['server', 'body', 'sent as', '413 after ms', 'RSS growth MiB: median (min–max)'],
          rows: CASES.map((c, k) => [c.server, `${c.bodyMiB} MiB`, c.mode, fmt(median(samples[k]!.map((x) => x.ms))), spread(samples[k]!.map((x) => x.growth))]),
        },
      ],
      method: `Every case ${repeats} time(s), cases interleaved, each on a freshly started server with \`MAX_UPLOAD_BYTES\` = ${LIMIT / MiB} MiB; growth is the peak RSS minus the idle RSS just before the upload.`,
      data: CASES.map((c, k) => ({ ...c, samples: samples[k] })),
    };
  },
};
