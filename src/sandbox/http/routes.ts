// The public-routes plugin: the spec's operations registered as routes, one handler per operationId
// (handlers.ts). A spec operation without a handler, or a handler without an operation, stops the start, so
// the served API and the spec cannot drift. Each secured route gets the authentication hook, each route with
// query or path parameters a check against the spec (spec.ts). The extra plugins given to createSandbox are
// registered in this scope, before the routes, so their hooks run on every public route (and only there).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import { details, ProblemError } from '../errors.ts';
import type { Limits } from '../limits.ts';
import type { LoadedSpec, ParameterViolation, SpecOperation } from '../spec.ts';
import { createHandlers, type Handler } from './handlers.ts';

/** An extra fastify plugin for createSandbox's `plugins` option; it runs in the scope of the public routes. */
export type SandboxPlugin = (app: FastifyInstance) => void | Promise<void>;

export interface RoutesOptions {
  spec: LoadedSpec;
  maxUploadBytes: number;
  limits: Limits;
  plugins: readonly SandboxPlugin[];
}

/** Which problem a bad parameter is, by the parameter's name in the spec. */
const PARAMETER_PROBLEMS: Record<string, (v: ParameterViolation) => ProblemError> = {
  grant_type: (v) => new ProblemError('unsupported-grant-type', details.unsupportedGrantType(v.value, v.allowed ?? [])),
  AdditionalType: (v) =>
    new ProblemError('unknown-additional-type', details.unknownAdditionalType(v.value, v.allowed ?? [], 'AdditionalType')),
  identifier: (v) => new ProblemError('media-not-found', details.mediaNotFound(String(v.value ?? ''))),
};

function parameterProblem(bad: ParameterViolation): ProblemError {
  if (Array.isArray(bad.value)) {
    const why = `is given ${bad.value.length} times; give it once`;
    return new ProblemError('invalid-parameter', details.invalidParameter(bad.in, bad.name, why, bad.allowed));
  }
  return (
    PARAMETER_PROBLEMS[bad.name]?.(bad) ??
    new ProblemError('invalid-parameter', details.invalidParameter(bad.in, bad.name, bad.message, bad.allowed))
  );
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

  const handlers = createHandlers(app, spec, maxUploadBytes, limits);
  const operationIds = new Set(spec.operations.map((o) => o.operationId));
  const orphans = Object.keys(handlers).filter((id) => !operationIds.has(id));
  if (orphans.length > 0) throw new Error(`sandbox handlers without a spec operation: ${orphans.join(', ')}`);

  const route = (scope: FastifyInstance, op: SpecOperation) => {
    const handler = handlers[op.operationId];
    if (!handler) throw new Error(`the spec's operation ${op.operationId} (${op.method} ${op.path}) has no sandbox handler`);
    scope.route({
      method: op.method,
      url: op.routePath,
      ...(op.secured ? { onRequest: app.authenticate } : {}),
      ...(op.hasCheckedParameters ? { preValidation: checkParameters(op) } : {}),
      handler: settle(handler),
    });
  };
  for (const op of spec.operations) if (!op.multipart) route(app, op);
  // @fastify/multipart adds request hooks of its own; kept in a scope of just the multipart operations, they
  // cost the other routes (GET /me above all) nothing.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxUploadBytes } });
    for (const op of spec.operations) if (op.multipart) route(scope, op);
  });
}
