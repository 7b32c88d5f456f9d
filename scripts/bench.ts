// `npm run bench`: every target of scripts/bench/registry.ts, one after another, each measuring its subject
// against a baseline side by side; writes docs/BENCHMARKS.md and reports/bench.json. Everything it starts is a
// child process it stops itself, and the whole run is bounded by a time limit.
//
//   npm run bench                    every target; writes docs/BENCHMARKS.md and reports/bench.json
//   npm run bench -- --only NAME     only the named target(s) (comma-separated); writes reports/bench-NAME.json only
//   npm run bench -- --quick         short runs, to try a target out; writes reports/bench-all-quick.json only
//   npm run bench -- --render        measure nothing: render docs/BENCHMARKS.md again from reports/bench.json
//                                    (after editing scripts/bench/findings.md)
//   BENCH_CLI='node --import tsx src/cli/bin.ts' npm run bench    measure another CLI command than the packaged one
//
// Exit codes: 0 measured (goals may be missed: the report says which), 1 a target failed, 2 bad usage.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmt } from './bench/api.ts';
import { killAllNow, ROOT, stopAll } from './bench/procs.ts';
import { TARGETS } from './bench/registry.ts';
import { describeMachine, renderMarkdown, type Run } from './bench/report.ts';

const LIMIT_MS = 15 * 60_000;
const USAGE = `usage: npm run bench -- [--only NAME[,NAME]] [--quick] [--render]\n\ntargets: ${TARGETS.map((t) => t.name).join(', ')}\n`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { only: { type: 'string' }, quick: { type: 'boolean', default: false }, render: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.render) {
    writeFileSync(join(ROOT, 'docs/BENCHMARKS.md'), renderMarkdown(JSON.parse(readFileSync(join(ROOT, 'reports/bench.json'), 'utf8')) as Run));
    process.stdout.write('rendered docs/BENCHMARKS.md from reports/bench.json\n');
    return 0;
  }
  const names = args.only?.split(',').map((n) => n.trim());
  const unknown = names?.filter((n) => !TARGETS.some((t) => t.name === n)) ?? [];
  if (unknown.length) {
    process.stderr.write(`unknown target ${unknown.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const run: Run = {
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: describeMachine(),
    loadAverageEnd: [],
    results: [],
  };
  for (const target of TARGETS.filter((t) => !names || names.includes(t.name))) {
    log(`\n${target.title} (${target.name})`);
    try {
      const result = await target.run({ quick: args.quick!, log });
      run.results.push({ name: target.name, title: target.title, result });
      for (const c of result.comparisons) log(`  → ${c.subject} ${fmt(c.value)} ${c.unit} vs ${c.baseline} ${fmt(c.base)} ${c.unit}: ${fmt(c.ratio, 2)}×${c.goal ? ` (${c.goal.text}: ${c.goal.met ? 'met' : 'MISSED'})` : ''}`);
    } catch (err) {
      log(`  FAILED: ${(err as Error).stack ?? err}`);
      run.results.push({ name: target.name, title: target.title, error: (err as Error).message.split('\n')[0]! });
    } finally {
      await stopAll();
    }
  }
  run.finishedAt = new Date().toISOString();
  run.loadAverageEnd = describeMachine().loadAverage;
  // Only a full run replaces the report and its JSON: a partial or quick one would leave figures missing or rough.
  const full = !names && !args.quick;
  const json = `reports/bench${full ? '' : `-${names?.join('+') ?? 'all'}${args.quick ? '-quick' : ''}`}.json`;
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  writeFileSync(join(ROOT, json), `${JSON.stringify(run, null, 2)}\n`);
  if (full) writeFileSync(join(ROOT, 'docs/BENCHMARKS.md'), renderMarkdown(run));
  log(`\nwrote ${full ? 'docs/BENCHMARKS.md and ' : ''}${json}`);
  return run.results.some((r) => r.error) ? 1 : 0;
}

const watchdog = setTimeout(() => {
  process.stderr.write(`npm run bench: still running after ${LIMIT_MS / 60_000} min; stopping every child.\n`);
  void stopAll().finally(() => process.exit(1));
}, LIMIT_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));
process.once('exit', killAllNow);
main(process.argv.slice(2)).then(
  (code) => stopAll().then(() => process.exit(code)),
  (err) => stopAll().then(() => (console.error(err), process.exit(1))),
);
