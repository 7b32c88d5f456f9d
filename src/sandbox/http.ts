// The sandbox's HTTP adapter: a fastify app whose public routes are registered from the spec's paths, one
// handler per operationId (a spec operation without a handler, or a handler without an operation, stops the
// start), so the served API and the spec cannot drift. Each request is authenticated when the operation is
// secured, its query and path parameters are checked against the spec (spec.ts), and the handler turns it
// into a domain transition (domain.ts) applied by the store. Every error leaves through the catalogue
// (errors.ts) as problem+json. The test-support routes under /_sandbox/ are added here, outside the spec.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import {
  activeImage,
  createGuest,
  deleteMedia,
  deleteProfileImage,
  findMedia,
  mediaView,
  personView,
  upload,
  type AdditionalType,
  type MediaItem,
  type Outcome,
  type RuleOptions,
  type UserState,
} from './domain.ts';
import { details, PROBLEM_CONTENT_TYPE, ProblemError, rawProblemResponse, problem } from './errors.ts';
import type { FaultName } from './faults.ts';
import { readUploadForm, sanitizeFileName } from './multipart.ts';
import type { Notifier } from './notifier.ts';
import { sniffFormat } from './sniff.ts';
import { loadSpec, type ParameterViolation, type SpecOperation } from './spec.ts';
import type { Store } from './store.ts';

/**
 * `attachment; filename="..."` as CONTRACT.md writes it (always quoted, `"` and `\` escaped, non-ASCII
 * replaced by `?`), plus RFC 8187 `filename*` with the exact UTF-8 name when it is not plain ASCII.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&');
  let header = `attachment; filename="${fallback}"`;
  if (/[^\x20-\x7e]/.test(name)) {
    const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    header += `; filename*=UTF-8''${encoded}`;
  }
  return header;
}

export interface AppOptions {
  store: Store;
  notifier: Notifier;
  maxUploadBytes: number;
  faults: ReadonlySet<FaultName>;
  logger: boolean;
  logLevel?: string;
}

interface Context {
  req: FastifyRequest;
  reply: FastifyReply;
  /** The caller; undefined only for operations with `security: []`. */
  user: UserState | undefined;
  params: Record<string, string>;
  query: Record<string, unknown>;
}

type Handler = (ctx: Context) => unknown;

