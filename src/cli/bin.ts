#!/usr/bin/env node
// The `profile-contracts` executable (package.json `bin` → dist/cli/bin.js; in this repo the npm scripts run
// `node --import tsx src/cli/bin.ts`). The only place that sets the process's exit code.
import { main } from './index.ts';

main(process.argv.slice(2)).then(
  (code) => {
    // exitCode rather than exit(): pending output (e.g. a piped report) is flushed before the process ends.
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
