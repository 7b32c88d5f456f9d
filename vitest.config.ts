import { defineConfig } from 'vitest/config';

// One config; `npm run test:<area>` selects a folder. Servers started by tests bind to 127.0.0.1 on free ports.
// Projects, each with its own globalSetup, so that an area pays only for what it uses (vitest runs a project's
// globalSetup only when some of its files are selected):
// - kit: unpacks the headless Chromium of the browser tests once, before the workers start (a no-op when unpacked);
// - package: build, pack and install into a temporary project (about 30 s);
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
          exclude: ['tests/package/**', 'tests/postgres/**', '**/node_modules/**'],
          globalSetup: ['tests/support/browser-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'package', include: ['tests/package/**/*.test.ts'], globalSetup: ['tests/package/support/setup.ts'], hookTimeout: 300_000 },
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
