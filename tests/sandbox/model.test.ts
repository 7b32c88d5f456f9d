// Model-based property test of every target (the sandbox, the MSW handlers; issue 3, "Tests that must exist"
// 2): random short sequences of operations by several users, checked after every step against the small model
// in support/model.ts. The second test proves the property has teeth: against a target with a deliberate
// replace-deletes-old fault (tests/mutants/faults.ts, through the `rules` seam), fast-check must find a
// counterexample.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelProperty } from './support/model.ts';
import { fault } from '../mutants/faults.ts';
import { startTarget, type RunningSandbox } from './support/sandbox.ts';
import { mswTarget, TARGETS, type Target } from './support/targets.ts';

/**
 * Sequences per target: 1000 against the sandbox; fewer against the MSW handlers, which run the same
 * operations (src/sandbox/service.ts) and differ only in their thin adapter, to keep `npm test` short.
 */
const runsFor = (target: Target): number => (target === mswTarget ? 300 : 1000);

describe.each(TARGETS)('$name against the model', (target) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTarget(target);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const RUNS = runsFor(target);
  it(`keeps every one of ${RUNS} random operation sequences equal to the model after every step`, async () => {
    const result = await fc.check(modelProperty(sandbox.api, 6), { numRuns: RUNS });
    expect(result.failed, `${fc.defaultReportMessage(result)}\n${String(result.errorInstance)}`).toBe(false);
    // The count is part of the claim (the number in the test name), so it is asserted, not assumed.
    expect(result.numRuns).toBe(RUNS);
  }, 120_000);
});

describe.each(TARGETS)('the model catches a broken $name', (target) => {
  let faulty: RunningSandbox;
  beforeAll(async () => {
    faulty = await startTarget(target, { rules: fault('replace-deletes-old').overrides.rules });
  });
  afterAll(async () => {
    await faulty?.close();
  });

  it('finds a counterexample when a new ProfileImage deletes the old one', async () => {
    const result = await fc.check(modelProperty(faulty.api, 6), { numRuns: runsFor(target) });
    expect(result.failed, 'fast-check found no counterexample against replace-deletes-old').toBe(true);
    // The shrunk counterexample must replace a profile image: two ProfileImage uploads by one user.
    const shrunk = String(result.counterexample?.[0]);
    const uploads = [...shrunk.matchAll(/\bProfileImage\(u(\d)/g)].map((m) => m[1]);
    expect(uploads.length, shrunk).toBeGreaterThanOrEqual(2);
    expect(new Set(uploads).size, shrunk).toBeLessThan(uploads.length);
  }, 120_000);
});
