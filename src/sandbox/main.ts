// `profile-contracts sandbox` (`npm start` here): run the sandbox from environment variables until SIGINT or
// SIGTERM (or until npm's shell is gone: src/tools/stop-signals.ts says why).
// PORT (4010), HOST (127.0.0.1), MAX_UPLOAD_BYTES (10 MiB), NOTIFY_WEBHOOK_URL, LOG_LEVEL (logging off
// unless set), CORS_ORIGINS, SANDBOX_SEED and the limits of limits.ts, DATABASE_URL (state in PostgreSQL,
// shared by replicas, instead of memory). Exit codes: 0 after a clean stop, 2 for a bad setting (a bad seed
// file, or a DATABASE_URL that is malformed or cannot be reached, included), 1 when the server cannot start.
import { onStopRequest, type StopReason } from '../tools/stop-signals.ts';
import { parseCorsOrigins } from './cors.ts';
import { createSandbox, DEFAULT_MAX_UPLOAD_BYTES, type SandboxOptions } from './index.ts';
import { DEFAULT_LIMITS, LIMIT_VARIABLES, type Limits } from './limits.ts';
import { loadSeed, SeedError } from './seed.ts';
import { loadSpec } from './spec.ts';

const USAGE = `usage: profile-contracts sandbox   (npm start in the kit's repository; configured by environment variables)

  PORT                port to listen on (default 4010; 0 picks a free one)
  HOST                address to bind (default 127.0.0.1)
  MAX_UPLOAD_BYTES    largest accepted file in bytes (default ${DEFAULT_MAX_UPLOAD_BYTES})
  NOTIFY_WEBHOOK_URL  POST every Profile Notification here as {properties, body}
  LOG_LEVEL           turn request logging on at this level (fatal, error, warn, info, debug, trace)
  CORS_ORIGINS        origins browsers may call from: unset = any (reflected), a comma list, or off
  SANDBOX_SEED        YAML or JSON file of users, tokens and media to start with (or a saved state)
  MAX_STORE_BYTES     media bytes kept in all (default ${DEFAULT_LIMITS.maxStoreBytes}); beyond it uploads get 507
  MAX_MEDIA_PER_USER  media items per user (default ${DEFAULT_LIMITS.maxMediaPerUser})
  MAX_NAME_LENGTH     characters of the name part (default ${DEFAULT_LIMITS.maxNameLength})
  MAX_FILENAME_LENGTH characters of the file's name (default ${DEFAULT_LIMITS.maxFilenameLength})
  DATABASE_URL        keep users, media and notifications in PostgreSQL (postgres://user:password@host:5432/db),
                      shared by every sandbox started with the same URL and kept across restarts
`;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`${name}=${JSON.stringify(raw)} is not valid; give a whole number from ${min} to ${max}.`);
  }
  return n;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv): { port: number; host: string; options: SandboxOptions; seedFile?: string; databaseUrl?: string } {
  const port = integer('PORT', env.PORT, 4010, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const maxUploadBytes = integer('MAX_UPLOAD_BYTES', env.MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES, 1, Number.MAX_SAFE_INTEGER);
  const options: SandboxOptions = { maxUploadBytes };
  if (env.NOTIFY_WEBHOOK_URL) {
    const url = URL.parse(env.NOTIFY_WEBHOOK_URL);
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw new Error(`NOTIFY_WEBHOOK_URL=${JSON.stringify(env.NOTIFY_WEBHOOK_URL)} is not an http(s) URL; give e.g. http://127.0.0.1:9000/notifications.`);
    }
    options.notifyWebhookUrl = env.NOTIFY_WEBHOOK_URL;
  }
  if (env.LOG_LEVEL) {
    if (!LEVELS.includes(env.LOG_LEVEL)) {
      throw new Error(`LOG_LEVEL=${JSON.stringify(env.LOG_LEVEL)} is not a level; use one of ${LEVELS.join(', ')}.`);
    }
    options.logger = true;
    options.logLevel = env.LOG_LEVEL;
  }
  options.cors = parseCorsOrigins(env.CORS_ORIGINS);
  const limits: Partial<Limits> = {};
  for (const [key, variable] of Object.entries(LIMIT_VARIABLES) as [keyof Limits, string][]) {
    limits[key] = integer(variable, env[variable], DEFAULT_LIMITS[key], 1, Number.MAX_SAFE_INTEGER);
  }
  options.limits = limits;
  return {
    port,
    host,
    options,
    ...(env.SANDBOX_SEED ? { seedFile: env.SANDBOX_SEED } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  };
}

export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (argv.length > 0) {
    process.stderr.write(`sandbox takes no arguments (got ${argv.join(' ')}); it is configured by environment variables.\n\n${USAGE}`);
    return 2;
  }
  let settings: ReturnType<typeof optionsFromEnv>;
  try {
    settings = optionsFromEnv(env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (settings.databaseUrl !== undefined) {
    // Loaded only here, so a sandbox in memory does not load the PostgreSQL client at all.
    const { PgStore } = await import('./store-pg.ts');
    try {
      settings.options.store = await PgStore.open(settings.databaseUrl);
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      return 2;
    }
  }
  let sandbox: Awaited<ReturnType<typeof createSandbox>>;
  try {
    if (settings.seedFile !== undefined) {
      const additionalTypes = ((await loadSpec()).schema('AdditionalType').enum as string[] | undefined) ?? [];
      settings.options.seed = await loadSeed(settings.seedFile, { additionalTypes });
    }
    sandbox = await createSandbox(settings.options);
  } catch (err) {
    if (!(err instanceof SeedError)) throw err;
    process.stderr.write(`SANDBOX_SEED: ${(err as Error).message}\n`);
    return 2;
  }
  let url: string;
  try {
    url = await sandbox.listen(settings.port, settings.host);
  } catch (err) {
    await sandbox.close();
    process.stderr.write(`cannot listen on ${settings.host}:${settings.port}: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`sandbox listening on ${url}\n`);
  // A closed stdout (e.g. piped into `head`) must not crash the sandbox while it stops.
  process.stdout.on('error', () => undefined);

  return new Promise<number>((resolve) => {
    const dispose = onStopRequest((reason: StopReason) => {
      dispose();
      process.stdout.write(`sandbox stopping (${reason})\n`);
      sandbox.close().then(
        () => resolve(0),
        (err) => {
          process.stderr.write(`error while stopping: ${(err as Error).message}\n`);
          resolve(1);
        },
      );
    }, env);
  });
}
