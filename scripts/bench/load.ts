// Throughput and latency under load with autocannon (programmatic API): each target × endpoint is run
// several times, interleaved (round 1 of every pair, then round 2, …, with the order of targets rotated
// each round), so slow drifts of the shared machine's load hit every target alike and the ratios between
// targets measured in the same run stay meaningful. Every run must be all 2xx with no errors, else the
// benchmark fails: a throughput of 401s would be a number about nothing.
// Besides requests/s (which on a small machine is bounded by the load generator sharing the cores), each run
// records the CPU time the server process used per request, from /proc: a measure of the server's own cost
// that the client's speed and the other jobs on the machine disturb much less.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { cpuMsOf } from './procs.ts';
import { summarize, type Summary } from './stats.ts';
import type { Target, TargetName } from './targets.ts';

export const ENDPOINTS = ['/me', '/me/profileimage'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export interface LoadOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
}

export interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  /** CPU time the server process used per answered request, µs (NaN off Linux) */
  cpuUs: number;
  /** CPU the load generator (this process) used during the run, in cores: near 1 means it was the bottleneck */
  clientCores: number;
}

export interface LoadSummary {
  target: TargetName;
  endpoint: Endpoint;
  rps: Summary;
  p50: Summary;
  p99: Summary;
  cpuUs: Summary;
  runs: RunResult[];
}

/** Percentile of an ascending array (nearest rank). */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function runAutocannon(opts: autocannon.Options, onResponseMs: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((done, fail) => {
    const instance = autocannon(opts, (err, result) => (err ? fail(err) : done(result)));
    // autocannon's own latency histogram keeps whole milliseconds, too coarse for sub-millisecond answers on
    // loopback; the 'response' event carries the exact time (its last argument, in ms), so percentiles are
    // computed from those. (@types/autocannon omits the event's first argument, the client.)
    instance.on('response', (...args: unknown[]) => onResponseMs(args[args.length - 1] as number));
  });
}

async function once(t: Target, endpoint: Endpoint, connections: number, durationS: number): Promise<RunResult> {
  const times: number[] = [];
  const cpuBefore = cpuMsOf(t.child.pid);
  const clientBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await runAutocannon(
    {
      url: `${t.url}${endpoint}`,
      connections,
      duration: durationS,
      timeout: 10,
      headers: { authorization: `Bearer ${t.token}` },
    },
    (ms) => times.push(ms),
  );
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0 || result['2xx'] === 0) {
    throw new Error(
      `${t.label} GET ${endpoint}: ${result['2xx']} answers 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ` +
        `${result.timeouts} timeouts — a benchmark must only count successful answers; check the target's set-up`,
    );
  }
  const cpuAfter = cpuMsOf(t.child.pid);
  const client = process.cpuUsage(clientBefore);
  const clientCores = (client.user + client.system) / 1000 / (performance.now() - wallBefore);
  const cpuUs = cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : ((cpuAfter - cpuBefore) * 1000) / result['2xx'];
  const sorted = Float64Array.from(times).sort();
  return { rps: result.requests.average, p50: percentile(sorted, 50), p99: percentile(sorted, 99), cpuUs, clientCores };
}

export async function measureLoad(targets: Target[], opts: LoadOptions, log: (line: string) => void): Promise<LoadSummary[]> {
  for (const t of targets) {
    for (const e of ENDPOINTS) await once(t, e, opts.connections, opts.warmupS);
  }
  const runs = new Map<string, RunResult[]>();
  for (let round = 0; round < opts.rounds; round++) {
    for (const e of ENDPOINTS) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      for (const t of order) {
        const r = await once(t, e, opts.connections, opts.durationS);
        const key = `${t.name} ${e}`;
        runs.set(key, [...(runs.get(key) ?? []), r]);
        log(`  round ${round + 1}/${opts.rounds} ${t.label.padEnd(18)} GET ${e.padEnd(17)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ${r.cpuUs.toFixed(0)} µs CPU/req  client ${r.clientCores.toFixed(2)} cores`);
      }
    }
  }
  const out: LoadSummary[] = [];
  for (const t of targets) {
    for (const e of ENDPOINTS) {
      const rs = runs.get(`${t.name} ${e}`) ?? [];
      out.push({
        target: t.name,
        endpoint: e,
        rps: summarize(rs.map((r) => r.rps)),
        p50: summarize(rs.map((r) => r.p50)),
        p99: summarize(rs.map((r) => r.p99)),
        cpuUs: summarize(rs.map((r) => r.cpuUs)),
        runs: rs,
      });
    }
  }
  return out;
}
