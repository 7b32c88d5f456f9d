// Every class of breaking change in docs/ci.md's coverage table, each with a spec change the gate catches and a
// harmless change it lets through. The gate's own rules (src/check/diff.ts) are pure functions of two parsed
// specs, so each case compares the kit's spec with an edited copy in memory. The classes Optic covers are checked
// in two Optic runs (every breaking edit at once, then every harmless edit at once), not one run per case.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specChanges, type SpecChange } from '../../src/check/diff.ts';
import { opticChanges } from '../../src/check/optic.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { at, renameKey, type Doc } from './support/spec-edit.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let spec: Doc;
beforeAll(async () => {
  spec = (await loadSpec()) as Doc;
});

const edited = (edit: (doc: Doc) => void): Doc => {
  const doc = structuredClone(spec);
  edit(doc);
  return doc;
};
const schema = (doc: Doc, name: string) => at(doc, 'components', 'schemas', name);
const show = (changes: SpecChange[]) => changes.map((c) => `${c.severity} ${c.rule} @ ${c.where}: ${c.problem}`).join('\n') || '(none)';

interface Case {
  /** The row of the coverage table. */
  name: string;
  rule: string;
  severity?: 'error' | 'warn';
  catches: (doc: Doc) => void;
  passes: (doc: Doc) => void;
  /** Edits applied to both specs first (for a class the kit's spec has no instance of, e.g. numeric request fields). */
  setup?: (doc: Doc) => void;
}

