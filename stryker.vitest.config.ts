// The vitest config of the sandbox's mutation run (stryker.config.mjs, `npm run mutation:sandbox`): the
// sandbox tests that run in a second or two each and kill mutants by behaviour. Left out: the model-based
// property test and the 50-upload concurrency test (slow, and their rules are pinned by faster tests too),
// the Prism conformance test (a child process per run), the webhook retry test (waits on backoff), the
// production-code scan (it reads the sources, which Stryker rewrites with its own switches), `npm start` as a
// child process (start.test.ts: no mutant is active in a child) and the control document's lint and type
// drift checks (control-spec.test.ts: they read openapi/ and src/generated/, not the sandbox). A mutant in
// code that runs while a test file starts its sandbox (Stryker calls it static) is run against every one of
// these files, so each second left out here saves a quarter of an hour of a full run.
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
      'tests/sandbox/start.test.ts',
      'tests/sandbox/control-spec.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
