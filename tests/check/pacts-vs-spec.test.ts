// Step "allowed" (every pact interaction is allowed by the spec) and the consumer-aware parts of step
// "breaking", in process: fixture pacts with known content in a temporary folder (no repository copy, no git, no
// Optic), checked against the kit's spec or an edited copy. These are the checks swagger-mock-validator cannot do
// (multipart part names, message pacts against `webhooks`) and the breaks only a consumer's pact reveals.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { allowedStep, checkPactsAgainstSpec } from '../../src/check/allowed.ts';
import { consumerBreaks, judge, pactOperations } from '../../src/check/breaking.ts';
import type { CheckContext } from '../../src/check/context.ts';
import { specChanges } from '../../src/check/diff.ts';
import { createContext } from '../../src/check/index.ts';
import type { Finding } from '../../src/check/model.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { SPEC_PATH } from '../../src/spec/paths.ts';
import { writeFixturePacts, type FixtureOptions } from './support/fixture-pacts.ts';
import { at, renameKey, type Doc } from './support/spec-edit.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A folder with the fixture pacts and, when `edit` is given, an edited copy of the kit's spec as the "head". */
async function setup(pacts: FixtureOptions, edit?: (doc: Doc) => void, opticSeverity: 'error' | 'warn' = 'error') {
  const dir = await mkdtemp(join(tmpdir(), 'check-pacts-'));
  dirs.push(dir);
  await writeFixturePacts({ dir }, pacts);
  const base = (await loadSpec()) as Doc;
  let spec = SPEC_PATH;
  let head = base;
  if (edit) {
    head = structuredClone(base);
    edit(head);
    spec = join(dir, 'head.yaml');
    await writeFile(spec, stringify(head, { aliasDuplicateObjects: false }));
  }
  const ctx = createContext({ root: dir, spec, pacts: 'pacts', opticSeverity }, dir);
  return { ctx, base, head };
}

/** What step "breaking" reports beyond the differs: pact interactions the base allowed and the head does not. */
async function consumerAware(ctx: CheckContext): Promise<Finding[]> {
  const [before, after] = await Promise.all([checkPactsAgainstSpec(ctx, SPEC_PATH, 'the base spec'), checkPactsAgainstSpec(ctx, ctx.specPath, 'head')]);
  return consumerBreaks(ctx, 'base', before, after);
}

const rules = (fs: Finding[]) => fs.map((f) => `${f.rule} :: ${f.problem}`);

describe.concurrent('step "allowed": every pact interaction is allowed by the spec', () => {
  it('passes pacts that keep to the spec', async () => {
    const { ctx } = await setup({});
    expect(rules(await allowedStep(ctx))).toEqual([]);
  });

  it('fails a multipart part the spec does not declare', async () => {
    const { ctx } = await setup({ parts: ['file', 'avatar'] });
    expect(rules(await allowedStep(ctx))).toContainEqual(expect.stringMatching(/multipart part names exist in the spec :: .*"avatar".*declared parts: .*file/));
  });

  it('fails an upload without the required part', async () => {
    const { ctx } = await setup({ parts: ['name'] });
    expect(rules(await allowedStep(ctx))).toContainEqual(expect.stringMatching(/required multipart parts are sent :: .*"file"/));
  });

  it('fails a response property the spec does not declare (swagger-mock-validator)', async () => {
    const { ctx } = await setup({ extraResponse: { thumbnail: 'x' } });
    expect(rules(await allowedStep(ctx))).toContainEqual(expect.stringMatching(/swagger-mock-validator response\.body\.incompatible :: POST \/media: .*thumbnail/));
  });

  it('fails message metadata outside ProfileNotificationProperties', async () => {
    const { ctx } = await setup({ metadata: { eventTrigger: 'Updated' } });
    expect(rules(await allowedStep(ctx))).toContainEqual(
      expect.stringMatching(/message metadata match ProfileNotificationProperties :: metadata\/eventTrigger: must be equal to one of the allowed values/),
    );
  });

  it('fails message contents that are not a Person', async () => {
    const { ctx } = await setup({ contents: { identificationLevel: 'Anonymous', avatarUrl: 'x' } });
    const found = rules(await allowedStep(ctx));
    expect(found).toContainEqual(expect.stringMatching(/message contents match the Person schema :: contents\/identificationLevel/));
    expect(found).toContainEqual(expect.stringMatching(/message contents match the Person schema :: contents\.avatarUrl is not declared/));
  });
});

