// The edges of reading POST /media's form (docs/contract.md R13, R17, R19, R20, R49) that the sandbox's mutation run
// (npm run mutation:sandbox, docs/mutation-testing.md) found unpinned: a file part whose filename is empty or
// names no file (`..`, `.`, a bare folder), which problem wins when a form has several faults, the parser's
// own refusals (`__proto__`, a JSON field that is not JSON), a file exactly at the upload limit, and a
// chunked body (no Content-Length), and the one buffer a file is collected into. Every rejection is a problem and changes nothing (R20).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PDF_MINIMAL, PNG_1X1 } from '../../src/fixtures/images.ts';
import { FileCollector } from '../../src/sandbox/multipart.ts';
import { expectProblem, type Guest, type Reply } from './support/http.ts';
import { buildMultipart, type Part } from './support/multipart.ts';
import { startSandbox, userState, type RunningSandbox } from './support/sandbox.ts';

const LIMIT = 4096;
let sandbox: RunningSandbox;
let user: Guest;
beforeAll(async () => {
  sandbox = await startSandbox({ maxUploadBytes: LIMIT });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await sandbox.api.reset();
  user = await sandbox.api.guest();
});

const file = (filename: string, data: Uint8Array = PNG_1X1, name = 'file'): Part => ({ name, filename, contentType: 'image/png', data });
const field = (name: string, data: string, contentType?: string): Part => ({ name, data, ...(contentType ? { contentType } : {}) });
const send = (parts: Part[]): Promise<Reply> => sandbox.api.upload(user.token, { parts });

async function refused(parts: Part[], status: number, code: string, detail?: RegExp): Promise<Reply> {
  const before = await userState(sandbox.api, user);
  const r = await send(parts);
  expectProblem(r, status);
  expect(r.json.type, r.text).toBe(`urn:profile-contracts:problem:${code}`);
  if (detail) expect(r.json.detail).toMatch(detail);
  expect(await userState(sandbox.api, user)).toEqual(before);
  return r;
}

describe('the file part\'s filename', () => {
  it('filename="" is a file part without a filename: 400 missing-filename', async () => {
    await refused([file('')], 400, 'missing-filename', /no filename/);
  });

  it.each(['..', '.', 'photos/', 'a/..', 'C:\\Users\\me\\..', '/'])('filename=%j names no file: 400 missing-filename', async (filename) => {
    await refused([file(filename)], 400, 'missing-filename', /no filename/);
  });

  it('a filename of blanks is a filename: stored, under a name that is not blank', async () => {
    const r = await send([file('   ')]);
    expect(r.status, r.text).toBe(201);
    expect((r.json.name as string).trim().length).toBeGreaterThan(0);
    const download = await sandbox.api.call('GET', `/media/${r.json.identifier}/download`, { token: user.token });
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${r.json.name}"`);
  });

  it('an empty name part leaves the default, the file\'s name (R13)', async () => {
    const r = await send([file('cat.png'), field('name', '')]);
    expect(r.status, r.text).toBe(201);
    expect(r.json.name).toBe('cat.png');
  });
});

describe('which problem a form with several faults gets (the same order in every adapter)', () => {
  const big = new Uint8Array(LIMIT + 1).fill(0x41);

  it('a file over the limit wins over a second file part and another file part: 413', async () => {
    const r = await refused([file('a.png', big), file('b.png'), file('c.png', PNG_1X1, 'avatar')], 413, 'file-too-large');
    expect(r.json.detail).toContain(`${LIMIT} bytes`);
  });

  it('a second file part over the limit is a 413 too', async () => {
    await refused([file('a.png'), file('b.png', big)], 413, 'file-too-large');
  });

  it('two file parts win over a file part of another name', async () => {
    await refused([file('a.png'), file('b.png'), file('c.png', PNG_1X1, 'avatar')], 400, 'multiple-files');
  });

  it('a file part of another name is refused naming every such part, before a bad text field', async () => {
    const parts = [file('a.png'), file('b.png', PNG_1X1, 'avatar'), file('c.pdf', PDF_MINIMAL, 'document'), field('name', 'x'), field('name', 'y')];
    await refused(parts, 400, 'unexpected-file-part', /\("avatar", "document"\)/);
  });

  it('a file part of another name alone is unexpected, not a missing file', async () => {
    await refused([file('b.png', PNG_1X1, 'avatar')], 400, 'unexpected-file-part', /"avatar"/);
  });

  it('a bad text field wins over a missing file part, and the first bad field is the one named', async () => {
    await refused([field('additionalType', 'Scan'), field('additionalType', 'Scan')], 400, 'invalid-field', /"additionalType" is given more than once/);
    await refused([field('name', 'x'.repeat(64 * 1024 + 1)), field('additionalType', 'Scan'), field('additionalType', 'Scan')], 400, 'invalid-field', /"name" is longer/);
  });

  it('a text part named "file" beside no file part is a missing filename; with no part at all, a missing file', async () => {
    await refused([field('name', 'x'), field('file', 'hello')], 400, 'missing-filename');
    await refused([field('name', 'x')], 400, 'missing-file', /no part named "file"/);
  });

  it('text fields the upload does not read are ignored, even given twice', async () => {
    const r = await send([file('a.png'), field('comment', 'x'), field('comment', 'y')]);
    expect(r.status, r.text).toBe(201);
  });

  it('an empty file with a filename is empty-file, even with a type', async () => {
    await refused([file('a.png', new Uint8Array(0)), field('additionalType', 'ProfileImage')], 400, 'empty-file');
  });
});

