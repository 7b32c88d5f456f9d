import { defineConfig } from 'vitest/config';

// One config; `npm run test:<area>` selects a folder. Servers started by tests bind to 127.0.0.1 on free ports.
// Two projects, each with its own globalSetup (vitest runs a project's globalSetup only when some of its files
// are selected, so an area pays only for what it uses):
// - kit: unpacks the headless Chromium of the browser tests once, before the workers start (a no-op when unpacked);
// - postgres: starts one embedded PostgreSQL per run (tests/support/postgres-setup.ts).
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'kit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/postgres/**', '**/node_modules/**'],
          globalSetup: ['tests/support/browser-setup.ts'],
        },
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
