// Step 4 (every pact interaction is allowed by the spec) and the consumer-aware rule of step 5, on copies of
// the repository whose pacts/ holds fixture pacts with known content. These are the checks
// swagger-mock-validator cannot do (multipart part names, message pacts against `webhooks`), and breaking
// changes only a consumer's pact reveals: Optic does not look at optional request parts or at webhooks.
import { describe, expect, it } from 'vitest';
import { writeFixturePacts, type FixtureOptions } from './support/fixture-pacts.ts';
import { at, editSpec, renameKey, type Doc } from './support/spec-edit.ts';
import { findings, repoCopies, type CheckOutcome } from './support/repo-copy.ts';

const { slot, fresh } = repoCopies(3);
const CASE_TIMEOUT = 600_000;

async function scenario(name: string, pacts: FixtureOptions, steps: string, edit?: (doc: Doc) => void): Promise<CheckOutcome> {
  return slot(async () => {
    const copy = await fresh(name);
    await writeFixturePacts(copy, pacts);
    if (edit) {
      await editSpec(copy, edit);
      await copy.generate();
    }
    return copy.check(['--only', steps]);
  });
}

const show = (o: CheckOutcome) => findings(o.report).map((f) => `[${f.step}] ${f.rule}: ${f.problem}`).join('\n') || '(no findings)';
const rules = (o: CheckOutcome) => findings(o.report).map((f) => `${f.rule} :: ${f.problem}`);

describe.concurrent('step "allowed": every pact interaction is allowed by the spec', { timeout: CASE_TIMEOUT }, () => {
  it('passes pacts that keep to the spec', async () => {
    const o = await scenario('allowed-clean', {}, 'allowed');
    expect(o.exitCode, show(o)).toBe(0);
  });

  it('fails a multipart part the spec does not declare', async () => {
    const o = await scenario('allowed-unknown-part', { parts: ['file', 'avatar'] }, 'allowed');
    expect(o.exitCode, show(o)).toBe(1);
    expect(rules(o)).toContainEqual(expect.stringMatching(/multipart part names exist in the spec :: .*"avatar".*declared parts: .*file/));
  });

  it('fails an upload without the required part', async () => {
    const o = await scenario('allowed-missing-part', { parts: ['name'] }, 'allowed');
    expect(o.exitCode, show(o)).toBe(1);
    expect(rules(o)).toContainEqual(expect.stringMatching(/required multipart parts are sent :: .*"file"/));
  });

  it('fails a response property the spec does not declare (swagger-mock-validator)', async () => {
    const o = await scenario('allowed-extra-response', { extraResponse: { thumbnail: 'x' } }, 'allowed');
    expect(o.exitCode, show(o)).toBe(1);
    expect(rules(o)).toContainEqual(expect.stringMatching(/swagger-mock-validator response\.body\.incompatible :: POST \/media: .*thumbnail/));
  });

  it('fails message metadata outside ProfileNotificationProperties', async () => {
    const o = await scenario('allowed-bad-metadata', { metadata: { eventTrigger: 'Updated' } }, 'allowed');
    expect(o.exitCode, show(o)).toBe(1);
    expect(rules(o)).toContainEqual(expect.stringMatching(/message metadata match ProfileNotificationProperties :: metadata\/eventTrigger: must be equal to one of the allowed values/));
  });

  it('fails message contents that are not a Person', async () => {
    const o = await scenario('allowed-bad-contents', { contents: { identificationLevel: 'Anonymous', avatarUrl: 'x' } }, 'allowed');
    expect(o.exitCode, show(o)).toBe(1);
    expect(rules(o)).toContainEqual(expect.stringMatching(/message contents match the Person schema :: contents\/identificationLevel/));
    expect(rules(o)).toContainEqual(expect.stringMatching(/message contents match the Person schema :: contents\.avatarUrl is not declared/));
  });
});

