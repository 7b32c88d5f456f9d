import { defineConfig } from 'vitest/config';

// One config; `npm run test:<area>` selects a folder. Servers started by tests bind to 127.0.0.1 on free ports.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Unpacks the headless Chromium of the browser tests once, before the workers start (a no-op when unpacked).
    globalSetup: ['tests/support/browser-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
