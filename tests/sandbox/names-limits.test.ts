// Names and limits as pure modules (src/sandbox/names.ts, limits.ts): the HTML form-data filename decoding,
// which part loses its path, how lengths are counted, and each cap's boundary.
import { describe, expect, it } from 'vitest';
import type { UserState } from '../../src/sandbox/domain.ts';
import { characterCount, decodeFormFilename, fileBaseName } from '../../src/sandbox/names.ts';
import { checkMediaCount, checkNames, checkStoreBytes, DEFAULT_LIMITS, resolveLimits, userBytes } from '../../src/sandbox/limits.ts';

describe('form-data filenames', () => {
  it('decodes exactly the three escapes the HTML standard writes', () => {
    expect(decodeFormFilename('my %22best%22.png')).toBe('my "best".png');
    expect(decodeFormFilename('a%0Db%0Ac')).toBe('a\rb\nc');
    // Anything else stays as sent: a literal %20 or a lower-case %22 is not an escape of the form-data rules.
    expect(decodeFormFilename('100%25 %20 %22x%22 %22')).toBe('100%25 %20 "x" "');
    expect(decodeFormFilename('%2522')).toBe('%2522');
  });

  it("keeps only the file's own name, decoded, without control characters", () => {
    expect(fileBaseName('C:\\Users\\me\\cat.png')).toBe('cat.png');
    expect(fileBaseName('../../etc/passwd')).toBe('passwd');
    expect(fileBaseName('%22quoted%22.png')).toBe('"quoted".png');
    expect(fileBaseName('line%0Abreak.png')).toBe('linebreak.png');
    expect(fileBaseName('  spaced.png  ')).toBe('spaced.png');
  });

  it('gives "" for names that are no file: empty, "." and ".."', () => {
    for (const raw of ['', '.', '..', 'dir/..', 'a/', '\u0001']) expect(fileBaseName(raw), JSON.stringify(raw)).toBe('');
  });

  it('counts characters as code points', () => {
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('😀😀')).toBe(2);
    expect(characterCount('')).toBe(0);
  });
});

describe('limits', () => {
  const limits = resolveLimits({ maxNameLength: 5, maxFilenameLength: 4, maxMediaPerUser: 2, maxStoreBytes: 100 });

  it('has documented defaults and refuses limits that are not positive whole numbers', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({ maxNameLength: 255, maxFilenameLength: 255, maxMediaPerUser: 1000, maxStoreBytes: 512 * 1024 * 1024 });
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => resolveLimits({ maxStoreBytes: bad })).toThrow(/positive whole number/);
  });

  it('caps the filename and the name at their limits, inclusive, and names the limit', () => {
    expect(checkNames({ filename: 'abcd', name: 'abcde' }, limits)).toBeUndefined();
    expect(checkNames({ filename: '😀😀😀😀' }, limits)).toBeUndefined();
    expect(checkNames({ filename: 'abcde' }, limits)).toEqual({ code: 'name-too-long', detail: expect.stringMatching(/filename is 5 characters long; the sandbox takes at most 4/) });
    expect(checkNames({ filename: 'a', name: 'abcdef' }, limits)).toEqual({ code: 'name-too-long', detail: expect.stringMatching(/"name" is 6 characters long; the sandbox takes at most 5/) });
  });

  const state = (sizes: number[]): UserState => ({
    profileId: 'p',
    identificationLevel: 'Guest',
    createdDateTime: '2026-01-01T00:00:00.000Z',
    lastModified: '2026-01-01T00:00:00.000Z',
    media: sizes.map((contentSize, i) => ({ identifier: `m${i}`, name: 'n', encodingFormat: 'image/png', contentSize, dateCreated: 'x', bytes: new Uint8Array(contentSize) })),
  });

  it('caps media per user', () => {
    expect(checkMediaCount(state([1]), limits)).toBeUndefined();
    expect(checkMediaCount(state([1, 1]), limits)).toEqual({ code: 'too-many-media', detail: expect.stringContaining('2 media items') });
    expect(userBytes(state([3, 4]))).toBe(7);
  });

  it('refuses growth past the store cap, allows reaching it, and always allows shrinking', () => {
    expect(checkStoreBytes(90, 10, 100)).toBeUndefined();
    expect(checkStoreBytes(90, 11, 100)).toEqual({ code: 'store-full', detail: expect.stringMatching(/11 bytes .* limit of 100 bytes \(90 bytes are stored now\).*MAX_STORE_BYTES/) });
    expect(checkStoreBytes(150, -10, 100)).toBeUndefined();
    expect(checkStoreBytes(150, 0, 100)).toBeUndefined();
  });
});
