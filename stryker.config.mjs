// Mutation testing of the sandbox (`npm run mutation:sandbox`, docs/mutation-testing.md): Stryker mutates
// src/sandbox and runs the sandbox tests of stryker.vitest.config.ts against every mutant; a mutant no test
// kills is behaviour no test pins. Not part of `npm test` (a full run takes tens of minutes on two cores);
// `npm run test:mutants` is something else (verify's self-test against hand-made faulty providers).
// Runs are incremental (reports/stryker-incremental.json): a rerun only tests mutants whose code or tests
// changed. One file at a time: `npm run mutation:sandbox -- --mutate src/sandbox/sniff.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts', related: true },
  mutate: [
    'src/sandbox/**/*.ts',
    // The command entry (arguments, environment, signals) is tested through child processes, which Stryker's
    // per-test coverage cannot follow.
    '!src/sandbox/main.ts',
    // The PostgreSQL store needs a running database (tests/postgres, an embedded PostgreSQL per run); its
    // behaviour is pinned there, against the same behaviour suite as MemoryStore.
    '!src/sandbox/store-pg*.ts',
  ],
  // Stryker puts `// @ts-nocheck` on top of every file it copies that matches this (by default all of src and
  // tests); only the mutated files need it, and a generated file changed that way fails the drift test of
  // tests/sandbox/control-spec.test.ts.
  disableTypeChecks: 'src/sandbox/**/*.ts',
  coverageAnalysis: 'perTest',
  // Four runners on two cores: a mutant that hangs a test (a timeout) leaves its runner idle until Stryker
  // restarts it, and a full run has about 200 of them; with four the cores stay busy.
  concurrency: 4,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/sandbox.html' },
  jsonReporter: { fileName: 'reports/mutation/sandbox.json' },
  thresholds: { high: 90, low: 80, break: null },
  // Stryker's default: a mutant's tests may take 1.5x their normal time plus this before they count as hung.
  timeoutMS: 5_000,
};