describe('what the multipart parser itself refuses', () => {
  it('a field named __proto__: 400 invalid-field naming it', async () => {
    await refused([file('a.png'), field('__proto__', 'x')], 400, 'invalid-field', /"__proto__" is not allowed/);
  });

  it('a text field declared application/json that is not JSON: 400 invalid-field', async () => {
    await refused([file('a.png'), field('name', '{not json', 'application/json')], 400, 'invalid-field', /^The form field ".+" is declared application\/json but is not valid JSON/);
  });

  it('a body that ends inside a part: 400 malformed-multipart that says why', async () => {
    const { body, contentType } = buildMultipart([file('a.png')], { omitClosing: true });
    const before = await userState(sandbox.api, user);
    const r = await sandbox.api.call('POST', '/media', { token: user.token, body: body.subarray(0, body.length - 10), headers: { 'content-type': contentType } });
    expectProblem(r, 400);
    expect(r.json.type).toBe('urn:profile-contracts:problem:malformed-multipart');
    expect(r.json.detail).toMatch(/^The body is not valid multipart\/form-data \(.+\)/);
    expect(r.json.detail, 'the parser\'s own reason, not a stand-in').not.toContain('(unreadable body)');
    expect(await userState(sandbox.api, user)).toEqual(before);
  });
});

describe('the upload limit (R19)', () => {
  it('takes a file of exactly the limit byte-exact, and refuses one byte more', async () => {
    const exact = new Uint8Array(LIMIT).map((_, i) => (i * 7) & 0xff);
    const r = await send([file('a.bin', exact)]);
    expect(r.status, r.text).toBe(201);
    expect(r.json.contentSize).toBe(LIMIT);
    const download = await sandbox.api.call('GET', `/media/${r.json.identifier}/download`, { token: user.token });
    expect(Buffer.from(download.bytes).equals(Buffer.from(exact))).toBe(true);
    await refused([file('b.bin', new Uint8Array(LIMIT + 1))], 413, 'file-too-large');
  });

  it('a chunked body (no Content-Length) is read byte-exact, and refused over the limit all the same', async () => {
    const chunked = async (data: Uint8Array): Promise<Response> => {
      const { body, contentType } = buildMultipart([file('a.bin', data)]);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < body.length; i += 1000) controller.enqueue(body.subarray(i, i + 1000));
          controller.close();
        },
      });
      return fetch(`${sandbox.url}/media`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${user.token}` },
        body: stream,
        duplex: 'half',
      } as RequestInit);
    };
    const bytes = new Uint8Array(3000).map((_, i) => (i * 13) & 0xff);
    const ok = await chunked(bytes);
    expect(ok.status).toBe(201);
    const item = (await ok.json()) as { identifier: string; contentSize: number };
    expect(item.contentSize).toBe(3000);
    const download = await sandbox.api.call('GET', `/media/${item.identifier}/download`, { token: user.token });
    expect(Buffer.from(download.bytes).equals(Buffer.from(bytes))).toBe(true);
    const over = await chunked(new Uint8Array(LIMIT + 1));
    expect(over.status).toBe(413);
    expect(((await over.json()) as { type: string }).type).toBe('urn:profile-contracts:problem:file-too-large');
    expect(await sandbox.api.media(user.token)).toHaveLength(1);
  });
});

describe('FileCollector: one buffer sized from Content-Length, the slack never pinned', () => {
  // Above Buffer's pool size, so that every buffer here owns its ArrayBuffer and byteLength shows which one.
  const CAPACITY = 10_000;
  const collect = (capacity: number, sizes: number[]): Buffer => {
    const c = new FileCollector(capacity);
    let n = 0;
    for (const size of sizes) c.add(Buffer.alloc(size, n++ % 251));
    return c.result();
  };
  const expected = (sizes: number[]): Buffer => Buffer.concat(sizes.map((size, i) => Buffer.alloc(size, i % 251)));

  it('keeps the one buffer, uncopied, when the file fills at least half of it', () => {
    for (const sizes of [[3000, 3000], [5000], [CAPACITY / 2 - 1000, 1000], [CAPACITY]]) {
      const bytes = collect(CAPACITY, sizes);
      expect(bytes.equals(expected(sizes))).toBe(true);
      expect(bytes.buffer.byteLength, `${sizes}`).toBe(CAPACITY);
    }
  });

  it('copies the file out when it fills less than half, so the slack is released', () => {
    const bytes = collect(CAPACITY, [2000, CAPACITY / 2 - 2001]);
    expect(bytes.equals(expected([2000, CAPACITY / 2 - 2001]))).toBe(true);
    expect(bytes.buffer.byteLength).toBe(CAPACITY / 2 - 1);
  });

  it('takes a first chunk larger than the hint whole', () => {
    const bytes = collect(100, [5000, 7]);
    expect(bytes.equals(expected([5000, 7]))).toBe(true);
  });

  it('without a hint (a chunked request), hands back a single chunk as it is, and joins several once', () => {
    const chunk = Buffer.alloc(5000, 1);
    const c = new FileCollector(0);
    c.add(chunk);
    expect(c.result()).toBe(chunk);
    expect(collect(0, [5000, 5000]).equals(expected([5000, 5000]))).toBe(true);
  });
});
