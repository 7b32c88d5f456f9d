// Step 5 of the drift gate on temporary copies of the repository: each case changes the spec the way a pull
// request might, regenerates the types (`npm run generate`) and runs `npm run check -- --only breaking`
// against the committed original. Breaking changes must fail with exit code 2 and name the change;
// compatible changes must pass with 0.
import { describe, expect, it } from 'vitest';
import { at, editSpec, renameKey, type Doc } from './support/spec-edit.ts';
import { findings, repoCopies, type CheckOutcome, type Copy } from './support/repo-copy.ts';

const { slot, fresh } = repoCopies(3);
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

function describeFindings(o: CheckOutcome): string {
  return findings(o.report).map((f) => `[${f.step}] ${f.rule}: ${f.problem}`).join('\n') || '(no findings)';
}

function expectBreaking(o: CheckOutcome, rule: RegExp, problem: RegExp = /./) {
  expect(o.exitCode, describeFindings(o)).toBe(2);
  const hits = findings(o.report).filter((f) => f.step === 'breaking' && rule.test(f.rule) && problem.test(`${f.artefact} ${f.problem}`));
  expect(hits, describeFindings(o)).not.toHaveLength(0);
  // Every breaking finding carries the id an acceptance would use and says how to fix it.
  for (const f of findings(o.report)) {
    expect(f.id).toBeTruthy();
    expect(f.fix).toMatch(/accept/i);
  }
}

describe.concurrent('npm run check catches breaking changes', { timeout: CASE_TIMEOUT }, () => {
  it('removing a response property', async () => {
    const o = await changed('remove-property', (doc) => {
      const s = mediaObject(doc);
      at(s, 'properties', 'encodingFormat');
      delete s.properties.encodingFormat;
      s.required = (s.required as string[]).filter((r) => r !== 'encodingFormat');
    });
    expectBreaking(o, /prevent removing response property/, /encodingFormat/);
  });

  it('changing a response media type', async () => {
    const o = await changed('media-type', (doc) => {
      renameKey(at(doc, 'paths', '/me/profileimage', 'get', 'responses', '200', 'content'), 'text/plain', 'application/octet-stream');
    });
    expectBreaking(o, /response-media-type-removed/, /text\/plain/);
  });

  it('removing a response code', async () => {
    const o = await changed('remove-code', (doc) => {
      const responses = at(doc, 'paths', '/me/profileimage', 'get', 'responses');
      at(responses, '404');
      delete responses['404'];
    });
    expectBreaking(o, /prevent response status code removal/, /GET \/me\/profileimage response 404/);
  });

  it('renaming a multipart part', async () => {
    const o = await changed('rename-part', (doc) => {
      const upload = at(doc, 'components', 'schemas', 'MediaUpload');
      renameKey(at(upload, 'properties'), 'file', 'upload');
      upload.required = (upload.required as string[]).map((r) => (r === 'file' ? 'upload' : r));
    });
    expectBreaking(o, /request property to required/, /upload/);
  });

  it('adding a required parameter', async () => {
    const o = await changed('required-parameter', (doc) => {
      const op = at(doc, 'paths', '/media', 'post');
      op.parameters = [...((op.parameters as Doc[] | undefined) ?? []), { name: 'Tenant', in: 'query', required: true, schema: { type: 'string' } }];
    });
    expectBreaking(o, /prevent new required query parameters/, /Tenant/);
  });

  it('changing a success status', async () => {
    const o = await changed('success-status', (doc) => {
      renameKey(at(doc, 'paths', '/media', 'post', 'responses'), '201', '200');
    });
    expectBreaking(o, /prevent response status code removal/, /POST \/media response 201/);
  });

  it('removing an operation', async () => {
    const o = await changed('remove-operation', (doc) => {
      const item = at(doc, 'paths', '/me/profileimage');
      at(item, 'delete');
      delete item.delete;
    });
    expectBreaking(o, /prevent operation removal/, /DELETE \/me\/profileimage/);
  });

  it("changing a property's type", async () => {
    const o = await changed('property-type', (doc) => {
      at(mediaObject(doc), 'properties', 'contentSize').type = 'string';
    });
    expectBreaking(o, /prevent response property type changes/, /contentSize/);
  });

  it('a breaking change under a major info.version bump (the differ must not be silenced)', async () => {
    const o = await changed('major-bump', (doc) => {
      const version = String(at(doc, 'info', 'version'));
      doc.info.version = `${Number(version.split('.')[0]) + 1}.0.0`;
      const item = at(doc, 'paths', '/me/profileimage');
      delete item.delete;
    });
    expectBreaking(o, /prevent operation removal/, /DELETE \/me\/profileimage/);
  });
});

