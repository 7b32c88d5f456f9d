// `npm run bench`: measures the sandbox, the Prism mock and a bare node:http server side by side in one run
// (throughput and latency, uploads, memory under an oversize upload, start-up, and the wall time of
// `npm run verify` and `npm test`), then writes docs/BENCHMARKS.md and docs/bench-throughput.svg.
// Everything it starts is a child process it stops itself; the whole run is bounded by a time limit.
//
//   npm run bench                      full run (about 4–5 min, plus `npm test`)
//   npm run bench -- --skip-suite      without `npm test`
//   npm run bench -- --quick           smoke run with short durations; writes to a temporary folder unless --out
//   npm run bench -- --out DIR         write BENCHMARKS.md, the SVG and the raw results JSON to DIR instead
//   npm run bench -- --fail-on-miss    exit 3 when a target is missed
//   npm run bench -- --from-results F  measure nothing: render the report again from a bench-results.json
//                                      (e.g. after editing scripts/bench/findings.md)
//
// Exit codes: 0 measured (targets may be missed; the report says which), 1 a measurement failed,
// 2 bad usage, 3 a target was missed and --fail-on-miss was given.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { throughputSvg } from './bench/chart.ts';
import { checkTargets } from './bench/goals.ts';
import { measureLoad } from './bench/load.ts';
import { describeMachine } from './bench/machine.ts';
import { freePort, HOST, killAllNow, ROOT, stopAll } from './bench/procs.ts';
import { renderReport } from './bench/report.ts';
import type { BenchOptions, BenchResults } from './bench/results.ts';
import { measureStartup, measureStartupBreakdown, startupVariants } from './bench/startup.ts';
import { checkTarget, sandboxAvailable, spawnSandbox, startCeiling, startPrism, startSandbox, verifyAvailable, type Target } from './bench/targets.ts';
import { measureOversize, measureUploads, MiB, type OversizeCase } from './bench/uploads.ts';
import { timeRepeated } from './bench/walltime.ts';

const USAGE = `usage: npm run bench -- [--quick] [--skip-suite] [--out DIR] [--fail-on-miss]

  --quick         smoke run: short durations, fewer runs, no npm test; writes to a temporary folder unless --out
  --skip-suite    do not time \`npm test\` (it takes minutes)
  --out DIR       write BENCHMARKS.md, bench-throughput.svg and bench-results.json to DIR
                  (default: docs/ for the report and chart, the JSON to a temporary folder)
  --fail-on-miss  exit 3 when a target is missed
  --from-results FILE
                  measure nothing: render BENCHMARKS.md and the chart again from a bench-results.json
`;

const SUITE_LIMIT_MS = 20 * 60_000;
const VERIFY_LIMIT_MS = 120_000;

