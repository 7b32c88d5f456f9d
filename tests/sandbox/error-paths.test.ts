// Error paths on demand, through HTTP: `Prefer: code=` answers a declared error and changes nothing,
// `Prefer: delay=` holds the answer, bad Prefer headers are refused with what is allowed; scripted failures
// (POST /_sandbox/failures) answer a status, drop the connection, or delay, for exactly the next N requests of
// one operation; webhook delivery can be paused and made to fail so that a subscriber receives duplicates.
import { describe, expect, it } from 'vitest';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { expectProblem, uploadRequest, type Reply, type UploadOptions } from './support/http.ts';
import { Receiver } from './support/receiver.ts';
import { sandboxPerFile, startSandbox, userState } from './support/sandbox.ts';

const ctx = sandboxPerFile();

const png: UploadOptions = { bytes: PNG_1X1, filename: 'a.png', query: 'ProfileImage' };

function uploadWith(headers: Record<string, string>, options: UploadOptions = png): Promise<Reply> {
  const req = uploadRequest(options);
  return ctx.sandbox.api.call('POST', req.path, { token: ctx.user.token, body: req.body, headers: { ...req.headers, ...headers } });
}

const control = (method: string, path: string, body?: unknown) =>
  ctx.sandbox.api.call(method, path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('Prefer: code=NNN', () => {
  it("answers the declared error with the spec's problem, and changes nothing", async () => {
    const before = await userState(ctx.sandbox.api, ctx.user);
    for (const code of [400, 413, 415]) {
      const r = await uploadWith({ prefer: `code=${code}` });
      expectProblem(r, code);
      expect(r.json.detail).toContain(`Prefer: code=${code}`);
    }
    expect((await uploadWith({ prefer: 'code=415' })).json.type).toBe('urn:profile-contracts:problem:not-an-image');
    expect(await userState(ctx.sandbox.api, ctx.user)).toEqual(before);
  });

  it('forces a 401 with WWW-Authenticate even for a valid token, but a request without one stays a real 401', async () => {
    const forced = await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token, headers: { prefer: 'code=401' } });
    expectProblem(forced, 401);
    expect(forced.headers.get('www-authenticate')).toBe('Bearer');
    expect(forced.json.detail).toContain('Prefer: code=401');
    const real = await ctx.sandbox.api.call('GET', '/me', { headers: { prefer: 'code=401' } });
    expectProblem(real, 401);
    expect(real.json.detail).not.toContain('Prefer');
  });

  it('refuses an undeclared status, listing the declared ones, and changes nothing', async () => {
    const before = await userState(ctx.sandbox.api, ctx.user);
    const r = await uploadWith({ prefer: 'code=500' });
    expectProblem(r, 400);
    expect(r.json.type).toBe('urn:profile-contracts:problem:invalid-prefer');
    expect(r.json.detail).toContain('Allowed: 400, 401, 413, 415.');
    expect(await userState(ctx.sandbox.api, ctx.user)).toEqual(before);
  });

  it('answers 404 on GET /me/profileimage as declared, though the user has an image', async () => {
    expect((await ctx.sandbox.api.upload(ctx.user.token, png)).status).toBe(201);
    const r = await ctx.sandbox.api.call('GET', '/me/profileimage', { token: ctx.user.token, headers: { prefer: 'code=404' } });
    expectProblem(r, 404);
    expect(r.json.type).toBe('urn:profile-contracts:problem:no-profile-image');
    expect((await ctx.sandbox.api.call('GET', '/me/profileimage', { token: ctx.user.token })).status).toBe(200);
  });
});

describe('Prefer: delay=MS and malformed headers', () => {
  it('delays the answer by at least the asked time and then answers normally', async () => {
    const started = performance.now();
    const r = await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token, headers: { prefer: 'delay=300' } });
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it.each([
    ['a delay over the bound', 'delay=10001', 'from 0 to 10000'],
    ['an unknown preference', 'cod=401', 'Allowed: code, delay'],
    ['garbage', 'code:401', 'not of the form name=value'],
  ])('refuses %s with a 400 naming what is allowed', async (_what, prefer, message) => {
    const r = await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token, headers: { prefer } });
    expectProblem(r, 400);
    expect(r.json.detail).toContain(message);
  });

  it('leaves the control routes alone', async () => {
    expect((await ctx.sandbox.api.call('GET', '/_sandbox/health', { headers: { prefer: 'code=500' } })).status).toBe(200);
  });
});

