// The MSW handlers answer like the sandbox for what issue 11 added: `Prefer: code=` and `delay=` (and their
// refusal), HEAD wherever GET is served, CORS preflights and CORS headers, and the name and length rules of
// the shared operations.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { createProfileServiceHandlers } from '../../src/msw/index.ts';

const BASE = 'http://profile.msw.invalid';
const ORIGIN = 'http://localhost:5173';
const mock = createProfileServiceHandlers({ baseUrl: BASE });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

async function auth(): Promise<Record<string, string>> {
  const { token } = await (await fetch(`${BASE}/token?grant_type=guest`, { method: 'POST' })).json();
  return { authorization: `Bearer ${token}` };
}

describe('MSW handlers, as the sandbox', () => {
  it('answer Prefer: code= with the declared problem and change nothing; refuse an undeclared one', async () => {
    const headers = await auth();
    const form = new FormData();
    form.append('file', new Blob([PNG_1X1 as Uint8Array<ArrayBuffer>]), 'a.png');
    const forced = await fetch(`${BASE}/media?AdditionalType=ProfileImage`, { method: 'POST', headers: { ...headers, prefer: 'code=415' }, body: form });
    expect(forced.status).toBe(415);
    expect((await forced.json()).detail).toContain('Prefer: code=415');
    expect(await (await fetch(`${BASE}/media`, { headers })).json()).toEqual([]);
    const bad = await fetch(`${BASE}/me`, { headers: { ...headers, prefer: 'code=500' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain('Allowed: 401.');
    expect((await fetch(`${BASE}/me`, { headers: { ...headers, prefer: 'delay=10001' } })).status).toBe(400);
    expect((await fetch(`${BASE}/me`, { headers: { ...headers, prefer: 'delay=5' } })).status).toBe(200);
  });

  it('answer HEAD wherever GET is served, with no body', async () => {
    const headers = await auth();
    const head = await fetch(`${BASE}/me`, { method: 'HEAD', headers });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(`${BASE}/me`, { method: 'HEAD' })).status).toBe(401);
    const put = await fetch(`${BASE}/me/profileimage`, { method: 'PUT', headers });
    expect(put.headers.get('allow')).toBe('GET, HEAD, DELETE');
  });

  it('answer CORS preflights and mark answers, errors included', async () => {
    const preflight = await fetch(`${BASE}/media`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Prefer');
    const error = await fetch(`${BASE}/me`, { headers: { origin: ORIGIN } });
    expect(error.status).toBe(401);
    expect(error.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(error.headers.get('access-control-expose-headers')).toBe('Location, Content-Disposition, Content-Length');
  });

  it('keep the name part as given and refuse an over-long one', async () => {
    const headers = await auth();
    const upload = (name: string) => {
      const form = new FormData();
      form.append('file', new Blob([PNG_1X1 as Uint8Array<ArrayBuffer>]), 'a.png');
      form.append('name', name);
      return fetch(`${BASE}/media`, { method: 'POST', headers, body: form });
    };
    expect((await (await upload('2025/26 \\ beach')).json()).name).toBe('2025/26 \\ beach');
    expect((await upload('x'.repeat(256))).status).toBe(400);
  });
});
