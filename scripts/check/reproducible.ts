// Step 3: the committed pacts are exactly what the consumer tests generate now. The consumer tests run with
// PACT_DIR pointing at a temporary folder, and each pact is compared (in a normal form: sorted interactions,
// Pact's random multipart boundary fixed) with the committed copy.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rel, type CheckContext } from './context.ts';
import { bin, exec, tail } from './exec.ts';
import { CouldNotRun, type Finding } from './model.ts';
import { firstDifference, loadPacts, normalisePact } from './pacts.ts';

export async function reproducibleStep(ctx: CheckContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  const fresh = join(ctx.tmp, 'pacts-now');
  await mkdir(fresh, { recursive: true });
  const pactLabel = rel(ctx, ctx.pactDir);
  if (existsSync(resolve(ctx.root, 'tests/consumer'))) {
    // --retry=1 as in `npm run test:consumer`: on a loaded machine a Pact mock server now and then misses a
    // request; a real mismatch fails the retry too, and only passing tests write pacts.
    const r = await exec(bin(ctx.root, 'vitest'), ['run', 'tests/consumer', '--passWithNoTests', '--retry=1'], {
      cwd: ctx.root,
      env: { PACT_DIR: fresh },
      timeoutMs: 600_000,
    });
    if (r.timedOut) throw new CouldNotRun('the consumer tests did not finish within 10 minutes.', 'Run `npm run test:consumer` to see why.');
    if (r.code !== 0) {
      findings.push({
        artefact: 'tests/consumer',
        rule: 'the consumer tests pass (they generate the pacts)',
        problem: `vitest run tests/consumer failed (exit ${r.code}):\n${tail(r.stdout + r.stderr, 25)}`,
        fix: 'Fix the failing consumer test (`npm run test:consumer`); the pacts can only be compared once they pass.',
      });
      return findings;
    }
  }
  const committed = new Map((await loadPacts(ctx.pactDir, pactLabel)).map((p) => [p.name.split('/').pop()!, p]));
  const generated = new Map((await loadPacts(fresh, pactLabel)).map((p) => [p.name.split('/').pop()!, p]));
  for (const [name, now] of generated) {
    const old = committed.get(name);
    if (!old) {
      findings.push({
        artefact: `${pactLabel}/${name}`,
        rule: 'the committed pacts equal what the consumer tests generate',
        problem: 'The consumer tests generate this pact, but it is not committed.',
        fix: 'Run `npm run test:consumer` and commit the pacts/ folder.',
      });
      continue;
    }
    const diff = firstDifference(normalisePact(old.json), normalisePact(now.json));
    if (diff) {
      findings.push({
        artefact: `${pactLabel}/${name}`,
        rule: 'the committed pacts equal what the consumer tests generate',
        problem: `The committed pact differs from the generated one at ${diff}.`,
        fix: 'Run `npm run test:consumer` and commit the regenerated pact (pacts are never edited by hand).',
      });
    }
  }
  for (const name of committed.keys()) {
    if (!generated.has(name)) {
      findings.push({
        artefact: `${pactLabel}/${name}`,
        rule: 'the committed pacts equal what the consumer tests generate',
        problem: 'This pact is committed, but no consumer test generates it any more.',
        fix: 'Delete the stale pact file (or restore the consumer test that wrote it).',
      });
    }
  }
  return findings;
}
