// The sandbox factory (docs/architecture.md): `createSandbox(options)` wires the store, the domain rules, the
// notifier and the HTTP adapter into one server. `npm start`, the tests, verify's self-tests and the
// benchmarks all start this same factory, so what is tested is what ships. Parts are replaced through its
// options (another store, some rules, extra fastify plugins), never by switches inside the sandbox.
import type { FastifyInstance } from 'fastify';
import type { Rules } from './domain.ts';
import { buildApp, type SandboxPlugin } from './http/app.ts';
import { DEFAULT_CORS_POLICY, type CorsPolicy } from './cors.ts';
import { resolveLimits, type Limits } from './limits.ts';
import { Notifier, type NotificationLog, type ProfileNotification } from './notifier.ts';
import { SeedError } from './seed.ts';
import { checkReplacementFits, type StoredUser } from './snapshot.ts';
import { checkedMaxUploadBytes, rulesWith } from './service.ts';
import { loadSpec } from './spec.ts';
import { MemoryStore, type Store } from './store.ts';

export { defaultRules } from './domain.ts';
export type { MediaItem, NotificationDraft, Outcome, Rules, UploadInput, UserState } from './domain.ts';
export type { SandboxPlugin } from './http/app.ts';
export type { ProfileNotification } from './notifier.ts';
export { MemoryStore } from './store.ts';
export type { ApplyLimits, CommitListener, Store, StoredUser } from './store.ts';
export { DEFAULT_CORS_POLICY, parseCorsOrigins, type CorsPolicy } from './cors.ts';
export { DEFAULT_LIMITS, type Limits } from './limits.ts';
export { loadSeed, SeedError } from './seed.ts';

export { DEFAULT_MAX_UPLOAD_BYTES } from './service.ts';

export interface SandboxOptions {
  /** Largest accepted file in bytes (default 10 MiB); `npm start` reads MAX_UPLOAD_BYTES. */
  maxUploadBytes?: number;
  /** POST every Profile Notification here; `npm start` reads NOTIFY_WEBHOOK_URL. */
  notifyWebhookUrl?: string;
  /** Request logging, off by default. */
  logger?: boolean;
  /** pino level when logging is on (default info); `npm start` reads LOG_LEVEL. */
  logLevel?: string;
  /** Where users, tokens and media live (default: a new MemoryStore); the sandbox closes it on close(). */
  store?: Store;
  /** Domain rules to use instead of some of `defaultRules` (each member a plain function, see domain.ts). */
  rules?: Partial<Rules>;
  /** Extra fastify plugins, registered in the scope of the public routes before them (hooks, decorators). */
  plugins?: SandboxPlugin[];
  /** Which origins may call from a browser (default any, reflected); `npm start` reads CORS_ORIGINS. */
  cors?: CorsPolicy;
  /**
   * Name, filename, per-user and store-wide caps (defaults in limits.ts: 255, 255, 1000, 512 MiB); `npm start`
   * reads MAX_NAME_LENGTH, MAX_FILENAME_LENGTH, MAX_MEDIA_PER_USER and MAX_STORE_BYTES.
   */
  limits?: Partial<Limits>;
  /**
   * Users to start with (`loadSeed`; `npm start` reads SANDBOX_SEED), loaded when the store holds no user: a
   * PostgreSQL database that replicas used before keeps its state (a warning says the seed was skipped).
   */
  seed?: readonly StoredUser[];
  /** Webhook retry tuning (tests shorten it); defaults: 40 attempts, 50 ms doubling up to 5 s. */
  webhookRetry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; timeoutMs?: number };
}

export interface Sandbox {
  /** Start listening (default 127.0.0.1 and a free port); resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stop listening and the notifier. */
  close(): Promise<void>;
  /** The fastify app, for in-process requests (inject) and tests. */
  readonly app: FastifyInstance;
  /** The in-process notification log of a store without its own (the memory store), as GET /_sandbox/notifications shows it. */
  notifications(profileId?: string): ProfileNotification[];
  /** The notification log of any store, the same as GET /_sandbox/notifications. */
  notificationLog(profileId?: string): Promise<ProfileNotification[]>;
  /** Resolves when every webhook delivery queued so far is done (or given up). */
  deliveriesSettled(): Promise<void>;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const maxUploadBytes = checkedMaxUploadBytes(options.maxUploadBytes);
  if (options.notifyWebhookUrl !== undefined) {
    const url = URL.parse(options.notifyWebhookUrl);
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw new Error(`notifyWebhookUrl must be an http(s) URL, got ${JSON.stringify(options.notifyWebhookUrl)}`);
    }
  }
  const limits = resolveLimits(options.limits);
  const rules = rulesWith(options.rules);

  let warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`);
  const notifierOptions = {
    ...options.webhookRetry,
    ...(options.notifyWebhookUrl !== undefined ? { webhookUrl: options.notifyWebhookUrl } : {}),
    warn: (message: string) => warn(message),
  };
  const store: Store = options.store ?? new MemoryStore();
  let inProcess: Notifier | undefined;
  let notifier: NotificationLog;
  if (store.notificationLog) notifier = store.notificationLog(notifierOptions);
  else {
    const local = new Notifier(notifierOptions);
    store.onCommit((drafts) => local.publish(drafts));
    notifier = inProcess = local;
  }
  if (options.seed) {
    const full = checkReplacementFits(options.seed, limits.maxStoreBytes);
    if (full) throw new SeedError(`the seed does not fit: ${full.detail}`);
    if (!(await store.seed(options.seed))) {
      warn('SANDBOX_SEED not loaded: the store already holds users (a database other replicas share or used before), and their state is kept; to start over from the seed, POST /_sandbox/reset, then restart');
    }
  }
  const app = await buildApp({
    store,
    rules,
    notifier,
    ...(inProcess ? { delivery: inProcess } : {}),
    maxUploadBytes,
    limits,
    cors: options.cors ?? DEFAULT_CORS_POLICY,
    plugins: options.plugins ?? [],
    logger: options.logger ?? false,
    ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
  });
  if (options.logger) warn = (message) => app.log.warn(message);
  await app.ready();

  return {
    app,
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      // Compile the spec's validators shortly after the start, so that later requests need not wait for
      // them; not at once, so that they do not delay the very first answer (GET /me needs none).
      setTimeout(() => {
        loadSpec()
          .then((spec) => spec.warmUp())
          .catch((err) => warn(`spec validators: ${(err as Error).message}`));
      }, 200).unref();
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return `http://${shownHost}:${actual}`;
    },
    async close() {
      await notifier.close();
      await app.close();
      await store.close();
    },
    notifications(profileId) {
      if (!inProcess) {
        throw new Error('this store keeps its notifications in its database: read them with notificationLog() or GET /_sandbox/notifications');
      }
      return inProcess.list(profileId);
    },
    notificationLog: async (profileId) => notifier.list(profileId),
    deliveriesSettled: () => notifier.idle(),
  };
}
