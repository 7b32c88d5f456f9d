// A share of the verify runs of mutants.test.ts, in one child process: for each name in argv, in order, it starts the
// sandbox with that fault of faults.ts (HEALTHY: none; a store fault gets a fresh store per run), verifies it and sends `{ name, result }` back over
// IPC. A child process, because the Pact Verifier is native code that prints its whole report to the
// process's stdout, out of reach of any option; the parent drops this child's stdout, so a passing self-test
// prints only its listing. One child for many runs, so the TypeScript loader and the Verifier load once per child.
import { verify, type VerifyResult } from '../../src/verify/index.ts';
import { startSandbox } from '../provider/support.ts';
import { fault, faultOptions, HEALTHY } from './faults.ts';

export interface ChildMessage {
  name: string;
  result: VerifyResult;
}

const send = (message: ChildMessage) =>
  new Promise<void>((resolve, reject) => process.send!(message, (err: Error | null) => (err ? reject(err) : resolve())));

if (!process.send) throw new Error('verify-child.ts is started by mutants.test.ts (child_process.fork), with an IPC channel');
for (const name of process.argv.slice(2)) {
  const provider = await startSandbox(name === HEALTHY ? {} : faultOptions(fault(name)));
  try {
    // A shorter wait per delivery than the CLI's default: the sandbox delivers at once, a missing message is
    // still given 3 s.
    const result = await verify({ providerUrl: provider.url, notificationsPort: provider.notificationsPort, reportDir: false, messageTimeoutMs: 3000 });
    await send({ name, result });
  } finally {
    await provider.close();
  }
}
process.disconnect();
