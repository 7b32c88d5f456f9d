import { defineConfig } from 'vitest/config';

// One config; `npm run test:<area>` selects a folder. Servers started by tests bind to 127.0.0.1 on free ports.
// Two projects: the PostgreSQL tests get a globalSetup that starts one embedded PostgreSQL per run (vitest runs
// a project's globalSetup only when some of its files are selected, so other areas do not pay for it).
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'kit', include: ['tests/**/*.test.ts'], exclude: ['tests/postgres/**', '**/node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/postgres/**/*.test.ts'],
          globalSetup: ['tests/support/postgres-setup.ts'],
        },
      },
    ],
  },
});
