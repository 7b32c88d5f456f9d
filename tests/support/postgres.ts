// The PostgreSQL of the tests: the server itself comes from scripts/postgres.ts (shared with the benchmark);
// the vitest globalSetup of the "postgres" project (postgres-setup.ts) starts one per test run, and each test
// file takes its own database on it with `freshDatabaseUrl()`, so files run in parallel without sharing state.
import { inject } from 'vitest';
import { createDatabase } from '../../scripts/postgres.ts';

export { startCluster, type Cluster } from '../../scripts/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The maintenance database of the test run's PostgreSQL (postgres://…/postgres). */
    postgresAdminUrl: string;
  }
}

/** A new, empty database on the test run's server (or on the one of `adminUrl`); its URL. */
export function freshDatabaseUrl(adminUrl = inject('postgresAdminUrl')): Promise<string> {
  if (!adminUrl) throw new Error('no PostgreSQL for this test file: run it through the vitest project "postgres" (tests/postgres/)');
  return createDatabase(adminUrl);
}
