// The framing of a multipart body (RFC 2046 §5.1.1, RFC 7578), as every adapter reads it: what the RFCs allow
// around the parts (a preamble, an epilogue, blanks after a boundary, any case in the media type and its
// parameters, a quoted boundary) is accepted alike, and what they do not allow is refused alike. The sandbox's
// parser (busboy) and the MSW handlers' (remix's) differ on some of these on their own.
import { describe, expect, it } from 'vitest';
import { FILES } from './support/fixtures.ts';
import { expectProblem } from './support/http.ts';
import { targetPerBlock, userState } from './support/sandbox.ts';
import { TARGETS } from './support/targets.ts';

const B = 'framing-boundary-0123456789';
const png = Buffer.from(FILES.png.bytes);
const filePart = (eol = '\r\n') =>
  Buffer.concat([Buffer.from(`Content-Disposition: form-data; name="file"; filename="a.png"${eol}Content-Type: image/png${eol}${eol}`), png]);
/** `pieces` joined, strings as latin1 and buffers as they are. */
const bytes = (...pieces: (string | Buffer)[]) => Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

const CASES: [string, string, Buffer, number | 'stored'][] = [
  ['the usual body', `multipart/form-data; boundary=${B}`, bytes(`--${B}\r\n`, filePart(), `\r\n--${B}--\r\n`), 'stored'],
  ['a media type and parameter names in capitals', `Multipart/Form-Data; BOUNDARY=${B}`, bytes(`--${B}\r\n`, filePart(), `\r\n--${B}--\r\n`), 'stored'],
  ['a quoted boundary, and parameters after it', `multipart/form-data; boundary="${B}"; charset=utf-8`, bytes(`--${B}\r\n`, filePart(), `\r\n--${B}--\r\n`), 'stored'],
  ['a preamble before the first boundary', `multipart/form-data; boundary=${B}`, bytes(`This is a preamble.\r\n--${B}\r\n`, filePart(), `\r\n--${B}--\r\n`), 'stored'],
  ['an empty line before the first boundary', `multipart/form-data; boundary=${B}`, bytes(`\r\n--${B}\r\n`, filePart(), `\r\n--${B}--\r\n`), 'stored'],
  ['an epilogue after the last boundary', `multipart/form-data; boundary=${B}`, bytes(`--${B}\r\n`, filePart(), `\r\n--${B}--\r\nThis is an epilogue.`), 'stored'],
  ['no line break after the last boundary', `multipart/form-data; boundary=${B}`, bytes(`--${B}\r\n`, filePart(), `\r\n--${B}--`), 'stored'],
  ['no boundary parameter', 'multipart/form-data', bytes(`--${B}\r\n`, filePart(), `\r\n--${B}--\r\n`), 400],
  ['no boundary in the body at all', `multipart/form-data; boundary=${B}`, bytes('just some text'), 400],
  ['a body that stops inside the file', `multipart/form-data; boundary=${B}`, bytes(`--${B}\r\n`, filePart()), 400],
];

describe.each(TARGETS)('multipart framing ($name)', (target) => {
  const ctx = targetPerBlock(target);

  it.each(CASES)('%s', async (_what, contentType, body, expected) => {
    const { sandbox, user } = ctx;
    const before = await userState(sandbox.api, user);
    const r = await sandbox.api.call('POST', '/media', { token: user.token, body, headers: { 'content-type': contentType } });
    if (expected === 'stored') {
      expect(r.status, r.text).toBe(201);
      expect(r.json).toMatchObject({ name: 'a.png', encodingFormat: 'image/png', contentSize: png.length });
      return;
    }
    expectProblem(r, expected);
    expect(await userState(sandbox.api, user)).toEqual(before);
  });
});
