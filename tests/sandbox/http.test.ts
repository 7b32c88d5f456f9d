// The sandbox end to end over a real loopback socket, as `createSandbox` ships it: the happy path of
// docs/contract.md (guest, upload, replace, list, Base64, download, delete, notifications) and the key errors and
// their problem+json shape (these two against every target of support/targets.ts: the MSW handlers too),
// the webhook transport, the test-support routes, the factory's seams (store, rules, plugins), and how
// `npm start` (src/cli/bin.ts sandbox) reads its environment (the child process itself: start.test.ts).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIF_1X1, NOT_AN_IMAGE, PDF_MINIMAL, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { CATALOGUE, PROBLEM_TYPE_PREFIX } from '../../src/sandbox/errors.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { DEFAULT_LIMITS } from '../../src/sandbox/limits.ts';
import { optionsFromEnv } from '../../src/sandbox/main.ts';
import { Notifier } from '../../src/sandbox/notifier.ts';
import { beforeFirst } from './support/sandbox.ts';
import { TARGETS, type RunningTarget, type Target, type TargetOptions } from './support/targets.ts';

interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  json: any;
}

class Client {
  constructor(readonly base: string) {}

  async call(method: string, path: string, init: { token?: string; headers?: Record<string, string>; body?: BodyInit } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const res = await fetch(this.base + path, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const json = /json/.test(type) && bytes.length > 0 ? JSON.parse(Buffer.from(bytes).toString('utf8')) : undefined;
    return { status: res.status, headers: res.headers, bytes, json };
  }

  async guest(): Promise<{ token: string; profileId: string }> {
    const t = await this.call('POST', '/token?grant_type=guest');
    expect(t.status).toBe(200);
    const me = await this.call('GET', '/me', { token: t.json.token });
    return { token: t.json.token, profileId: me.json.profileId };
  }

  upload(token: string, bytes: Uint8Array, opts: { type?: string; filename?: string; name?: string; formType?: string } = {}) {
    const form = new FormData();
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/plain' }), opts.filename ?? 'upload.bin');
    if (opts.name !== undefined) form.append('name', opts.name);
    if (opts.formType !== undefined) form.append('additionalType', opts.formType);
    const query = opts.type ? `?AdditionalType=${encodeURIComponent(opts.type)}` : '';
    return this.call('POST', `/media${query}`, { token, body: form });
  }

  raw(path: string, headers: Record<string, string>, body: string | Uint8Array) {
    return this.call('POST', path, { headers, body: body as BodyInit });
  }
}

/** Every error is RFC 9457 problem+json from the catalogue, with a detail that explains the fix. */
function expectProblem(a: Answer, status: number, code?: string): void {
  expect(a.status).toBe(status);
  expect(a.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(a.json).toMatchObject({ status, type: expect.stringMatching(new RegExp(`^${PROBLEM_TYPE_PREFIX}`)) });
  expect(typeof a.json.title).toBe('string');
  expect(a.json.detail.length).toBeGreaterThan(20);
  if (code) expect(a.json.type).toBe(PROBLEM_TYPE_PREFIX + code);
  const entry = CATALOGUE[a.json.type.slice(PROBLEM_TYPE_PREFIX.length) as keyof typeof CATALOGUE];
  expect(entry).toMatchObject({ status, title: a.json.title });
}

async function start(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; api: Client }> {
  const sandbox = await createSandbox(options);
  return { sandbox, api: new Client(await sandbox.listen(0, '127.0.0.1')) };
}

/** One instance of a behaviour-suite target, with this file's client over it. */
async function startOn(target: Target, options: TargetOptions = {}): Promise<{ running: RunningTarget; api: Client }> {
  const running = await target.start(options);
  return { running, api: new Client(running.baseUrl) };
}

describe.each(TARGETS)('the happy path ($name)', (target) => {
  let running: RunningTarget;
  let api: Client;
  beforeAll(async () => ({ running, api } = await startOn(target)));
  afterAll(() => running.close());

  it('guest → upload → replace → list → Base64 → download → delete, with one notification per change', async () => {
    const { token, profileId } = await api.guest();
    const me0 = await api.call('GET', '/me', { token });
    expect(me0.json).toMatchObject({ profileId, identificationLevel: 'Guest' });
    expect('profileImage' in me0.json).toBe(false);
    expectProblem(await api.call('GET', '/me/profileimage', { token }), 404, 'no-profile-image');

    const gif = await api.upload(token, GIF_1X1, { type: 'ProfileImage', filename: 'old.gif' });
    expect(gif.status).toBe(201);
    expect(gif.headers.get('location')).toBe(`/media/${gif.json.identifier}`);
    expect(gif.json).toEqual({
      identifier: expect.any(String),
      name: 'old.gif',
      encodingFormat: 'image/gif', // from the bytes, although the part said text/plain
      contentSize: GIF_1X1.length,
      dateCreated: expect.any(String),
      additionalType: 'ProfileImage',
      contentUrl: `/media/${gif.json.identifier}/download`,
    });
    const me1 = (await api.call('GET', '/me', { token })).json;
    expect(me1.profileImage).toBe(gif.json.identifier);

    const png = await api.upload(token, PNG_1X1, { type: 'ProfileImage', filename: 'new.png' });
    expect(png.status).toBe(201);
    const me2 = (await api.call('GET', '/me', { token })).json;
    expect(me2.profileImage).toBe(png.json.identifier);
    const listed = (await api.call('GET', '/media', { token })).json;
    expect(listed).toEqual([gif.json, png.json]);

    const b64 = await api.call('GET', '/me/profileimage', { token });
    expect(b64.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(Buffer.from(b64.bytes).toString('utf8')).toBe(toBase64(PNG_1X1));
    expect(Buffer.from((await api.call('GET', `/media/${gif.json.identifier}/base64`, { token })).bytes).toString()).toBe(toBase64(GIF_1X1));

    const old = await api.call('GET', `/media/${gif.json.identifier}/download`, { token });
    expect(old.status).toBe(200);
    expect(old.bytes).toEqual(GIF_1X1);
    expect(old.headers.get('content-type')).toBe('image/gif');
    expect(old.headers.get('content-length')).toBe(String(GIF_1X1.length));
    expect(old.headers.get('content-disposition')).toBe('attachment; filename="old.gif"');

    const pdf = await api.upload(token, PDF_MINIMAL, { filename: 'notes.pdf' });
    expect(pdf.json.encodingFormat).toBe('application/pdf');
    expect('additionalType' in pdf.json).toBe(false);
    expect((await api.call('GET', '/me', { token })).json).toEqual(me2);

    expect((await api.call('DELETE', '/me/profileimage', { token })).status).toBe(204);
    const me3 = (await api.call('GET', '/me', { token })).json;
    expect('profileImage' in me3).toBe(false);
    expect((await api.call('GET', '/media', { token })).json.map((m: any) => m.identifier)).toEqual([gif.json.identifier, pdf.json.identifier]);
    expectProblem(await api.call('GET', `/media/${png.json.identifier}`, { token }), 404, 'media-not-found');
    expectProblem(await api.call('DELETE', '/me/profileimage', { token }), 404, 'no-profile-image');

    const log = await running.notifications(profileId);
    expect(log.map((n: any) => [n.properties.eventTrigger, n.body])).toEqual([
      ['Create', me0.json],
      ['Update', me1],
      ['Update', me2],
      ['Update', me3],
    ]);
    for (const n of log) expect(n.properties).toMatchObject({ entityName: 'Person', profileId, identifier: profileId });
    expect(new Set(log.map((n: any) => n.properties.messageId)).size).toBe(4);
  });

  it('deleting the active image through DELETE /media/{id} clears it without promoting the older one', async () => {
    const { token } = await api.guest();
    const older = await api.upload(token, GIF_1X1, { type: 'ProfileImage' });
    const active = await api.upload(token, PNG_1X1, { type: 'ProfileImage' });
    expect((await api.call('DELETE', `/media/${active.json.identifier}`, { token })).status).toBe(204);
    expect('profileImage' in (await api.call('GET', '/me', { token })).json).toBe(false);
    expect((await api.call('GET', '/media', { token })).json).toEqual([older.json]);
  });

  it('takes the type from the form field, a `name` part, and sanitises file names for storage and download', async () => {
    const { token } = await api.guest();
    const viaForm = await api.upload(token, PNG_1X1, { formType: 'ProfileImage', filename: '../../etc/passwd' });
    expect(viaForm.status).toBe(201);
    expect(viaForm.json).toMatchObject({ additionalType: 'ProfileImage', name: 'passwd' });
    const named = await api.upload(token, PDF_MINIMAL, { type: 'Document', formType: 'Document', name: 'Grüße "quoted".pdf' });
    expect(named.json.name).toBe('Grüße "quoted".pdf');
    const cd = (await api.call('GET', `/media/${named.json.identifier}/download`, { token })).headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="Gr\?\?e \\"quoted\\"\.pdf"; filename\*=UTF-8''Gr%C3%BC%C3%9Fe%20%22quoted%22\.pdf$/);
  });

  it('isolates users: another user\'s media answers 404 like an unknown one, everywhere', async () => {
    const a = await api.guest();
    const b = await api.guest();
    const item = await api.upload(a.token, PNG_1X1, { type: 'ProfileImage' });
    for (const [method, suffix] of [['GET', ''], ['GET', '/base64'], ['GET', '/download'], ['DELETE', '']] as const) {
      expectProblem(await api.call(method, `/media/${item.json.identifier}${suffix}`, { token: b.token }), 404, 'media-not-found');
    }
    expect((await api.call('GET', '/media', { token: b.token })).json).toEqual([]);
    expect((await api.call('GET', '/media', { token: a.token })).json).toEqual([item.json]);
  });
});

describe('GET /me: the request log changes nothing in the answer', () => {
  it('same status, headers and body with and without the request log', async () => {
    const answers: { status: number; type: string | null; length: string | null; body: any }[][] = [];
    for (const options of [{}, { logger: true, logLevel: 'silent' }] satisfies SandboxOptions[]) {
      const { sandbox, api } = await start(options);
      try {
        const { token } = await api.guest();
        const seen = [];
        for (const bytes of [undefined, PNG_1X1]) {
          if (bytes) await api.upload(token, bytes, { type: 'ProfileImage' });
          const a = await api.call('GET', '/me', { token });
          seen.push({ status: a.status, type: a.headers.get('content-type'), length: a.headers.get('content-length'), body: a.json });
        }
        answers.push(seen);
      } finally {
        await sandbox.close();
      }
    }
    const shape = (xs: (typeof answers)[number]) =>
      xs.map((x) => ({ ...x, body: { ...x.body, profileId: '-', createdDateTime: '-', lastModified: '-', profileImage: x.body.profileImage ? 'id' : undefined } }));
    expect(shape(answers[0]!)).toEqual(shape(answers[1]!));
    expect(answers[0]![0]).toMatchObject({ status: 200, type: 'application/json; charset=utf-8' });
    expect('profileImage' in answers[0]![0]!.body).toBe(false);
    expect(Number(answers[0]![1]!.length)).toBe(Buffer.byteLength(JSON.stringify(answers[0]![1]!.body)));
  });
});

describe.each(TARGETS)('key errors: the declared 4xx problem, and nothing changes ($name)', (target) => {
  let running: RunningTarget;
  let api: Client;
  let user: { token: string; profileId: string };
  let before: unknown;
  const LIMIT = 64 * 1024;

  beforeAll(async () => {
    ({ running, api } = await startOn(target, { maxUploadBytes: LIMIT }));
  });
  beforeFirst(async () => {
    user = await api.guest();
    await api.upload(user.token, PNG_1X1, { type: 'ProfileImage' });
    before = await observe();
  });
  afterAll(() => running.close());

  async function observe() {
    const [me, media, log] = await Promise.all([
      api.call('GET', '/me', { token: user.token }),
      api.call('GET', '/media', { token: user.token }),
      running.notifications(user.profileId),
    ]);
    return { me: me.json, media: media.json, log };
  }

  const multipart = (boundary: string, parts: string[]) =>
    ({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n` });
  const filePartText = (name: string, filename: string | undefined, data: string) =>
    `Content-Disposition: form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"` : ''}\r\nContent-Type: application/octet-stream\r\n\r\n${data}`;
  const png = Buffer.from(PNG_1X1).toString('latin1');

  const cases: [string, () => Promise<Answer>, number, string][] = [
    ['no token', () => api.call('GET', '/me'), 401, 'unauthorized'],
    ['a malformed Authorization header', () => api.call('GET', '/me', { headers: { authorization: 'Token abc' } }), 401, 'unauthorized'],
    ['an unknown token', () => api.call('GET', '/media', { token: 'no-such-token' }), 401, 'unauthorized'],
    ['an upload without a token', () => api.upload('', PNG_1X1, { type: 'ProfileImage' }), 401, 'unauthorized'],
    ['grant_type missing', () => api.call('POST', '/token'), 400, 'unsupported-grant-type'],
    ['grant_type unsupported', () => api.call('POST', '/token?grant_type=password'), 400, 'unsupported-grant-type'],
    ['AdditionalType given twice', () => api.call('POST', '/media?AdditionalType=Scan&AdditionalType=Scan', { token: user.token }), 400, 'invalid-parameter'],
    ['AdditionalType in the wrong case', () => api.upload(user.token, PNG_1X1, { type: 'profileimage' }), 400, 'unknown-additional-type'],
    ['form additionalType unknown', () => api.upload(user.token, PNG_1X1, { formType: 'Avatar' }), 400, 'unknown-additional-type'],
    ['query and form types differ', () => api.upload(user.token, PNG_1X1, { type: 'ProfileImage', formType: 'Scan' }), 400, 'conflicting-additional-type'],
    ['a JSON body', () => api.call('POST', '/media', { token: user.token, headers: { 'content-type': 'application/json' }, body: '{"file":"x"}' }), 400, 'not-multipart'],
    ['multipart without a boundary', () => api.call('POST', '/media', { token: user.token, headers: { 'content-type': 'multipart/form-data' }, body: 'x' }), 400, 'malformed-multipart'],
    ['a truncated multipart body', () => api.call('POST', '/media', { token: user.token, headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: `--zz\r\n${filePartText('file', 'a.png', 'abc')}` }), 400, 'malformed-multipart'],
    ['no file part', () => api.call('POST', '/media', { token: user.token, ...multipart('b1', ['Content-Disposition: form-data; name="name"\r\n\r\nx']) }), 400, 'missing-file'],
    ['two file parts', () => api.call('POST', '/media', { token: user.token, ...multipart('b2', [filePartText('file', 'a.png', png), filePartText('file', 'b.png', png)]) }), 400, 'multiple-files'],
    ['an extra file part', () => api.call('POST', '/media', { token: user.token, ...multipart('b3', [filePartText('file', 'a.png', png), filePartText('other', 'b.png', png)]) }), 400, 'unexpected-file-part'],
    ['a file part without filename', () => api.call('POST', '/media', { token: user.token, ...multipart('b4', ['Content-Disposition: form-data; name="file"\r\n\r\nhello']) }), 400, 'missing-filename'],
    ['an empty file', () => api.upload(user.token, new Uint8Array(0), { type: 'ProfileImage' }), 400, 'empty-file'],
    ['a ProfileImage that is text', () => api.upload(user.token, NOT_AN_IMAGE, { type: 'ProfileImage', filename: 'x.png' }), 415, 'not-an-image'],
    ['a file over the limit', () => api.upload(user.token, new Uint8Array(LIMIT + 1).fill(0x41), { type: 'Scan' }), 413, 'file-too-large'],
    ['an image far over the limit', () => api.upload(user.token, Buffer.concat([PNG_1X1, Buffer.alloc(LIMIT * 40)]), { type: 'ProfileImage' }), 413, 'file-too-large'],
    ['profileimage in the wrong case', () => api.call('GET', '/me/ProfileImage', { token: user.token }), 404, 'not-found'],
    ['an unknown route', () => api.call('GET', '/nope', { token: user.token }), 404, 'not-found'],
    ['an unknown media identifier', () => api.call('GET', '/media/unknown', { token: user.token }), 404, 'media-not-found'],
    ['DELETE an unknown media identifier', () => api.call('DELETE', '/media/unknown', { token: user.token }), 404, 'media-not-found'],
  ];

  it.each(cases)('%s', async (_name, send, status, code) => {
    expectProblem(await send(), status, code);
    expect(await observe()).toEqual(before);
  });

  it('a 401 says how to authenticate: WWW-Authenticate: Bearer', async () => {
    expect((await api.call('GET', '/me')).headers.get('www-authenticate')).toBe('Bearer');
    expect((await api.call('GET', '/me', { token: 'unknown' })).headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('a 413 closes the connection (where there is one), and the limit counts the file, not the whole body', async () => {
    const over = await api.upload(user.token, new Uint8Array(LIMIT + 1).fill(0x41), { type: 'Scan' });
    expectProblem(over, 413, 'file-too-large');
    if (target.socket) expect(over.headers.get('connection')).toBe('close');
    const exact = await api.upload(user.token, new Uint8Array(LIMIT).fill(0x41), { type: 'Scan', name: 'x'.repeat(255) });
    expect(exact.status).toBe(201);
    expect((await api.call('DELETE', `/media/${exact.json.identifier}`, { token: user.token })).status).toBe(204);
    expect(await observe()).toEqual(before);
  });

  it('a wrong method on a known path → 405 with Allow', async () => {
    const a = await api.call('PUT', '/me/profileimage', { token: user.token });
    expectProblem(a, 405, 'method-not-allowed');
    expect(a.headers.get('allow')).toBe('GET, HEAD, DELETE');
    expect((await api.call('PATCH', '/media/x', { token: user.token })).headers.get('allow')).toBe('GET, HEAD, DELETE');
  });

  // Only a server parses header blocks; in-process there is none to overflow.
  if (target.socket) it('oversized headers → 431 problem+json, and the server keeps serving', async () => {
    const { port } = new URL(api.base);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let out = '';
      socket.on('data', (d) => (out += d));
      socket.on('close', () => resolve(out));
      socket.on('error', reject);
      socket.end(`GET /me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(32 * 1024)}\r\n\r\n`);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body!)).toMatchObject({ type: `${PROBLEM_TYPE_PREFIX}headers-too-large`, status: 431 });
    expect(await observe()).toEqual(before);
  });
});

describe('test-support routes', () => {
  it('health answers ok; reset forgets users, media and notifications', async () => {
    const { sandbox, api } = await start();
    try {
      expect((await api.call('GET', '/_sandbox/health')).json).toEqual({ status: 'ok' });
      const { token } = await api.guest();
      await api.upload(token, PNG_1X1, { type: 'ProfileImage' });
      expect((await api.call('GET', '/_sandbox/notifications')).json).toHaveLength(2);
      expect((await api.call('POST', '/_sandbox/reset')).status).toBe(204);
      expect((await api.call('GET', '/_sandbox/notifications')).json).toEqual([]);
      expectProblem(await api.call('GET', '/me', { token }), 401, 'unauthorized');
    } finally {
      await sandbox.close();
    }
  });
});

describe('webhook notifications', () => {
  /** A receiver that answers 500 to the first `failures` attempts, then 204. */
  async function receiver(failures: number) {
    const attempts: { type: string | undefined; message: any }[] = [];
    const server: Server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      attempts.push({ type: req.headers['content-type'], message: JSON.parse(Buffer.concat(chunks).toString()) });
      res.statusCode = attempts.length <= failures ? 500 : 204;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}/hook`,
      attempts,
      close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
    };
  }

  it('POSTs every message as {properties, body} in order, retrying failures until accepted', async () => {
    const hook = await receiver(3);
    const { sandbox, api } = await start({ notifyWebhookUrl: hook.url, webhookRetry: { baseDelayMs: 5, maxDelayMs: 20 } });
    try {
      const { token, profileId } = await api.guest();
      const img = await api.upload(token, PNG_1X1, { type: 'ProfileImage' });
      await api.call('DELETE', '/me/profileimage', { token });
      await sandbox.deliveriesSettled();
      const logged = (await api.call('GET', '/_sandbox/notifications')).json;
      expect(hook.attempts.length).toBe(logged.length + 3);
      expect(hook.attempts.every((a) => a.type === 'application/json')).toBe(true);
      // At-least-once: duplicates of a refused attempt are allowed, the order of first arrivals is not negotiable.
      const seen = new Set<string>();
      const firstArrivals = hook.attempts.map((a) => a.message).filter((m) => !seen.has(m.properties.messageId) && seen.add(m.properties.messageId));
      expect(firstArrivals).toEqual(logged);
      expect(firstArrivals.map((m: any) => [m.properties.eventTrigger, m.properties.profileId, m.body.profileImage])).toEqual([
        ['Create', profileId, undefined],
        ['Update', profileId, img.json.identifier],
        ['Update', profileId, undefined],
      ]);
    } finally {
      await sandbox.close();
      await hook.close();
    }
  });

  it('gives a message up after maxAttempts (with a warning), then delivers the profile\'s next one', async () => {
    const hook = await receiver(Number.POSITIVE_INFINITY);
    const warnings: string[] = [];
    const notifier = new Notifier({ webhookUrl: hook.url, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, warn: (m) => warnings.push(m) });
    const draft = (n: number) => ({
      properties: { entityName: 'Person', eventTrigger: 'Update' as const, profileId: 'p', identifier: 'p' },
      body: { profileId: 'p', identificationLevel: 'Guest' as const, createdDateTime: 'x', lastModified: String(n) },
    });
    const [first, second] = notifier.publish([draft(1), draft(2)]);
    await notifier.idle();
    expect(hook.attempts.map((a) => a.message.properties.messageId)).toEqual([
      ...Array(3).fill(first!.properties.messageId),
      ...Array(3).fill(second!.properties.messageId),
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(first!.properties.messageId);
    await notifier.close();
    await hook.close();
  });

  it('close() stops retrying a subscriber that keeps failing', async () => {
    const hook = await receiver(Number.POSITIVE_INFINITY);
    const { sandbox, api } = await start({ notifyWebhookUrl: hook.url, webhookRetry: { baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 1000 } });
    await api.guest();
    while (hook.attempts.length < 3) await new Promise((r) => setTimeout(r, 5));
    await sandbox.close();
    const after = hook.attempts.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(hook.attempts.length).toBe(after);
    await hook.close();
  });
});

describe('npm start (src/cli/bin.ts sandbox)', () => {
  it('reads its settings from the environment and refuses bad ones', () => {
    const defaults = { cors: { origins: 'any' }, limits: DEFAULT_LIMITS };
    expect(optionsFromEnv({})).toEqual({ port: 4010, host: '127.0.0.1', options: { maxUploadBytes: 10 * 1024 * 1024, ...defaults } });
    expect(optionsFromEnv({ PORT: '5000', HOST: '::1', MAX_UPLOAD_BYTES: '1024', NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/x', LOG_LEVEL: 'warn' })).toEqual({
      port: 5000,
      host: '::1',
      options: { maxUploadBytes: 1024, notifyWebhookUrl: 'http://127.0.0.1:9/x', logger: true, logLevel: 'warn', ...defaults },
    });
    expect(
      optionsFromEnv({ CORS_ORIGINS: 'http://a.test', SANDBOX_SEED: 'seed.yaml', MAX_STORE_BYTES: '1000', MAX_MEDIA_PER_USER: '3', MAX_NAME_LENGTH: '9', MAX_FILENAME_LENGTH: '8' }),
    ).toEqual({
      port: 4010,
      host: '127.0.0.1',
      seedFile: 'seed.yaml',
      options: {
        maxUploadBytes: 10 * 1024 * 1024,
        cors: { origins: ['http://a.test'] },
        limits: { maxStoreBytes: 1000, maxMediaPerUser: 3, maxNameLength: 9, maxFilenameLength: 8 },
      },
    });
    for (const variable of ['MAX_STORE_BYTES', 'MAX_MEDIA_PER_USER', 'MAX_NAME_LENGTH', 'MAX_FILENAME_LENGTH']) {
      expect(() => optionsFromEnv({ [variable]: '0' }), variable).toThrow(new RegExp(`${variable}="0" is not valid; give a whole number from 1`));
    }
    expect(() => optionsFromEnv({ CORS_ORIGINS: 'localhost' })).toThrow(/CORS_ORIGINS entry "localhost" is not an origin/);
    expect(() => optionsFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => optionsFromEnv({ MAX_UPLOAD_BYTES: '-1' })).toThrow(/MAX_UPLOAD_BYTES/);
    expect(() => optionsFromEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => optionsFromEnv({ NOTIFY_WEBHOOK_URL: 'ftp://example' })).toThrow(/NOTIFY_WEBHOOK_URL/);
  });
});
