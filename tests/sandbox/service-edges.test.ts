// The edges of the transport-neutral operations (src/sandbox/service.ts) and of the HTTP adapter's error
// answers that the mutation run (npm run mutation:sandbox, docs/mutation-testing.md) found unpinned: what
// POST /token's times mean, which Authorization headers authenticate and how each refusal says so, a query
// parameter given twice, the 404/405 of paths no route serves, the Content-Disposition of a download, the
// Base64 a browser computes (no Buffer), the upload limit's checks, and the answers to requests the parser or
// a plugin refuses. The API-level cases run against every target (support/targets.ts).
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { details, ProblemError } from '../../src/sandbox/errors.ts';
import { fromBase64, toBase64 } from '../../src/sandbox/base64.ts';
import { checkedMaxUploadBytes, contentDisposition, RouteTable, templatePattern } from '../../src/sandbox/service.ts';
import { createSandbox, MemoryStore, type Outcome } from '../../src/sandbox/index.ts';
import { Api, expectProblem, type Guest } from './support/http.ts';
import { rawExchange } from './support/raw.ts';
import { sandboxPerFile, startSandbox, startTarget, type RunningSandbox } from './support/sandbox.ts';
import { TARGETS } from './support/targets.ts';

const PROBLEM = 'urn:profile-contracts:problem:';
const HOW_TO_AUTHENTICATE = 'Send a valid token as `Authorization: Bearer <token>`; get one from POST /token?grant_type=guest.';

