// Spec conformance (issue 3, "Tests that must exist" 1): a full scenario against the sandbox, sent through
// `prism proxy --errors`, so that an independent validator checks every request and every response against
// openapi/profile-service.yaml. Every exchange must come back without an `sl-violations` header, with the
// expected status and (for errors) the sandbox's own problem; at the end every status the spec declares for
// every operation must have been seen. The last block proves that the check bites: the same assertion
// fails when Prism stands in front of a deliberately wrong upstream.
//
// Files sent through Prism are ASCII-only (WebP, a colour-table-less GIF, a PDF): Prism 5 reads bodies as
// UTF-8 text when proxying, which would rewrite the bytes of a binary PNG or JPEG on the way.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { NOT_AN_IMAGE, PDF_MINIMAL, WEBP_MINIMAL, toBase64 } from '../../src/fixtures/images.ts';
import { SPEC, startPrismProxy, type Running } from '../support/processes.ts';
import { GIF_ASCII, isAscii } from './support/fixtures.ts';
import { Api, PRISM_PROBLEM, uploadRequest, type Guest, type Reply, type RequestOptions, type UploadOptions } from './support/http.ts';
import { expectConforms, violations } from './support/prism.ts';
import { startSandbox, type RunningSandbox } from './support/sandbox.ts';

const LIMIT = 2048;

/** Which operation a concrete request path belongs to, for the coverage check. */
function operationOf(method: string, path: string): string {
  const p = path.split('?')[0];
  const routes: Array<[string, RegExp, string]> = [
    ['POST', /^\/token$/, 'createToken'],
    ['GET', /^\/me$/, 'getMe'],
    ['GET', /^\/me\/profileimage$/, 'getProfileImage'],
    ['DELETE', /^\/me\/profileimage$/, 'deleteProfileImage'],
    ['GET', /^\/media$/, 'listMedia'],
    ['POST', /^\/media$/, 'uploadMedia'],
    ['GET', /^\/media\/[^/]+$/, 'getMedia'],
    ['DELETE', /^\/media\/[^/]+$/, 'deleteMedia'],
    ['GET', /^\/media\/[^/]+\/base64$/, 'getMediaBase64'],
    ['GET', /^\/media\/[^/]+\/download$/, 'downloadMedia'],
  ];
  const hit = routes.find(([m, re]) => m === method && re.test(p));
  if (!hit) throw new Error(`no operation for ${method} ${path}`);
  return hit[2];
}

/** operationId → declared statuses, read from the spec itself. */
function declaredStatuses(): Map<string, string[]> {
  const doc = parse(readFileSync(SPEC, 'utf8'));
  const out = new Map<string, string[]>();
  for (const item of Object.values<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      out.set(op.operationId, Object.keys(op.responses));
    }
  }
  return out;
}

/**
 * Declared statuses the proxy cannot show, because Prism answers the request itself: `grant_type` is an enum
 * in the spec, so any other value is a request violation that Prism refuses with its own 422 before the
 * sandbox sees it. (The sandbox's 400 for it is checked directly in bad-input.test.ts.)
 */
const UNREACHABLE_THROUGH_PRISM = new Set(['createToken 400']);

