// The sandbox's HTTP adapter: a fastify app composed of plugins, registered in this order:
//   core decorators  `app.store` and `app.rules`, which every later plugin and extra plugin reads;
//   http/cors.ts     CORS for browsers on other origins (CORS_ORIGINS), preflights included;
//   problems.ts      the error and not-found handlers: every error answered as problem+json (errors.ts);
//   auth.ts          `app.authenticate`, the bearer-token hook that sets `request.user`;
//   routes.ts        the public routes registered from the spec, with createSandbox's extra plugins in scope;
//   support.ts       the test-support routes under /_sandbox/, outside the spec;
//   control.ts       the control routes for consumer teams (state, page, scripted failures, delivery),
//                    described by openapi/sandbox-control.yaml.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Rules } from '../domain.ts';
import { details, ProblemError, problem, rawProblemResponse } from '../errors.ts';
import controlRoutes from '../control.ts';
import type { CorsPolicy } from '../cors.ts';
import type { Limits } from '../limits.ts';
import type { NotificationLog, Notifier } from '../notifier.ts';
import { errorPaths } from '../error-paths.ts';
import { ScriptedFailures } from '../scripted-failures.ts';
import { loadSpec } from '../spec.ts';
import type { Store } from '../store.ts';
import auth from './auth.ts';
import cors from './cors.ts';
import problems, { sendProblem } from './problems.ts';
import publicRoutes, { type SandboxPlugin } from './routes.ts';
import supportRoutes from './support.ts';

export type { SandboxPlugin } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where users live (createSandbox's `store`). */
    store: Store;
    /** The domain rules the handlers run (createSandbox's `rules` over `defaultRules`). */
    rules: Rules;
  }
}

export interface AppOptions {
  store: Store;
  rules: Rules;
  notifier: NotificationLog;
  /** The in-process notifier, whose delivery PUT /_sandbox/delivery steers; absent when the store delivers (PgStore). */
  delivery?: Notifier;
  maxUploadBytes: number;
  limits: Limits;
  cors: CorsPolicy;
  plugins: readonly SandboxPlugin[];
  logger: boolean;
  logLevel?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, rules, notifier, maxUploadBytes, limits, plugins } = options;
  const spec = await loadSpec();
  const failures = new ScriptedFailures(spec.operations.map((o) => o.operationId));

  const app = Fastify({
    logger: options.logger ? { level: options.logLevel ?? 'info' } : false,
    // maxParamLength: any identifier that fits in the request line is just an unknown one (404, as the spec
    // declares), never fastify's default 100-character limit answering an undeclared 400.
    routerOptions: { caseSensitive: true, ignoreTrailingSlash: false, maxParamLength: 64 * 1024 },
    // HEAD wherever GET is served (docs/contract.md §9): the GET route's hooks and headers, no body.
    exposeHeadRoutes: true,
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

  app.decorate('store', store);
  app.decorate('rules', rules);
  // CORS first, at the root: its hook answers preflights and marks every answer, 404s and errors included.
  await app.register(cors, { policy: options.cors });
  await app.register(problems, { maxUploadBytes });
  await app.register(auth);
  // Scripted failures and Prefer come before createSandbox's extra plugins, as a client's request meets them.
  await app.register(publicRoutes, { spec, maxUploadBytes, limits, plugins: [errorPaths(spec, failures), ...plugins] });
  await app.register(supportRoutes, { notifier, failures });
  const additionalTypes = (spec.schema('AdditionalType').enum as string[] | undefined) ?? [];
  await app.register(controlRoutes, { notifier, failures, limits, additionalTypes, ...(options.delivery ? { delivery: options.delivery } : {}) });
  return app;
}