describe.each(TARGETS)('the operations ($name)', (target) => {
  let sandbox: RunningSandbox;
  let user: Guest;
  beforeAll(async () => {
    sandbox = await startTarget(target);
  });
  afterAll(() => sandbox.close());

  it('POST /token: a bearer token that expires in an hour (epoch seconds), a refresh token good for 30 days', async () => {
    const before = Math.floor(Date.now() / 1000);
    const r = await sandbox.api.call('POST', '/token?grant_type=guest');
    const after = Math.ceil(Date.now() / 1000);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const t = r.json;
    expect(t.tokenType).toBe('Bearer');
    expect(t.expiresIn).toBeGreaterThanOrEqual(before + 3600);
    expect(t.expiresIn).toBeLessThanOrEqual(after + 3600);
    expect(t.expiresInDate).toBe(new Date(t.expiresIn * 1000).toISOString());
    expect(Date.parse(t.refreshTokenExpiresInDate) / 1000).toBe(t.expiresIn - 3600 + 30 * 24 * 3600);
    expect(new Set([t.token, t.refreshToken]).size).toBe(2);
    user = { token: t.token, profileId: (await sandbox.api.me(t.token)).profileId };
  });

  it.each([
    ['the scheme in lower case', (t: string) => `bearer ${t}`],
    ['several spaces after the scheme and trailing blanks', (t: string) => `Bearer   ${t}  `],
  ])('authenticates %s', async (_what, header) => {
    const r = await sandbox.api.call('GET', '/me', { headers: { authorization: header(user.token) } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.profileId).toBe(user.profileId);
  });

  it.each([
    ['no Authorization header', undefined, 'Bearer', 'The request has no Authorization header.'],
    ['another scheme', 'Basic YTpi', 'Bearer', 'The Authorization header is not of the form "Bearer <token>".'],
    ['a token with a character no token has', 'Bearer a,b', 'Bearer', 'The Authorization header is not of the form "Bearer <token>".'],
    ['a token in the header after the scheme and something else', 'Bearer a b', 'Bearer', 'The Authorization header is not of the form "Bearer <token>".'],
    ['an unknown token', 'Bearer never-issued', 'Bearer error="invalid_token"', 'The bearer token is not known (it was never issued, or the sandbox was reset).'],
  ])('refuses %s with a 401 that says what was wrong and how to authenticate', async (_what, header, challenge, why) => {
    const r = await sandbox.api.call('GET', '/media', { headers: header === undefined ? {} : { authorization: header } });
    expectProblem(r, 401);
    expect(r.json.type).toBe(`${PROBLEM}unauthorized`);
    expect(r.headers.get('www-authenticate')).toBe(challenge);
    expect(r.json.detail).toBe(`${why} ${HOW_TO_AUTHENTICATE}`);
  });

  it('refuses a query parameter given twice, saying how often it came', async () => {
    const r = await sandbox.api.call('POST', '/token?grant_type=guest&grant_type=guest');
    expectProblem(r, 400);
    expect(r.json.type).toBe(`${PROBLEM}invalid-parameter`);
    expect(r.json.detail).toBe('The query parameter "grant_type" is given 2 times; give it once. Allowed: guest. See the spec (openapi/profile-service.yaml).');
  });

  it('lists every allowed value of a parameter given twice', async () => {
    const r = await sandbox.api.upload(user.token, { bytes: PNG_1X1, filename: 'a.png' });
    expect(r.status).toBe(201);
    const twice = await sandbox.api.call('POST', '/media?AdditionalType=ProfileImage&AdditionalType=Scan', { token: user.token });
    expectProblem(twice, 400);
    expect(twice.json.detail).toMatch(/^The query parameter "AdditionalType" is given 2 times; give it once\. Allowed: ProfileImage, \w+, /);
  });

  it('names the grant types and the AdditionalType values a bad value may take', async () => {
    const grant = await sandbox.api.call('POST', '/token?grant_type=password');
    expectProblem(grant, 400);
    expect(grant.json.detail).toBe('grant_type "password" is not supported. grant_type must be one of: guest. Use POST /token?grant_type=guest.');
    const missing = await sandbox.api.call('POST', '/token');
    expect(missing.json.detail).toBe('grant_type is missing. grant_type must be one of: guest. Use POST /token?grant_type=guest.');
    const type = await sandbox.api.upload(user.token, { bytes: PNG_1X1, filename: 'a.png', query: 'Selfie' });
    expectProblem(type, 400);
    expect(type.json.type).toBe(`${PROBLEM}unknown-additional-type`);
    expect(type.json.detail).toMatch(/^AdditionalType "Selfie" is not known\. Allowed \(exact, case-sensitive\): ProfileImage, .+\.$/);
  });

  it('answers a download with its bytes, their length and type, and the name as Content-Disposition', async () => {
    const up = await sandbox.api.upload(user.token, { bytes: PNG_1X1, filename: 'photo.png', name: 'Ünïcode (1)*.png' });
    const r = await sandbox.api.call('GET', `/media/${up.json.identifier}/download`, { token: user.token });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(r.headers.get('content-length')).toBe(String(PNG_1X1.length));
    expect(r.headers.get('content-disposition')).toBe(contentDisposition('Ünïcode (1)*.png'));
    expect(Buffer.from(r.bytes).equals(Buffer.from(PNG_1X1))).toBe(true);
  });
});

describe('Content-Disposition of a download', () => {
  it.each([
    ['cat.png', 'attachment; filename="cat.png"'],
    ['my "best" \\ cat.png', 'attachment; filename="my \\"best\\" \\\\ cat.png"'],
    ['Ünïcode (1)*.png', `attachment; filename="?n?code (1)*.png"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20%281%29%2A.png`],
    ["l'été.png", `attachment; filename="l'?t?.png"; filename*=UTF-8''l%27%C3%A9t%C3%A9.png`],
    ['tab\there.png', `attachment; filename="tab?here.png"; filename*=UTF-8''tab%09here.png`],
  ])('%j → %s', (name, header) => {
    expect(contentDisposition(name)).toBe(header);
  });
});

describe('Base64 in a browser (no Buffer: the MSW handlers)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is the same standard Base64 as Node\'s, also for more bytes than one chunk of String.fromCharCode', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 3).map((_, i) => (i * 7) % 256);
    const slice = bytes.subarray(5, 0x8000 + 9);
    const expected = [bytes, slice, PNG_1X1, new Uint8Array(0)].map((b) => Buffer.from(b).toString('base64'));
    vi.stubGlobal('Buffer', undefined);
    expect([bytes, slice, PNG_1X1, new Uint8Array(0)].map((b) => toBase64(b))).toEqual(expected);
  });

  it('decodes exactly what Node decodes, and refuses what is not standard padded Base64', () => {
    const bytes = new Uint8Array(300).map((_, i) => (i * 13) % 256);
    const text = Buffer.from(bytes).toString('base64');
    vi.stubGlobal('Buffer', undefined);
    expect(fromBase64(text)).toEqual(bytes);
    expect(fromBase64('')).toEqual(new Uint8Array(0));
    for (const bad of ['abc', 'ab-_', 'YQ', 'YQ=', 'YQ==\n', 'Y Q==']) expect(fromBase64(bad), bad).toBeUndefined();
  });
});