function optionsFor(quick: boolean, skipSuite: boolean): BenchOptions {
  return {
    quick,
    skipSuite: quick || skipSuite,
    connections: 10,
    durationS: quick ? 2 : 5,
    warmupS: 1,
    rounds: quick ? 2 : 5,
    startupRuns: quick ? 2 : 5,
    uploads: quick ? 5 : 20,
    uploadBytes: 5 * MiB,
    oversizeSizes: [64 * MiB, 256 * MiB],
    oversizeRepeats: quick ? 1 : 3,
    limitBytes: 10 * MiB,
    verifyRuns: quick ? 1 : 3,
  };
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** BENCHMARKS.md and, when there are load results, the throughput chart beside it. */
function writeReport(r: BenchResults, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const chartFile = 'bench-throughput.svg';
  const subtitle = `${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}; ${r.finishedAt.slice(0, 10)}${r.options.quick ? ' (quick run)' : ''}`;
  if (r.load.length) writeFileSync(join(outDir, chartFile), throughputSvg(r.load, subtitle));
  writeFileSync(join(outDir, 'BENCHMARKS.md'), renderReport(r, chartFile));
}

export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        'skip-suite': { type: 'boolean', default: false },
        out: { type: 'string' },
        'fail-on-miss': { type: 'boolean', default: false },
        'from-results': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`${message(err)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  if (args['from-results']) {
    const saved = JSON.parse(readFileSync(args['from-results'], 'utf8')) as BenchResults;
    const dir = resolve(args.out ?? join(ROOT, 'docs'));
    writeReport(saved, dir);
    log(`wrote ${join(dir, 'BENCHMARKS.md')} from ${args['from-results']} (measured ${saved.finishedAt})`);
    return 0;
  }
  const o = optionsFor(args.quick!, args['skip-suite']!);
  const outDir = resolve(args.out ?? (o.quick ? join(tmpdir(), 'profile-contracts-bench') : join(ROOT, 'docs')));
  const t0 = Date.now();
  const r: BenchResults = {
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    totalS: 0,
    options: o,
    machine: describeMachine(),
    loadAverageEnd: [],
    load: [],
    startup: [],
    failures: [],
  };
  const phase = async (name: string, body: () => Promise<void>): Promise<void> => {
    log(`\n${name}`);
    try {
      await body();
    } catch (err) {
      log(`  FAILED: ${message(err)}`);
      r.failures.push(`${name}: ${message(err)}`);
    }
  };

  const haveSandbox = sandboxAvailable();
  if (!haveSandbox) r.sandboxNote = 'the sandbox (src/sandbox/main.ts, src/sandbox/index.ts) does not exist yet';

  await phase('Throughput and latency (GET /me, GET /me/profileimage)', async () => {
    const targets: Target[] = [];
    try {
      if (haveSandbox) {
        // A sandbox that cannot start (or set up its guest) is a failure of this run, but the ceiling and the
        // Prism mock are still measured, so the report shows what could be measured.
        try {
          targets.push(await startSandbox());
        } catch (err) {
          r.sandboxNote = `the sandbox did not start: ${message(err)}`;
          r.failures.push(`sandbox start-up for the load test: ${message(err)}`);
          log(`  FAILED to start the sandbox: ${message(err)}`);
        }
      }
      targets.push(await startPrism());
      const bodies = await Promise.all(targets.map(checkTarget));
      // The ceiling answers the sandbox's own Person, byte for byte, so both send the same bytes.
      targets.unshift(await startCeiling(bodies[0]!));
      await checkTarget(targets[0]!);
      r.load = await measureLoad(targets, o, log);
      const sandbox = targets.find((t) => t.name === 'sandbox');
      if (sandbox) {
        log(`\nUploads of ${o.uploadBytes / MiB} MiB`);
        r.uploads = await measureUploads(sandbox, targets.find((t) => t.name === 'ceiling'), o.uploads, o.uploadBytes);
        log(`  sandbox ${r.uploads.mibPerS.median.toFixed(0)} MiB/s, ceiling ${r.uploads.ceiling?.mibPerS.median.toFixed(0)} MiB/s (medians of ${o.uploads})`);
      }
    } finally {
      await Promise.all(targets.map((t) => t.child.stop()));
    }
  });

  if (haveSandbox) {
    await phase(`Oversize uploads against a ${o.limitBytes / MiB} MiB limit: memory of the sandbox and of the ceiling`, async () => {
      const cases: OversizeCase[] = [];
      for (const bodyBytes of o.oversizeSizes) {
        cases.push({ server: 'sandbox', mode: 'chunked', bodyBytes }, { server: 'ceiling', mode: 'chunked', bodyBytes });
      }
      cases.push({ server: 'sandbox', mode: 'content-length', bodyBytes: o.oversizeSizes[0]! });
      r.oversize = await measureOversize(cases, o.limitBytes, o.oversizeRepeats, log);
    });
  }

  await phase('Start-up to first answer', async () => {
    r.startup = await measureStartup(startupVariants(haveSandbox), o.startupRuns, log);
  });
  if (haveSandbox) {
    await phase("Where the sandbox's start-up goes (phases, and one start under --cpu-prof)", async () => {
      const b = await measureStartupBreakdown(o.startupRuns);
      r.startupBreakdown = b;
      log(`  node -e 0 ${b.nodeBare.median.toFixed(0)} ms; node --import tsx -e 0 ${b.nodeTsx.median.toFixed(0)} ms; sandbox: first line ${b.scriptStart.median.toFixed(0)} ms, imported ${b.sandboxModules.median.toFixed(0)} ms, created ${b.createSandbox.median.toFixed(0)} ms, listening ${b.listening.median.toFixed(0)} ms`);
      for (const e of b.profile.slice(0, 6)) log(`  ${e.ms.toFixed(0).padStart(5)} ms  ${e.origin}`);
    });
  }

  if (!haveSandbox) r.verifyNote = r.sandboxNote;
  else if (!verifyAvailable()) r.verifyNote = 'verify (src/verify/main.ts) does not exist yet';
  else {
    await phase('npm run verify against the sandbox', async () => {
      // The whole verification, as a provider build runs it: pacts, spec checks and the webhook's messages.
      const notificationsPort = await freePort();
      const sandbox = await spawnSandbox({ NOTIFY_WEBHOOK_URL: `http://${HOST}:${notificationsPort}/` });
      const reportDir = mkdtempSync(join(tmpdir(), 'bench-verify-'));
      const args = ['run', 'verify', '--', '--provider-url', sandbox.url, '--notifications-port', String(notificationsPort), '--report-dir', reportDir];
      try {
        r.verify = await timeRepeated('verify', 'npm run verify', 'npm', args, o.verifyRuns, VERIFY_LIMIT_MS, log);
        if (!r.verify.ok) log(r.verify.runs.find((x) => x.exitCode !== 0)?.tail ?? '');
      } finally {
        await sandbox.child.stop();
        rmSync(reportDir, { recursive: true, force: true });
      }
    });
  }

  if (o.skipSuite) r.suiteNote = o.quick ? 'skipped (--quick)' : 'skipped (--skip-suite)';
  else {
    await phase('npm test', async () => {
      r.suite = await timeRepeated('suite', 'npm test', 'npm', ['test'], 1, SUITE_LIMIT_MS, log);
    });
  }

  r.finishedAt = new Date().toISOString();
  r.totalS = (Date.now() - t0) / 1000;
  r.loadAverageEnd = describeMachine().loadAverage;
  writeReport(r, outDir);
  // The raw results go beside the report only when --out names a folder; docs/ keeps just the report and chart.
  const rawDir = args.out ? outDir : join(tmpdir(), 'profile-contracts-bench');
  mkdirSync(rawDir, { recursive: true });
  writeFileSync(join(rawDir, 'bench-results.json'), `${JSON.stringify(r, null, 2)}\n`);

  const checks = checkTargets(r);
  log('\nTargets');
  for (const c of checks) log(`  ${c.verdict.padEnd(12)} ${c.name}: ${c.measured} (target ${c.goal})`);
  log(`\nwrote ${join(outDir, 'BENCHMARKS.md')} (raw results: ${join(rawDir, 'bench-results.json')}) in ${(r.totalS / 60).toFixed(1)} min`);
  if (r.failures.length) return 1;
  if (args['fail-on-miss'] && checks.some((c) => c.verdict === 'missed')) return 3;
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The whole run is bounded: past the limit every child is stopped and the benchmark gives up.
  const quick = process.argv.includes('--quick');
  const skipSuite = quick || process.argv.includes('--skip-suite');
  const limitMs = (quick ? 4 : 10) * 60_000 + (skipSuite ? 0 : SUITE_LIMIT_MS);
  const watchdog = setTimeout(() => {
    process.stderr.write(`\nnpm run bench: still running after ${limitMs / 60_000} min; stopping every child and giving up.\n`);
    void stopAll().finally(() => process.exit(1));
  }, limitMs);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  process.once('exit', killAllNow);
  run(process.argv.slice(2)).then(
    async (code) => {
      await stopAll();
      process.exit(code);
    },
    async (err) => {
      console.error(err instanceof Error ? err.stack ?? err.message : err);
      await stopAll();
      process.exit(1);
    },
  );
}