describe('scripted failures', () => {
  it('answer the next N requests of the operation with the status, then the real answers return', async () => {
    const added = await control('POST', '/_sandbox/failures', { operationId: 'getMe', count: 2, status: 503 });
    expect(added.status).toBe(201);
    expect(added.json).toEqual({ id: expect.any(Number), operationId: 'getMe', remaining: 2, status: 503 });
    expect((await control('GET', '/_sandbox/failures')).json).toEqual([added.json]);
    // Other operations are not touched.
    expect((await ctx.sandbox.api.call('GET', '/media', { token: ctx.user.token })).status).toBe(200);
    const first = await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token });
    expectProblem(first, 503);
    expect(first.json.type).toBe('urn:profile-contracts:problem:scripted-failure');
    expect(first.json.detail).toContain('1 more request');
    expectProblem(await ctx.sandbox.api.call('GET', '/me'), 503);
    expect((await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token })).status).toBe(200);
    expect((await control('GET', '/_sandbox/failures')).json).toEqual([]);
  });

  it('change nothing when they answer a mutating operation', async () => {
    const before = await userState(ctx.sandbox.api, ctx.user);
    await control('POST', '/_sandbox/failures', { operationId: 'uploadMedia', status: 500 });
    expectProblem(await ctx.sandbox.api.upload(ctx.user.token, png), 500);
    expect(await userState(ctx.sandbox.api, ctx.user)).toEqual(before);
  });

  it('drop the connection without an answer', async () => {
    await control('POST', '/_sandbox/failures', { operationId: 'getMe', drop: true });
    await expect(fetch(`${ctx.sandbox.url}/me`, { headers: { authorization: `Bearer ${ctx.user.token}` } })).rejects.toThrow(/fetch failed/);
    expect((await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token })).status).toBe(200);
  });

  it('delay and then serve normally when no status is given', async () => {
    await control('POST', '/_sandbox/failures', { operationId: 'getMe', delayMs: 300 });
    const started = performance.now();
    expect((await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('are used in the order they were added, and forgotten by DELETE and by reset', async () => {
    await control('POST', '/_sandbox/failures', { operationId: 'getMe', status: 500 });
    await control('POST', '/_sandbox/failures', { operationId: 'getMe', status: 502 });
    expect((await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token })).status).toBe(500);
    expect((await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token })).status).toBe(502);
    await control('POST', '/_sandbox/failures', { operationId: 'getMe', status: 500 });
    expect((await control('DELETE', '/_sandbox/failures')).status).toBe(204);
    expect((await ctx.sandbox.api.call('GET', '/me', { token: ctx.user.token })).status).toBe(200);
    await control('POST', '/_sandbox/failures', { operationId: 'createToken', status: 500 });
    await ctx.sandbox.api.reset();
    expect((await ctx.sandbox.api.call('POST', '/token?grant_type=guest')).status).toBe(200);
  });

  it.each([
    ['an unknown operation', { operationId: 'getMedias', status: 500 }, 'allowed: createToken, getMe'],
    ['a fault that does nothing', { operationId: 'getMe' }, 'give a status (400 to 599), a delayMs, or drop: true'],
    ['both a status and drop', { operationId: 'getMe', status: 500, drop: true }, 'either status or drop'],
    ['a status outside 400–599', { operationId: 'getMe', status: 200 }, 'status is 200; it must be >= 400'],
    ['an unknown field', { operationId: 'getMe', code: 500 }, 'unknown field "code"; allowed fields: operationId, count, status, delayMs, drop'],
  ])('refuse %s with a 400 naming what is allowed', async (_what, body, message) => {
    const r = await control('POST', '/_sandbox/failures', body);
    expectProblem(r, 400);
    expect(r.json.detail).toContain(message);
    expect((await control('GET', '/_sandbox/failures')).json).toEqual([]);
  });

  it('refuse a body that is not JSON', async () => {
    const r = await ctx.sandbox.api.call('POST', '/_sandbox/failures', { body: '{', headers: { 'content-type': 'application/json' } });
    expectProblem(r, 400);
    expect(r.json.detail).toContain('not valid JSON');
    expectProblem(await ctx.sandbox.api.call('POST', '/_sandbox/failures'), 400);
  });
});

describe('notification delivery switches', () => {
  it('pause holds deliveries in order, resume sends them, failNext delivers a message twice', async () => {
    const receiver = new Receiver();
    await receiver.listen();
    const own = await startSandbox({ notifyWebhookUrl: receiver.url, webhookRetry: { baseDelayMs: 20, maxDelayMs: 50 } });
    const control = (body: unknown) =>
      own.api.call('PUT', '/_sandbox/delivery', { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    try {
      expect((await own.api.call('GET', '/_sandbox/delivery')).json).toEqual({ paused: false, failNext: 0, pending: 0 });
      expect((await control({ paused: true })).json).toMatchObject({ paused: true });
      const guest = await own.api.guest();
      expect((await own.api.upload(guest.token, png)).status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.attempts).toHaveLength(0);
      expect((await own.api.call('GET', '/_sandbox/delivery')).json).toEqual({ paused: true, failNext: 0, pending: 2 });

      expect((await control({ paused: false, failNext: 1 })).json).toMatchObject({ paused: false, failNext: 1 });
      const messages = await receiver.waitForUnique(2);
      expect(messages.map((m) => m.properties.eventTrigger)).toEqual(['Create', 'Update']);
      // The first attempt was sent and counted as failed, so the Create arrived twice with one messageId.
      expect(receiver.accepted.map((m) => m.properties.eventTrigger)).toEqual(['Create', 'Create', 'Update']);
      expect(receiver.accepted[0]!.properties.messageId).toBe(receiver.accepted[1]!.properties.messageId);
      expect((await own.api.call('GET', '/_sandbox/delivery')).json).toEqual({ paused: false, failNext: 0, pending: 0 });

      const bad = await control({ paused: 'yes' });
      expectProblem(bad, 400);
      expect(bad.json.detail).toContain('paused is "yes"; it must be of type boolean');
      expectProblem(await control({}), 400);
    } finally {
      await own.close();
      await receiver.close();
    }
  });

  it('reset sets the switches back to normal', async () => {
    await control('PUT', '/_sandbox/delivery', { paused: true, failNext: 3 });
    await ctx.sandbox.api.reset();
    expect((await control('GET', '/_sandbox/delivery')).json).toEqual({ paused: false, failNext: 0, pending: 0 });
  });
});
