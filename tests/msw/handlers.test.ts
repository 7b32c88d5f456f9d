// What the MSW handlers promise beyond the behaviour suite they share with the sandbox (tests/sandbox, run
// against both): notifications handed to `onNotification` as the webhook would POST them, nothing under
// `baseUrl` reaching the network, routes tied to the spec's operations, the upload limit enforced while the
// body streams, and the options checked at creation.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GIF_1X1, PNG_1X1 } from '../../src/fixtures/images.ts';
import { specDocument } from '../../src/generated/profile-service.document.ts';
import { createProfileServiceHandlers, type ProfileNotification } from '../../src/msw/index.ts';
import { parseProfileNotification } from '../../src/notifications/message.ts';
import { routesFor } from '../../src/sandbox/service.ts';
import { specFromDocument } from '../../src/sandbox/spec-operations.ts';

const BASE = 'http://profile.msw.invalid/api';
const LIMIT = 64 * 1024;

const received: ProfileNotification[] = [];
const mock = createProfileServiceHandlers({ baseUrl: `${BASE}/`, maxUploadBytes: LIMIT, onNotification: (m) => received.push(m) });
// Everything outside BASE must fail the test instead of reaching the network.
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.reset();
  received.length = 0;
});
afterAll(() => server.close());

async function guest(): Promise<{ token: string; profileId: string; auth: Record<string, string> }> {
  const { token } = await (await fetch(`${BASE}/token?grant_type=guest`, { method: 'POST' })).json();
  const auth = { authorization: `Bearer ${token}` };
  const me = await (await fetch(`${BASE}/me`, { headers: auth })).json();
  return { token, profileId: me.profileId, auth };
}

function uploadImage(auth: Record<string, string>, bytes: Uint8Array, filename: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), filename);
  return fetch(`${BASE}/media?AdditionalType=ProfileImage`, { method: 'POST', headers: auth, body: form });
}

describe('onNotification', () => {
  it('receives every Profile Notification, in order, as the webhook would POST it', async () => {
    const { auth, profileId } = await guest();
    const first = await (await uploadImage(auth, GIF_1X1, 'old.gif')).json();
    const second = await (await uploadImage(auth, PNG_1X1, 'new.png')).json();
    expect((await fetch(`${BASE}/me/profileimage`, { method: 'DELETE', headers: auth })).status).toBe(204);

    expect(received.map((m) => [m.properties.eventTrigger, m.body.profileImage])).toEqual([
      ['Create', undefined],
      ['Update', first.identifier],
      ['Update', second.identifier],
      ['Update', undefined],
    ]);
    for (const message of received) {
      // The webhook's JSON, parsed by the kit's own subscriber-side parser.
      expect(parseProfileNotification(JSON.stringify(message))).toEqual(message);
      expect(message.properties).toMatchObject({ entityName: 'Person', profileId, identifier: profileId });
      expect('profileImage' in message.body).toBe(message.body.profileImage !== undefined);
    }
    expect(new Set(received.map((m) => m.properties.messageId)).size).toBe(4);
    expect(mock.notifications(profileId)).toEqual(received);
  });

  it('gets copies: changing a received message changes neither the log nor later answers', async () => {
    const { auth, profileId } = await guest();
    received[0]!.body.profileId = 'tampered';
    expect(mock.notifications(profileId)[0]!.body.profileId).toBe(profileId);
    expect((await (await fetch(`${BASE}/me`, { headers: auth })).json()).profileId).toBe(profileId);
  });

  it('a listener that throws does not turn a committed change into an error answer', async () => {
    const failing = createProfileServiceHandlers({
      baseUrl: 'http://failing.msw.invalid',
      onNotification: () => {
        throw new Error('listener failed');
      },
    });
    const errors: unknown[] = [];
    const onError = (err: unknown) => errors.push(err);
    process.prependListener('uncaughtException', onError);
    server.use(...failing.handlers);
    try {
      const res = await fetch('http://failing.msw.invalid/token?grant_type=guest', { method: 'POST' });
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors).toEqual([new Error('listener failed')]);
      expect(failing.notifications()).toHaveLength(1);
    } finally {
      process.removeListener('uncaughtException', onError);
      server.resetHandlers();
    }
  });
});

