// Step "breaking" end to end on temporary copies of the repository (git, Optic, the kit's own pacts, the
// acceptance file, the base chosen without configuration). The classes of change one by one are in
// coverage.test.ts (pure functions, no copies); here each case is one whole run of the command as CI makes it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { at, editSpec, type Doc } from './support/spec-edit.ts';
import { findings, repoCopies, type CheckOutcome, type Copy } from './support/repo-copy.ts';

const git = promisify(execFile);
const { slot, fresh } = repoCopies(2);
// Cases queue for a slot, so a case's time includes waiting for others (no timing is asserted).
const CASE_TIMEOUT = 600_000;

async function changed(name: string, edit: (doc: Doc) => void, args = ['--only', 'breaking']): Promise<CheckOutcome & { copy: Copy }> {
  return slot(async () => {
    const copy = await fresh(name);
    await editSpec(copy, edit);
    await copy.generate();
    return { copy, ...(await copy.check(args)) };
  });
}

const mediaObject = (doc: Doc) => at(doc, 'components', 'schemas', 'MediaObject');
const show = (o: CheckOutcome) => findings(o.report).map((f) => `[${f.step}] ${f.artefact} ${f.rule}: ${f.problem}`).join('\n') || '(no findings)';

describe.concurrent('npm run check on a breaking change', { timeout: CASE_TIMEOUT }, () => {
  it('removing a response property the pacts read fails with exit 2, and each problem is reported once', async () => {
    const o = await changed(
      'remove-content-size',
      (doc) => {
        const s = mediaObject(doc);
        delete at(s, 'properties').contentSize;
        s.required = (s.required as string[]).filter((r) => r !== 'contentSize');
      },
      ['--only', 'allowed,breaking'],
    );
    expect(o.exitCode, show(o)).toBe(2);
    const all = findings(o.report);
    expect(all.filter((f) => f.step === 'breaking' && /prevent removing response property/.test(f.rule) && /contentSize/.test(f.problem)), show(o)).not.toHaveLength(0);
    expect(all.filter((f) => f.rule.startsWith('consumer-aware')), show(o)).not.toHaveLength(0);
    // One finding per problem: "allowed" does not repeat what "breaking" reports, and no step repeats itself.
    const keys = all.map((f) => `${f.artefact} | ${f.problem}`);
    expect(keys.length - new Set(keys).size, show(o)).toBe(0);
    const allowed = o.report.steps.find((s) => s.step === 'allowed')!;
    expect(allowed.status).toBe('pass');
    expect(allowed.notes.join('\n')).toMatch(/reported under "breaking" instead/);
    // Every breaking finding carries the id an acceptance would use and says how to fix it.
    for (const f of all) {
      expect(f.id).toBeTruthy();
      expect(f.fix).toMatch(/accept/i);
    }
    expect(o.stdout + o.stderr).not.toMatch(/Error:/);
  });

  it('adding an optional response property passes types, allowed and breaking', async () => {
    const o = await changed(
      'optional-property',
      (doc) => {
        at(mediaObject(doc), 'properties').thumbnailUrl = { type: 'string', format: 'uri-reference', description: 'A small preview.' };
      },
      // With `types`: after `npm run generate` the same change that is drift without it (gate.test.ts) passes.
      ['--only', 'types,allowed,breaking'],
    );
    expect(o.exitCode, show(o)).toBe(0);
    expect(o.report.steps.map((s) => s.status)).toEqual(['pass', 'pass', 'pass']);
    expect(await o.copy.read('src/generated/profile-service.ts')).toContain('thumbnailUrl');
  });

  it('an accepted break passes, a stale acceptance is a note, and an acceptance without a reason cannot run (exit 4)', async () => {
    const first = await changed('accepted', (doc) => {
      delete at(doc, 'paths', '/me/profileimage').delete;
    });
    expect(first.exitCode, show(first)).toBe(2);
    const ids = findings(first.report).map((f) => f.id!);
    expect(ids.length).toBeGreaterThan(0);
    const reason = "Removed with consumers' agreement (ticket 42).";
    const accepted = [...ids, 'optic:gone:/paths/~1nothing'].map((id) => `  - id: ${JSON.stringify(id)}\n    reason: ${reason}\n`);
    await first.copy.write('openapi/accepted-breaking-changes.yaml', `accepted:\n${accepted.join('')}`);
    const second = await first.copy.check(['--only', 'breaking']);
    expect(second.exitCode, show(second)).toBe(0);
    const step = second.report.steps[0]!;
    expect(step.findings.every((f) => f.acceptedBecause === reason)).toBe(true);
    expect(step.notes.join('\n')).toMatch(/optic:gone:\/paths\/~1nothing.*matches no breaking change/);

    await first.copy.write('openapi/accepted-breaking-changes.yaml', `accepted:\n  - id: ${JSON.stringify(ids[0])}\n`);
    const third = await first.copy.check(['--only', 'breaking']);
    expect(third.exitCode).toBe(4);
    expect(findings(third.report)[0]!.fix).toMatch(/reason/);
  });
});

describe('the base, without configuration', { timeout: CASE_TIMEOUT }, () => {
  it('a break committed on a feature branch is caught against its merge base; the report says what was compared', async () => {
    await slot(async () => {
      const copy = await fresh('feature-branch');
      const g = (...args: string[]) => git('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: copy.dir });
      await g('checkout', '-q', '-b', 'feature');
      await editSpec(copy, (doc) => {
        delete at(doc, 'paths', '/me/profileimage').delete;
      });
      await copy.generate();
      await g('commit', '-q', '-am', 'the break, committed');
      const mergeBase = (await g('rev-parse', 'main')).stdout.trim();

      const local = await copy.check(['--only', 'breaking']);
      expect(local.exitCode, show(local)).toBe(2);
      expect(local.report.baseRef).toBe(mergeBase);
      expect(local.report.compared).toMatch(/openapi\/profile-service\.yaml in the working tree against [0-9a-f]{12}, the merge base of HEAD and main \(the default branch\)/);

      const pr = await copy.check(['--only', 'breaking'], { GITHUB_BASE_REF: 'main' });
      expect(pr.exitCode, show(pr)).toBe(2);
      expect(pr.report.compared).toMatch(/merge base of HEAD and main \(the pull request's target, GITHUB_BASE_REF\)/);

      // CONTRACT_BASE_REF still overrides: against HEAD, which holds the break, nothing is new.
      const pinned = await copy.check(['--only', 'breaking'], { CONTRACT_BASE_REF: 'HEAD' });
      expect(pinned.exitCode, show(pinned)).toBe(0);
      expect(pinned.report.compared).toMatch(/against HEAD \(CONTRACT_BASE_REF\)/);
    });
  });
});
