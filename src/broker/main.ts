// The consumer and deployment side of a Pact Broker, through `@pact-foundation/pact-cli` (one Rust binary):
// `profile-contracts publish` (the kit's pacts, version and branch from git), `can-i-deploy` and
// `record-deployment`. Each first reads the broker's index with the same client verify uses, so an unreachable
// broker or refused credentials get verify's one-line messages and exit codes (4, 5); after that the pact CLI
// speaks for itself and its exit code is passed on (can-i-deploy: 1 means "not deployable").
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BrokerError, brokerAuth, brokerRequest, type BrokerAuth } from '../verify/broker-client.ts';
import { gitBranch, gitVersion } from '../verify/git.ts';

/** The kit's own pacts, found beside the module (src/ and dist/ mirror the same depth). */
export const KIT_PACT_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'pacts');

const BROKER_OPTIONS = `  --broker-url URL          the Pact Broker [PACT_BROKER_BASE_URL]
  --broker-token TOKEN      bearer token [PACT_BROKER_TOKEN]
  --broker-username NAME    basic auth [PACT_BROKER_USERNAME], with --broker-password [PACT_BROKER_PASSWORD]`;

const EXIT_CODES = `exit codes: 0 done (can-i-deploy: deployable), 1 the pact CLI said no or failed, 2 usage error,
4 broker unreachable or not a broker, 5 the broker refused the credentials`;

const USAGE = {
  publish: `usage: profile-contracts publish [options] [-- extra pact-cli flags]

Publishes pacts to the Pact Broker (pact broker publish), as the consumer version and branch of this checkout.

options:
  --pact-dir DIR            the pacts to publish (default: the kit's own pacts/)
  --consumer-app-version V  the consumer version (default: the git commit)
  --branch B                the consumer branch (default: the git branch)
${BROKER_OPTIONS}

${EXIT_CODES}
`,
  'can-i-deploy': `usage: profile-contracts can-i-deploy --pacticipant NAME --to-environment ENV [options] [-- extra pact-cli flags]

Asks the Pact Broker whether this version of NAME is compatible with everything in ENV (pact broker can-i-deploy).

options:
  --pacticipant NAME        e.g. ProfileService, or your consumer's name
  --version V               its version (default: the git commit)
  --to-environment ENV      e.g. production
${BROKER_OPTIONS}

${EXIT_CODES}
`,
  'record-deployment': `usage: profile-contracts record-deployment --pacticipant NAME --environment ENV [options] [-- extra pact-cli flags]

Tells the Pact Broker that this version of NAME is now deployed to ENV (pact broker record-deployment).

options:
  --pacticipant NAME        e.g. ProfileService
  --version V               its version (default: the git commit)
  --environment ENV         e.g. production
${BROKER_OPTIONS}

${EXIT_CODES}
`,
} as const;

type Command = keyof typeof USAGE;

/** The pact CLI's binary, from its platform package (installed as an optional dependency). */
function pactBinary(): string {
  const require = createRequire(import.meta.url);
  let standalone: () => { pactFullPath: string };
  try {
    ({ standalone } = require('@pact-foundation/pact-cli/src/pact-standalone') as { standalone(): { pactFullPath: string } });
  } catch {
    // An optional peer dependency: only these three commands need it.
    throw new PactCliMissing('these commands run the pact CLI: npm install --save-dev @pact-foundation/pact-cli');
  }
  return standalone().pactFullPath;
}

class PactCliMissing extends Error {}

/** Run the pact CLI, passing its output through; resolves to its exit code. */
function pactCli(args: string[], auth: BrokerAuth, brokerUrl: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, PACT_DO_NOT_TRACK: 'true', PACT_BROKER_BASE_URL: brokerUrl };
  // Credentials go by environment, so that they never show in a process listing.
  for (const k of ['PACT_BROKER_TOKEN', 'PACT_BROKER_USERNAME', 'PACT_BROKER_PASSWORD']) delete env[k];
  if (auth.token) env.PACT_BROKER_TOKEN = auth.token;
  if (auth.username) Object.assign(env, { PACT_BROKER_USERNAME: auth.username, PACT_BROKER_PASSWORD: auth.password ?? '' });
  return new Promise((done, fail) => {
    const child = spawn(pactBinary(), args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) => done(code ?? 1));
  });
}

