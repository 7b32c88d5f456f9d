// The edges of reading POST /media that a mutation run (npm run mutation:sandbox) found unpinned: busboy's
// limits (files, fields, parts, field size) at and past their boundary, text fields given twice or too long,
// and WebP recognised only with its RIFF header. Each rejection changes nothing.
import { describe, expect, it } from 'vitest';
import { PNG_1X1, WEBP_MINIMAL } from '../../src/fixtures/images.ts';
import { busboyLimits } from '../../src/sandbox/multipart.ts';
import { sniffFormat } from '../../src/sandbox/sniff.ts';
import { expectProblem, type Reply } from './support/http.ts';
import type { Part } from './support/multipart.ts';
import { sandboxPerFile, userState } from './support/sandbox.ts';

const LIMITS = busboyLimits(1024 * 1024);
const ctx = sandboxPerFile();

const file = (name = 'file'): Part => ({ name, filename: 'a.png', contentType: 'image/png', data: PNG_1X1 });
const field = (name: string, data: string): Part => ({ name, data });
const send = (parts: Part[], query = ''): Promise<Reply> => ctx.sandbox.api.upload(ctx.user.token, { parts, ...(query ? { query } : {}) });

async function refused(parts: Part[], type: string, detail: string | RegExp): Promise<void> {
  const before = await userState(ctx.sandbox.api, ctx.user);
  const r = await send(parts);
  expectProblem(r, 400);
  expect(r.json.type).toBe(`urn:profile-contracts:problem:${type}`);
  expect(r.json.detail).toMatch(detail);
  expect(await userState(ctx.sandbox.api, ctx.user)).toEqual(before);
}

describe('busboy limits', () => {
  it('has the documented limits', () => {
    expect(LIMITS).toEqual({ fileSize: 1024 * 1024, files: 16, fields: 16, parts: 32, fieldSize: 64 * 1024, headerPairs: 16 });
  });

  it(`counts ${LIMITS.files} file parts named "file" as that many, and one more too`, async () => {
    await refused(Array.from({ length: LIMITS.files }, () => file()), 'multiple-files', `has ${LIMITS.files} parts named "file"`);
    await refused(Array.from({ length: LIMITS.files + 1 }, () => file()), 'multiple-files', `has ${LIMITS.files + 1} parts named "file"`);
  });

  it(`takes ${LIMITS.fields} text fields beside the file and refuses one more as malformed`, async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => field(`extra${i}`, 'x'));
    expect((await send([file(), ...fields(LIMITS.fields)])).status).toBe(201);
    await refused([file(), ...fields(LIMITS.fields + 1)], 'malformed-multipart', `more than ${LIMITS.fields} text fields`);
  });

  it(`refuses more than ${LIMITS.parts} parts`, async () => {
    const parts = [file(), ...Array.from({ length: LIMITS.fields }, (_, i) => field(`f${i}`, 'x')), ...Array.from({ length: LIMITS.files }, (_, i) => file(`other${i}`))];
    expect(parts.length).toBe(LIMITS.parts + 1);
    await refused(parts, 'malformed-multipart', `more than ${LIMITS.parts} parts`);
  });

  it(`reads a text field of ${LIMITS.fieldSize} bytes and refuses one byte more, naming the field and the limit`, async () => {
    const exact = await send([file(), field('additionalType', 'x'.repeat(LIMITS.fieldSize))]);
    expectProblem(exact, 400);
    expect(exact.json.type).toBe('urn:profile-contracts:problem:unknown-additional-type');
    await refused([file(), field('additionalType', 'x'.repeat(LIMITS.fieldSize + 1))], 'invalid-field', `"additionalType" is longer than ${LIMITS.fieldSize} bytes`);
    await refused([file(), field('name', 'x'.repeat(LIMITS.fieldSize + 1))], 'invalid-field', `"name" is longer than ${LIMITS.fieldSize} bytes`);
  });

  it('ignores an over-long text field the upload does not read', async () => {
    expect((await send([file(), field('comment', 'x'.repeat(LIMITS.fieldSize + 1))])).status).toBe(201);
  });
});

describe('text fields', () => {
  it.each(['name', 'additionalType'])('refuses %s given twice', async (name) => {
    const value = name === 'name' ? 'cat' : 'Scan';
    await refused([file(), field(name, value), field(name, value)], 'invalid-field', `"${name}" is given more than once`);
  });

  it('refuses a text part named "file" as a file without a filename', async () => {
    await refused([field('file', 'not a file')], 'missing-filename', /no filename/);
  });
});

describe('WebP needs its RIFF header', () => {
  const noRiff = new Uint8Array([...new TextEncoder().encode('RIFX'), ...WEBP_MINIMAL.subarray(4)]);

  it('is sniffed only with RIFF at 0 and WEBP at 8', () => {
    expect(sniffFormat(WEBP_MINIMAL)).toBe('image/webp');
    expect(sniffFormat(noRiff)).toBe('application/octet-stream');
    expect(sniffFormat(WEBP_MINIMAL.subarray(0, 11))).toBe('application/octet-stream');
  });

  it('so a ProfileImage of WEBP bytes without RIFF is a 415, and nothing changes', async () => {
    const before = await userState(ctx.sandbox.api, ctx.user);
    const r = await ctx.sandbox.api.upload(ctx.user.token, { bytes: noRiff, filename: 'a.webp', query: 'ProfileImage' });
    expectProblem(r, 415);
    expect(await userState(ctx.sandbox.api, ctx.user)).toEqual(before);
  });
});
