// CORS over plain HTTP (the browser proof is tests/browser/cors.test.ts): preflights and answers for any
// origin by default, CORS_ORIGINS narrowing to a list or turning it off, and the same headers on errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsHeaders, parseCorsOrigins } from '../../src/sandbox/cors.ts';
import { optionsFromEnv } from '../../src/sandbox/main.ts';
import { startSandbox, type RunningSandbox } from './support/sandbox.ts';

const ORIGIN = 'http://localhost:5173';
const preflight = (url: string, origin = ORIGIN, method = 'POST') =>
  fetch(`${url}/media?AdditionalType=ProfileImage`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,prefer' },
  });

describe('CORS_ORIGINS', () => {
  it('is any origin when unset, a list of origins, or off', () => {
    expect(parseCorsOrigins(undefined)).toEqual({ origins: 'any' });
    expect(parseCorsOrigins('')).toEqual({ origins: 'any' });
    expect(parseCorsOrigins('off')).toEqual({ origins: 'off' });
    expect(parseCorsOrigins(' http://localhost:5173, https://app.example.test ')).toEqual({ origins: ['http://localhost:5173', 'https://app.example.test'] });
    expect(optionsFromEnv({ CORS_ORIGINS: 'off' }).options.cors).toEqual({ origins: 'off' });
  });

  it.each(['localhost:5173', 'http://localhost:5173/', 'http://localhost:5173/app', 'ftp://x.test', 'http://a.test,,http://b.test'])(
    'refuses %j, naming the entry and the form',
    (raw) => {
      expect(() => parseCorsOrigins(raw)).toThrow(/CORS_ORIGINS entry .* is not an origin; give a comma-separated list of origins like http:\/\/localhost:5173/);
    },
  );

  it('gives adapters without @fastify/cors the same headers', () => {
    expect(corsHeaders({ origins: 'any' }, ORIGIN, true)).toEqual({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'Location, Content-Disposition, Content-Length',
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
      'access-control-allow-headers': 'Authorization, Content-Type, Prefer',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(corsHeaders({ origins: ['http://a.test'] }, ORIGIN)).toEqual({});
    expect(corsHeaders({ origins: 'off' }, ORIGIN)).toEqual({});
    expect(corsHeaders({ origins: 'any' }, undefined)).toEqual({});
  });
});

describe('the sandbox with CORS on (the default)', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('answers a preflight with 204, the origin reflected, credentials, and the allowed headers', async () => {
    const r = await preflight(sandbox.url);
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(r.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Prefer');
    expect(r.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, DELETE');
    expect(r.headers.get('vary')).toContain('Origin');
  });

  it('answers a bare OPTIONS (no Origin, no requested method) with an empty 204, not a text/plain 400', async () => {
    const r = await fetch(`${sandbox.url}/media`, { method: 'OPTIONS' });
    expect(r.status).toBe(204);
    expect(r.headers.get('content-type')).toBeNull();
    expect(await r.text()).toBe('');
  });

  it('marks answers, errors and 404s included, and exposes Location, Content-Disposition and Content-Length', async () => {
    const token = await fetch(`${sandbox.url}/token?grant_type=guest`, { method: 'POST', headers: { origin: ORIGIN } });
    expect(token.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(token.headers.get('access-control-expose-headers')).toBe('Location, Content-Disposition, Content-Length');
    for (const path of ['/me', '/nope']) {
      const r = await fetch(`${sandbox.url}${path}`, { headers: { origin: ORIGIN } });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.headers.get('access-control-allow-origin'), path).toBe(ORIGIN);
    }
  });
});

describe('the sandbox with CORS narrowed or off', () => {
  it('reflects only listed origins', async () => {
    const sandbox = await startSandbox({ cors: { origins: ['http://a.test'] } });
    try {
      expect((await preflight(sandbox.url, 'http://a.test')).headers.get('access-control-allow-origin')).toBe('http://a.test');
      expect((await preflight(sandbox.url, ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await sandbox.close();
    }
  });

  it('sends no CORS headers when off, and a preflight gets the 405 problem of an unrouted method', async () => {
    const sandbox = await startSandbox({ cors: { origins: 'off' } });
    try {
      const r = await preflight(sandbox.url);
      expect(r.status).toBe(405);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect((await fetch(`${sandbox.url}/me`, { headers: { origin: ORIGIN } })).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await sandbox.close();
    }
  });
});
