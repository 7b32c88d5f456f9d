// The factory's seams (docs/architecture.md): another Store, replaced domain rules and extra fastify plugins
// are what createSandbox accepts instead of switches in the code, and the app is built from plugins whose
// public routes come from the spec. Each seam is tried the way a user of the factory would.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { ProblemError, details } from '../../src/sandbox/errors.ts';
import publicRoutes from '../../src/sandbox/http/routes.ts';
import { resolveLimits } from '../../src/sandbox/limits.ts';
import { createSandbox, defaultRules, MemoryStore, type Outcome, type Rules, type UserState } from '../../src/sandbox/index.ts';
import { loadSpec, type SpecOperation } from '../../src/sandbox/spec.ts';
import { Api } from './support/http.ts';

async function running(options: Parameters<typeof createSandbox>[0]) {
  const sandbox = await createSandbox(options);
  const api = new Api(await sandbox.listen(0, '127.0.0.1'));
  return { sandbox, api };
}

describe('createSandbox({ store })', () => {
  it('keeps users in the given store, commits through it and closes it with the sandbox', async () => {
    const calls: string[] = [];
    class CountingStore extends MemoryStore {
      override async apply<T>(profileId: string, rule: (s: UserState) => Outcome<T>): Promise<Outcome<T>> {
        calls.push('apply');
        return super.apply(profileId, rule);
      }
      override async close(): Promise<void> {
        calls.push('close');
      }
    }
    const store = new CountingStore();
    const { sandbox, api } = await running({ store });
    const { token, profileId } = await api.guest();
    expect((await store.user(profileId))?.profileId).toBe(profileId);
    expect((await api.upload(token, { bytes: PNG_1X1, query: 'ProfileImage' })).status).toBe(201);
    expect((await store.user(profileId))?.media).toHaveLength(1);
    // The store's commits reach the notifier: Create, then the Update of the upload.
    expect(sandbox.notifications(profileId).map((n) => n.properties.eventTrigger)).toEqual(['Create', 'Update']);
    await sandbox.close();
    expect(calls).toEqual(['apply', 'close']);
  });
});

describe('createSandbox({ store }) with lookups that answer later', () => {
  // MemoryStore answers a token lookup at once; a database (PgStore) answers with a promise. Authentication
  // must come out the same either way, the 401s included, and so must a forced answer that needs the caller.
  class LaterStore extends MemoryStore {
    override async profileIdForToken(token: string): Promise<string | undefined> {
      return super.profileIdForToken(token);
    }
    override async user(profileId: string): Promise<UserState | undefined> {
      return super.user(profileId);
    }
  }

  it('authenticates through promises: the caller, an unknown token, a forced answer', async () => {
    const { sandbox, api } = await running({ store: new LaterStore() });
    try {
      const { token, profileId } = await api.guest();
      expect(await api.me(token)).toMatchObject({ profileId });
      const unknown = await api.call('GET', '/me', { token: 'no-such-token' });
      expect(unknown.status).toBe(401);
      expect(unknown.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      const forced = await api.call('GET', '/me/profileimage', { token, headers: { prefer: 'code=404' } });
      expect(forced.status).toBe(404);
      const forcedUnknown = await api.call('GET', '/me/profileimage', { token: 'no-such-token', headers: { prefer: 'code=404' } });
      expect(forcedUnknown.status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });
});

describe('createSandbox({ rules })', () => {
  it('runs a replaced rule wherever the sandbox uses it, the others unchanged', async () => {
    const personView: Rules['personView'] = (state) => ({ ...defaultRules.personView(state), displayName: 'Replaced' });
    const { sandbox, api } = await running({ rules: { personView } });
    try {
      const { token } = await api.guest();
      expect(await api.me(token)).toMatchObject({ displayName: 'Replaced', identificationLevel: 'Guest' });
      expect((await api.upload(token, { bytes: PNG_1X1, query: 'ProfileImage' })).status).toBe(201);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a name that is not a rule, and a rule that is not a function', async () => {
    await expect(createSandbox({ rules: { uplaod: () => undefined } as Partial<Rules> })).rejects.toThrow(/rules\.uplaod is not a domain rule; the rules are: createGuest, upload/);
    await expect(createSandbox({ rules: { upload: 'yes' } as unknown as Partial<Rules> })).rejects.toThrow(/rules\.upload must be a function/);
  });
});

describe('createSandbox({ plugins })', () => {
  it('runs the plugins’ hooks on the public routes after authentication, not on /_sandbox/', async () => {
    const seen: (string | undefined)[] = [];
    const { sandbox, api } = await running({
      plugins: [
        (app) => {
          app.addHook('preHandler', async (req) => {
            seen.push(req.user?.profileId);
          });
          app.addHook('onSend', async (_req, reply, payload) => {
            reply.header('x-extra-plugin', 'yes');
            return payload;
          });
        },
      ],
    });
    try {
      const { token, profileId } = await api.guest();
      const me = await api.call('GET', '/me', { token });
      expect(me.headers.get('x-extra-plugin')).toBe('yes');
      expect(seen.at(-1)).toBe(profileId);
      // Errors of the public routes pass the hooks too (a plugin can shape them), the test-support routes not.
      expect((await api.call('GET', '/me')).headers.get('x-extra-plugin')).toBe('yes');
      expect((await api.call('GET', '/_sandbox/health')).headers.get('x-extra-plugin')).toBeNull();
    } finally {
      await sandbox.close();
    }
  });

  it('lets a plugin answer before authentication (an onRequest hook runs first)', async () => {
    const { sandbox, api } = await running({
      plugins: [
        (app) => {
          app.addHook('onRequest', async (req) => {
            if (req.headers['x-reject'] !== undefined) throw new ProblemError('bad-request', details.badRequest('x-reject was sent'));
          });
        },
      ],
    });
    try {
      const r = await api.call('GET', '/me', { headers: { 'x-reject': '1' } });
      expect(r.status).toBe(400);
      expect(r.json.detail).toContain('x-reject was sent');
    } finally {
      await sandbox.close();
    }
  });
});

describe('the public routes plugin', () => {
  async function register(operations: SpecOperation[]) {
    const spec = await loadSpec();
    const app = Fastify();
    app.decorate('store', new MemoryStore());
    app.decorate('rules', { ...defaultRules });
    app.decorate('authenticate', async () => undefined);
    await app.register(publicRoutes, { spec: { ...spec, operations }, maxUploadBytes: 1024, limits: resolveLimits(), plugins: [] });
    return app;
  }

  it('stops the start when a spec operation has no handler', async () => {
    const spec = await loadSpec();
    const extra = { ...spec.operations[0]!, operationId: 'renameMe', path: '/me/name', routePath: '/me/name' };
    await expect(register([...spec.operations, extra])).rejects.toThrow(/operation renameMe \(\w+ \/me\/name\) has no sandbox handler/);
  });

  it('stops the start when a handler has no spec operation', async () => {
    const spec = await loadSpec();
    await expect(register(spec.operations.filter((o) => o.operationId !== 'getMe'))).rejects.toThrow(/handlers without a spec operation: getMe/);
  });
});