describe('the paths no route serves', () => {
  const table = new RouteTable();
  table.add('/media', ['GET', 'POST']);
  table.add('/media/{identifier}', 'GET');
  table.add('/media/{identifier}', ['DELETE']);
  table.add('/a.b', 'GET');

  it('answers 405 with the methods of a served path, in the order they were added', () => {
    const err = table.unrouted('PUT', '/media/x');
    expect(err.problem).toMatchObject({ type: `${PROBLEM}method-not-allowed`, status: 405 });
    expect(err.headers).toEqual({ allow: 'GET, DELETE' });
    expect(err.problem.detail).toBe('/media/x does not take PUT; use one of: GET, DELETE.');
    expect(table.unrouted('DELETE', '/media').headers).toEqual({ allow: 'GET, POST' });
  });

  it('answers 404, not 405, for a method the path is served with (the router missed it, so the path does not match)', () => {
    expect(table.unrouted('GET', '/media/x').problem.type).toBe(`${PROBLEM}not-found`);
  });

  it('answers 404 for a path no template matches exactly, case and dots included', () => {
    for (const path of ['/Media', '/media/x/y', '/media/', '/aXb', '/x/media']) {
      const err = table.unrouted('GET', path);
      expect(err.problem.type, path).toBe(`${PROBLEM}not-found`);
      expect(err.problem.detail).toBe(details.notFound('GET', path));
    }
  });

  it('reads both spellings of a path parameter, and matches one segment per parameter', () => {
    expect(templatePattern('/media/{identifier}/download').test('/media/abc/download')).toBe(true);
    expect(templatePattern('/media/:identifier/download').test('/media/abc/download')).toBe(true);
    expect(templatePattern('/media/{identifier}/download').test('/media/a/b/download')).toBe(false);
    expect(templatePattern('/media/{identifier}').test('/media/')).toBe(false);
    expect(templatePattern('/a+b').test('/aab')).toBe(false);
    expect(templatePattern('/a+b').test('/a+b')).toBe(true);
  });
});

describe('the upload limit a sandbox is given', () => {
  it.each([[1, 1], [undefined, 10 * 1024 * 1024], [2 ** 40, 2 ** 40]])('takes %s as %s bytes', (given, limit) => {
    expect(checkedMaxUploadBytes(given)).toBe(limit);
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53])('refuses %s, naming it', (given) => {
    expect(() => checkedMaxUploadBytes(given)).toThrow(`maxUploadBytes must be a positive integer number of bytes, got ${given}`);
  });
});

