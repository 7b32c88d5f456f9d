// The drift gate as a library: `runCheck(options)` runs every selected step, even after one fails, and returns
// one report of every failure as (artefact, rule, fix), with an exit code that says what kind of failure it was
// (see docs/ci.md). It is parameterised by repository, spec, pacts and base, so it gates any repository:
//   lint     the spec lints clean and every example validates          (drift)
//   types    the generated types are what the spec generates now; tsc passes (drift)
//   pacts    the committed pacts are what the consumer tests generate    (drift)
//   allowed  every pact interaction is allowed by the spec               (drift)
//   breaking no change against the base breaks clients or a pact         (breaking)
// `main.ts` is the command around it (flags, printing, the report file).
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { defaultSpecPath } from '../spec/paths.ts';
import { TYPES_FILE } from '../generate/index.ts';
import { allowedStep } from './allowed.ts';
import { ACCEPT_FILE, breakingStep, type BreakingOutcome } from './breaking.ts';
import { rel, type CheckContext } from './context.ts';
import { lintStep } from './lint.ts';
import { CouldNotRun, EXIT, STEP_NAMES, type Finding, type Kind, type StepName, type StepResult } from './model.ts';
import { CONSUMER_TESTS, reproducibleStep } from './reproducible.ts';
import { typesStep } from './types.ts';

export { EXIT, STEP_NAMES, type Finding, type Kind, type StepName, type StepResult } from './model.ts';

interface Step {
  name: StepName;
  title: string;
  kind: Kind;
  run: (ctx: CheckContext) => Promise<Finding[] | BreakingOutcome>;
  /** Why the step has nothing to check in this repository (then, unless asked for by name, it is skipped). */
  inapplicable?: (ctx: CheckContext) => string | undefined;
}

const ownSpec = (ctx: CheckContext) =>
  relative(ctx.root, ctx.specPath).startsWith('..') ? `the spec (${rel(ctx, ctx.specPath)}) is not part of this repository` : undefined;

const STEPS: Step[] = [
  { name: 'lint', title: 'the spec lints clean and every example validates', kind: 'drift', run: lintStep, inapplicable: ownSpec },
  {
    name: 'types',
    title: 'generated types are up to date and tsc passes',
    kind: 'drift',
    run: typesStep,
    inapplicable: (ctx) => ownSpec(ctx) ?? (existsSync(ctx.typesPath) ? undefined : `there are no generated types at ${rel(ctx, ctx.typesPath)}`),
  },
  {
    name: 'pacts',
    title: 'committed pacts equal what the consumer tests generate',
    kind: 'drift',
    run: reproducibleStep,
    inapplicable: (ctx) => (hasConsumerPactTests(ctx.root) ? undefined : `there are no consumer pact tests (${CONSUMER_TESTS}/*.pact.test.ts) to regenerate the pacts`),
  },
  { name: 'allowed', title: 'every pact interaction is allowed by the spec', kind: 'drift', run: allowedStep },
  { name: 'breaking', title: 'no breaking change against the base', kind: 'breaking', run: breakingStep, inapplicable: ownSpec },
];

function hasConsumerPactTests(root: string): boolean {
  const dir = join(root, CONSUMER_TESTS);
  return existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.pact.test.ts'));
}

export interface CheckOptions {
  /** The repository to check (default: the working directory). Other relative paths resolve against it. */
  root?: string;
  /** The spec (default: openapi/profile-service.yaml in `root`, else the kit's published spec). */
  spec?: string;
  /** The folder of pact files (default: pacts/). */
  pacts?: string;
  /**
   * The git ref step "breaking" compares with (default: CONTRACT_BASE_REF, else the pull request's target or the
   * default branch, at its merge base with HEAD; see base.ts).
   */
  base?: string;
  /**
   * The steps to run (default: every step this repository has something for: a consumer team's repository
   * without a spec of its own gets `allowed`, its pacts against the kit's published spec).
   */
  steps?: readonly StepName[];
  /** Steps to leave out of the default set. */
  skip?: readonly StepName[];
  /** See CheckContext.opticSeverity (default: error). */
  opticSeverity?: 'error' | 'warn';
  /** Called when a step starts and when it ends (for progress output). */
  onStep?: (event: { step: StepName; title: string; result?: StepResult }) => void;
}