describe('nothing under baseUrl falls through to the network', () => {
  it.each([
    ['GET', '/', 404],
    ['GET', '/nope/deeper/still', 404],
    ['GET', '/me/', 404],
    ['GET', '/ME', 404],
    ['PUT', '/me', 405],
    ['PATCH', '/media', 405],
    ['POST', '/media/x', 405],
    ['GET', '/_sandbox/notifications', 404],
  ])('%s %s → %i problem+json', async (method, path, status) => {
    const res = await fetch(`${BASE}${path}`, { method });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:profile-contracts:problem:/) });
    if (status === 405) expect(res.headers.get('allow')).toMatch(/^[A-Z, ]+$/);
  });

  it('the base URL itself is answered, and a sibling path outside it is left alone', async () => {
    expect((await fetch(BASE)).status).toBe(404);
    await expect(fetch('http://profile.msw.invalid/apiX/me')).rejects.toThrow();
  });
});

describe('routes come from the spec', () => {
  it('registers one handler per operation, a HEAD per GET, the CORS preflight and the catch-all', () => {
    const operations = specFromDocument(specDocument).operations;
    expect(operations.length).toBeGreaterThanOrEqual(10);
    expect(mock.handlers).toHaveLength(operations.length + operations.filter((o) => o.method === 'GET').length + 2);
  });

  it('an operation without a handler, or a handler without an operation, stops the creation', () => {
    const document = structuredClone(specDocument) as Record<string, any>;
    document.paths['/me/avatar'] = { get: { operationId: 'getAvatar', responses: { 200: { description: 'ok' } } } };
    const spec = specFromDocument(document);
    expect(() => routesFor(spec, { getMe: 1 }, 'MSW')).toThrow(/has no MSW handler/);
    const base = specFromDocument(specDocument);
    const all = Object.fromEntries(base.operations.map((o) => [o.operationId, 1]));
    expect(() => routesFor(base, { ...all, getAvatar: 1 }, 'MSW')).toThrow(/MSW handlers without a spec operation: getAvatar/);
    expect(() => routesFor(spec, all, 'MSW')).toThrow(/getAvatar \(GET \/me\/avatar\) has no MSW handler/);
  });
});

describe('the upload limit', () => {
  it('answers 413 while the body streams: an endless upload is refused after about the limit', async () => {
    const { auth } = await guest();
    const head = new TextEncoder().encode(
      '--bb\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n',
    );
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(head),
      pull(controller) {
        pulled += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x41));
      },
    });
    const res = await fetch(`${BASE}/media?AdditionalType=ProfileImage`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'multipart/form-data; boundary=bb' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toContain(String(LIMIT));
    // What the parser may hold: the larger of the limit and the text-field limit (64 KiB), plus the chunks in flight.
    expect(pulled).toBeLessThan(LIMIT * 4);
  });
});

describe('options', () => {
  it.each([['profile.test'], ['ftp://x.test'], [''], ['http://']])('refuses baseUrl %j, naming what it takes', (baseUrl) => {
    expect(() => createProfileServiceHandlers({ baseUrl })).toThrow(/baseUrl must be an http\(s\) URL or a path starting with "\/"/);
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])('refuses maxUploadBytes %j', (maxUploadBytes) => {
    expect(() => createProfileServiceHandlers({ baseUrl: BASE, maxUploadBytes })).toThrow(/maxUploadBytes must be a positive integer/);
  });

  it('takes a base URL with upper-case host and trailing slashes as the URL it names', async () => {
    const other = createProfileServiceHandlers({ baseUrl: 'http://UPPER.msw.invalid//' });
    server.use(...other.handlers);
    try {
      expect((await fetch('http://upper.msw.invalid/me')).status).toBe(401);
      // A malformed escape in a path parameter: 400, as the sandbox's router answers it.
      expect((await fetch('http://upper.msw.invalid/media/%E0%A4%A')).status).toBe(400);
    } finally {
      server.resetHandlers();
    }
  });

  it('keeps separate instances apart: two base URLs, two sets of users', async () => {
    const other = createProfileServiceHandlers({ baseUrl: 'http://other.msw.invalid' });
    server.use(...other.handlers);
    try {
      const { token } = await guest();
      const res = await fetch('http://other.msw.invalid/me', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect(other.notifications()).toEqual([]);
    } finally {
      server.resetHandlers();
    }
  });
});
