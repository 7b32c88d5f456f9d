// Throughput, latency and server CPU per request of GET /me and GET /me/profileimage under load (autocannon):
// the sandbox and the Prism mock against the bare node:http server sending the sandbox's own bytes. Rounds
// interleave every server and endpoint, the server order rotating, and ratios are medians of per-round ratios.
// Every run must be all 2xx: a throughput of 401s would be a figure about nothing.
import autocannon from 'autocannon';
import { PNG_1X1, toBase64 } from '../../../src/fixtures/images.ts';
import { compare, fmt, median, spread, type BenchTarget } from '../api.ts';
import { usageOf } from '../procs.ts';
import { getText, guestToken, startBare, startPrism, startSandbox, uploadProfileImage, type Server } from '../servers.ts';

const ENDPOINTS = ['/me', '/me/profileimage'];

export interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuUs: number;
}

/** `seconds` of autocannon against `s` for GET `path` (all answers must be 2xx); `headers` are added to each request. */
export async function load(s: Server, token: string, path: string, seconds: number, headers: Record<string, string> = {}): Promise<Sample> {
  const times: number[] = [];
  const before = await usageOf(s.child);
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      { url: `${s.url}${path}`, connections: 10, duration: seconds, timeout: 10, headers: { authorization: `Bearer ${token}`, ...headers } },
      (err, r) => (err ? fail(err) : done(r)),
    );
    // autocannon's histogram keeps whole milliseconds, too coarse on loopback; the 'response' event's last
    // argument is the exact response time in ms (@types/autocannon omits its first argument, the client).
    instance.on('response', (...args: unknown[]) => times.push(args[args.length - 1] as number));
  });
  const after = await usageOf(s.child);
  if (result.non2xx + result.errors + result.timeouts > 0 || result['2xx'] === 0) {
    throw new Error(`${s.label} GET ${path}: ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  times.sort((a, b) => a - b);
  const at = (p: number): number => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { rps: result.requests.average, p50: at(0.5), p99: at(0.99), cpuUs: ((after.cpuMs - before.cpuMs) * 1000) / result['2xx'] };
}

/** The sandbox with a guest whose active image is a 1×1 PNG, and the bare server answering that guest's GET /me and image byte for byte. */
export async function sandboxAndBare(): Promise<{ sandbox: Server; token: string; bare: Server }> {
  const sandbox = await startSandbox();
  const token = await guestToken(sandbox.url);
  await uploadProfileImage(sandbox.url, token, PNG_1X1);
  const person = await getText(sandbox.url, '/me', token);
  if (!JSON.parse(person).profileImage) throw new Error(`the sandbox's GET /me has no profileImage after the upload: ${person}`);
  return { sandbox, token, bare: await startBare({ PERSON_JSON: person, IMAGE_BASE64: toBase64(PNG_1X1) }) };
}

export const throughput: BenchTarget = {
  name: 'throughput',
  title: 'Throughput and latency',
  async run({ quick, log }) {
    const rounds = quick ? 1 : 3;
    const seconds = quick ? 1 : 4;
    const { sandbox, token, bare } = await sandboxAndBare();
    const servers = [
      { server: bare, token: 'bench-token' },
      { server: sandbox, token },
      { server: await startPrism(), token: 'bench-token' },
    ];
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round <= rounds; round++) {
      for (const path of ENDPOINTS) {
        for (let k = 0; k < servers.length; k++) {
          const { server, token: t } = servers[(k + round) % servers.length]!;
          // Round 0 is a one-second warm-up of every server and endpoint, not counted.
          const x = await load(server, t, path, round === 0 ? 1 : seconds);
          if (round === 0) continue;
          samples.set(`${server.label} ${path}`, [...(samples.get(`${server.label} ${path}`) ?? []), x]);
          log(`  round ${round}/${rounds} ${server.label.padEnd(10)} GET ${path.padEnd(17)} ${x.rps.toFixed(0).padStart(6)} req/s  p50 ${x.p50.toFixed(2)} ms  ${x.cpuUs.toFixed(1)} µs CPU/req`);
        }
      }
    }
    const of = (label: string, path: string, key: keyof Sample): number[] => samples.get(`${label} ${path}`)!.map((x) => x[key]);
    const med = (label: string, path: string, key: keyof Sample): number => median(of(label, path, key));
    // Per-round ratios: the two runs of a round were made close in time, so their ratio drifts least.
    const ratio = (label: string, path: string, key: keyof Sample): number => median(of(label, path, key).map((x, i) => x / of('node:http', path, key)[i]!));
    const vs = (label: string, path: string, key: 'rps' | 'cpuUs', goal?: number) =>
      compare({
        what: key === 'rps' ? `GET ${path} requests/s` : `GET ${path} server CPU per request`,
        subject: label,
        baseline: 'bare node:http',
        value: med(label, path, key),
        base: med('node:http', path, key),
        unit: key === 'rps' ? 'req/s' : 'µs',
        ratio: ratio(label, path, key),
        ...(goal ? { goal: { text: `≥ ${goal}× (issue 6)`, met: ratio(label, path, key) >= goal } } : {}),
      });
    return {
      comparisons: [vs('sandbox', '/me', 'rps', 0.7), vs('sandbox', '/me', 'cpuUs'), vs('sandbox', '/me/profileimage', 'rps'), vs('Prism mock', '/me', 'rps')],
      tables: [
        {
          header: ['request', 'server', 'req/s: median (min–max)', 'p50 ms', 'p99 ms', 'server CPU µs/request', '÷ bare (req/s)'],
          rows: ENDPOINTS.flatMap((path) =>
            servers.map(({ server: { label: l } }) => [`\`GET ${path}\``, l, spread(of(l, path, 'rps')), fmt(med(l, path, 'p50'), 2), fmt(med(l, path, 'p99'), 2), fmt(med(l, path, 'cpuUs')), fmt(ratio(l, path, 'rps'), 2)]),
          ),
        },
      ],
      method:
        `autocannon in the benchmark's own process, 10 connections, ${rounds} rounds of ${seconds} s per server and request after ` +
        `a 1 s warm-up each. The sandbox's guest has a 1×1 PNG as its active profile image; the bare server answers that ` +
        `guest's \`GET /me\` body byte for byte and the same Base64; Prism answers the spec's examples. *Server CPU per ` +
        `request* is the CPU time the server process used during a run divided by the requests it answered: the load ` +
        `generator shares the two cores with the server and bounds the fastest servers' requests/s, so this is the fairer ` +
        `measure of what each server itself costs.`,
      data: Object.fromEntries(samples),
    };
  },
};
