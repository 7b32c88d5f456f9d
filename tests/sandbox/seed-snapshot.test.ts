// Seed files and snapshots as pure modules (src/sandbox/seed.ts, snapshot.ts): a seed becomes the users it
// describes, a snapshot round-trips byte-exact, and every kind of mistake is refused with a message naming
// the field and what is allowed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_MINIMAL, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { loadSeed, SeedError } from '../../src/sandbox/seed.ts';
import { fromSnapshot, toSnapshot, totalBytes, type SandboxState } from '../../src/sandbox/snapshot.ts';

const TYPES = ['ProfileImage', 'TravelerProfileImage', 'SupportingDocument', 'Scan', 'Document', 'PasswordImage'];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seed-test-'));
  await writeFile(join(dir, 'cat.png'), PNG_1X1);
  await writeFile(join(dir, 'notes.pdf'), PDF_MINIMAL);
  await writeFile(join(dir, 'empty.png'), new Uint8Array());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function seed(text: string, name = 'seed.yaml') {
  const file = join(dir, name);
  await writeFile(file, text);
  return loadSeed(file, { additionalTypes: TYPES, now: '2026-01-01T00:00:00.000Z' });
}
async function seedError(text: string): Promise<string> {
  const err = await seed(text).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SeedError);
  return (err as Error).message;
}

describe('seed files', () => {
  it('turns a YAML seed into users with fixed tokens, media from files and the marked active image', async () => {
    const users = await seed(`
users:
  - token: alice-token
    profileId: alice
    media:
      - file: cat.png
        identifier: cat-1
        additionalType: ProfileImage
        active: true
      - file: ./notes.pdf
        name: My notes
        additionalType: Document
  - token: bob-token
    identificationLevel: EmailVerified
`);
    expect(users).toHaveLength(2);
    const [alice, bob] = users;
    expect(alice!.tokens).toEqual(['alice-token']);
    expect(alice!.state).toMatchObject({ profileId: 'alice', identificationLevel: 'Guest', activeImageId: 'cat-1', createdDateTime: '2026-01-01T00:00:00.000Z' });
    expect(alice!.state.media.map((m) => [m.identifier, m.name, m.encodingFormat, m.contentSize, m.additionalType])).toEqual([
      ['cat-1', 'cat.png', 'image/png', PNG_1X1.length, 'ProfileImage'],
      [expect.any(String), 'My notes', 'application/pdf', PDF_MINIMAL.length, 'Document'],
    ]);
    expect(Buffer.from(alice!.state.media[0]!.bytes).equals(Buffer.from(PNG_1X1))).toBe(true);
    expect(bob!.state).toMatchObject({ identificationLevel: 'EmailVerified', media: [] });
    expect(bob!.state.profileId).toMatch(/^[0-9a-f-]{36}$/);
    expect('activeImageId' in bob!.state).toBe(false);
  });

  it('reads JSON as well, and a saved snapshot', async () => {
    expect(await seed('{"users":[{"token":"t1"}]}', 'seed.json')).toHaveLength(1);
    const snapshot = toSnapshot(await seed('users: [{token: t2, media: [{file: cat.png}]}]'));
    const back = await seed(JSON.stringify(snapshot), 'saved.json');
    expect(toSnapshot(back)).toEqual(snapshot);
  });

  it.each([
    ['an unknown field, listing the allowed ones', 'users: [{token: a, tokne: b}]', 'seed.yaml.users[0] has the unknown field "tokne"; allowed fields: token, profileId, identificationLevel, media.'],
    ['a missing token', 'users: [{profileId: p}]', 'seed.yaml.users[0] has no "token"; add it.'],
    ['an unknown identification level', 'users: [{token: a, identificationLevel: Admin}]', 'seed.yaml.users[0].identificationLevel is "Admin"; allowed: Guest, EmailNotVerified, EmailVerified.'],
    ['an unknown AdditionalType', 'users: [{token: a, media: [{file: cat.png, additionalType: profileimage}]}]', `seed.yaml.users[0].media[0].additionalType is "profileimage"; allowed: ${TYPES.join(', ')}.`],
    ['a token used twice', 'users: [{token: a}, {token: a}]', 'seed.yaml.users[1].token "a" is given to two users'],
    ['a profileId used twice', 'users: [{token: a, profileId: p}, {token: b, profileId: p}]', 'seed.yaml.users[1].profileId "p" is given to two users'],
    ['a token with characters a bearer token cannot carry', 'users: [{token: "a b"}]', 'seed.yaml.users[0].token is "a b"; it must match'],
    ['a missing file', 'users: [{token: a, media: [{file: nope.png}]}]', 'seed.yaml.users[0].media[0].file "nope.png" cannot be read (ENOENT'],
    ['an empty file', 'users: [{token: a, media: [{file: empty.png}]}]', 'seed.yaml.users[0].media[0].file "empty.png" is empty'],
    ['an active item that is not a ProfileImage', 'users: [{token: a, media: [{file: cat.png, active: true}]}]', 'seed.yaml.users[0].media[0].active is true but the item is'],
    ['an active ProfileImage that is not an image', 'users: [{token: a, media: [{file: notes.pdf, additionalType: ProfileImage, active: true}]}]', 'not a ProfileImage that is a JPEG, PNG, GIF or WebP image'],
    ['two active items', 'users: [{token: a, media: [{file: cat.png, additionalType: ProfileImage, active: true}, {file: cat.png, additionalType: ProfileImage, active: true}]}]', 'seed.yaml.users[0].media[1].active: a user has at most one active image'],
    ['an identifier used twice', 'users: [{token: a, media: [{file: cat.png, identifier: x}, {file: cat.png, identifier: x}]}]', 'seed.yaml.users[0].media[1].identifier "x" appears twice'],
    ['users that are not a list', 'users: {token: a}', 'seed.yaml.users is {"token":"a"}; it must be of type array.'],
    ['a document without users', 'user: []', 'seed.yaml has no "users"; add it.'],
    ['an unknown top-level field', 'users: []\nuser: []', 'seed.yaml has the unknown field "user"; allowed fields: users.'],
  ])('refuses %s', async (_what, text, message) => {
    expect(await seedError(text)).toContain(message);
  });

  it('refuses a file that is neither YAML nor JSON, and a path that cannot be read', async () => {
    expect(await seedError('users: [unclosed')).toMatch(/\/seed\.yaml is neither YAML nor JSON: .*line 1/);
    const err = await loadSeed(join(dir, 'missing.yaml'), { additionalTypes: TYPES }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/SANDBOX_SEED=.*missing\.yaml cannot be read \(ENOENT\)/);
  });
});