describe.concurrent('npm run check lets compatible changes through', { timeout: CASE_TIMEOUT }, () => {
  it('adding an optional response property', async () => {
    const o = await changed(
      'optional-property',
      (doc) => {
        at(mediaObject(doc), 'properties').thumbnailUrl = { type: 'string', format: 'uri-reference', description: 'A small preview.' };
      },
      // With `types`: after `npm run generate` the same change that is drift without it (gate.test.ts) passes.
      ['--only', 'types,allowed,breaking'],
    );
    expect(o.exitCode, describeFindings(o)).toBe(0);
    expect(o.report.steps.map((s) => s.status)).toEqual(['pass', 'pass', 'pass']);
    // The change is real: the regenerated types carry the new property.
    expect(await o.copy.read('src/generated/profile-service.ts')).toContain('thumbnailUrl');
  });

  it('adding an operation', async () => {
    const o = await changed(
      'add-operation',
      (doc) => {
        // A copy of GET /media/{identifier} under a new path, with its own operationId.
        const item = structuredClone(at(doc, 'paths', '/media/{identifier}')) as Doc;
        at(doc, 'paths')['/media/{identifier}/thumbnail'] = {
          parameters: item.parameters,
          get: { ...at(item, 'get'), operationId: 'getMediaThumbnail', summary: 'Get a preview of one media item' },
        };
      },
      ['--only', 'allowed,breaking'],
    );
    expect(o.exitCode, describeFindings(o)).toBe(0);
    expect(await o.copy.read('src/generated/profile-service.ts')).toContain('/media/{identifier}/thumbnail');
  });
});

describe.concurrent('accepting an intended breaking change', { timeout: CASE_TIMEOUT }, () => {
  it('passes once every breaking change is listed with a reason, and flags stale entries', async () => {
    const first = await changed('accepted', (doc) => {
      delete at(doc, 'paths', '/me/profileimage').delete;
    });
    expect(first.exitCode).toBe(2);
    const ids = findings(first.report).map((f) => f.id!);
    expect(ids.length).toBeGreaterThan(0);
    const accepted = [...ids, 'optic:gone:/paths/~1nothing'].map((id) => `  - id: ${JSON.stringify(id)}\n    reason: Removed with consumers' agreement (ticket 42).\n`);
    await first.copy.write('openapi/accepted-breaking-changes.yaml', `accepted:\n${accepted.join('')}`);
    const second = await first.copy.check(['--only', 'breaking']);
    expect(second.exitCode, describeFindings(second)).toBe(0);
    const step = second.report.steps[0]!;
    expect(step.findings.every((f) => f.acceptedBecause === "Removed with consumers' agreement (ticket 42).")).toBe(true);
    expect(step.notes.join('\n')).toMatch(/optic:gone:\/paths\/~1nothing.*matches no breaking change/);
  });

  it('an acceptance without a reason does not count: the step cannot run (exit 4)', async () => {
    const o = await changed('accepted-no-reason', (doc) => {
      delete at(doc, 'paths', '/me/profileimage').delete;
    });
    const id = findings(o.report)[0]!.id!;
    await o.copy.write('openapi/accepted-breaking-changes.yaml', `accepted:\n  - id: ${JSON.stringify(id)}\n`);
    const again = await o.copy.check(['--only', 'breaking']);
    expect(again.exitCode).toBe(4);
    expect(findings(again.report)[0]!.fix).toMatch(/reason/);
  });
});
