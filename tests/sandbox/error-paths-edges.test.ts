// The corners of error paths on demand (error-paths.ts, scripted-failures.ts) and of the delivery switch: HEAD
// meets its GET's scripted failure, a scripted 401 carries its challenge, a status without a reason phrase gets a
// title, Prefer names the operation as the spec writes its path, an unsecured operation is forced without a
// token, a route a plugin adds (no operation of the spec) is left alone, and the failure queue itself.
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { stateBodyLimit } from '../../src/sandbox/control.ts';
import { ScriptedFailures } from '../../src/sandbox/scripted-failures.ts';
import { expectProblem } from './support/http.ts';
import { sandboxPerFile, startSandbox } from './support/sandbox.ts';

const ctx = sandboxPerFile();

const control = (method: string, path: string, body?: unknown) =>
  ctx.sandbox.api.call(method, path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function schedule(body: Record<string, unknown>): Promise<void> {
  const r = await control('POST', '/_sandbox/failures', body);
  expect(r.status, r.text).toBe(201);
}

describe('scripted failures: HEAD, 401 and unnamed statuses', () => {
  it('HEAD /me meets the scripted failure of getMe', async () => {
    await schedule({ operationId: 'getMe', status: 503 });
    const head = await ctx.sandbox.api.call('HEAD', '/me', { token: ctx.user.token });
    expect(head.status).toBe(503);
    expect((await ctx.sandbox.api.call('HEAD', '/me', { token: ctx.user.token })).status).toBe(200);
  });

  it("HEAD /me/profileimage is its GET's operation, not the DELETE of the same path", async () => {
    await schedule({ operationId: 'getProfileImage', status: 502 });
    expect((await ctx.sandbox.api.call('HEAD', '/me/profileimage', { token: ctx.user.token })).status).toBe(502);
    expect((await control('GET', '/_sandbox/failures')).json).toEqual([]);
  });

  it('a scripted 401 challenges with WWW-Authenticate: Bearer; other statuses do not', async () => {
    await schedule({ operationId: 'listMedia', status: 401 });
    const unauthorized = await ctx.sandbox.api.call('GET', '/media', { token: ctx.user.token });
    expectProblem(unauthorized, 401);
    expect(unauthorized.json.type).toBe('urn:profile-contracts:problem:scripted-failure');
    expect(unauthorized.headers.get('www-authenticate')).toBe('Bearer');
    await schedule({ operationId: 'listMedia', status: 503 });
    const unavailable = await ctx.sandbox.api.call('GET', '/media', { token: ctx.user.token });
    expectProblem(unavailable, 503);
    expect(unavailable.headers.get('www-authenticate')).toBeNull();
  });

  it('a status HTTP has no reason phrase for is titled "Status NNN"', async () => {
    await schedule({ operationId: 'getMe', status: 599 });
    const r = await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token });
    expectProblem(r, 599);
    expect(r.json.title).toBe('Status 599');
  });
});

describe('Prefer: code= corners', () => {
  it("names the operation by the spec's path (with {identifier}) when a status is not declared", async () => {
    const r = await ctx.sandbox.api.call('GET', '/media/some-id', { token: ctx.user.token, headers: { prefer: 'code=500' } });
    expectProblem(r, 400);
    expect(r.json.detail).toContain('GET /media/{identifier} declares');
  });

  it('forces the declared error of an unsecured operation (POST /token) without any token', async () => {
    const r = await ctx.sandbox.api.call('POST', '/token?grant_type=guest', { headers: { prefer: 'code=400' } });
    expectProblem(r, 400);
    expect(r.json.detail).toContain('Prefer: code=400');
  });

  it('leaves a route that a plugin adds (no operation of the spec) alone, Prefer or not', async () => {
    const own = await startSandbox({
      plugins: [
        (app: FastifyInstance) => {
          app.get('/extra', async () => ({ extra: true }));
        },
      ],
    });
    try {
      const r = await own.api.call('GET', '/extra', { headers: { prefer: 'code=400' } });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toEqual({ extra: true });
    } finally {
      await own.close();
    }
  });
});

describe('PUT /_sandbox/delivery', () => {
  it('failNext alone leaves delivery running', async () => {
    const r = await control('PUT', '/_sandbox/delivery', { failNext: 1 });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ paused: false, failNext: 1, pending: 0 });
  });
});

describe('ScriptedFailures, the queue', () => {
  it('starts empty, numbers failures 1, 2, … and is empty again once they are used up', () => {
    const failures = new ScriptedFailures(['getMe', 'listMedia']);
    expect(failures.empty).toBe(true);
    expect(failures.list()).toEqual([]);
    const first = failures.add({ operationId: 'getMe', status: 500 });
    const second = failures.add({ operationId: 'listMedia', delayMs: 5 });
    expect(first).toEqual({ ok: true, value: { id: 1, operationId: 'getMe', remaining: 1, status: 500 } });
    expect(second).toEqual({ ok: true, value: { id: 2, operationId: 'listMedia', remaining: 1, delayMs: 5 } });
    expect(failures.empty).toBe(false);
    failures.take('getMe');
    failures.take('listMedia');
    expect(failures.empty).toBe(true);
  });

  it('a failure carries only the fields it was given', () => {
    const failures = new ScriptedFailures(['getMe']);
    const keys = (body: Record<string, unknown>) => {
      const added = failures.add({ operationId: 'getMe', ...body });
      return added.ok ? Object.keys(added.value).sort() : added.detail;
    };
    expect(keys({ status: 500 })).toEqual(['id', 'operationId', 'remaining', 'status']);
    expect(keys({ delayMs: 5 })).toEqual(['delayMs', 'id', 'operationId', 'remaining']);
    expect(keys({ drop: true })).toEqual(['drop', 'id', 'operationId', 'remaining']);
    expect(keys({ status: 500, drop: false })).toEqual(['id', 'operationId', 'remaining', 'status']);
  });

  it('what a request takes carries only what the failure does', () => {
    const failures = new ScriptedFailures(['getMe']);
    failures.add({ operationId: 'getMe', delayMs: 5 });
    failures.add({ operationId: 'getMe', status: 503, count: 2 });
    expect(Object.keys(failures.take('getMe')!).sort()).toEqual(['delayMs', 'remaining']);
    expect(Object.keys(failures.take('getMe')!).sort()).toEqual(['remaining', 'status']);
    expect(failures.take('getMe')).toEqual({ remaining: 0, status: 503 });
    expect(failures.take('getMe')).toBeUndefined();
  });
});

describe('stateBodyLimit', () => {
  it('allows 1.4 times the store cap plus 1 MiB, up to 1 KiB under 512 MiB', () => {
    expect(stateBodyLimit(1000)).toBe(1400 + 1024 * 1024);
    expect(stateBodyLimit(1001)).toBe(1402 + 1024 * 1024);
    expect(stateBodyLimit(512 * 1024 * 1024)).toBe(512 * 1024 * 1024 - 1024);
  });
});