export interface CheckReport {
  ok: boolean;
  exitCode: number;
  /** The ref step "breaking" compared with (`(not compared)` when it did not run). */
  baseRef: string;
  /** What was compared with what, and why that base, e.g. `openapi/x.yaml in the working tree against HEAD (...)`. */
  compared?: string;
  steps: StepResult[];
}

/** The context the steps run in, from the options; `tmp` is the run's private temporary folder. */
export function createContext(options: CheckOptions, tmp: string): CheckContext {
  const root = resolve(options.root ?? process.cwd());
  const specPath = options.spec ? resolve(root, options.spec) : defaultSpecPath(root);
  return {
    root,
    specPath,
    pactDir: resolve(root, options.pacts ?? 'pacts'),
    typesPath: resolve(root, TYPES_FILE),
    acceptPath: join(dirname(specPath), ACCEPT_FILE),
    base: options.base,
    opticSeverity: options.opticSeverity ?? 'error',
    tmp,
    memo: new Map(),
  };
}

export async function runCheck(options: CheckOptions = {}): Promise<CheckReport> {
  const tmp = await mkdtemp(join(tmpdir(), 'profile-contracts-check-'));
  const ctx = createContext(options, tmp);
  const selected = STEPS.filter((s) => (options.steps ?? STEP_NAMES).includes(s.name) && !options.skip?.includes(s.name));
  let results: StepResult[];
  try {
    // The steps run side by side (most of their time is spent in tools waiting on each other's CPU or on disk);
    // results are reported in the steps' fixed order as soon as the ones before are done.
    for (const step of selected) options.onStep?.({ step: step.name, title: step.title });
    const running = selected.map((step) => {
      const why = options.steps ? undefined : step.inapplicable?.(ctx);
      return why ? Promise.resolve(skipped(step, why)) : runStep(step, ctx);
    });
    results = [];
    for (const [i, p] of running.entries()) {
      const result = await p;
      results.push(result);
      options.onStep?.({ step: selected[i]!.name, title: selected[i]!.title, result });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const steps = dedupe(results);
  const exitCode = exitCodeOf(steps);
  return {
    ok: exitCode === EXIT.clean,
    exitCode,
    baseRef: ctx.comparison?.base ?? options.base ?? '(not compared)',
    ...(ctx.comparison ? { compared: ctx.comparison.how } : {}),
    steps,
  };
}

/**
 * One finding per problem: a pact interaction that a spec change breaks is reported once, by "breaking" (it is
 * the change's doing), not again by "allowed" in the same words. An accepted break stays in "allowed": the pact
 * must still be brought in line with the spec.
 */
function dedupe(results: StepResult[]): StepResult[] {
  const breaking = results.find((r) => r.step === 'breaking');
  if (!breaking) return results;
  const key = (f: Finding) => `${f.artefact}\u0000${f.problem}`;
  const reported = new Set(breaking.findings.filter((f) => !f.acceptedBecause).map(key));
  return results.map((r) => {
    if (r.step !== 'allowed' || r.status === 'error') return r;
    const kept = r.findings.filter((f) => !reported.has(key(f)));
    const moved = r.findings.length - kept.length;
    if (moved === 0) return r;
    return {
      ...r,
      findings: kept,
      status: kept.some((f) => !f.acceptedBecause) ? 'fail' : 'pass',
      notes: [...r.notes, `${moved} finding(s) reported under "breaking" instead: the change against the base causes them.`],
    };
  });
}

function skipped(step: Step, why: string): StepResult {
  return { step: step.name, title: step.title, kind: step.kind, status: 'skipped', findings: [], notes: [`skipped: ${why}.`], ms: 0 };
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
            fix: 'This is a defect of the check or its tools; rerun with `profile-contracts check --only <step>` and report it.',
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
