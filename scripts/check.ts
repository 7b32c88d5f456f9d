// The drift gate, `npm run check`: runs every step, even after one fails, and reports every failure as
// (artefact, rule, fix), then exits with a code that says what kind of failure it was (see docs/ci.md):
//   1 lint     the spec lints clean and every example validates          (drift)
//   2 types    src/generated/ is what the spec generates now; tsc passes   (drift)
//   3 pacts    the committed pacts are what the consumer tests generate    (drift)
//   4 allowed  every pact interaction is allowed by the spec               (drift)
//   5 breaking no change against the base breaks clients or a pact         (breaking)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { allowedStep } from './check/allowed.ts';
import { breakingStep, type BreakingOutcome } from './check/breaking.ts';
import type { CheckContext } from './check/context.ts';
import { lintStep } from './check/lint.ts';
import { CouldNotRun, EXIT, STEP_NAMES, type Finding, type Kind, type StepName, type StepResult } from './check/model.ts';
import { reproducibleStep } from './check/reproducible.ts';
import { typesStep } from './check/types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Step {
  name: StepName;
  title: string;
  kind: Kind;
  run: (ctx: CheckContext) => Promise<Finding[] | BreakingOutcome>;
}

const STEPS: Step[] = [
  { name: 'lint', title: 'the spec lints clean and every example validates', kind: 'drift', run: lintStep },
  { name: 'types', title: 'generated types are up to date and tsc passes', kind: 'drift', run: typesStep },
  { name: 'pacts', title: 'committed pacts equal what the consumer tests generate', kind: 'drift', run: reproducibleStep },
  { name: 'allowed', title: 'every pact interaction is allowed by the spec', kind: 'drift', run: allowedStep },
  { name: 'breaking', title: 'no breaking change against the base', kind: 'breaking', run: breakingStep },
];

const USAGE = `usage: npm run check -- [options]

Runs every step and reports every failure. Steps: ${STEP_NAMES.join(', ')}.

options:
  --base REF        git ref whose spec step "breaking" compares against (default: $CONTRACT_BASE_REF, else HEAD)
  --only a,b        run only these steps
  --skip a,b        run all steps but these
  --optic-severity error|warn
                    error (default): every breaking change Optic finds fails; warn: only those on an
                    operation a pact uses fail, the rest are notes (default: $CONTRACT_OPTIC_SEVERITY, else error)
  --json            print the report as JSON instead of text
  --report FILE     where to write the JSON report (default: reports/check.json)
  -h, --help        this help

exit codes: 0 clean, 1 drift (steps lint..allowed), 2 breaking change, 3 both;
            +4 when a step could not run; 64 usage error.
`;

export interface CheckReport {
  ok: boolean;
  exitCode: number;
  baseRef: string;
  steps: StepResult[];
}

