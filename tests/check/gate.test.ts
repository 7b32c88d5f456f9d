// The drift gate as a whole on temporary copies of the repository: the clean repository passes every step;
// a spec change without `npm run generate` is drift; hand-edited pacts are drift; drift plus a breaking change
// is exit 3; a missing base ref is "could not run" (4); a bad flag is a usage error (64).
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { at, editSpec } from './support/spec-edit.ts';
import { findings, repoCopies, type CheckOutcome } from './support/repo-copy.ts';

const run = promisify(execFile);
const { slot, fresh } = repoCopies(2);
const CASE_TIMEOUT = 900_000;

const show = (o: CheckOutcome) => findings(o.report).map((f) => `[${f.step}] ${f.artefact} ${f.rule}: ${f.problem}`).join('\n') || '(no findings)';

describe.concurrent('npm run check', { timeout: CASE_TIMEOUT }, () => {
  it('passes the clean repository (every step)', async () => {
    const o = await slot(async () => (await fresh('clean')).check([]));
    expect(o.report.steps.map((s) => s.step)).toEqual(['lint', 'types', 'pacts', 'allowed', 'breaking']);
    expect(o.exitCode, show(o)).toBe(0);
  });

  it('fails a spec change without `npm run generate` (types drift)', async () => {
    await slot(async () => {
      const copy = await fresh('no-generate');
      await editSpec(copy, (doc) => {
        at(doc, 'components', 'schemas', 'MediaObject', 'properties').thumbnailUrl = { type: 'string' };
      });
      const stale = await copy.check(['--only', 'types']);
      expect(stale.exitCode, show(stale)).toBe(1);
      const drift = findings(stale.report).filter((f) => f.rule === 'generated files are up to date with the spec');
      expect(drift.map((f) => f.artefact), show(stale)).toEqual(['src/generated/profile-service.ts', 'src/generated/profile-service.document.ts']);
      for (const f of drift) expect(f.fix).toMatch(/npm run generate/);
      // The same change after `npm run generate` passes: breaking.test.ts, "adding an optional response property".
    });
  });

  it('passes pacts the consumer tests reproduce, and fails a hand-edited pact', async () => {
    await slot(async () => {
      const copy = await fresh('pacts');
      // Commit-equivalent: the copy's pacts/ is what its consumer tests write now.
      await run(join(copy.dir, 'node_modules/.bin/vitest'), ['run', 'tests/consumer'], {
        cwd: copy.dir,
        env: { ...process.env, PACT_DIR: join(copy.dir, 'pacts') },
        maxBuffer: 64 << 20,
      });
      const files = (await readdir(join(copy.dir, 'pacts'))).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      // A second generation differs in Pact's random multipart boundaries only; the gate must see them as equal.
      const same = await copy.check(['--only', 'pacts']);
      expect(same.exitCode, show(same)).toBe(0);

      const edited = `pacts/${files[0]}`;
      const pact = JSON.parse(await copy.read(edited)) as { interactions: { description: string }[] };
      pact.interactions[0]!.description += ' (edited by hand)';
      await copy.write(edited, JSON.stringify(pact, null, 2));
      const o = await copy.check(['--only', 'pacts']);
      expect(o.exitCode, show(o)).toBe(1);
      expect(findings(o.report), show(o)).toContainEqual(
        expect.objectContaining({ artefact: edited, rule: 'the committed pacts equal what the consumer tests generate' }),
      );
    });
  });

  it('exits 3 for drift and a breaking change together', async () => {
    const o = await slot(async () => {
      const copy = await fresh('both');
      await editSpec(copy, (doc) => {
        delete at(doc, 'paths', '/me/profileimage').delete;
      });
      // No `npm run generate`: the types drift as well.
      return copy.check(['--only', 'types,breaking']);
    });
    expect(o.exitCode, show(o)).toBe(3);
    expect(o.report.steps.map((s) => s.status)).toEqual(['fail', 'fail']);
  });

  it('exits 4 when the base ref does not exist, and says how to get it', async () => {
    const o = await slot(async () => (await fresh('no-base')).check(['--only', 'breaking', '--base', 'origin/no-such-branch']));
    expect(o.exitCode).toBe(4);
    expect(o.report.steps[0]!.status).toBe('error');
    expect(findings(o.report)[0]!.fix).toMatch(/fetch-depth: 0/);
  });

  it('reads the base from CONTRACT_BASE_REF', async () => {
    const o = await slot(async () => (await fresh('env-base')).check(['--only', 'breaking'], { CONTRACT_BASE_REF: 'refs/heads/no-such' }));
    expect(o.report.baseRef).toBe('refs/heads/no-such');
    expect(o.exitCode).toBe(4);
  });
});

describe('npm run check flags', () => {
  it('rejects an unknown step with exit 64 and names the steps', async () => {
    const err = await run('node_modules/.bin/tsx', ['src/cli/bin.ts', 'check', '--only', 'lint,nope'], { cwd: join(import.meta.dirname, '../..') }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(64);
    expect(err?.stderr).toMatch(/unknown step "nope".*lint, types, pacts, allowed, breaking/);
  });
});