describe('the sandbox through prism proxy --errors', () => {
  let sandbox: RunningSandbox;
  let prism: Running;
  let api: Api;
  const seen = new Set<string>();

  beforeAll(async () => {
    sandbox = await startSandbox({ maxUploadBytes: LIMIT });
    prism = await startPrismProxy(sandbox.url);
    api = new Api(prism.url);
  });
  afterAll(async () => {
    await prism?.stop();
    await sandbox?.close();
  });

  /** One exchange through Prism, which must conform and have the expected status. */
  async function send(label: string, method: string, path: string, status: number, options: RequestOptions = {}): Promise<Reply> {
    const reply = await api.call(method, path, options);
    expectConforms(`${label} (${method} ${path})`, reply, status);
    seen.add(`${operationOf(method, path)} ${status}`);
    return reply;
  }

  async function upload(label: string, token: string, options: UploadOptions, status: number): Promise<Reply> {
    if (options.bytes) expect(isAscii(options.bytes), `${label}: only ASCII files survive Prism's proxy`).toBe(true);
    const reply = await api.upload(token, options);
    expectConforms(`${label} (POST /media)`, reply, status);
    seen.add(`uploadMedia ${status}`);
    return reply;
  }

  async function guest(): Promise<Guest> {
    const t = await send('guest token', 'POST', '/token?grant_type=guest', 200);
    const me = await send('the new guest', 'GET', '/me', 200, { token: t.json.token });
    return { token: t.json.token, profileId: me.json.profileId };
  }

  it('runs the whole scenario, every declared status included, without a request or response violation', async () => {
    const a = await guest();
    const b = await guest();
    const token = a.token;

    // No profile image yet.
    expect((await send('Person without image', 'GET', '/me', 200, { token })).json).not.toHaveProperty('profileImage');
    await send('no active image', 'GET', '/me/profileimage', 404, { token });
    await send('nothing to delete', 'DELETE', '/me/profileimage', 404, { token });
    expect((await send('empty media list', 'GET', '/media', 200, { token })).json).toEqual([]);

    // Upload, then replace: the old image stays listed and downloadable.
    const first = await upload('first ProfileImage', token, { bytes: WEBP_MINIMAL, filename: 'first.webp', contentType: 'image/webp', query: 'ProfileImage' }, 201);
    const firstId = first.json.identifier as string;
    expect(first.headers.get('location')).toBe(`/media/${firstId}`);
    expect((await send('Person with image', 'GET', '/me', 200, { token })).json.profileImage).toBe(firstId);
    const second = await upload('replacing ProfileImage (form field)', token, { bytes: GIF_ASCII, filename: 'second.gif', contentType: 'image/gif', form: 'ProfileImage', name: 'Second' }, 201);
    const secondId = second.json.identifier as string;
    expect((await send('Person after replace', 'GET', '/me', 200, { token })).json.profileImage).toBe(secondId);
    const listed = await send('both listed', 'GET', '/media', 200, { token });
    expect(listed.json.map((m: { identifier: string }) => m.identifier)).toEqual([firstId, secondId]);

    // Reads: metadata, Base64 and exact bytes, of the active and the replaced image.
    expect((await send('active image', 'GET', '/me/profileimage', 200, { token })).text).toBe(toBase64(GIF_ASCII));
    expect((await send('replaced image metadata', 'GET', `/media/${firstId}`, 200, { token })).json.identifier).toBe(firstId);
    expect((await send('replaced image Base64', 'GET', `/media/${firstId}/base64`, 200, { token })).text).toBe(toBase64(WEBP_MINIMAL));
    const download = await send('replaced image bytes', 'GET', `/media/${firstId}/download`, 200, { token });
    expect(Buffer.from(download.bytes).equals(Buffer.from(WEBP_MINIMAL))).toBe(true);
    expect(download.headers.get('content-type')).toMatch(/^image\/webp\b/);
    const active = await send('active image bytes', 'GET', `/media/${secondId}/download`, 200, { token });
    expect(Buffer.from(active.bytes).equals(Buffer.from(GIF_ASCII))).toBe(true);

    // Other media: untyped and typed, never the profile image.
    const pdf = await upload('untyped media', token, { bytes: PDF_MINIMAL, filename: 'notes.pdf', contentType: 'application/pdf' }, 201);
    await upload('a Scan', token, { bytes: PDF_MINIMAL, filename: 'scan.pdf', contentType: 'application/pdf', query: 'Scan' }, 201);
    expect((await send('PDF download', 'GET', `/media/${pdf.json.identifier}/download`, 200, { token })).headers.get('content-type')).toMatch(/^application\/pdf\b/);
    expect((await send('still the GIF', 'GET', '/me', 200, { token })).json.profileImage).toBe(secondId);
    await send('delete other media', 'DELETE', `/media/${pdf.json.identifier}`, 204, { token });

    // Every error the spec declares, produced by the sandbox (Prism lets these requests through).
    const png = { contentType: 'image/png', query: 'ProfileImage' };
    await upload('empty file', token, { ...png, bytes: new Uint8Array(0), filename: 'empty.png' }, 400);
    await upload('conflicting AdditionalType', token, { ...png, bytes: WEBP_MINIMAL, filename: 'c.webp', form: 'Scan' }, 400);
    await upload('over the limit', token, { ...png, bytes: new Uint8Array(LIMIT * 2).fill(0x47), filename: 'big.gif' }, 413);
    await upload('text as ProfileImage', token, { ...png, bytes: NOT_AN_IMAGE, filename: 'fake.png' }, 415);
    const stranger = 'Bearer 4f0e2b7c-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['GET', '/me'],
      ['GET', '/me/profileimage'],
      ['DELETE', '/me/profileimage'],
      ['GET', '/media'],
      ['GET', `/media/${firstId}`],
      ['DELETE', `/media/${firstId}`],
      ['GET', `/media/${firstId}/base64`],
      ['GET', `/media/${firstId}/download`],
    ]) {
      const r = await send('unknown token', method, path, 401, { headers: { authorization: stranger } });
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    }
    const anonymous = uploadRequest({ bytes: WEBP_MINIMAL, filename: 'x.webp', contentType: 'image/webp', query: 'ProfileImage' });
    await send('unknown token', 'POST', anonymous.path, 401, {
      headers: { ...anonymous.headers, authorization: stranger },
      body: anonymous.body,
    });
    const theirs = await upload("B's media", b.token, { bytes: PDF_MINIMAL, filename: 'b.pdf', contentType: 'application/pdf' }, 201);
    for (const id of ['0d1e2f3a', theirs.json.identifier as string]) {
      await send('unknown or foreign media', 'GET', `/media/${id}`, 404, { token });
      await send('unknown or foreign media', 'GET', `/media/${id}/base64`, 404, { token });
      await send('unknown or foreign media', 'GET', `/media/${id}/download`, 404, { token });
      await send('unknown or foreign media', 'DELETE', `/media/${id}`, 404, { token });
    }

    // Delete the profile image: its media goes, nothing is promoted, the older image stays.
    await send('delete profile image', 'DELETE', '/me/profileimage', 204, { token });
    expect((await send('Person after delete', 'GET', '/me', 200, { token })).json).not.toHaveProperty('profileImage');
    await send('deleted image is gone', 'GET', `/media/${secondId}`, 404, { token });
    await send('no active image any more', 'GET', '/me/profileimage', 404, { token });
    await send('delete the older image', 'DELETE', `/media/${firstId}`, 204, { token });
    const rest = await send('only the Scan is left', 'GET', '/media', 200, { token });
    expect(rest.json.map((m: { additionalType?: string }) => m.additionalType)).toEqual(['Scan']);

    // Coverage: every status the spec declares for every operation was produced by the sandbox above.
    const missing: string[] = [];
    for (const [op, statuses] of declaredStatuses()) {
      for (const status of statuses) {
        const key = `${op} ${status}`;
        if (!seen.has(key) && !UNREACHABLE_THROUGH_PRISM.has(key)) missing.push(key);
      }
    }
    expect(missing, 'declared statuses the scenario never produced').toEqual([]);
  });

  it('lets Prism refuse, by itself, the requests the spec forbids', async () => {
    const { token } = await guest();
    const unknownType = uploadRequest({ bytes: WEBP_MINIMAL, filename: 'a.webp', contentType: 'image/webp', query: 'profileimage' });
    const forbidden: Array<[string, string, RequestOptions]> = [
      ['POST', '/token?grant_type=password', {}],
      ['GET', '/me', {}],
      // (Every file part sent through Prism has a Content-Type: Prism 5.14's multipart parser crashes the
      // whole Prism process on a file part without one.)
      ['POST', unknownType.path, { token, headers: unknownType.headers, body: unknownType.body }],
    ];
    for (const [method, path, options] of forbidden) {
      const r = await api.call(method, path, options);
      const label = `${method} ${path}`;
      expect(r.json?.type, `${label}: Prism answers it itself`).toMatch(PRISM_PROBLEM);
      if (r.status === 422) {
        expect(violations(r).length, `${label}: the violations are listed`).toBeGreaterThan(0);
      } else {
        expect(r.status, label).toBe(401);
      }
      // And the scenario's check would not mistake it for a conforming sandbox answer.
      expect(() => expectConforms(label, r, r.status)).toThrow();
    }
  });
});