/** A numeric and an array query parameter on POST /media, for the constraint classes the spec has no instance of. */
const withLimits = (doc: Doc) => {
  at(doc, 'paths', '/media', 'post').parameters.push(
    { name: 'quality', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
    { name: 'tags', in: 'query', schema: { type: 'array', maxItems: 10, items: { type: 'string' } } },
  );
};
const param = (doc: Doc, name: string) => (at(doc, 'paths', '/media', 'post').parameters as Doc[]).find((p) => p.name === name)!;

const OWN: Case[] = [
  {
    name: 'request: a removed parameter',
    rule: 'request-parameter-removed',
    catches: (d) => {
      const op = at(d, 'paths', '/media', 'post');
      op.parameters = (op.parameters as Doc[]).filter((p) => p.name !== 'AdditionalType');
    },
    passes: (d) => at(d, 'paths', '/media', 'post').parameters.push({ name: 'note', in: 'query', schema: { type: 'string' } }),
  },
  {
    name: 'request: a removed media type',
    rule: 'request-media-type-removed',
    catches: (d) => renameKey(at(d, 'paths', '/media', 'post', 'requestBody', 'content'), 'multipart/form-data', 'application/octet-stream'),
    passes: (d) => {
      const content = at(d, 'paths', '/media', 'post', 'requestBody', 'content');
      content['application/octet-stream'] = { schema: { type: 'string', format: 'binary' } };
    },
  },
  {
    name: 'request: maxLength narrowed',
    rule: 'request-constraint-narrowed',
    catches: (d) => (at(schema(d, 'MediaUpload'), 'properties', 'name').maxLength = 80),
    passes: (d) => delete at(d, 'components', 'parameters', 'MediaIdentifier', 'schema').minLength,
  },
  {
    name: 'request: minLength raised',
    rule: 'request-constraint-narrowed',
    catches: (d) => (at(d, 'components', 'parameters', 'MediaIdentifier', 'schema').minLength = 36),
    passes: (d) => (at(d, 'components', 'parameters', 'MediaIdentifier', 'schema').minLength = 0),
  },
  {
    name: 'request: pattern added',
    rule: 'request-constraint-narrowed',
    catches: (d) => (at(d, 'components', 'parameters', 'SubscriptionKey', 'schema').pattern = '^[0-9a-f]{32}$'),
    passes: (d) => (at(d, 'components', 'parameters', 'SubscriptionKey', 'schema').description = 'The APIM key, if any.'),
  },
  {
    name: 'request: minimum raised / maximum lowered',
    rule: 'request-constraint-narrowed',
    setup: withLimits,
    catches: (d) => (param(d, 'quality').schema.maximum = 50),
    passes: (d) => (param(d, 'quality').schema.minimum = 0),
  },
  {
    name: 'request: maxItems lowered',
    rule: 'request-constraint-narrowed',
    setup: withLimits,
    catches: (d) => (param(d, 'tags').schema.maxItems = 3),
    passes: (d) => (param(d, 'tags').schema.maxItems = 20),
  },
  {
    name: 'request: format added or changed',
    rule: 'request-constraint-narrowed',
    catches: (d) => (at(d, 'components', 'parameters', 'MediaIdentifier', 'schema').format = 'uuid'),
    passes: (d) => delete at(schema(d, 'MediaUpload'), 'properties', 'file').contentMediaType,
  },
  {
    name: 'request: a new security requirement',
    rule: 'security-requirement-added',
    catches: (d) => delete at(d, 'paths', '/token', 'post').security,
    passes: (d) => (at(d, 'paths', '/me', 'get').security = [{ bearerAuth: [] }, {}]),
  },
  {
    name: 'response: a removed required header',
    rule: 'response-header-removed',
    catches: (d) => delete at(d, 'paths', '/media', 'post', 'responses', '201', 'headers').Location,
    passes: (d) => (at(d, 'paths', '/media', 'post', 'responses', '201', 'headers')['X-Request-Id'] = { schema: { type: 'string' } }),
  },
  {
    name: 'response: a removed optional header (warning)',
    rule: 'response-header-removed',
    severity: 'warn',
    setup: (d) => (at(d, 'paths', '/media', 'post', 'responses', '201', 'headers')['X-Request-Id'] = { schema: { type: 'string' } }),
    catches: (d) => delete at(d, 'paths', '/media', 'post', 'responses', '201', 'headers')['X-Request-Id'],
    passes: (d) => (at(d, 'paths', '/media', 'post', 'responses', '201', 'headers', 'X-Request-Id').description = 'For support.'),
  },
  {
    name: 'response: a removed media type',
    rule: 'response-media-type-removed',
    catches: (d) => renameKey(at(d, 'paths', '/me/profileimage', 'get', 'responses', '200', 'content'), 'text/plain', 'application/octet-stream'),
    passes: (d) => (at(d, 'paths', '/me/profileimage', 'get', 'responses', '200', 'content')['application/octet-stream'] = { schema: { type: 'string' } }),
  },
  {
    name: 'response: a changed or removed format',
    rule: 'response-format-changed',
    catches: (d) => (at(schema(d, 'MediaObject'), 'properties', 'dateCreated').format = 'date'),
    passes: (d) => (at(schema(d, 'MediaObject'), 'properties', 'name').format = 'uri-reference'),
  },
  {
    name: 'webhooks: a removed or renamed property',
    rule: 'notification-property-removed',
    catches: (d) => renameKey(at(schema(d, 'ProfileNotificationProperties'), 'properties'), 'entityName', 'entity'),
    passes: (d) => (at(schema(d, 'ProfileNotificationProperties'), 'properties').correlationId = { type: 'string' }),
  },
  {
    name: 'webhooks: a changed type',
    rule: 'notification-type-changed',
    catches: (d) => (at(schema(d, 'ProfileNotificationProperties'), 'properties', 'messageId').type = 'integer'),
    passes: (d) => (at(schema(d, 'ProfileNotificationProperties'), 'properties', 'messageId').description = 'Unique per message.'),
  },
  {
    name: 'webhooks: a required property made optional',
    rule: 'notification-property-optional',
    catches: (d) => (schema(d, 'ProfileNotificationProperties').required = ['messageId', 'entityName', 'eventTrigger', 'profileId']),
    passes: (d) => schema(d, 'Person').required.push('displayName'),
  },
  {
    name: 'webhooks: an enum widened (warning)',
    rule: 'notification-enum-widened',
    severity: 'warn',
    catches: (d) => at(schema(d, 'ProfileNotificationProperties'), 'properties', 'eventTrigger').enum.push('Archive'),
    passes: (d) => (at(schema(d, 'ProfileNotificationProperties'), 'properties', 'eventTrigger').enum = ['Create', 'Update']),
  },
  {
    name: 'webhooks: a changed format',
    rule: 'notification-format-changed',
    catches: (d) => (at(schema(d, 'Person'), 'properties', 'createdDateTime').format = 'date'),
    passes: (d) => (at(schema(d, 'Person'), 'properties', 'givenName').minLength = 1),
  },
  {
    name: 'webhooks: a removed webhook',
    rule: 'notification-removed',
    catches: (d) => delete at(d, 'webhooks').profileNotification,
    passes: (d) => (at(d, 'webhooks').auditEvent = structuredClone(at(d, 'webhooks', 'profileNotification'))),
  },
];

describe("the gate's own rules (pure: two parsed specs in, changes out)", () => {
  it.each(OWN)('$name: catches the change', (c) => {
    const base = c.setup ? edited(c.setup) : spec;
    const head = edited((d) => {
      c.setup?.(d);
      c.catches(d);
    });
    const changes = specChanges(base, head);
    expect(changes.filter((x) => x.rule === c.rule && x.severity === (c.severity ?? 'error')), show(changes)).not.toHaveLength(0);
  });

  it.each(OWN)('$name: lets the harmless change through', (c) => {
    const base = c.setup ? edited(c.setup) : spec;
    const head = edited((d) => {
      c.setup?.(d);
      c.passes(d);
    });
    expect(show(specChanges(base, head))).toBe('(none)');
  });

  it('finds nothing between the spec and itself', () => {
    expect(specChanges(spec, structuredClone(spec))).toEqual([]);
  });
});

/** Classes Optic's breaking-changes standard covers, each with the Optic rule that must catch it. */
const OPTIC: { name: string; rule: RegExp; where: RegExp; catches: (d: Doc) => void; passes: (d: Doc) => void }[] = [
  {
    name: 'request: a new required query parameter',
    rule: /prevent new required query parameters/,
    where: /POST \/media/,
    catches: (d) => at(d, 'paths', '/media', 'post').parameters.push({ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }),
    passes: (d) => at(d, 'paths', '/media', 'post').parameters.push({ name: 'note', in: 'query', schema: { type: 'string' } }),
  },
  {
    name: 'request: a new required header',
    rule: /prevent new required header parameters/,
    where: /GET \/me/,
    catches: (d) => (at(d, 'paths', '/me', 'get').parameters = [{ name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } }]),
    passes: (d) => (at(d, 'paths', '/me', 'get').parameters = [{ name: 'X-Trace', in: 'header', schema: { type: 'string' } }]),
  },
  {
    name: 'request: a new required body property',
    rule: /prevent changing request property to required/,
    where: /POST \/media/,
    catches: (d) => schema(d, 'MediaUpload').required.push('name'),
    passes: (d) => (at(schema(d, 'MediaUpload'), 'properties').caption = { type: 'string' }),
  },
  {
    name: 'request: a removed enum value',
    rule: /enum/,
    where: /POST \/token/,
    catches: (d) => (at(d, 'paths', '/token', 'post').parameters[1].schema.enum = ['client_credentials']),
    passes: (d) => at(d, 'paths', '/token', 'post').parameters[1].schema.enum.push('client_credentials'),
  },
  {
    name: 'request: a changed property type',
    rule: /prevent request property type changes/,
    where: /POST \/media/,
    catches: (d) => (at(schema(d, 'MediaUpload'), 'properties', 'name').type = 'integer'),
    passes: (d) => (at(schema(d, 'MediaUpload'), 'properties', 'name').description = 'A display name.'),
  },
  {
    name: 'request: a changed parameter type',
    rule: /prevent path parameters type changes/,
    where: /\/media\/\{identifier\}/,
    catches: (d) => (at(d, 'components', 'parameters', 'MediaIdentifier', 'schema').type = 'integer'),
    passes: (d) => (at(d, 'components', 'parameters', 'MediaIdentifier').description = 'The media item.'),
  },
  {
    name: 'response: a removed property',
    rule: /prevent removing response property/,
    where: /contentUrl/,
    catches: (d) => delete at(schema(d, 'MediaObject'), 'properties').contentUrl,
    passes: (d) => (at(schema(d, 'MediaObject'), 'properties').thumbnailUrl = { type: 'string' }),
  },
  {
    name: 'response: a removed status code',
    rule: /prevent response status code removal/,
    where: /GET \/me\/profileimage/,
    catches: (d) => delete at(d, 'paths', '/me/profileimage', 'get', 'responses')['404'],
    passes: (d) => (at(d, 'paths', '/me', 'get', 'responses')['503'] = { description: 'Down for maintenance.' }),
  },
  {
    name: 'response: a required property made optional',
    rule: /prevent making response property optional/,
    where: /name/,
    catches: (d) => (schema(d, 'MediaObject').required = (schema(d, 'MediaObject').required as string[]).filter((r) => r !== 'name')),
    passes: (d) => schema(d, 'MediaObject').required.push('downloadUrl'),
  },
  {
    name: 'response: a changed property type',
    rule: /prevent response property type changes/,
    where: /contentSize/,
    catches: (d) => (at(schema(d, 'MediaObject'), 'properties', 'contentSize').type = 'string'),
    passes: (d) => (at(schema(d, 'MediaObject'), 'properties', 'contentSize').description = 'In bytes.'),
  },
  {
    name: 'paths: a removed operation',
    rule: /prevent operation removal/,
    where: /DELETE \/media\/\{identifier\}/,
    catches: (d) => delete at(d, 'paths', '/media/{identifier}').delete,
    passes: (d) => (at(d, 'paths')['/media/{identifier}/thumbnail'] = { get: { ...structuredClone(at(d, 'paths', '/media/{identifier}', 'get')), operationId: 'getThumbnail' } }),
  },
  {
    name: 'paths: a renamed path',
    rule: /prevent operation removal/,
    where: /\/media\/\{identifier\}\/base64/,
    catches: (d) => renameKey(at(d, 'paths'), '/media/{identifier}/base64', '/media/{identifier}/b64'),
    passes: (d) => (at(d, 'paths', '/media/{identifier}/base64', 'get').summary = 'The Base64 of a media item'),
  },
];

