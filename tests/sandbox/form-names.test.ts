// How every adapter reads a multipart part's Content-Disposition (docs/contract.md R49): the header as sent,
// byte for byte, the stored name or the problem it must give. The reading is the HTML form-data one that
// browsers and curl (7.81 and later) write: a quoted value runs to the next `"`, a backslash is an ordinary
// character (so a Windows path loses its folders, and a legacy `\"` leaves a name ending in a folder
// separator), `%22`/`%0D`/`%0A` are decoded. The sandbox (busboy) and the MSW handlers (remix's parser) read
// escapes differently on their own; one table for both is what keeps them one behaviour. Then random headers
// built from the characters that matter go to every target at once, and every target must answer alike.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES } from './support/fixtures.ts';
import { expectProblem, type Guest } from './support/http.ts';
import { buildMultipart, type Part } from './support/multipart.ts';
import { startTarget, targetPerBlock, userState, type RunningSandbox } from './support/sandbox.ts';
import { TARGETS } from './support/targets.ts';

const png = FILES.png.bytes;
type Expected = { stored: string } | { problem: string; detail?: string };

/** A `file` part with this Content-Disposition. */
const file = (disposition: string, contentType = 'image/png'): Part => ({ name: 'file', disposition, contentType, data: png });

const CASES: [string, Part[], Expected][] = [
  ['a Windows path keeps its backslashes until the folders are dropped', [file('form-data; name="file"; filename="C:\\Users\\me\\photo.png"')], { stored: 'photo.png' }],
  ['two backslashes are two characters, both folder separators', [file('form-data; name="file"; filename="share\\\\photo.png"')], { stored: 'photo.png' }],
  ['a backslash before another character is kept', [file('form-data; name="file"; filename="a\\;b.png"')], { stored: ';b.png' }],
  ['a legacy \\" ends the name at the quote, leaving a folder separator: no file', [file('form-data; name="file"; filename="a\\"b.png"')], { problem: 'missing-filename', detail: 'no filename once the folders of "a\\\\" are dropped' }],
  ['a trailing backslash names a folder, not a file', [file('form-data; name="file"; filename="C:\\photos\\"')], { problem: 'missing-filename', detail: '"C:\\\\photos\\\\"' }],
  ['two trailing backslashes name a folder as well', [file('form-data; name="file"; filename="photos\\\\"')], { problem: 'missing-filename' }],
  ['%22 is a quote, as browsers and curl send it', [file('form-data; name="file"; filename="my %22best%22.png"')], { stored: 'my "best".png' }],
  ['a ; inside the quotes is part of the name', [file('form-data; name="file"; filename="a;b.png"')], { stored: 'a;b.png' }],
  ['UTF-8 is read as UTF-8', [file('form-data; name="file"; filename="été.png"')], { stored: 'été.png' }],
  [
    'a name part that is not UTF-8 keeps its readable characters, the rest as U+FFFD',
    [file('form-data; name="file"; filename="a.png"'), { name: 'name', data: new Uint8Array([0x66, 0xff, 0x6f]) }],
    { stored: 'f\uFFFDo' },
  ],
  ['blanks around the name are trimmed', [file('form-data; name="file"; filename="  spaced.png  "')], { stored: 'spaced.png' }],
  ['an unquoted value is read too', [file('form-data; name=file; filename=plain.png')], { stored: 'plain.png' }],
  ['what follows the closing quote is ignored', [file('form-data; name="file"; filename="a.png"junk; x=y')], { stored: 'a.png' }],
  ['an unterminated quote runs to the end of the header', [file('form-data; name="file"; filename="open.png')], { stored: 'open.png' }],
  ['parameter names are case-insensitive', [file('form-data; NAME="file"; Filename="upper.png"')], { stored: 'upper.png' }],
  ['so is the disposition type', [file('Form-Data; name="file"; filename="type.png"')], { stored: 'type.png' }],
  ['parameters may come in any order', [file('form-data; filename="first.png"; name="file"')], { stored: 'first.png' }],
  ['filename* alone is decoded (RFC 8187)', [file("form-data; name=\"file\"; filename*=UTF-8''%C3%A9t%C3%A9.png")], { stored: 'été.png' }],
  ['filename wins over filename* (as .NET sends both)', [file("form-data; name=\"file\"; filename=\"plain.png\"; filename*=UTF-8''%C3%A9.png")], { stored: 'plain.png' }],
  ['a part of another disposition type is no form field', [file('attachment; name="file"; filename="a.png"')], { problem: 'missing-file' }],
  ['filename= with nothing is no filename', [file('form-data; name="file"; filename=""')], { problem: 'missing-filename' }],
  ['a bare filename parameter gives a text part', [file('form-data; name="file"; filename')], { problem: 'missing-filename' }],
  ['an application/octet-stream part without a filename is a file part', [file('form-data; name="file"', 'application/octet-stream')], { problem: 'missing-filename' }],
  [
    'a file part without a name is a file part other than "file"',
    [file('form-data; name="file"; filename="a.png"'), file('form-data; filename="b.png"')],
    { problem: 'unexpected-file-part', detail: '("")' },
  ],
  [
    'an octet-stream part under another name is a file part other than "file"',
    [file('form-data; name="file"; filename="a.png"'), { name: 'extra', disposition: 'form-data; name="extra"', contentType: 'application/octet-stream', data: 'x' }],
    { problem: 'unexpected-file-part', detail: '("extra")' },
  ],
  [
    'so is one whose media type is written in capitals, with parameters',
    [file('form-data; name="file"; filename="a.png"'), { name: 'extra', disposition: 'form-data; name="extra"', contentType: 'Application/Octet-Stream; x=y', data: 'x' }],
    { problem: 'unexpected-file-part', detail: '("extra")' },
  ],
  [
    'a part name with a legacy \\" ends at the quote, as a filename does',
    [file('form-data; name="file"; filename="a.png"'), file('form-data; name="ex\\"tra"; filename="b.png"')],
    { problem: 'unexpected-file-part', detail: '("ex\\\\")' },
  ],
];