describe('the conformance check catches an upstream that breaks the contract', () => {
  let upstream: Server;
  let prism: Running;
  let api: Api;
  const token = { token: 'any-token-the-fake-upstream-takes' };

  beforeAll(async () => {
    upstream = createServer(wrongUpstream);
    await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
    const { port } = upstream.address() as AddressInfo;
    prism = await startPrismProxy(`http://127.0.0.1:${port}`);
    api = new Api(prism.url);
  });
  afterAll(async () => {
    await prism?.stop();
    await new Promise((done) => upstream?.close(done));
  });

  /** The assertion the scenario uses must fail on this exchange, because Prism flagged the response. */
  function expectCaught(reply: Reply, status: number): void {
    expect(() => expectConforms('wrong upstream', reply, status)).toThrow();
    expect(violations(reply).some((v) => v.location[0] === 'response'), reply.text).toBe(true);
  }

  it('answers a response that breaks a schema with its own 500 VIOLATIONS problem and the header', async () => {
    const me = await api.call('GET', '/me', token);
    expectCaught(me, 200);
    expect(me.status).toBe(500);
    expect(me.json.type).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
    expect(JSON.stringify(me.json.validation)).toContain('profileImage');
  });

  it('flags an undeclared 2xx and an error body that is not problem+json', async () => {
    const body = uploadRequest({ bytes: WEBP_MINIMAL, filename: 'a.webp', contentType: 'image/webp', query: 'ProfileImage' });
    expectCaught(await api.call('POST', body.path, { ...token, headers: body.headers, body: body.body }), 201);
    expectCaught(await api.call('GET', '/media/0d1e2f3a', token), 404);
  });

  it('flags an undeclared 4xx with the header alone and passes the answer through', async () => {
    const r = await api.call('GET', '/me/profileimage', token);
    // Severity Warning: the upstream's 418 arrives unchanged, so only the header tells; the check still fails.
    expect(r.status).toBe(418);
    expectCaught(r, 418);
  });

  it('does not flag what the upstream gets right', async () => {
    expectConforms('correct delete', await api.call('DELETE', '/me/profileimage', token), 204);
  });
});

