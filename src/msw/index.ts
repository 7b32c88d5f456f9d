// `profile-contracts/msw`: the sandbox's behaviour as MSW 2.x request handlers, stateful, in-process, for a
// consumer's own unit tests (`setupServer` from msw/node) and a browser tab (`setupWorker` from msw/browser).
//
// One handler per operation of the spec, registered from the spec's operations (an operation without an
// implementation stops the creation), each running the sandbox's own operations (src/sandbox/service.ts)
// over the same domain rules, store, error catalogue, magic-byte sniffing and spec-derived parameter checks,
// so replace-not-delete and `Person.profileImage` presence hold here exactly as in the sandbox. Last comes a
// catch-all under `baseUrl`: an unknown path answers 404 and a known path with another method 405, both as
// problem+json, so no request under `baseUrl` falls through to the network.
//
// As the sandbox, the handlers honour `Prefer: code=` / `delay=` (src/sandbox/prefer.ts), answer HEAD wherever
// GET is served, answer CORS preflights and mark answers with the same CORS headers (src/sandbox/cors.ts).
// They start from a seed (`seed`: the SANDBOX_SEED format, bytes inline) and save and restore their state
// (`snapshot()` / `restore()`) in the format of the sandbox's GET/PUT /_sandbox/state, with the sandbox's own
// checks (src/sandbox/seed-document.ts, snapshot.ts): a snapshot moves between the two either way.
//
// Everything this module imports runs in a browser: the spec comes from the generated
// src/generated/profile-service.document.ts, not from the YAML file (a test bundles this entry for the
// browser and fails on any node-only import).
import { http, HttpResponse, type HttpHandler } from 'msw';
import { specDocument } from '../generated/profile-service.document.ts';
import { corsHeaders, DEFAULT_CORS_POLICY, type CorsPolicy } from '../sandbox/cors.ts';
import { findOperation, type JsonObject } from '../spec/data.ts';
import type { Rules } from '../sandbox/domain.ts';
import { details, PROBLEM_CONTENT_TYPE, ProblemError } from '../sandbox/errors.ts';
import { resolveLimits, type Limits } from '../sandbox/limits.ts';
import { Notifier, type ProfileNotification } from '../sandbox/notifier.ts';
import { declaredErrors, parsePrefer, type PreferTarget } from '../sandbox/prefer.ts';
import {
  authenticate,
  checkedMaxUploadBytes,
  createOperations,
  parameterProblem,
  RouteTable,
  routesFor,
  rulesWith,
  templatePattern,
  type Operation,
  type OperationResponse,
} from '../sandbox/service.ts';
import { SeedError, seedUsers, type SeedInput } from '../sandbox/seed-document.ts';
import { checkReplacementFits, fromSnapshot, SnapshotError, toSnapshot, type SandboxState, type StoredUser } from '../sandbox/snapshot.ts';
import { specFromDocument, type SpecOperation } from '../sandbox/spec-operations.ts';
import { MemoryStore, type Store } from '../sandbox/store.ts';
import { readUploadForm } from './multipart.ts';

export type { Rules } from '../sandbox/domain.ts';
export type { Limits } from '../sandbox/limits.ts';
export type { ProfileNotification } from '../sandbox/notifier.ts';
export { SeedError, type InlineBytes, type SeedInput } from '../sandbox/seed-document.ts';
export { SnapshotError, type SandboxState } from '../sandbox/snapshot.ts';
export { DEFAULT_MAX_UPLOAD_BYTES } from '../sandbox/service.ts';
export { MemoryStore, type Store } from '../sandbox/store.ts';

