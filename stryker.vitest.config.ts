// The vitest config of the sandbox's mutation run (stryker.config.mjs, `npm run mutation:sandbox`): the
// sandbox tests that run in a second or two each and kill mutants by behaviour. Left out: the model-based
// property test and the 50-upload concurrency test (slow, and their rules are pinned by faster tests too),
// the Prism conformance test (a child process per run), the webhook retry test (waits on backoff), and the
// production-code scan (it reads the sources, which Stryker rewrites with its own switches).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/sandbox/**/*.test.ts'],
    exclude: [
      'tests/sandbox/model.test.ts',
      'tests/sandbox/concurrency.test.ts',
      'tests/sandbox/conformance.test.ts',
      'tests/sandbox/notifications.test.ts',
      'tests/sandbox/production-code.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
