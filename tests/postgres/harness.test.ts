// The PostgreSQL test harness itself: the run's server answers, and each file's database is its own.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../support/postgres.ts';

describe('embedded PostgreSQL harness', () => {
  it('hands each caller a fresh, empty database on a PostgreSQL 18 server', async () => {
    const [a, b] = await Promise.all([freshDatabaseUrl(), freshDatabaseUrl()]);
    expect(a).not.toBe(b);
    const client = new pg.Client({ connectionString: a });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string; n: string }>(
        "SELECT current_setting('server_version_num') AS v, (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') AS n",
      );
      expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(180000);
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await client.end();
    }
  });
});
