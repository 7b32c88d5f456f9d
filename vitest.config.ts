import { defineConfig } from 'vitest/config';

// One config; `npm run test:<area>` selects a folder. Servers started by tests bind to 127.0.0.1 on free ports.
// tests/package is its own project only so that its global setup (build, pack, install into a temporary
// project: about 30 s) runs when package tests are selected, and never for the other areas.
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
          exclude: ['tests/package/**'],
          // Unpacks the headless Chromium of the browser tests once, before the workers start (a no-op when unpacked).
          globalSetup: ['tests/support/browser-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'package', include: ['tests/package/**/*.test.ts'], globalSetup: ['tests/package/support/setup.ts'], hookTimeout: 300_000 },
      },
    ],
  },
});