describe('requests the HTTP adapter refuses before any operation', () => {
  const ctx = sandboxPerFile();

  it('a request Node cannot parse: 400 problem+json naming the parser\'s complaint', async () => {
    const r = await rawExchange(ctx.sandbox.url, 'POST /token?grant_type=guest HTTP/1.1\r\nHost: x\r\nContent-Length: abc');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.headers.get('content-length')).toBe(String(r.bytes.length));
    expect(r.headers.get('connection')).toBe('close');
    expect(r.json).toEqual({
      type: `${PROBLEM}bad-request`,
      title: 'Bad request',
      status: 400,
      detail: details.badRequest('HPE_INVALID_CONTENT_LENGTH'),
    });
  });

  it('an oversized header block: 431 problem+json, framed exactly', async () => {
    const r = await rawExchange(ctx.sandbox.url, `GET /me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(32 * 1024)}`);
    expect(r.status).toBe(431);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.headers.get('content-length')).toBe(String(r.bytes.length));
    expect(r.json).toEqual({ type: `${PROBLEM}headers-too-large`, title: 'Request headers too large', status: 431, detail: details.headersTooLarge() });
  });

  it('a path that is not valid percent-encoding: 400 bad-request, not a 5xx', async () => {
    const r = await ctx.sandbox.api.call('GET', '/media/%E0%A4%A', { token: ctx.user.token });
    expectProblem(r, 400);
    expect(r.json.type).toBe(`${PROBLEM}bad-request`);
    expect(r.json.detail).toMatch(/^The request could not be read: .+\. Check its syntax and headers\.$/);
  });
});

describe('a store that no longer knows the caller when it commits', () => {
  it('answers 401 with WWW-Authenticate: Bearer, as for an unknown token', async () => {
    class ForgetfulStore extends MemoryStore {
      override async apply<T>(): Promise<Outcome<T>> {
        return { ok: false, code: 'unauthorized', detail: details.unauthorized('unknown') };
      }
    }
    const sandbox = await createSandbox({ store: new ForgetfulStore() });
    try {
      const api = new Api(await sandbox.listen(0, '127.0.0.1'));
      const { token } = await api.guest();
      const r = await api.call('DELETE', '/me/profileimage', { token });
      expectProblem(r, 401);
      expect(r.json.type).toBe(`${PROBLEM}unauthorized`);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
    } finally {
      await sandbox.close();
    }
  });
});

describe('errors from an extra plugin', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      plugins: [
        (app) => {
          app.addHook('onRequest', async (req) => {
            const fault = req.headers['x-fault'];
            if (fault === 'client') throw Object.assign(new Error('the teapot refused'), { statusCode: 418 });
            if (fault === 'server') throw new Error('the plugin broke');
            if (fault === 'problem') throw new ProblemError('not-found', 'a plugin\'s own problem', { 'x-why': 'plugin' });
          });
        },
      ],
    });
  });
  afterAll(() => sandbox.close());

  it('a 4xx error that is no problem becomes a 400 bad-request with its message', async () => {
    const r = await sandbox.api.call('GET', '/me', { headers: { 'x-fault': 'client' } });
    expectProblem(r, 400);
    expect(r.json).toMatchObject({ type: `${PROBLEM}bad-request`, detail: details.badRequest('the teapot refused') });
  });

  it('any other error becomes a 500 internal-error that says it is a bug, and the sandbox keeps serving', async () => {
    const r = await sandbox.api.call('GET', '/me', { headers: { 'x-fault': 'server' } });
    expectProblem(r, 500);
    expect(r.json).toEqual({
      type: `${PROBLEM}internal-error`,
      title: 'Internal error',
      status: 500,
      detail: 'The sandbox failed unexpectedly; this is a bug in the sandbox, please report it with the request.',
    });
    expect((await sandbox.api.call('POST', '/token?grant_type=guest')).status).toBe(200);
  });

  it('a ProblemError is answered as it is, with its headers', async () => {
    const r = await sandbox.api.call('GET', '/me', { headers: { 'x-fault': 'problem' } });
    expectProblem(r, 404);
    expect(r.headers.get('x-why')).toBe('plugin');
    expect(r.json.detail).toBe('a plugin\'s own problem');
  });
});
