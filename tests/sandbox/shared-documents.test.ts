// The browser-safe modules both adapters share, as plain functions: strict Base64 with and without Node's
// Buffer (base64.ts), the one reading of a part's Content-Disposition (names.ts, docs/contract.md R49), and a
// seed document with its bytes inline or read by the caller (seed-document.ts). The adapters' behaviour over
// them is pinned in form-names.test.ts and seeds-snapshots.test.ts; here are the edges no request reaches.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GIF_1X1, PNG_1X1 } from '../../src/fixtures/images.ts';
import { fromBase64, toBase64 } from '../../src/sandbox/base64.ts';
import { readFormDisposition } from '../../src/sandbox/names.ts';
import { SeedError, seedUsers, type SeedOptions } from '../../src/sandbox/seed-document.ts';

const BYTES = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);

describe('base64.ts', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['with Buffer', false],
    ['without Buffer, as in a browser', true],
  ])('encodes and decodes exactly %s', (_how, browser) => {
    const expected = Buffer.from(BYTES).toString('base64');
    if (browser) vi.stubGlobal('Buffer', undefined);
    const text = toBase64(BYTES);
    expect(text).toBe(expected);
    expect(fromBase64(text)).toEqual(BYTES);
    expect(fromBase64(toBase64(PNG_1X1.subarray(1, 4)))).toEqual(PNG_1X1.subarray(1, 4));
    for (const bad of ['iVBOR w0', 'iVBORw0', 'iVBORw0==', '-_-_', 'AAAA\n', 'AA==AA==']) expect(fromBase64(bad), bad).toBeUndefined();
    expect(fromBase64('')).toEqual(new Uint8Array());
  });
});

describe('readFormDisposition', () => {
  it.each([
    [undefined, { formData: false }],
    ['form-data', { formData: true }],
    ['form-data; name="file"; filename="x.png"; name="other"; filename="y.png"', { formData: true, name: 'file', filename: 'x.png' }],
    ['form-data; name="a"; name="b"; filename="x.png"; filename="y.png"', { formData: true, name: 'b', filename: 'y.png' }],
    ["form-data; name=file; filename=plain.png; filename*=utf-8''%C3%A9.png", { formData: true, name: 'file', filename: 'é.png' }],
    ['form-data==x; name="file"', { formData: false, name: 'file' }],
    ['"form-data', { formData: false }],
    ['form-data; "na;me"=x; name="file"', { formData: true, name: 'file' }],
    ["form-data; name=\"file\"; filename*=iso-8859-1''%E9t%E9.png", { formData: true, name: 'file', filename: 'été.png' }],
    ["form-data; name=\"file\"; filename*=x-unknown''%C3%A9.png", { formData: true, name: 'file', filename: 'é.png' }],
    ["form-data; name=\"file\"; filename*=''100%zz.png", { formData: true, name: 'file', filename: '100%zz.png' }],
    ['form-data; name="file"; filename*=not-an-ext-value', { formData: true, name: 'file', filename: 'not-an-ext-value' }],
    ['form-data; name="file"; filename=a"b;c"d', { formData: true, name: 'file', filename: 'ab;c' }],
    ['form-data ; name = "file" ; filename = "sp aced.png"', { formData: true, name: 'file', filename: 'sp aced.png' }],
    ['inline; name="file"', { formData: false, name: 'file' }],
  ])('%j', (header, expected) => {
    expect(readFormDisposition(header)).toEqual(expected);
  });
});

describe('seedUsers', () => {
  const options: SeedOptions = { additionalTypes: ['ProfileImage'], now: '2026-01-01T00:00:00.000Z' };
  const one = (item: Record<string, unknown>) => ({ users: [{ token: 't', media: [item] }] });
  const refusal = (value: unknown, more: Partial<SeedOptions> = {}): string => {
    try {
      seedUsers(value, { ...options, ...more });
    } catch (err) {
      expect(err).toBeInstanceOf(SeedError);
      return (err as Error).message;
    }
    throw new Error('the seed was accepted');
  };

  it('takes bytes as a Uint8Array, an ArrayBuffer or base64, and leaves the document given untouched', () => {
    const seed = { users: [{ token: 't', media: [{ bytes: PNG_1X1, name: 'a.png' }, { bytes: GIF_1X1.slice().buffer, name: 'b.gif' }, { base64: toBase64(PNG_1X1), name: 'c.png' }] }] };
    const [user] = seedUsers(seed, options);
    expect(user!.state.media.map((m) => [m.name, m.encodingFormat, m.contentSize])).toEqual([
      ['a.png', 'image/png', PNG_1X1.length],
      ['b.gif', 'image/gif', GIF_1X1.length],
      ['c.png', 'image/png', PNG_1X1.length],
    ]);
    expect(user!.state.media[1]!.bytes).toEqual(GIF_1X1);
    expect(seed.users[0]!.media[0]!.bytes).toBe(PNG_1X1);
  });

  it("reads a file through the caller's readFile, named after it unless a name is given", () => {
    const readFile = vi.fn((file: string) => ({ bytes: PNG_1X1, name: `${file}-name` }));
    const [user] = seedUsers({ users: [{ token: 't', media: [{ file: 'a' }, { file: 'b', name: 'given' }] }] }, { ...options, readFile });
    expect(user!.state.media.map((m) => m.name)).toEqual(['a-name', 'given']);
    expect(readFile.mock.calls.map((c) => c.slice(0, 2))).toEqual([
      ['a', 'seed.users[0].media[0]'],
      ['b', 'seed.users[0].media[1]'],
    ]);
    expect(refusal(one({ file: 'a' }), { readFile: () => ({ bytes: new Uint8Array(), name: 'a' }) })).toBe('seed.users[0].media[0].file "a" is empty; media must have content.');
  });

  it.each([
    ['a Blob', one({ bytes: new Blob(['x']), name: 'a' }), 'seed.users[0].media[0].bytes is a Blob, which cannot be read at once; pass new Uint8Array(await blob.arrayBuffer()).'],
    ['bytes that are a number', one({ bytes: 1, name: 'a' }), 'seed.users[0].media[0] has the unknown field "bytes"; allowed fields: file, base64, identifier, name, additionalType, active.'],
    ['a file without a reader', one({ file: 'a.png' }), 'seed.users[0].media[0].file "a.png" cannot be read: there are no files here; give the bytes inline as base64 (or as bytes, a Uint8Array).'],
    ['a file and bytes', one({ file: 'a.png', bytes: PNG_1X1 }), 'seed.users[0].media[0] has both "file" and "bytes"; give its bytes once.'],
    ['empty base64', one({ base64: '', name: 'a' }), 'seed.users[0].media[0].base64 is ""; it must NOT have fewer than 1 characters.'],
    ['base64 of another alphabet', one({ base64: '-_-_', name: 'a' }), 'seed.users[0].media[0].base64 is not non-empty standard Base64'],
    ['no users', { users: 'none' }, 'seed.users is "none"; it must be of type array.'],
  ])('refuses %s', (_what, value, message) => {
    expect(refusal(value)).toContain(message);
  });

  it('names fields after `root`, and reads a snapshot as a seed', () => {
    expect(refusal({ users: [{ token: 't', tokne: 1 }] }, { root: 'my.yaml' })).toMatch(/^my\.yaml\.users\[0\] has the unknown field "tokne"/);
    const snapshot = { format: 'profile-contracts/sandbox-state', version: 1, users: [] };
    expect(seedUsers(snapshot, options)).toEqual([]);
    expect(refusal({ ...snapshot, version: 2 })).toBe('seed.version is 2; it must be 1.');
  });
});
