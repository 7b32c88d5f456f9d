// `npm run mock`: Prism's stateless mock of openapi/profile-service.yaml, for consumer teams who need the API's
// shapes and named scenarios without any state (docs/mock.md). Prism validates every request against the spec
// (its default), answers with the spec's named examples, and picks scenarios from the `Prefer` header.
//
// Environment: HOST (default 127.0.0.1), PORT (default 4010), LOG_LEVEL (Prism's -v, default info),
// MOCK_DYNAMIC=1 (generate bodies from the schemas instead of serving the examples).
// The promise resolves with Prism's exit code once Prism stops; SIGINT/SIGTERM are passed on to Prism.
// Prism is found through Node's resolution from this module (src/tools/package-bin.ts), so it is found
// wherever npm installed it, and it runs in the caller's working directory.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { MissingToolError, packageBin } from '../tools/package-bin.ts';
import { onStopRequest } from '../tools/stop-signals.ts';

const SPEC = resolve(import.meta.dirname, '../../openapi/profile-service.yaml');
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

const USAGE = `usage: profile-contracts mock   (npm run mock in the kit's repository)

Runs Prism's mock of openapi/profile-service.yaml with request validation.

environment:
  HOST           address to listen on                        default 127.0.0.1
  PORT           port to listen on                           default 4010
  LOG_LEVEL      Prism log level: ${LOG_LEVELS.join(', ')}   default info
                 (whatever the level, one line says when the mock is listening)
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

  let prism: string;
  try {
    prism = packageBin('@stoplight/prism-cli', 'prism');
  } catch (err) {
    if (!(err instanceof MissingToolError)) throw err;
    process.stderr.write(`the mock needs Prism: ${err.message}\n`);
    return 1;
  }
  const hostInUrl = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${hostInUrl}:${settings.port}`;
  // Prism's bin is a Node script: run it with this Node, so neither PATH nor an executable bit matters.
  const child = spawn(process.execPath, [prism, ...prismArgs(settings)], { stdio: 'inherit' });
  // Prism announces itself only at log level info and below, so the ready line is ours: printed once the
  // port accepts connections, at every level, for scripts that wait for it.
  void whenListening(settings.host, settings.port, () => child.exitCode === null && child.signalCode === null).then((up) => {
    if (!up) return;
    process.stdout.write(
      `Prism mock of openapi/profile-service.yaml listening at ${url}${settings.dynamic ? ' (dynamic bodies)' : ''}; ` +
        `try: curl -H "Authorization: Bearer any-token" ${url}/me\n`,
    );
  });

  // Forward every stop request to Prism by its pid, so a Ctrl-C, a supervisor's SIGTERM or the end of npm's
  // shell stops the mock too, instead of leaving Prism holding the port.
  const dispose = onStopRequest((reason) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, reason === 'parent-exited' ? 'SIGTERM' : reason);
      } catch {
        // Prism already exited between the check and the kill: nothing left to stop.
      }
    }
  });

  return new Promise<number>((done) => {
    const finish = (code: number) => {
      dispose();
      done(code);
    };
    child.once('error', (err) => {
      process.stderr.write(`could not start Prism (${prism}): ${err.message}. Reinstall it: npm install @stoplight/prism-cli\n`);
      finish(1);
    });
    // A signal death is reported the shell's way, 128 + the signal number (SIGTERM → 143).
    child.once('exit', (code, signal) => finish(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

/** Poll the port until it accepts a connection (true) or `alive()` turns false (false). */
async function whenListening(host: string, port: number, alive: () => boolean): Promise<boolean> {
  while (alive()) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return alive();
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