describe('snapshots', () => {
  const valid = (): SandboxState => ({
    format: 'profile-contracts/sandbox-state',
    version: 1,
    users: [
      {
        profileId: 'alice',
        tokens: ['t1', 't2'],
        identificationLevel: 'Guest',
        createdDateTime: '2026-01-01T00:00:00.000Z',
        lastModified: '2026-01-02T00:00:00.000Z',
        activeImage: 'img',
        media: [
          { identifier: 'img', name: 'cat.png', encodingFormat: 'image/png', contentSize: PNG_1X1.length, dateCreated: '2026-01-01T00:00:00.000Z', additionalType: 'ProfileImage', base64: toBase64(PNG_1X1) },
          { identifier: 'doc', name: 'n.pdf', encodingFormat: 'application/pdf', contentSize: PDF_MINIMAL.length, dateCreated: '2026-01-01T00:00:00.000Z', base64: toBase64(PDF_MINIMAL) },
        ],
      },
    ],
  });

  it('round-trips exactly, bytes included', () => {
    const read = fromSnapshot(valid(), TYPES);
    expect(read.ok).toBe(true);
    const users = (read as { value: Parameters<typeof toSnapshot>[0] }).value;
    expect(toSnapshot(users)).toEqual(valid());
    expect(totalBytes(users)).toBe(PNG_1X1.length + PDF_MINIMAL.length);
  });

  const broken: [string, (s: SandboxState) => void, string][] = [
    ['another format', (s) => ((s as { format: string }).format = 'x'), 'format is "x"; it must be "profile-contracts/sandbox-state".'],
    ['bytes that are not exact Base64', (s) => (s.users[0]!.media[0]!.base64 = 'iVBOR w0'), 'users[0].media[0].base64 is not non-empty standard Base64'],
    ['base64url', (s) => (s.users[0]!.media[0]!.base64 = toBase64(PNG_1X1).replace(/\+/g, '-').replace(/\//g, '_')), 'users[0].media[0].base64 is not'],
    ['a contentSize that disagrees', (s) => (s.users[0]!.media[0]!.contentSize = 1), 'users[0].media[0].contentSize is 1 but base64 holds'],
    ['an encodingFormat that disagrees', (s) => (s.users[0]!.media[1]!.encodingFormat = 'image/png'), 'users[0].media[1].encodingFormat is "image/png" but the bytes are application/pdf'],
    ['an active image that is not there', (s) => (s.users[0]!.activeImage = 'zzz'), 'users[0].activeImage is "zzz", which is none of this user'],
    ['an active image that is no ProfileImage', (s) => (s.users[0]!.activeImage = 'doc'), 'users[0].activeImage is "doc", which is not a ProfileImage'],
    ['a token shared by two users', (s) => s.users.push({ ...structuredClone(s.users[0]!), profileId: 'bob' }), 'users[1].tokens has "t1"'],
    ['an unknown AdditionalType', (s) => (s.users[0]!.media[1]!.additionalType = 'Selfie'), 'users[0].media[1].additionalType is "Selfie"; allowed:'],
    ['a bad date', (s) => (s.users[0]!.createdDateTime = 'yesterday'), 'users[0].createdDateTime is "yesterday"; it must match format "date-time".'],
  ];
  it.each(broken)('refuses %s', (_what, breakIt, message) => {
    const s = valid();
    breakIt(s);
    const read = fromSnapshot(s, TYPES);
    expect(read.ok).toBe(false);
    expect((read as { detail: string }).detail).toContain(message);
  });
});