export interface ProfileServiceHandlersOptions {
  /**
   * Where the mocked Profile Service lives, e.g. `https://profile.example.test` or `http://localhost/api`;
   * in a browser also a path such as `/profile` (resolved against the page's origin). Every request under
   * it is answered by these handlers.
   */
  baseUrl: string;
  /** Receives every Profile Notification `{ properties, body }` as the sandbox's webhook would POST it. */
  onNotification?: (message: ProfileNotification) => void;
  /** Largest accepted file in bytes (default 10 MiB, as the sandbox); larger uploads answer 413. */
  maxUploadBytes?: number;
  /** Where users, tokens and media live (default: a new MemoryStore), as createSandbox's `store`. */
  store?: Store;
  /** Domain rules to use instead of some of the defaults, as createSandbox's `rules`. */
  rules?: Partial<Rules>;
  /** Which origins get CORS headers (default any, reflected), as createSandbox's `cors`. */
  cors?: CorsPolicy;
  /** Name, filename, media-per-user and store-wide caps, as createSandbox's `limits` (defaults when left out). */
  limits?: Partial<Limits>;
  /**
   * Users, tokens and media to start with: a document in the format of the sandbox's SANDBOX_SEED file, with
   * each media item's bytes inline (`base64`, or `bytes` as a Uint8Array or ArrayBuffer), or a snapshot saved
   * from the sandbox (`GET /_sandbox/state`) or from `snapshot()`. A bad one throws a SeedError naming the
   * field and what is allowed. Seeding emits no notifications.
   */
  seed?: SeedInput | SandboxState;
}