describe('the classes Optic covers (one Optic run for all breaking edits, one for all harmless ones)', () => {
  const dirs: string[] = [];
  const optic = async (edit: (d: Doc) => void) => {
    const dir = await mkdtemp(join(tmpdir(), 'check-coverage-'));
    dirs.push(dir);
    const head = edited(edit);
    return { optic: await opticChanges(ROOT, dir, spec, head, 'error'), own: specChanges(spec, head) };
  };
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('catches each breaking edit, also under a major info.version bump (which must not silence Optic)', { timeout: 180_000 }, async () => {
    const { optic: found } = await optic((d) => {
      d.info.version = `${Number(String(at(d, 'info', 'version')).split('.')[0]) + 1}.0.0`;
      OPTIC.forEach((c) => c.catches(d));
    });
    const missed = OPTIC.filter((c) => !found.some((f) => c.rule.test(f.rule) && f.severity === 'error' && c.where.test(`${f.where} ${f.problem}`)));
    expect(missed.map((c) => c.name), show(found)).toEqual([]);
  });

  it('lets every harmless edit through (Optic and the own rules)', { timeout: 180_000 }, async () => {
    const { optic: found, own } = await optic((d) => OPTIC.forEach((c) => c.passes(d)));
    expect(show([...found, ...own])).toBe('(none)');
  });

  it('rates a response enum that gains a value a warning, not a break', { timeout: 180_000 }, async () => {
    const { optic: found } = await optic((d) => schema(d, 'IdentificationLevel').enum.push('Verified'));
    expect(found.length, show(found)).toBeGreaterThan(0);
    for (const f of found) expect(f).toMatchObject({ rule: 'response-enum-widened', severity: 'warn' });
  });
});