/** Which problem a bad parameter is, by the parameter's name in the spec. */
const PARAMETER_PROBLEMS: Record<string, (v: ParameterViolation) => ProblemError> = {
  grant_type: (v) => new ProblemError('unsupported-grant-type', details.unsupportedGrantType(v.value, v.allowed ?? [])),
  AdditionalType: (v) =>
    new ProblemError('unknown-additional-type', details.unknownAdditionalType(v.value, v.allowed ?? [], 'AdditionalType')),
  identifier: (v) => new ProblemError('media-not-found', details.mediaNotFound(String(v.value ?? ''))),
};

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const TOKEN_LIFETIME_S = 3600;
const REFRESH_LIFETIME_S = 30 * 24 * 3600;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, notifier, maxUploadBytes, faults } = options;
  const spec = await loadSpec();
  const rules: RuleOptions = { faults };
  const fault = (name: FaultName) => faults.has(name);
  const now = () => new Date().toISOString();

  /** The user a bearer token belongs to, and whether the header was well-formed at all. */
  function userForAuthorization(header: string | undefined): { user?: UserState; malformed: boolean } {
    const match = header === undefined ? null : BEARER.exec(header);
    const profileId = match ? store.profileIdForToken(match[1]!) : undefined;
    const user = profileId === undefined ? undefined : store.user(profileId);
    return user ? { user, malformed: false } : { malformed: header !== undefined && !match };
  }

  // A user's state object is immutable, so the JSON of GET /me is made once per change.
  const personJson = new WeakMap<UserState, string>();
  function personBody(user: UserState): string {
    let body = personJson.get(user);
    if (body === undefined) {
      body = JSON.stringify(personView(user, rules));
      personJson.set(user, body);
    }
    return body;
  }

  const app = Fastify({
    logger: options.logger ? { level: options.logLevel ?? 'info' } : false,
    // maxParamLength: any identifier that fits in the request line is just an unknown one (404, as the spec
    // declares), never fastify's default 100-character limit answering an undeclared 400.
    routerOptions: { caseSensitive: true, ignoreTrailingSlash: false, maxParamLength: 64 * 1024 },
    exposeHeadRoutes: false,
    forceCloseConnections: true,
    return503OnClosing: false,
    // Requests are checked against the spec by spec.ts, so no route has a fastify schema; these stand-ins
    // keep fastify from loading its own Ajv and fast-json-stringify compilers, a good part of the start time.
    schemaController: {
      compilersFactory: {
        buildValidator: () => () => {
          throw new Error('sandbox routes take no fastify schema; validation comes from the spec (spec.ts)');
        },
        buildSerializer: () => () => {
          throw new Error('sandbox routes take no fastify schema; responses are serialised by the handlers');
        },
      },
    },
    // Node answers oversized headers with a bare 431; this makes it (and every other unparsable request)
    // a problem+json like the rest.
    clientErrorHandler(err: Error & { code?: string }, socket) {
      if (!socket.writable) return socket.destroy();
      const p =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? problem('headers-too-large', details.headersTooLarge())
          : problem('bad-request', details.badRequest(err.code ?? err.message));
      socket.end(rawProblemResponse(p));
    },
    frameworkErrors(err, _req, reply) {
      sendProblem(reply, new ProblemError('bad-request', details.badRequest(err.message)));
    },
  });

  // Bodies are only read where an operation takes one (POST /media, by @fastify/multipart); every other
  // content type is accepted unread, so that e.g. a JSON body on /media gets our "not multipart" problem
  // rather than a parser error, and a body on a GET is simply ignored.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

  function sendProblem(reply: FastifyReply, err: ProblemError): FastifyReply {
    reply.code(err.status);
    for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
    if (fault('non-problem-errors')) {
      return reply.type('application/json').send(JSON.stringify({ error: err.problem.detail }));
    }
    return reply.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(err.problem));
  }

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof ProblemError) return sendProblem(reply, err);
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      req.log.error({ err }, 'unexpected error');
      return sendProblem(reply, new ProblemError('internal-error', details.internal()));
    }
    if (status === 413) {
      return sendProblem(reply, new ProblemError('file-too-large', details.fileTooLarge(maxUploadBytes), { connection: 'close' }));
    }
    return sendProblem(reply, new ProblemError('bad-request', details.badRequest(err.message)));
  });

  function authenticate(req: FastifyRequest): UserState {
    const header = req.headers.authorization;
    const { user, malformed } = userForAuthorization(header);
    if (user) return user;
    if (fault('no-auth-check')) return anonymousUser();
    const why = header === undefined ? 'missing' : malformed ? 'malformed' : 'unknown';
    throw new ProblemError('unauthorized', details.unauthorized(why), {
      'www-authenticate': why === 'unknown' ? 'Bearer error="invalid_token"' : 'Bearer',
    });
  }

  /** With the `no-auth-check` fault, requests without a valid token act on one shared guest. */
  let anonymousId: string | undefined;
  function anonymousUser(): UserState {
    const existing = anonymousId === undefined ? undefined : store.user(anonymousId);
    if (existing) return existing;
    anonymousId = randomUUID();
    const outcome = store.addUser(createGuest({ profileId: anonymousId, now: now() }, rules), randomUUID());
    return (outcome as Extract<typeof outcome, { ok: true }>).state;
  }

  /** Commit a transition for the caller, or throw its rejection. */
  function commit<T>(user: UserState, rule: (s: UserState) => Outcome<T>): T {
    const outcome = store.apply(user.profileId, rule);
    if (!outcome.ok) {
      throw new ProblemError(outcome.code, outcome.detail, outcome.code === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {});
    }
    return outcome.value;
  }

  /** The caller's media item (or, with the `cross-user-media-visible` fault, anyone's). */
  function mediaOf(user: UserState, identifier: string): MediaItem {
    const item = findMedia(user, identifier) ?? (fault('cross-user-media-visible') ? store.findMediaOfAnyUser(identifier) : undefined);
    if (!item) throw new ProblemError('media-not-found', details.mediaNotFound(identifier));
    return item;
  }

  const json = (reply: FastifyReply, status: number, value: unknown) =>
    reply.code(status).type('application/json').send(JSON.stringify(value));
  const text = (reply: FastifyReply, value: string) => reply.code(200).type('text/plain; charset=utf-8').send(value);

  const handlers: Record<string, Handler> = {
    createToken({ reply }) {
      const profileId = randomUUID();
      const token = randomUUID();
      const issued = Date.now();
      store.addUser(createGuest({ profileId, now: new Date(issued).toISOString() }, rules), token);
      const expires = Math.floor(issued / 1000) + TOKEN_LIFETIME_S;
      return json(reply, 200, {
        token,
        tokenType: 'Bearer',
        expiresIn: expires,
        expiresInDate: new Date(expires * 1000).toISOString(),
        refreshToken: randomUUID(),
        refreshTokenExpiresInDate: new Date((Math.floor(issued / 1000) + REFRESH_LIFETIME_S) * 1000).toISOString(),
      });
    },

    getMe({ reply, user }) {
      return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(personBody(user!));
    },

    getProfileImage({ reply, user }) {
      const item = activeImage(user!);
      if (!item) throw new ProblemError('no-profile-image', details.noProfileImage());
      const bytes = Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength);
      return text(reply, fault('wrong-base64') ? bytes.toString('base64url') : bytes.toString('base64'));
    },

    deleteProfileImage({ reply, user }) {
      commit(user!, (s) => deleteProfileImage(s, now(), rules));
      return reply.code(204).send();
    },

    listMedia({ reply, user }) {
      return json(reply, 200, user!.media.map(mediaView));
    },

    async uploadMedia({ req, reply, user, query }) {
      if (!req.isMultipart()) throw new ProblemError('not-multipart', details.notMultipart(req.headers['content-type']));
      const form = await readUploadForm(req, maxUploadBytes);
      const additionalType = await resolveAdditionalType(query.AdditionalType as AdditionalType | undefined, form.additionalType);
      const fileName = sanitizeFileName(form.filename) || 'file';
      const name = (form.name !== undefined && sanitizeFileName(form.name)) || fileName;
      const item = commit(user!, (s) =>
        upload(
          s,
          {
            identifier: randomUUID(),
            name,
            bytes: form.file,
            encodingFormat: sniffFormat(form.file),
            ...(additionalType !== undefined ? { additionalType } : {}),
            now: now(),
          },
          rules,
        ),
      );
      const view = mediaView(item);
      reply.header('location', `/media/${encodeURIComponent(item.identifier)}`);
      return json(reply, fault('upload-status-200') ? 200 : 201, view);
    },

    getMedia({ reply, user, params }) {
      return json(reply, 200, mediaView(mediaOf(user!, params.identifier!)));
    },

    deleteMedia({ reply, user, params }) {
      commit(user!, (s) => deleteMedia(s, params.identifier!, now(), rules));
      return reply.code(204).send();
    },

    getMediaBase64({ reply, user, params }) {
      const item = mediaOf(user!, params.identifier!);
      return text(reply, Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength).toString('base64'));
    },

    downloadMedia({ reply, user, params }) {
      const item = mediaOf(user!, params.identifier!);
      const bytes = Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength);
      return reply
        .code(200)
        .type(item.encodingFormat)
        .header('content-disposition', contentDisposition(item.name))
        .send(fault('download-wrong-bytes') ? bytes.subarray(1) : bytes);
    },
  };

  /** The form field `additionalType` must be a spec value and, when the query has one too, equal to it. */
  const allowedTypes = (spec.schema('AdditionalType').enum as string[] | undefined) ?? [];
  async function resolveAdditionalType(
    fromQuery: AdditionalType | undefined,
    fromForm: string | undefined,
  ): Promise<AdditionalType | undefined> {
    if (fromForm === undefined) return fromQuery;
    const checkAdditionalType = await spec.validator('AdditionalType');
    if (!checkAdditionalType(fromForm)) {
      throw new ProblemError('unknown-additional-type', details.unknownAdditionalType(fromForm, allowedTypes, 'The form field additionalType'));
    }
    if (fromQuery !== undefined && fromQuery !== fromForm) {
      throw new ProblemError('conflicting-additional-type', details.conflictingAdditionalType(fromQuery, fromForm));
    }
    return fromForm as AdditionalType;
  }

  const operationIds = new Set(spec.operations.map((o) => o.operationId));
  const orphans = Object.keys(handlers).filter((id) => !operationIds.has(id));
  if (orphans.length > 0) throw new Error(`sandbox handlers without a spec operation: ${orphans.join(', ')}`);

  const route = (scope: FastifyInstance, op: SpecOperation) => {
    const handler = handlers[op.operationId];
    if (!handler) throw new Error(`the spec's operation ${op.operationId} (${op.method} ${op.path}) has no sandbox handler`);
    scope.route({ method: op.method, url: op.routePath, handler: wrap(op, handler) });
  };
  for (const op of spec.operations) if (!op.multipart) route(app, op);
  // @fastify/multipart adds request hooks of its own; kept in a scope of just the multipart operations, they
  // cost the other routes (GET /me above all) nothing.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxUploadBytes } });
    for (const op of spec.operations) if (op.multipart) route(scope, op);
  });

  function wrap(op: SpecOperation, handler: Handler) {
    if (!op.hasCheckedParameters) {
      // Synchronous where nothing needs awaiting: fastify then skips a promise per request.
      return function route(req: FastifyRequest, reply: FastifyReply) {
        const user = op.secured ? authenticate(req) : undefined;
        const result = handler({ req, reply, user, params: req.params as Record<string, string>, query: req.query as Record<string, unknown> });
        return result === reply ? undefined : result;
      };
    }
    return async function route(req: FastifyRequest, reply: FastifyReply) {
      const user = op.secured ? authenticate(req) : undefined;
      const query = req.query as Record<string, unknown>;
      const params = req.params as Record<string, string>;
      const bad = await op.checkParameters(query, params);
      if (bad && Array.isArray(bad.value)) {
        throw new ProblemError(
          'invalid-parameter',
          details.invalidParameter(bad.in, bad.name, `is given ${bad.value.length} times; give it once`, bad.allowed),
        );
      }
      if (bad) {
        throw (
          PARAMETER_PROBLEMS[bad.name]?.(bad) ??
          new ProblemError('invalid-parameter', details.invalidParameter(bad.in, bad.name, bad.message, bad.allowed))
        );
      }
      return handler({ req, reply, user, params, query });
    };
  }

  // Test-support routes: deliberately not in the public spec (CONTRACT.md §8).
  app.post('/_sandbox/reset', async (_req, reply) => {
    store.reset();
    notifier.reset();
    anonymousId = undefined;
    return reply.code(204).send();
  });
  app.get('/_sandbox/notifications', async (req, reply) => {
    const { profileId } = req.query as { profileId?: unknown };
    if (profileId !== undefined && typeof profileId !== 'string') {
      throw new ProblemError('invalid-parameter', details.invalidParameter('query', 'profileId', 'must be given once, as a string'));
    }
    return json(reply, 200, notifier.list(profileId));
  });
  app.get('/_sandbox/health', async (_req, reply) => json(reply, 200, { status: 'ok' }));

  // Unknown routes → 404; a known path with another method → 405 with Allow. Paths are case-sensitive.
  const known = [
    ...spec.operations.map((o) => ({ path: o.path, method: o.method })),
    { path: '/_sandbox/reset', method: 'POST' },
    { path: '/_sandbox/notifications', method: 'GET' },
    { path: '/_sandbox/health', method: 'GET' },
  ];
  const templates = new Map<string, { pattern: RegExp; methods: string[] }>();
  for (const { path, method } of known) {
    const entry = templates.get(path) ?? {
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      methods: [],
    };
    entry.methods.push(method);
    templates.set(path, entry);
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    for (const { pattern, methods } of templates.values()) {
      if (!pattern.test(path)) continue;
      if (methods.includes(req.method)) break;
      return sendProblem(
        reply,
        new ProblemError('method-not-allowed', details.methodNotAllowed(req.method, path, methods), { allow: methods.join(', ') }),
      );
    }
    return sendProblem(reply, new ProblemError('not-found', details.notFound(req.method, path)));
  });

  return app;
}
