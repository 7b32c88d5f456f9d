// The sandbox for teams (issue 11): what CORS costs, and whether MAX_STORE_BYTES bounds memory.
// 1. GET /me with an `Origin` header (so every answer carries CORS headers): the sandbox's server CPU per
//    request against the bare node:http server's, in alternating rounds. Goal ≤ 1.25×.
// 2. An upload soak: 2 GiB of 4 MiB ProfileImages across 32 users against a sandbox with MAX_STORE_BYTES =
//    256 MiB; a user whose upload gets 507 deletes its oldest item, so the store stays full and churns. The
//    sandbox's peak RSS (sampled every 200 ms) against the bare server's under the same soak. Goal < 456 MiB.
import { compare, fmt, median, MiB, spread, type BenchTarget } from '../api.ts';
import { usageOf } from '../procs.ts';
import { guestToken, multipart, pngFile, startBare, startSandbox, UPLOAD_PATH, type Server } from '../servers.ts';
import { load, sandboxAndBare } from './throughput.ts';

const ORIGIN = 'http://localhost:5173';
const CPU_GOAL = 1.25;
const FILE = 4 * MiB;
const USERS = 32;
const PARALLEL = 4;

interface Soak {
  peakRssMiB: number;
  created: number;
  full: number;
}

/** Upload `total` bytes in FILE-sized ProfileImages round-robin over `tokens`, PARALLEL at a time. */
async function soak(server: Server, tokens: string[], total: number): Promise<Soak> {
  const { body, contentType } = multipart(pngFile(FILE), 'soak.png', 'image/png');
  let peak = 0;
  const sampler = setInterval(() => {
    usageOf(server.child).then((u) => (peak = Math.max(peak, u.rss)), () => undefined);
  }, 200);
  const result = { created: 0, full: 0 };
  let next = 0;
  const count = Math.ceil(total / FILE);
  async function worker(): Promise<void> {
    while (next < count) {
      const token = tokens[next++ % tokens.length]!;
      const headers = { authorization: `Bearer ${token}` };
      const res = await fetch(`${server.url}${UPLOAD_PATH}`, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body });
      await res.arrayBuffer();
      if (res.status === 201) result.created++;
      else if (res.status === 507) {
        result.full++;
        const media = (await (await fetch(`${server.url}/media`, { headers })).json()) as { identifier: string }[];
        if (media[0]) await fetch(`${server.url}/media/${media[0].identifier}`, { method: 'DELETE', headers });
      } else if (server.label === 'sandbox') throw new Error(`soak upload answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
  }
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, (await usageOf(server.child)).rss);
  return { peakRssMiB: peak / MiB, ...result };
}

export const teams: BenchTarget = {
  name: 'teams',
  title: 'CORS and the store cap',
  async run({ quick, log }) {
    // CPU per request with CORS on.
    // Five rounds, not three: single rounds swing by ±0.15 on a shared machine, and the goal is judged on the median.
    const rounds = quick ? 1 : 5;
    const seconds = quick ? 1 : 4;
    const { sandbox, token, bare } = await sandboxAndBare();
    const cpu: Record<'sandbox' | 'node:http', number[]> = { sandbox: [], 'node:http': [] };
    for (let round = 0; round <= rounds; round++) {
      const order = round % 2 ? [sandbox, bare] : [bare, sandbox];
      for (const server of order) {
        const x = await load(server, server === sandbox ? token : 'bench-token', '/me', round === 0 ? 1 : seconds, { origin: ORIGIN });
        if (round === 0) continue;
        cpu[server.label as 'sandbox' | 'node:http'].push(x.cpuUs);
        log(`  round ${round}/${rounds} ${server.label.padEnd(9)} GET /me + Origin  ${x.cpuUs.toFixed(1)} µs CPU/req`);
      }
    }
    const ratios = cpu.sandbox.map((v, i) => v / cpu['node:http'][i]!);
    await sandbox.child.stop();
    await bare.child.stop();

    // The soak, each server on its own, the sandbox with its store capped.
    const total = (quick ? 256 : 2048) * MiB;
    const cap = (quick ? 64 : 256) * MiB;
    const rssGoal = cap / MiB + 200;
    const capped = await startSandbox({ MAX_STORE_BYTES: String(cap) });
    const tokens = await Promise.all(Array.from({ length: USERS }, () => guestToken(capped.url)));
    const sb = await soak(capped, tokens, total);
    await capped.child.stop();
    log(`  soak sandbox: ${sb.created} stored, ${sb.full} refused with 507, peak RSS ${sb.peakRssMiB.toFixed(0)} MiB`);
    const baseline = await startBare({ MAX_UPLOAD_BYTES: String(2 * FILE) });
    const bb = await soak(baseline, ['bench-token'], total);
    await baseline.child.stop();
    log(`  soak node:http: peak RSS ${bb.peakRssMiB.toFixed(0)} MiB`);
    if (sb.full === 0) throw new Error(`the soak of ${total / MiB} MiB never reached MAX_STORE_BYTES=${cap / MiB} MiB`);

    return {
      comparisons: [
        compare({
          what: 'GET /me server CPU per request, with CORS',
          subject: 'sandbox',
          baseline: 'bare node:http',
          value: median(cpu.sandbox),
          base: median(cpu['node:http']),
          unit: 'µs',
          ratio: median(ratios),
          goal: { text: `≤ ${CPU_GOAL}× (issue 11)`, met: median(ratios) <= CPU_GOAL },
        }),
        compare({
          what: `peak RSS, ${total / MiB} MiB upload soak, MAX_STORE_BYTES ${cap / MiB} MiB`,
          subject: 'sandbox',
          baseline: 'bare node:http (drops the bytes)',
          value: sb.peakRssMiB,
          base: bb.peakRssMiB,
          unit: 'MiB',
          goal: { text: `< ${rssGoal} MiB (issue 11)`, met: sb.peakRssMiB < rssGoal },
        }),
      ],
      tables: [
        {
          header: ['figure', 'sandbox', 'node:http'],
          rows: [
            ['`GET /me` + `Origin`: server CPU µs/request, median (min–max)', spread(cpu.sandbox), spread(cpu['node:http'])],
            ['per-round CPU ratio', spread(ratios, 2), '1'],
            ['soak: uploads stored / refused with 507', `${sb.created} / ${sb.full}`, `${bb.created} / –`],
            ['soak: peak RSS MiB', fmt(sb.peakRssMiB, 0), fmt(bb.peakRssMiB, 0)],
          ],
        },
      ],
      method:
        `CPU: autocannon, 10 connections, ${rounds} rounds of ${seconds} s per server after a 1 s warm-up, every request with ` +
        `\`Origin: ${ORIGIN}\` and a bearer token; server CPU per request is the server process's CPU time during a run ` +
        `divided by the requests it answered; the ratio is the median of per-round ratios. Soak: ${total / MiB} MiB of ` +
        `${FILE / MiB} MiB ProfileImages, ${PARALLEL} at a time, round-robin over ${USERS} guests, against a sandbox started ` +
        `with \`MAX_STORE_BYTES=${cap}\`; a \`507\` makes that user delete its oldest item, so the store stays at its cap ` +
        `while uploads continue. RSS of the server process sampled every 200 ms; the bare server gets the same uploads and drops them.`,
      data: { cpu, ratios, soak: { sandbox: sb, bare: bb, total, cap } },
    };
  },
};
