// The vocabulary every step of the drift gate (`npm run check`) reports in: a step result holds findings,
// each naming the artefact that is wrong, the rule it breaks and the fix, so one report can list every failure.

/** The five steps, in the order they run. Names are what `--only` / `--skip` take. */
export const STEP_NAMES = ['lint', 'types', 'pacts', 'allowed', 'breaking'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** Steps 1–4 find drift between artefacts; step 5 finds changes that break consumers. */
export type Kind = 'drift' | 'breaking';

export interface Finding {
  /** The file (and the place in it) that is wrong, e.g. `pacts/A-B.json › "get the person"`. */
  artefact: string;
  /** The rule it breaks, e.g. `swagger-mock-validator response.body.incompatible`. */
  rule: string;
  /** What is wrong, concretely. */
  problem: string;
  /** How to fix it. */
  fix: string;
  /** Stable id of a breaking change, to list in the acceptance file (step 5 only). */
  id?: string;
  /** Set when the change is listed in the acceptance file: the reason given there. It then does not fail. */
  acceptedBecause?: string;
}

export interface StepResult {
  step: StepName;
  title: string;
  kind: Kind;
  /**
   * `error`: the step could not run (a tool failed, the base ref is missing); its findings say why.
   * `skipped`: the repository has nothing for this step (no spec of its own, no generated types, no consumer
   * pact tests) and it was not asked for by name; its note says why.
   */
  status: 'pass' | 'fail' | 'error' | 'skipped';
  findings: Finding[];
  /** Information that does not fail the step (accepted changes, stale acceptances, differ warnings). */
  notes: string[];
  ms: number;
}

/** Exit codes are bit flags, so "drift and breaking" (3) and "could not run" (4+) stay distinguishable. */
export const EXIT = {
  clean: 0,
  drift: 1,
  breaking: 2,
  couldNotRun: 4,
  usage: 64,
} as const;

/** Thrown by a step that cannot do its work; the runner turns it into an `error` result. */
export class CouldNotRun extends Error {
  constructor(
    message: string,
    readonly fix: string,
    readonly artefact = '(the check itself)',
  ) {
    super(message);
  }
}
