// The sandbox's black-box behaviour suite (tests/sandbox/*.test.ts that start their target through
// support/sandbox.ts) run once more with the PostgreSQL store behind the shipped factory: the same files (all
// but model.test.ts, whose 1000 random sequences with a reset each check the rules, at memory speed, in
// tests/sandbox), with `startSandbox` pointed at createSandbox({ store: PgStore }), each sandbox on a database of its own (the
// outbox of a database is shared by every sandbox on it, which is the point, but not between tests).
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

await import('../sandbox/concurrency.test.ts');
await import('../sandbox/notifications.test.ts');
await import('../sandbox/bad-input.test.ts');
await import('../sandbox/conformance.test.ts');
