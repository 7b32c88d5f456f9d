// The public-routes plugin: the spec's operations registered as routes, one handler per operationId
// (handlers.ts). A spec operation without a handler, or a handler without an operation, stops the start, so
// the served API and the spec cannot drift. Each secured route gets the authentication hook, each route with
// query or path parameters a check against the spec (spec.ts). The extra plugins given to createSandbox are
// registered in this scope, before the routes, so their hooks run on every public route (and only there).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import type { Limits } from '../limits.ts';
import { parameterProblem, routesFor } from '../service.ts';
import type { LoadedSpec, SpecOperation } from '../spec.ts';
import { createHandlers, type Handler } from './handlers.ts';

/** An extra fastify plugin for createSandbox's `plugins` option; it runs in the scope of the public routes. */
export type SandboxPlugin = (app: FastifyInstance) => void | Promise<void>;

export interface RoutesOptions {
  spec: LoadedSpec;
  maxUploadBytes: number;
  limits: Limits;
  plugins: readonly SandboxPlugin[];
}

/** preValidation hook: the request's query and path parameters against the operation's schemas. */
function checkParameters(op: SpecOperation) {
  return async function checkParameters(req: FastifyRequest): Promise<void> {
    const bad = await op.checkParameters(req.query, req.params);
    if (bad) throw parameterProblem(bad);
  };
}

/** A handler may return the reply it has sent; fastify must then not try to send it a second time. */
function settle(handler: Handler) {
  return function route(req: FastifyRequest, reply: FastifyReply) {
    const result = handler(req, reply);
    return result === reply ? undefined : result;
  };
}

export default async function publicRoutes(app: FastifyInstance, { spec, maxUploadBytes, limits, plugins }: RoutesOptions): Promise<void> {
  for (const plugin of plugins) await app.register(fp(async (scope) => plugin(scope)));

  const routes = routesFor(spec, createHandlers(app, spec, maxUploadBytes, limits), 'sandbox');
  const route = (scope: FastifyInstance, { op, handler }: (typeof routes)[number]) => {
    scope.route({
      method: op.method,
      url: op.routePath,
      ...(op.secured ? { onRequest: app.authenticate } : {}),
      ...(op.hasCheckedParameters ? { preValidation: checkParameters(op) } : {}),
      handler: settle(handler),
    });
  };
  for (const r of routes) if (!r.op.multipart) route(app, r);
  // @fastify/multipart adds request hooks of its own; kept in a scope of just the multipart operations, they
  // cost the other routes (GET /me above all) nothing.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxUploadBytes } });
    for (const r of routes) if (r.op.multipart) route(scope, r);
  });
}
