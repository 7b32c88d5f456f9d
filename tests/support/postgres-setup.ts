// vitest globalSetup of the "postgres" project (vitest.config.ts): one PostgreSQL server per test run,
// started before the test files and stopped after them; each file creates its own database on it
// (tests/support/postgres.ts freshDatabaseUrl).
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startCluster({ durable: false });
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
