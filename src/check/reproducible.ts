// Step 3: the committed pacts are exactly what the consumer tests generate now. The consumer pact tests
// (tests/consumer/*.pact.test.ts) run with PACT_DIR pointing at a temporary folder, and each pact is compared (in
// a normal form: sorted interactions, Pact's random multipart boundary fixed) with the committed copy.
//
// Regenerating takes seconds, so what the tests generated is kept in the OS temp folder under a hash of
// everything that can change it: the content of every file git would commit (tracked and new), except the pacts
// themselves and documentation. The same inputs give the same pacts, so an unchanged repository reuses them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CACHE_DIR } from '../spec/load.ts';
import { rel, type CheckContext } from './context.ts';
import { exec, tail, tool } from './exec.ts';
import { CouldNotRun, type Finding } from './model.ts';
import { firstDifference, loadPacts, normalisePact } from './pacts.ts';

/** Where the kit's layout keeps the consumer tests that write the pacts. */
export const CONSUMER_TESTS = 'tests/consumer';

export async function reproducibleStep(ctx: CheckContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  const pactLabel = rel(ctx, ctx.pactDir);
  const testDir = resolve(ctx.root, CONSUMER_TESTS);
  const testFiles = existsSync(testDir) ? (await readdir(testDir)).filter((n) => n.endsWith('.pact.test.ts')).sort() : [];
  if (testFiles.length === 0) {
    throw new CouldNotRun(
      `there are no consumer pact tests (${CONSUMER_TESTS}/*.pact.test.ts) to regenerate the pacts with.`,
      'In a repository that does not generate its pacts this way, skip the step: --skip pacts.',
    );
  }
  const key = await inputsKey(ctx);
  const cached = key ? join(CACHE_DIR, `pacts-${key}`) : undefined;
  let fresh: string;
  if (cached && existsSync(join(cached, '.complete'))) {
    fresh = cached;
  } else {
    fresh = join(ctx.tmp, 'pacts-now');
    await mkdir(fresh, { recursive: true });
    // --retry=1 as in `npm run test:consumer`: on a loaded machine a Pact mock server now and then misses a
    // request; a real mismatch fails the retry too, and only passing tests write pacts.
    const r = await exec(tool(ctx.root, 'vitest'), ['run', ...testFiles.map((f) => `${CONSUMER_TESTS}/${f}`), '--retry=1'], {
      cwd: ctx.root,
      env: { PACT_DIR: fresh },
      timeoutMs: 600_000,
    });
    if (r.timedOut) throw new CouldNotRun('the consumer tests did not finish within 10 minutes.', 'Run `npm run test:consumer` to see why.');
    if (r.code !== 0) {
      findings.push({
        artefact: CONSUMER_TESTS,
        rule: 'the consumer tests pass (they generate the pacts)',
        problem: `vitest run ${CONSUMER_TESTS} failed (exit ${r.code}):\n${tail(r.stdout + r.stderr, 25)}`,
        fix: 'Fix the failing consumer test (`npm run test:consumer`); the pacts can only be compared once they pass.',
      });
      return findings;
    }
    if (cached) await remember(fresh, cached);
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

/** A hash of every input of the consumer tests, or undefined when git cannot list them (then nothing is cached). */
async function inputsKey(ctx: CheckContext): Promise<string | undefined> {
  const r = await exec('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ctx.root, timeoutMs: 30_000 });
  if (r.code !== 0) return undefined;
  const pacts = relative(ctx.root, ctx.pactDir);
  const files = r.stdout
    .split('\0')
    .filter((f) => f && !(f === pacts || f.startsWith(`${pacts}/`)) && !f.startsWith('docs/') && !f.endsWith('.md'))
    .sort();
  const hash = createHash('sha256').update(`${process.version}\n`);
  for (const f of files) {
    // A listed file may be deleted in the working tree right now; its absence is part of the state.
    const content = await readFile(join(ctx.root, f)).catch(() => Buffer.from('(deleted)'));
    hash.update(`${f}\0${createHash('sha256').update(content).digest('hex')}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Keep generated pacts for the next run; a failure to write only costs a regeneration next time. */
async function remember(fresh: string, cached: string): Promise<void> {
  const partial = `${cached}.${process.pid}.tmp`;
  try {
    await mkdir(CACHE_DIR, { recursive: true, mode: 0o700 });
    await cp(fresh, partial, { recursive: true });
    await writeFile(join(partial, '.complete'), '');
    await rename(partial, cached);
  } catch {
    await rm(partial, { recursive: true, force: true });
  }
}