/** A deliberately wrong implementation of a few operations, one contract breach each. */
function wrongUpstream(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const json = (status: number, type: string, body: unknown) => res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
  const route = `${req.method} ${req.url?.split('?')[0]}`;
  if (route === 'GET /me') {
    // profileImage: null is not a string.
    json(200, 'application/json', { profileId: 'p1', identificationLevel: 'Guest', createdDateTime: '2026-11-28T13:00:00Z', lastModified: '2026-11-28T13:00:00Z', profileImage: null });
  } else if (route === 'POST /media') {
    // 200 is not declared; 201 is.
    json(200, 'application/json', { identifier: 'm1', name: 'a.webp', encodingFormat: 'image/webp', contentSize: 20, dateCreated: '2026-11-28T13:00:00Z' });
  } else if (route === 'GET /media/0d1e2f3a') {
    // Errors must be application/problem+json.
    json(404, 'application/json', { error: 'not found' });
  } else if (route === 'GET /me/profileimage') {
    // 418 is not declared (a Warning for a non-2xx status).
    json(418, 'application/problem+json', { type: 'urn:x:teapot', title: 'Teapot', status: 418, detail: 'An undeclared status.' });
  } else if (route === 'DELETE /me/profileimage') {
    res.writeHead(204).end();
  } else {
    json(501, 'application/problem+json', { type: 'urn:x:nope', title: 'Not here', status: 501, detail: `${route} is not part of this fake.` });
  }
}