export interface ProfileServiceHandlers {
  /** The request handlers: pass them to `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  handlers: HttpHandler[];
  /** Forget every user, token, media item and notification (the sandbox's POST /_sandbox/reset). */
  reset(): Promise<void>;
  /** The notifications emitted so far, oldest first; with a profileId only that profile's. */
  notifications(profileId?: string): ProfileNotification[];
  /** Everything stored, bytes included, as the sandbox's GET /_sandbox/state writes it (plain JSON data). */
  snapshot(): Promise<SandboxState>;
  /**
   * Replace everything stored with a snapshot (from `snapshot()` or the sandbox's GET /_sandbox/state), as the
   * sandbox's PUT /_sandbox/state does: tokens work again, the notification log starts empty. A bad snapshot
   * (or one over `limits.maxStoreBytes`) rejects with a SnapshotError naming the field (the detail of the
   * sandbox's 400), and changes nothing.
   */
  restore(snapshot: unknown): Promise<void>;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `https://X.test/api/` → `https://x.test/api`: the handlers add the paths themselves. */
function checkedBase(baseUrl: string): string {
  if (typeof baseUrl !== 'string' || !(/^https?:\/\//i.test(baseUrl) ? URL.canParse(baseUrl) : baseUrl.startsWith('/'))) {
    throw new Error(`baseUrl must be an http(s) URL or a path starting with "/", got ${JSON.stringify(baseUrl)}`);
  }
  const trimmed = baseUrl.replace(/\/+$/, '');
  if (trimmed.startsWith('/') || trimmed === '') return trimmed;
  const url = new URL(trimmed);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function problemResponse(err: ProblemError): Response {
  // `connection: close` is for a socket; an in-process answer has none.
  const { connection: _hopByHop, ...headers } = err.headers;
  return new HttpResponse(JSON.stringify(err.problem), {
    status: err.status,
    headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE },
  });
}

const encoder = new TextEncoder();

/** The answer as the sandbox sends it over HTTP, Content-Length included. */
function toResponse(res: OperationResponse): Response {
  const body = typeof res.body === 'string' ? encoder.encode(res.body) : res.body;
  const headers = body === undefined ? res.headers : { ...res.headers, 'content-length': String(body.byteLength) };
  return new HttpResponse(body as BodyInit | undefined, { status: res.status, headers });
}

/** Query parameters as the sandbox's parser gives them: a repeated name becomes an array. */
function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

export function createProfileServiceHandlers(options: ProfileServiceHandlersOptions): ProfileServiceHandlers {
  const base = checkedBase(options?.baseUrl);
  const maxUploadBytes = checkedMaxUploadBytes(options.maxUploadBytes);
  const rules = rulesWith(options.rules);
  const cors = options.cors ?? DEFAULT_CORS_POLICY;
  const limits = resolveLimits(options.limits);
  const spec = specFromDocument(specDocument);
  const additionalTypes = (spec.schema('AdditionalType').enum as string[] | undefined) ?? [];
  const notifier = new Notifier();
  const store = options.store ?? new MemoryStore();
  store.onCommit((drafts) => {
    for (const message of notifier.publish(drafts)) deliver(message);
  });
  const operations = createOperations({ store, rules, spec, limits });

  /** Users that fit the store-wide cap, or the error saying why not (before anything is replaced). */
  function fitting(users: StoredUser[], what: 'seed' | 'snapshot'): StoredUser[] {
    const full = checkReplacementFits(users, limits.maxStoreBytes);
    // The words of the sandbox: its start refuses a seed so, its PUT /_sandbox/state answers a snapshot with the detail.
    if (full) throw what === 'seed' ? new SeedError(`the seed does not fit: ${full.detail}`) : new SnapshotError(full.detail);
    return users;
  }
  // Checked now, so that a bad seed stops createProfileServiceHandlers itself; every request waits for the
  // store to hold it (a MemoryStore does at once). As the sandbox's, a seed loads only into a store that holds
  // no user (a `store` passed in may already).
  let settled: Promise<void> = Promise.resolve();
  if (options.seed !== undefined) {
    const users = fitting(seedUsers(options.seed, { additionalTypes }), 'seed');
    settled = store.seed(users).then((loaded) => {
      if (!loaded) console.warn('profile-contracts/msw: seed not loaded: the store passed in already holds users, and they are kept');
    });
  }

  // A listener that throws must not turn a committed change into an error answer: its error is raised
  // on its own, where the test runner reports it.
  function deliver(message: ProfileNotification): void {
    try {
      options.onNotification?.(structuredClone(message));
    } catch (err) {
      setTimeout(() => {
        throw err;
      });
    }
  }

  /** The request's path below `base`, e.g. `/me`. */
  const relative = !/^https?:/i.test(base);
  const basePath = relative ? base : new URL(base).pathname.replace(/\/+$/, '');
  const pathOf = (url: URL): string => url.pathname.slice(basePath.length) || '/';

  async function answer(request: Request, op: SpecOperation, path: string, match: RegExpExecArray, handler: Operation) {
    const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const params: Record<string, string> = {};
    try {
      names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
    } catch {
      throw new ProblemError('bad-request', details.badRequest(`'${path}' is not a valid url component`));
    }
    const preference = parsePrefer(request.headers.get('prefer') ?? undefined, preferTargets.get(op)!);
    if (!preference.ok) throw new ProblemError('invalid-prefer', details.invalidPrefer(preference.detail));
    if (preference.value.delayMs) await new Promise((resolve) => setTimeout(resolve, preference.value.delayMs));
    const user = op.secured ? await authenticate(store, request.headers.get('authorization') ?? undefined) : undefined;
    if (preference.value.code !== undefined) {
      const forced = preferTargets.get(op)!.errors.get(preference.value.code)!;
      throw ProblemError.answering({ ...forced.problem }, forced.headers);
    }
    const query = queryOf(new URL(request.url).searchParams);
    if (op.hasCheckedParameters) {
      const bad = await op.checkParameters(query, params);
      if (bad) throw parameterProblem(bad);
    }
    return handler({
      user,
      params,
      query,
      contentType: request.headers.get('content-type') ?? undefined,
      readForm: () => readUploadForm(request, maxUploadBytes),
    });
  }

  /** Run `fn`; a ProblemError is its problem+json, anything else the catalogue's 500 (and reported). */
  async function guarded(request: Request, fn: () => Promise<Response>): Promise<Response> {
    let response: Response;
    try {
      await settled;
      response = await fn();
    } catch (err) {
      if (!(err instanceof ProblemError)) console.error('profile-contracts/msw: unexpected error', err);
      response = problemResponse(err instanceof ProblemError ? err : new ProblemError('internal-error', details.internal()));
    }
    for (const [name, value] of Object.entries(corsHeaders(cors, request.headers.get('origin') ?? undefined))) response.headers.set(name, value);
    return response;
  }

  // What `Prefer: code=` may ask of each operation: the errors it declares in the spec.
  const preferTargets = new Map<SpecOperation, PreferTarget>();
  for (const op of spec.operations) {
    const doc = specDocument as JsonObject;
    const operation = findOperation(doc, op.method, op.path)!.operation;
    preferTargets.set(op, { label: `${op.method} ${op.path}`, errors: declaredErrors(doc, operation) });
  }

  // What MSW matches a request's URL (origin and path, no query) against: regular expressions without
  // capture groups, because MSW percent-decodes every group it captures and a malformed escape (`%E0%A4%A`)
  // would make it throw (a 500 where the sandbox answers 400). They are case-sensitive and take no trailing
  // slash, like the sandbox's router; the parameters are read by our own pattern.
  // A path as baseUrl is on the page's origin; where there is no page (Node), on any origin.
  const origin = relative ? (globalThis as { location?: { origin?: string } }).location?.origin : undefined;
  const prefix = relative && !origin ? `^[a-z][a-z0-9+.-]*://[^/]+${escapeRegExp(base)}` : `^${escapeRegExp((origin ?? '') + base)}`;
  const urlPattern = (template: string) => new RegExp(`${prefix}${escapeRegExp(template).replace(/\\\{[^}]+\\\}/g, '[^/]+')}$`);

  /** One handler for `method` on the operation's path; HEAD answers the GET's status and headers without a body. */
  function route(method: 'get' | 'head' | 'post' | 'delete' | 'put' | 'patch', op: SpecOperation, handler: Operation): HttpHandler {
    const pattern = templatePattern(op.path);
    return http[method](urlPattern(op.path), ({ request }) => {
      const path = pathOf(new URL(request.url));
      const match = pattern.exec(path);
      if (!match) return undefined;
      return guarded(request, async () => {
        const full = toResponse(await answer(request, op, path, match, handler));
        return method === 'head' ? new HttpResponse(null, { status: full.status, headers: full.headers }) : full;
      });
    });
  }
  const handlers: HttpHandler[] = [];
  // CORS preflights first, before anything else looks at the request (a browser sends no token with them).
  if (cors.origins !== 'off') {
    handlers.push(
      http.options(new RegExp(`${prefix}(?:/.*)?$`), ({ request }) =>
        new HttpResponse(null, { status: 204, headers: corsHeaders(cors, request.headers.get('origin') ?? undefined, true) }),
      ),
    );
  }
  for (const { op, handler } of routesFor(spec, operations, 'MSW')) {
    handlers.push(route(op.method.toLowerCase() as 'get', op, handler));
    // HEAD wherever GET is served.
    if (op.method === 'GET') handlers.push(route('head', op, handler));
  }

  const served = new RouteTable();
  for (const op of spec.operations) served.add(op.path, op.method === 'GET' ? ['GET', 'HEAD'] : op.method);
  handlers.push(
    http.all(new RegExp(`${prefix}(?:/.*)?$`), ({ request }) =>
      guarded(request, async () => {
        throw served.unrouted(request.method, pathOf(new URL(request.url)));
      }),
    ),
  );

  return {
    handlers,
    async reset() {
      await settled;
      await store.reset();
      notifier.reset();
    },
    notifications: (profileId) => [...notifier.list(profileId)],
    async snapshot() {
      await settled;
      return toSnapshot(await store.snapshot());
    },
    async restore(snapshot) {
      const users = fromSnapshot(snapshot, additionalTypes);
      if (!users.ok) throw new SnapshotError(users.detail);
      const restoring = settled.then(() => store.restore(fitting(users.value, 'snapshot')));
      settled = restoring.catch(() => undefined);
      await restoring;
      notifier.reset();
    },
  };
}
