// `npm run mock`: Prism's stateless mock of openapi/profile-service.yaml, for consumer teams who need the API's
// shapes and named scenarios without any state (docs/mock.md). Prism validates every request against the spec
// (its default), answers with the spec's named examples, and picks scenarios from the `Prefer` header.
//
// Environment: HOST (default 127.0.0.1), PORT (default 4010), LOG_LEVEL (Prism's -v, default info),
// MOCK_DYNAMIC=1 (generate bodies from the schemas instead of serving the examples).
// The promise resolves with Prism's exit code once Prism stops; SIGINT/SIGTERM are passed on to Prism.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SPEC = resolve(ROOT, 'openapi/profile-service.yaml');
const PRISM = resolve(ROOT, 'node_modules/.bin/prism');
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const FORWARDED = ['SIGINT', 'SIGTERM'] as const;

const USAGE = `usage: npm run mock   (node --import tsx src/cli.ts mock)

Runs Prism's mock of openapi/profile-service.yaml with request validation.

environment:
  HOST           address to listen on                        default 127.0.0.1
  PORT           port to listen on                           default 4010
  LOG_LEVEL      Prism log level: ${LOG_LEVELS.join(', ')}   default info
  MOCK_DYNAMIC   1 = generate bodies from the schemas        default off (serve the spec's examples)

Pick a scenario per request with the Prefer header (see docs/mock.md):
  Prefer: example=personWithoutProfileImage   Prefer: code=404   Prefer: dynamic=true
`;

export interface MockSettings {
  host: string;
  port: number;
  logLevel: string;
  dynamic: boolean;
}

/** Read the settings from the environment; throws an Error that says which variable is wrong and how to fix it. */
export function settingsFrom(env: NodeJS.ProcessEnv): MockSettings {
  const host = env.HOST?.trim() || '127.0.0.1';
  const rawPort = env.PORT?.trim() || '4010';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
    throw new Error(`PORT="${env.PORT}" is not a port number; set PORT to a whole number from 1 to 65535 (default 4010).`);
  }
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`LOG_LEVEL="${env.LOG_LEVEL}" is not a Prism log level; use one of: ${LOG_LEVELS.join(', ')} (default info).`);
  }
  const dynamic = env.MOCK_DYNAMIC?.trim() ?? '';
  if (!['', '0', '1'].includes(dynamic)) {
    throw new Error(`MOCK_DYNAMIC="${env.MOCK_DYNAMIC}" is not understood; set MOCK_DYNAMIC=1 to generate bodies from the schemas, or leave it unset.`);
  }
  return { host, port, logLevel, dynamic: dynamic === '1' };
}

/** Prism's command line for these settings (request validation is Prism's default, so no flag turns it on). */
export function prismArgs(s: MockSettings, spec: string = SPEC): string[] {
  return ['mock', '-h', s.host, '-p', String(s.port), '-v', s.logLevel, ...(s.dynamic ? ['--dynamic'] : []), spec];
}

export async function run(argv: string[] = []): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (argv.length > 0) {
    process.stderr.write(`mock takes no arguments (got "${argv.join(' ')}"); configure it with environment variables.\n\n${USAGE}`);
    return 2;
  }
  let settings: MockSettings;
  try {
    settings = settingsFrom(process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }

  const hostInUrl = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${hostInUrl}:${settings.port}`;
  const child = spawn(PRISM, prismArgs(settings), { cwd: ROOT, stdio: 'inherit' });
  process.stdout.write(
    `starting the Prism mock of openapi/profile-service.yaml at ${url}${settings.dynamic ? ' (dynamic bodies)' : ''}\n` +
      `  try: curl -H "Authorization: Bearer any-token" ${url}/me\n`,
  );

  // Forward the stop signals to Prism by its pid, so a Ctrl-C or a supervisor's SIGTERM stops the mock too,
  // instead of leaving Prism holding the port.
  const forward = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, signal);
      } catch {
        // Prism already exited between the check and the kill: nothing left to stop.
      }
    }
  };
  for (const s of FORWARDED) process.on(s, forward);

  return new Promise<number>((done) => {
    const finish = (code: number) => {
      for (const s of FORWARDED) process.off(s, forward);
      done(code);
    };
    child.once('error', (err) => {
      process.stderr.write(`could not start Prism (${PRISM}): ${err.message}. Run \`npm ci\` to install it.\n`);
      finish(1);
    });
    // A signal death is reported the shell's way, 128 + the signal number (SIGTERM → 143).
    child.once('exit', (code, signal) => finish(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}