describe.concurrent('step "breaking": the consumer-aware rule', { timeout: CASE_TIMEOUT }, () => {
  const renameNamePart = (doc: Doc) => renameKey(at(doc, 'components', 'schemas', 'MediaUpload', 'properties'), 'name', 'title');
  const retypeEntityName = (doc: Doc) => {
    at(doc, 'components', 'schemas', 'ProfileNotificationProperties', 'properties', 'entityName').type = 'integer';
  };

  it('a pact that already disagrees with the base spec is drift, not a breaking change', async () => {
    const o = await scenario(
      'consumer-preexisting',
      { parts: ['file', 'avatar'], contents: { avatarUrl: 'x' }, metadata: { eventTrigger: 'Updated' } },
      'allowed,breaking',
    );
    expect(o.exitCode, show(o)).toBe(1);
    expect(o.report.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['allowed:fail', 'breaking:pass']);
  });

  it('renaming an optional multipart part a pact sends is an error', async () => {
    const o = await scenario('consumer-part', {}, 'breaking', renameNamePart);
    expect(o.exitCode, show(o)).toBe(2);
    expect(rules(o)).toContainEqual(expect.stringMatching(/^consumer-aware: .*multipart part names exist in the spec\) :: .*"name"/));
  });

  it('…and the same change passes when no pact sends that part', async () => {
    const o = await scenario('consumer-part-unused', { parts: ['file'] }, 'breaking', renameNamePart);
    expect(o.exitCode, show(o)).toBe(0);
  });

  it('changing a notification property a message pact reads is an error (the differ does not see webhooks)', async () => {
    const o = await scenario('consumer-message', {}, 'breaking', retypeEntityName);
    expect(o.exitCode, show(o)).toBe(2);
    const hits = findings(o.report);
    expect(hits.every((f) => f.rule.startsWith('consumer-aware'))).toBe(true);
    expect(rules(o)).toContainEqual(expect.stringMatching(/metadata\/entityName: must be integer/));
  });

  it('…and the same change passes when no message pact exists', async () => {
    const o = await scenario('consumer-message-unused', { message: false }, 'breaking', retypeEntityName);
    expect(o.exitCode, show(o)).toBe(0);
  });
});

describe.concurrent('step "breaking" with --optic-severity warn: only what a pact uses fails', { timeout: CASE_TIMEOUT }, () => {
  // The fixture pacts use POST /media only (and the notification webhook).
  async function warnMode(name: string, edit: (doc: Doc) => void): Promise<CheckOutcome> {
    return slot(async () => {
      const copy = await fresh(name);
      await writeFixturePacts(copy, {});
      await editSpec(copy, edit);
      await copy.generate();
      return copy.check(['--only', 'breaking', '--optic-severity', 'warn']);
    });
  }

  it('a differ warning on an operation a pact uses is escalated to an error', async () => {
    const o = await warnMode('warn-used', (doc) => {
      at(doc, 'components', 'schemas', 'MediaObject', 'properties', 'contentSize').type = 'string';
    });
    expect(o.exitCode, show(o)).toBe(2);
    expect(rules(o)).toContainEqual(
      expect.stringMatching(/^optic breaking-changes: prevent response property type changes \(a warning for the differ; an error here because a pact uses POST \/media\)/),
    );
    // GET /media and GET /media/{identifier} change too, but no pact uses them: notes, not failures.
    expect(findings(o.report).map((f) => f.artefact).join('\n')).not.toMatch(/GET \/media/);
    expect(o.report.steps[0]!.notes.join('\n')).toMatch(/not failing \(warning, no pact uses GET \/media\)/);
  });

  it('a differ warning on an operation no pact uses does not fail', async () => {
    const o = await warnMode('warn-unused', (doc) => {
      delete at(doc, 'paths', '/me/profileimage').delete;
    });
    expect(o.exitCode, show(o)).toBe(0);
    expect(o.report.steps[0]!.notes.join('\n')).toMatch(/prevent-operation-removal/);
  });
});