describe.concurrent('step "breaking": the consumer-aware rule', () => {
  const renameNamePart = (doc: Doc) => renameKey(at(doc, 'components', 'schemas', 'MediaUpload', 'properties'), 'name', 'title');
  const retypeEntityName = (doc: Doc) => {
    at(doc, 'components', 'schemas', 'ProfileNotificationProperties', 'properties', 'entityName').type = 'integer';
  };

  it('a pact that already disagrees with the base spec is drift, not a breaking change', async () => {
    const { ctx } = await setup({ parts: ['file', 'avatar'], contents: { avatarUrl: 'x' }, metadata: { eventTrigger: 'Updated' } }, (d) => {
      d.info.description = 'unchanged contract';
    });
    expect(await allowedStep(ctx)).not.toHaveLength(0);
    expect(rules(await consumerAware(ctx))).toEqual([]);
  });

  it('renaming an optional multipart part a pact sends is an error', async () => {
    const { ctx } = await setup({}, renameNamePart);
    expect(rules(await consumerAware(ctx))).toContainEqual(expect.stringMatching(/^consumer-aware: .*multipart part names exist in the spec\) :: .*"name"/));
  });

  it('…and the same change passes when no pact sends that part', async () => {
    const { ctx } = await setup({ parts: ['file'] }, renameNamePart);
    expect(rules(await consumerAware(ctx))).toEqual([]);
  });

  it('changing a notification property a message pact reads is an error, for the pact and for the webhook rule', async () => {
    const { ctx, base, head } = await setup({}, retypeEntityName);
    expect(rules(await consumerAware(ctx))).toContainEqual(expect.stringMatching(/^consumer-aware: .* :: metadata\/entityName: must be integer/));
    expect(specChanges(base, head)).toContainEqual(expect.objectContaining({ rule: 'notification-type-changed', op: 'webhook profileNotification', severity: 'error' }));
  });

  it('…and the same change does not fail in consumer-driven mode (--optic-severity warn) when no message pact exists', async () => {
    const { ctx, base, head } = await setup({ message: false }, retypeEntityName, 'warn');
    expect(rules(await consumerAware(ctx))).toEqual([]);
    const { findings, notes } = judge(ctx, specChanges(base, head), await pactOperations(ctx, base));
    expect(rules(findings)).toEqual([]);
    expect(notes.join('\n')).toMatch(/not failing \(a warning, no pact uses webhook profileNotification\).*entityName/);
  });
});

describe.concurrent('step "breaking" with --optic-severity warn: only what a pact uses fails', () => {
  // The fixture pacts use POST /media only (and the notification webhook).
  it('a differ warning on an operation a pact uses is escalated to an error; the same on an unused one is a note', async () => {
    const { ctx, base, head } = await setup(
      {},
      (d) => {
        at(d, 'components', 'schemas', 'MediaObject', 'properties', 'dateCreated').format = 'date';
      },
      'warn',
    );
    const { findings, notes } = judge(ctx, specChanges(base, head), await pactOperations(ctx, base));
    expect(rules(findings)).toContainEqual(expect.stringMatching(/^response-format-changed \(a warning for the differ; an error here because a pact uses POST \/media\)/));
    // GET /media and GET /media/{identifier} change too, but no pact uses them: notes, not failures.
    expect(findings.map((f) => f.artefact).join('\n')).not.toMatch(/GET \/media/);
    expect(notes.join('\n')).toMatch(/not failing \(a warning, no pact uses GET \/media\)/);
  });

  it('a differ warning on an operation no pact uses does not fail', async () => {
    const { ctx, base, head } = await setup(
      {},
      (d) => {
        delete at(d, 'paths', '/media/{identifier}/download', 'get', 'responses', '200', 'headers')['Content-Disposition'];
      },
      'warn',
    );
    const { findings, notes } = judge(ctx, specChanges(base, head), await pactOperations(ctx, base));
    expect(rules(findings)).toEqual([]);
    expect(notes.join('\n')).toMatch(/response-header-removed:.*Content-Disposition/);
  });
});