export async function run(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseArgs({
      args: argv,
      options: {
        base: { type: 'string' },
        only: { type: 'string' },
        skip: { type: 'string' },
        json: { type: 'boolean', default: false },
        'optic-severity': { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return EXIT.clean;
  }
  let selected: StepName[];
  try {
    selected = selectSteps(opts.only, opts.skip);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const baseRef = opts.base ?? (process.env.CONTRACT_BASE_REF || 'HEAD');
  const opticSeverity = opts['optic-severity'] ?? (process.env.CONTRACT_OPTIC_SEVERITY || 'error');
  if (opticSeverity !== 'error' && opticSeverity !== 'warn') {
    process.stderr.write(`--optic-severity / CONTRACT_OPTIC_SEVERITY must be "error" or "warn", not "${opticSeverity}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  const tmp = await mkdtemp(join(tmpdir(), 'profile-contracts-check-'));
  const ctx: CheckContext = {
    root: ROOT,
    specPath: resolve(ROOT, 'openapi/profile-service.yaml'),
    pactDir: resolve(ROOT, 'pacts'),
    baseRef,
    opticSeverity,
    tmp,
    memo: new Map(),
  };
  const results: StepResult[] = [];
  try {
    for (const step of STEPS.filter((s) => selected.includes(s.name))) {
      if (!opts.json) process.stdout.write(`… ${step.name}: ${step.title}\n`);
      const result = await runStep(step, ctx);
      results.push(result);
      if (!opts.json) process.stdout.write(formatStep(result));
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  const exitCode = exitCodeOf(results);
  const report: CheckReport = { ok: exitCode === EXIT.clean, exitCode, baseRef, steps: results };
  const reportPath = resolve(ROOT, opts.report ?? 'reports/check.json');
  await mkdir(dirname(reportPath), { recursive: true });
  await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(summary(report, reportPath));
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(annotations(results));
  return exitCode;
}

function selectSteps(only: string | undefined, skip: string | undefined): StepName[] {
  const list = (s: string, flag: string): StepName[] => {
    const names = s.split(',').map((x) => x.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(STEP_NAMES as readonly string[]).includes(n));
    if (unknown.length) throw new Error(`${flag}: unknown step ${unknown.map((u) => `"${u}"`).join(', ')}; the steps are ${STEP_NAMES.join(', ')}.`);
    return names as StepName[];
  };
  let selected: StepName[] = only ? list(only, '--only') : [...STEP_NAMES];
  if (skip) {
    const skipped = list(skip, '--skip');
    selected = selected.filter((s) => !skipped.includes(s));
  }
  return selected;
}

async function runStep(step: Step, ctx: CheckContext): Promise<StepResult> {
  const started = performance.now();
  const base = { step: step.name, title: step.title, kind: step.kind };
  try {
    const out = await step.run(ctx);
    const { findings, notes } = Array.isArray(out) ? { findings: out, notes: [] } : out;
    const failing = findings.filter((f) => !f.acceptedBecause);
    return { ...base, status: failing.length ? 'fail' : 'pass', findings, notes, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const finding: Finding =
      err instanceof CouldNotRun
        ? { artefact: err.artefact, rule: 'the step could run', problem: err.message, fix: err.fix }
        : {
            artefact: '(the check itself)',
            rule: 'the step could run',
            problem: err instanceof Error ? (err.stack ?? err.message) : String(err),
            fix: 'This is a defect of the check or its tools; rerun with `npm run check -- --only <step>` and report it.',
          };
    return { ...base, status: 'error', findings: [finding], notes: [], ms: Math.round(performance.now() - started) };
  }
}

function exitCodeOf(results: StepResult[]): number {
  let code = EXIT.clean as number;
  for (const r of results) {
    if (r.status === 'error') code |= EXIT.couldNotRun;
    if (r.status === 'fail') code |= r.kind === 'drift' ? EXIT.drift : EXIT.breaking;
  }
  return code;
}

function formatStep(r: StepResult): string {
  const mark = r.status === 'pass' ? '✔' : r.status === 'fail' ? '✖' : '⚠';
  const what = r.status === 'error' ? 'could not run' : r.status === 'fail' ? `${r.findings.filter((f) => !f.acceptedBecause).length} failure(s)` : 'ok';
  const lines = [`${mark} ${r.step}: ${what} (${(r.ms / 1000).toFixed(1)} s)`];
  for (const f of r.findings) {
    const head = f.acceptedBecause ? '  accepted' : '  ✖';
    lines.push(`${head} ${f.artefact}`);
    lines.push(`      rule:    ${f.rule}`);
    lines.push(`      problem: ${indent(f.problem)}`);
    if (f.acceptedBecause) lines.push(`      reason:  ${f.acceptedBecause}`);
    else lines.push(`      fix:     ${f.fix}`);
    if (f.id) lines.push(`      id:      ${f.id}`);
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text.split('\n').join('\n               ');
}

function summary(report: CheckReport, reportPath: string): string {
  const failed = report.steps.filter((s) => s.status !== 'pass').map((s) => `${s.step} (${s.status === 'error' ? 'could not run' : s.kind})`);
  const verdict = report.ok ? 'clean: spec, types and pacts agree, and nothing breaks a consumer' : `failed: ${failed.join(', ')}`;
  return `\ncheck ${verdict}; base ${report.baseRef}; exit ${report.exitCode}; report ${reportPath}\n`;
}

/** GitHub Actions workflow commands, so each failure shows up as an annotation on the pull request. */
function annotations(results: StepResult[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return results
    .flatMap((r) =>
      r.findings
        .filter((f) => !f.acceptedBecause)
        .map((f) => `::error title=${esc(`npm run check › ${r.step}: ${f.rule}`).replace(/[:,]/g, ' ')}::${esc(`${f.artefact}: ${f.problem}\nFix: ${f.fix}${f.id ? `\nid: ${f.id}` : ''}`)}\n`),
    )
    .join('');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await run(process.argv.slice(2));
}