function usageError(command: Command, message: string): number {
  process.stderr.write(`${command}: ${message}\n\n${USAGE[command]}`);
  return 2;
}

async function runCommand(command: Command, argv: string[]): Promise<number> {
  const specific: Record<string, { type: 'string' }> =
    command === 'publish'
      ? { 'pact-dir': { type: 'string' }, 'consumer-app-version': { type: 'string' }, branch: { type: 'string' } }
      : { pacticipant: { type: 'string' }, version: { type: 'string' }, [command === 'can-i-deploy' ? 'to-environment' : 'environment']: { type: 'string' } };
  let values: Record<string, string | boolean | undefined>;
  let extra: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      options: {
        ...specific,
        'broker-url': { type: 'string' },
        'broker-token': { type: 'string' },
        'broker-username': { type: 'string' },
        'broker-password': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
    values = parsed.values;
    // Only what follows `--` goes on to the pact CLI untouched.
    const dashes = parsed.tokens.find((t) => t.kind === 'option-terminator');
    extra = dashes ? argv.slice(dashes.index + 1) : [];
    if (parsed.positionals.length > extra.length) return usageError(command, `unexpected argument "${parsed.positionals[0]}"; pass pact-cli flags after --`);
  } catch (err) {
    return usageError(command, (err as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE[command]);
    return 0;
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const brokerUrl = (str('broker-url') ?? process.env.PACT_BROKER_BASE_URL ?? '').replace(/\/+$/, '');
  if (!brokerUrl) return usageError(command, '--broker-url (or PACT_BROKER_BASE_URL) is required');
  const auth = brokerAuth({ token: str('broker-token'), username: str('broker-username'), password: str('broker-password') });

  let args: string[];
  if (command === 'publish') {
    const version = str('consumer-app-version') ?? gitVersion();
    const branch = str('branch') ?? gitBranch();
    if (!version) return usageError(command, '--consumer-app-version is required here (no git commit to take it from)');
    args = ['broker', 'publish', resolve(str('pact-dir') ?? KIT_PACT_DIR), '--consumer-app-version', version, ...(branch ? ['--branch', branch] : [])];
  } else {
    const pacticipant = str('pacticipant');
    const envFlag = command === 'can-i-deploy' ? 'to-environment' : 'environment';
    const environment = str(envFlag);
    const version = str('version') ?? gitVersion();
    if (!pacticipant) return usageError(command, '--pacticipant is required, e.g. --pacticipant ProfileService');
    if (!environment) return usageError(command, `--${envFlag} is required, e.g. --${envFlag} production`);
    if (!version) return usageError(command, '--version is required here (no git commit to take it from)');
    args = ['broker', command, '--pacticipant', pacticipant, '--version', version, `--${envFlag}`, environment];
  }
  try {
    await brokerRequest('GET', `${brokerUrl}/`, auth, 'the Pact Broker');
  } catch (err) {
    if (!(err instanceof BrokerError)) throw err;
    process.stderr.write(`${command}: ${err.message}\n`);
    return err.exitCode;
  }
  try {
    return await pactCli([...args, ...extra], auth, brokerUrl);
  } catch (err) {
    if (!(err instanceof PactCliMissing)) throw err;
    process.stderr.write(`${command}: ${err.message}\n`);
    return 2;
  }
}

export const runPublish = (argv: string[]) => runCommand('publish', argv);
export const runCanIDeploy = (argv: string[]) => runCommand('can-i-deploy', argv);
export const runRecordDeployment = (argv: string[]) => runCommand('record-deployment', argv);