describe.each(TARGETS)('Content-Disposition as sent ($name)', (target) => {
  const ctx = targetPerBlock(target);

  it.each(CASES)('%s', async (_what, parts, expected) => {
    const { sandbox, user } = ctx;
    const { api } = sandbox;
    const before = await userState(api, user);
    const m = buildMultipart(parts);
    const r = await api.call('POST', '/media', { token: user.token, body: m.body, headers: { 'content-type': m.contentType } });
    if ('stored' in expected) {
      expect(r.status, r.text).toBe(201);
      expect(r.json.name).toBe(expected.stored);
      const download = await api.call('GET', `/media/${r.json.identifier}/download`, { token: user.token });
      expect(download.status).toBe(200);
      return;
    }
    expectProblem(r, 400);
    expect(r.json.type).toBe(`urn:profile-contracts:problem:${expected.problem}`);
    if (expected.detail) expect(r.json.detail).toContain(expected.detail);
    expect(await userState(api, user)).toEqual(before);
  });
});

/** What a target made of a header: the stored name, or the problem and its detail. */
async function outcome(sandbox: RunningSandbox, user: Guest, part: Part): Promise<string> {
  const m = buildMultipart([part]);
  const r = await sandbox.api.call('POST', '/media', { token: user.token, body: m.body, headers: { 'content-type': m.contentType } });
  return r.status === 201 ? `201 ${r.json.name}` : `${r.status} ${r.json.type} ${r.json.detail}`;
}

// Pieces of headers, without the two things R49 leaves to each parser: a backslash in a header that busboy
// reads as an escape, and a `filename*` that is no RFC 8187 value (busboy keeps an `=` in front of it). Blanks
// at either end of a header are not part of its value (RFC 9110 §5.5), and remix's parser drops them.
const PIECES = ['form-data', 'Form-Data', 'attachment', ';', '; ', ' ', '\t', '"', '=', 'name', 'NAME', 'filename', 'FileName', "filename*=UTF-8''", 'file', 'a.png', 'x', '%22', '%C3%A9', 'é', ','];
const header = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }).map((p) => p.join('')),
  fc
    .tuple(
      fc.constantFrom('form-data', 'Form-data', 'attachment'),
      fc.array(fc.tuple(fc.constantFrom('name', 'filename', 'Name', 'FILENAME'), fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((p) => p.join('')), fc.boolean()), { maxLength: 4 }),
    )
    .map(([type, params]) => type + params.map(([k, v, quoted]) => `; ${k}=${quoted ? `"${v}"` : v}`).join('')),
).filter((h) => h.trim() === h);

describe.runIf(TARGETS.length > 1)('every target reads a header as every other does', () => {
  const started: { sandbox: RunningSandbox; user: Guest }[] = [];
  beforeAll(async () => {
    for (const target of TARGETS) {
      const sandbox = await startTarget(target);
      started.push({ sandbox, user: await sandbox.api.guest() });
    }
  });
  afterAll(() => Promise.all(started.map(({ sandbox }) => sandbox.close())));

  it('for random headers, with and without a content type', async () => {
    await fc.assert(
      fc.asyncProperty(header, fc.constantFrom(undefined, 'image/png', 'application/octet-stream', 'text/plain'), async (disposition, contentType) => {
        const part: Part = { name: 'file', disposition, ...(contentType ? { contentType } : {}), data: png };
        const [first, ...others] = await Promise.all(started.map(({ sandbox, user }) => outcome(sandbox, user, part)));
        for (const other of others) expect(other, disposition).toBe(first);
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });
});
