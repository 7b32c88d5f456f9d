// The PostgreSQL-backed sandbox as a target of the behaviour suite (tests/sandbox/support/targets.ts): the
// shipped factory with a PgStore, each instance on a fresh database of the test run's PostgreSQL. It is not in
// TARGETS, because only the "postgres" vitest project has a PostgreSQL; tests/postgres/behaviour.test.ts runs
// the suite's files with TARGETS = [postgresTarget(sandboxTarget)].
import { PgStore } from '../../src/sandbox/store-pg.ts';
import type { Target, TargetOptions } from '../sandbox/support/targets.ts';
import { freshDatabaseUrl } from '../support/postgres.ts';

/** `sandbox` is the suite's sandboxTarget (passed in, since behaviour.test.ts replaces the module it is in). */
export function postgresTarget(sandbox: Target): Target {
  return {
    name: 'sandbox (HTTP, PostgreSQL store)',
    socket: true,
    async start(options: TargetOptions = {}) {
      const store = await PgStore.open(await freshDatabaseUrl());
      // sandboxTarget hands its options to createSandbox as they are, so the store goes with them.
      return sandbox.start({ ...options, store } as TargetOptions);
    },
  };
}
