// One request round trip through the MSW handlers in this process (setupServer from msw/node intercepting
// fetch) against one over loopback to the sandbox (createSandbox listening on 127.0.0.1, the same fetch), for
// GET /me and a 1x1 PNG ProfileImage upload. Both run in this process, one request at a time, so each figure
// is client and server work together per request; rounds alternate the two, and the ratio is the median of
// per-round ratios. MSW's interceptor is switched on only for its own rounds, so that it adds nothing to the
// sandbox's.
import { performance } from 'node:perf_hooks';
import { setupServer } from 'msw/node';
import { PNG_1X1 } from '../../../src/fixtures/images.ts';
import { createProfileServiceHandlers } from '../../../src/msw/index.ts';
import { createSandbox } from '../../../src/sandbox/index.ts';
import { compare, fmt, median, spread, type BenchTarget } from '../api.ts';

const MSW_BASE = 'http://profile-service.msw.invalid';

interface Subject {
  label: string;
  /** Run `fn` with the subject reachable. */
  during<T>(fn: () => Promise<T>): Promise<T>;
  base: string;
}

async function guest(base: string): Promise<string> {
  const res = await fetch(`${base}/token?grant_type=guest`, { method: 'POST' });
  return ((await res.json()) as { token: string }).token;
}

const OPERATIONS: Record<string, (base: string, token: string) => Promise<Response>> = {
  'GET /me': (base, token) => fetch(`${base}/me`, { headers: { authorization: `Bearer ${token}` } }),
  'POST /media (ProfileImage, 1x1 PNG)': (base, token) => {
    const form = new FormData();
    form.append('file', new Blob([PNG_1X1 as Uint8Array<ArrayBuffer>]), 'avatar.png');
    return fetch(`${base}/media?AdditionalType=ProfileImage`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  },
};

/**
 * Mean µs per round trip over `n` sequential requests, by a fresh guest each time (uploads would otherwise run
 * into the per-user media cap after a few rounds).
 */
async function roundTrips(subject: Subject, op: string, n: number): Promise<number> {
  return subject.during(async () => {
    const send = OPERATIONS[op]!;
    const token = await guest(subject.base);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const res = await send(subject.base, token);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${subject.label} ${op}: ${res.status}`);
    }
    return ((performance.now() - t0) * 1000) / n;
  });
}

export const msw: BenchTarget = {
  name: 'msw',
  title: 'MSW handlers in-process against the sandbox over loopback',
  async run({ quick, log }) {
    const rounds = quick ? 2 : 7;
    const n = quick ? 100 : 500;
    const sandbox = await createSandbox();
    const mock = createProfileServiceHandlers({ baseUrl: MSW_BASE });
    const server = setupServer(...mock.handlers);
    try {
      const sandboxBase = await sandbox.listen(0, '127.0.0.1');
      const subjects: Subject[] = [
        { label: 'sandbox over loopback', base: sandboxBase, during: (fn) => fn() },
        {
          label: 'MSW handlers in-process',
          base: MSW_BASE,
          async during(fn) {
            server.listen({ onUnhandledRequest: 'error' });
            try {
              return await fn();
            } finally {
              server.close();
            }
          },
        },
      ];
      const samples: Record<string, { sandbox: number[]; msw: number[]; ratio: number[] }> = {};
      for (const op of Object.keys(OPERATIONS)) {
        samples[op] = { sandbox: [], msw: [], ratio: [] };
        for (let s = 0; s < subjects.length; s++) await roundTrips(subjects[s]!, op, Math.ceil(n / 5)); // warm-up
        for (let r = 0; r < rounds; r++) {
          // Alternate which goes first, so a slow moment of the shared machine hits both alike.
          const order = r % 2 === 0 ? [0, 1] : [1, 0];
          const us: number[] = [];
          for (const s of order) us[s] = await roundTrips(subjects[s]!, op, n);
          samples[op].sandbox.push(us[0]!);
          samples[op].msw.push(us[1]!);
          samples[op].ratio.push(us[1]! / us[0]!);
          log(`msw: ${op} round ${r + 1}/${rounds}: sandbox ${fmt(us[0]!)} µs, MSW ${fmt(us[1]!)} µs`);
        }
      }
      const ops = Object.keys(samples);
      return {
        comparisons: ops.map((op) =>
          compare({
            what: `${op}: one round trip, MSW in-process ÷ sandbox over loopback`,
            subject: 'MSW handlers (msw/node)',
            baseline: 'sandbox (127.0.0.1)',
            value: median(samples[op]!.msw),
            base: median(samples[op]!.sandbox),
            unit: 'µs',
            ratio: median(samples[op]!.ratio),
          }),
        ),
        tables: [
          {
            header: ['operation', 'sandbox over loopback, µs', 'MSW in-process, µs', 'MSW ÷ sandbox'],
            rows: ops.map((op) => [op, spread(samples[op]!.sandbox), spread(samples[op]!.msw), spread(samples[op]!.ratio)]),
          },
        ],
        method:
          `${rounds} alternating rounds of ${n} sequential requests per subject and operation, after a warm-up, in the ` +
          'bench process itself: the sandbox as `createSandbox()` on 127.0.0.1 reached with fetch, the MSW handlers through ' +
          "`setupServer` intercepting the same fetch (switched on only for MSW's rounds). Each figure is client and server " +
          'work together per round trip: medians (min–max); the ratio is the median of per-round ratios.',
        data: samples,
      };
    } finally {
      server.close();
      await sandbox.close();
    }
  },
};
