// The sandbox's black-box behaviour suite (tests/sandbox/*.test.ts) run once more with the PostgreSQL store
// behind the shipped factory: the same files (all but model.test.ts, whose 1000 random sequences with a reset
// each check the rules, at memory speed, in tests/sandbox), with their target replaced: `startSandbox` and the
// suite's TARGETS (support/targets.ts) both start createSandbox({ store: PgStore }), each instance on a
// database of its own (every sandbox on one database shares its outbox, which is the point, but not across tests).
// (http.test.ts also has describe blocks that start the memory sandbox themselves; they run here once more as
// they are, the price of running its target-driven happy path and key errors on PostgreSQL.)
import { vi } from 'vitest';

vi.mock('../sandbox/support/sandbox.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../sandbox/support/sandbox.ts')>();
  const { createSandbox } = await import('../../src/sandbox/index.ts');
  const { PgStore } = await import('../../src/sandbox/store-pg.ts');
  const { Api } = await import('../sandbox/support/http.ts');
  const { freshDatabaseUrl } = await import('../support/postgres.ts');
  return {
    ...original,
    async startSandbox(options: Parameters<typeof original.startSandbox>[0] = {}) {
      const sandbox = await createSandbox({ ...options, store: await PgStore.open(await freshDatabaseUrl()) });
      const url = await sandbox.listen(0, '127.0.0.1');
      return { url, api: new Api(url), close: () => sandbox.close() };
    },
  };
});

// The files that run `describe.each(TARGETS)` get the PostgreSQL target alone.
vi.mock('../sandbox/support/targets.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../sandbox/support/targets.ts')>();
  const { postgresTarget } = await import('./target.ts');
  return { ...original, TARGETS: [postgresTarget(original.sandboxTarget)] };
});

await import('../sandbox/http.test.ts');
await import('../sandbox/concurrency.test.ts');
await import('../sandbox/notifications.test.ts');
await import('../sandbox/bad-input.test.ts');
await import('../sandbox/conformance.test.ts');
await import('../sandbox/seeds-snapshots.test.ts');
await import('../sandbox/form-names.test.ts');
await import('../sandbox/multipart-framing.test.ts');
