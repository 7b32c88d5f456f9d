// `profile-contracts check` (`npm run check` here): flags to CheckOptions, progress and findings on stdout, the
// JSON report to a file, and the exit code of the report. Works in any repository: every default resolves
// against the working directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, runCheck, STEP_NAMES, type StepName } from './index.ts';
import { annotations, formatStep, summary } from './report.ts';

const USAGE = `usage: profile-contracts check [options]     (in this repository: npm run check -- [options])

Runs every step and reports every failure. Steps: ${STEP_NAMES.join(', ')}.

options:
  --spec FILE       the spec to check (default: openapi/profile-service.yaml, else the kit's published spec)
  --pacts DIR       the pact files (default: pacts)
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

export async function run(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseArgs({
      args: argv,
      options: {
        spec: { type: 'string' },
        pacts: { type: 'string' },
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
    return usageError(err instanceof Error ? err.message : String(err));
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return EXIT.clean;
  }
  // Steps named by --only run even where the repository has nothing for them; by default those are skipped.
  let steps: StepName[] | undefined;
  let skip: StepName[] | undefined;
  try {
    if (opts.only) steps = selectSteps(opts.only, opts.skip);
    else if (opts.skip) skip = list(opts.skip, '--skip');
  } catch (err) {
    return usageError((err as Error).message);
  }
  const opticSeverity = opts['optic-severity'] ?? (process.env.CONTRACT_OPTIC_SEVERITY || 'error');
  if (opticSeverity !== 'error' && opticSeverity !== 'warn') {
    return usageError(`--optic-severity / CONTRACT_OPTIC_SEVERITY must be "error" or "warn", not "${opticSeverity}".`);
  }

  const report = await runCheck({
    spec: opts.spec,
    pacts: opts.pacts,
    base: opts.base,
    steps,
    skip,
    opticSeverity,
    onStep: opts.json
      ? undefined
      : ({ step, title, result }) => process.stdout.write(result ? formatStep(result) : `… ${step}: ${title}\n`),
  });
  const reportPath = resolve(opts.report ?? 'reports/check.json');
  await mkdir(dirname(reportPath), { recursive: true });
  await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(summary(report, reportPath));
  if (process.env.GITHUB_ACTIONS === 'true') process.stdout.write(annotations(report.steps));
  return report.exitCode;
}

function usageError(message: string): number {
  process.stderr.write(`${message}\n\n${USAGE}`);
  return EXIT.usage;
}

function list(s: string, flag: string): StepName[] {
  const names = s.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(STEP_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`${flag}: unknown step ${unknown.map((u) => `"${u}"`).join(', ')}; the steps are ${STEP_NAMES.join(', ')}.`);
  return names as StepName[];
}

function selectSteps(only: string, skip: string | undefined): StepName[] {
  let selected: StepName[] = list(only, '--only');
  if (skip) {
    const skipped = list(skip, '--skip');
    selected = selected.filter((s) => !skipped.includes(s));
  }
  return selected;
}
