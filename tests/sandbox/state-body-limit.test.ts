// PUT /_sandbox/state with a body over its limit (stateBodyLimit: what a store of MAX_STORE_BYTES can hold,
// as Base64 in JSON): the control document's 507 store-full, naming both limits, and nothing restored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateBodyLimit } from '../../src/sandbox/control.ts';
import { details, PROBLEM_TYPE_PREFIX } from '../../src/sandbox/errors.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';

const MAX_STORE_BYTES = 4096;

describe('PUT /_sandbox/state over its body limit', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ limits: { maxStoreBytes: MAX_STORE_BYTES } });
  });
  afterAll(() => sandbox.close());

  it('answers 507 store-full with both limits, closes the connection and restores nothing', async () => {
    const token = JSON.parse((await sandbox.app.inject({ method: 'POST', url: '/token?grant_type=guest' })).body).token as string;
    const before = (await sandbox.app.inject({ method: 'GET', url: '/_sandbox/state' })).body;
    const limit = stateBodyLimit(MAX_STORE_BYTES);
    const r = await sandbox.app.inject({
      method: 'PUT',
      url: '/_sandbox/state',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ users: [], padding: 'x'.repeat(limit) }),
    });
    expect(r.statusCode).toBe(507);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.headers.connection).toBe('close');
    expect(JSON.parse(r.body)).toEqual({
      type: `${PROBLEM_TYPE_PREFIX}store-full`,
      title: 'Sandbox store full',
      status: 507,
      detail: details.snapshotTooLarge(limit, MAX_STORE_BYTES),
    });
    expect((await sandbox.app.inject({ method: 'GET', url: '/_sandbox/state' })).body).toBe(before);
    expect((await sandbox.app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('still answers other refusals of the route as before: malformed JSON is 400', async () => {
    const r = await sandbox.app.inject({ method: 'PUT', url: '/_sandbox/state', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body).type).toBe(`${PROBLEM_TYPE_PREFIX}invalid-control-request`);
  });
});
