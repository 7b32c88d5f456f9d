// The control document's checks (control-spec.ts) and the seed readers (seed-document.ts, seed.ts) at their
// edges: what a failed check says at the top of a document and for a pattern, the field names, a schema the
// document lacks, and seeds whose users or media are not objects at all (a SeedError each, never a TypeError).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { checkControl, controlSchema, fieldName } from '../../src/sandbox/control-spec.ts';
import { seedUsers } from '../../src/sandbox/seed-document.ts';
import { loadSeed, SeedError } from '../../src/sandbox/seed.ts';

const TYPES = ['ProfileImage', 'Document'];

/** The SeedError `run` throws (failing the test if it throws anything else, or nothing). */
function seedErrorOf(run: () => unknown): SeedError {
  let thrown: unknown;
  try {
    run();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(SeedError);
  return thrown as SeedError;
}

describe('checkControl', () => {
  // First in this file on purpose: the validator is made at the first check of a process, so this is the
  // test that sees how it is made (it must keep the schema of a failed keyword to list the allowed fields).
  it('names an unknown field at the top of a document and lists the allowed ones', () => {
    expect(checkControl('ScriptedFailureRequest', { operationId: 'getMe', code: 500 })).toEqual({
      ok: false,
      detail: '(the document) has the unknown field "code"; allowed fields: operationId, count, status, delayMs, drop.',
    });
  });

  it('says what a value must match when it breaks a pattern', () => {
    expect(checkControl('Seed', { users: [{ token: 'a b' }] }, 'seed.yaml')).toEqual({
      ok: false,
      detail: 'seed.yaml.users[0].token is "a b"; it must match ^[A-Za-z0-9\\-._~+/]+=*$.',
    });
  });

  it('names the whole document when it is not an object', () => {
    expect(checkControl('DeliveryControl', 5)).toEqual({ ok: false, detail: '(the document) is 5; it must be of type object.' });
  });
});

describe('controlSchema and fieldName', () => {
  it('resolves every $ref of a schema, and refuses a name the document does not have', () => {
    const seed = controlSchema('Seed');
    expect(JSON.stringify(seed)).not.toContain('$ref');
    expect(seed).toMatchObject({ properties: { users: { items: { properties: { token: { type: 'string', maxLength: 512 } } } } } });
    expect(() => controlSchema('NoSuchSchema')).toThrow(new Error('sandbox-control.yaml has no components.schemas.NoSuchSchema'));
  });

  it('writes a JSON pointer the way people name a field', () => {
    expect(fieldName('/users/0/media/1')).toBe('users[0].media[1]');
    expect(fieldName('/users/0', 'seed.yaml')).toBe('seed.yaml.users[0]');
    expect(fieldName('/a~1b/c~0d')).toBe('a/b.c~d');
    expect(fieldName('')).toBe('(the document)');
  });
});

describe('seedUsers: documents that are not what a seed is made of', () => {
  it('refuses a document that is not an object with a SeedError named so', () => {
    for (const [value, detail] of [
      [null, 'seed is null; it must be of type object.'],
      [[], 'seed is []; it must be of type object.'],
    ] as const) {
      const err = seedErrorOf(() => seedUsers(value, { additionalTypes: TYPES }));
      expect(err.message).toBe(detail);
      expect(err.name).toBe('SeedError');
    }
  });

  it('refuses media items that are not objects', () => {
    for (const item of ['x', null, 5]) {
      const err = seedErrorOf(() => seedUsers({ users: [{ token: 't', media: [item] }] }, { additionalTypes: TYPES }));
      expect(err.message).toBe(`seed.users[0].media[0] is ${JSON.stringify(item)}; it must be of type object.`);
    }
  });

  it('refuses inline bytes that are empty', () => {
    const err = seedErrorOf(() =>
      seedUsers({ users: [{ token: 't', media: [{ bytes: new Uint8Array(0), name: 'a.png' }] }] }, { additionalTypes: TYPES }),
    );
    expect(err.message).toBe('seed.users[0].media[0].bytes is empty; media must have content.');
  });
});

describe('seedUsers: what a media item carries', () => {
  it('has an additionalType only when the seed gives one', () => {
    const [user] = seedUsers(
      { users: [{ token: 't', media: [{ base64: toBase64(PNG_1X1), name: 'a.png' }, { base64: toBase64(PNG_1X1), name: 'b.png', additionalType: 'Document' }] }] },
      { additionalTypes: TYPES },
    );
    const [plain, typed] = user!.state.media;
    expect(Object.keys(plain!)).not.toContain('additionalType');
    expect(typed!.additionalType).toBe('Document');
  });
});

describe('loadSeed: files whose users or media are not objects', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seed-edges-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['an empty file', '', 'seed.yaml is null; it must be of type object.'],
    ['a user that is null', 'users: [null]', 'seed.yaml.users[0] is null; it must be of type object.'],
    ['a media item that is null', 'users: [{ token: t, media: [null] }]', 'seed.yaml.users[0].media[0] is null; it must be of type object.'],
  ])('refuses %s with a SeedError naming the field', async (_what, text, detail) => {
    const file = join(dir, 'seed.yaml');
    await writeFile(file, text);
    const err = await loadSeed(file, { additionalTypes: TYPES }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SeedError);
    expect((err as Error).message).toBe(detail);
  });
});
