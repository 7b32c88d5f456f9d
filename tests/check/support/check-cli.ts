// The check command as a process, for the tests that exercise flags, environment variables and exit codes:
// `node --import tsx tests/check/support/check-cli.ts <args>` behaves as `profile-contracts check <args>`.
import { run } from '../../../src/check/main.ts';

process.exitCode = await run(process.argv.slice(2));
