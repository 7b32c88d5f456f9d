// Error paths on demand (docs/contract.md §9), the fastify side: one onRequest hook in the scope of the public
// routes that applies the scripted failures (scripted-failures.ts) and the `Prefer` header (prefer.ts). A
// scripted failure for the operation comes first (wait, then drop the connection or answer its status), before
// authentication, as an outage would; then `Prefer` is read: malformed → 400, `delay=` waits, and `code=`
// answers the declared error once the caller is authenticated (a request without a valid token keeps its
// real 401), before any handler runs, so nothing is changed. A request without a scripted failure or a Prefer
// header passes at the cost of two property reads.
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findOperation, type JsonObject } from '../spec/data.ts';
import { details, PROBLEM_TYPE_PREFIX, ProblemError } from './errors.ts';
import { declaredErrors, parsePrefer, type PreferTarget } from './prefer.ts';
import { authenticate } from './service.ts';
import type { ScriptedFailures } from './scripted-failures.ts';
import type { LoadedSpec } from './spec.ts';

interface Operation extends PreferTarget {
  operationId: string;
  secured: boolean;
}

/** Every public operation by `METHOD routePath` (HEAD shares its GET), as fastify names a matched route. */
function operationsByRoute(spec: LoadedSpec): Map<string, Operation> {
  const doc = spec.document as JsonObject;
  const byRoute = new Map<string, Operation>();
  for (const op of spec.operations) {
    const found = findOperation(doc, op.method, op.path);
    const entry: Operation = {
      operationId: op.operationId,
      secured: op.secured,
      label: `${op.method} ${op.path}`,
      errors: found ? declaredErrors(doc, found.operation) : new Map(),
    };
    byRoute.set(`${op.method} ${op.routePath}`, entry);
    if (op.method === 'GET') byRoute.set(`HEAD ${op.routePath}`, entry);
  }
  return byRoute;
}

export function scriptedProblem(status: number, remaining: number): ProblemError {
  return ProblemError.answering(
    {
      type: `${PROBLEM_TYPE_PREFIX}scripted-failure`,
      title: STATUS_CODES[status] ?? `Status ${status}`,
      status,
      detail: details.scripted(status, remaining),
    },
    status === 401 ? { 'www-authenticate': 'Bearer' } : {},
  );
}

/** The plugin; give it to the public routes' scope (createSandbox does). */
export function errorPaths(spec: LoadedSpec, failures: ScriptedFailures) {
  const byRoute = operationsByRoute(spec);
  const operationOf = (req: FastifyRequest) => byRoute.get(`${req.method} ${req.routeOptions.url}`);

  async function apply(req: FastifyRequest, reply: FastifyReply, op: Operation): Promise<void> {
    const action = failures.take(op.operationId);
    if (action) {
      if (action.delayMs) await sleep(action.delayMs);
      if (action.drop) {
        reply.hijack();
        req.raw.socket.destroy();
        return;
      }
      if (action.status !== undefined) throw scriptedProblem(action.status, action.remaining);
    }
    const preference = parsePrefer(req.headers.prefer, op);
    if (!preference.ok) throw new ProblemError('invalid-prefer', details.invalidPrefer(preference.detail));
    if (preference.value.delayMs) await sleep(preference.value.delayMs);
    if (preference.value.code === undefined) return;
    // The route's own authentication runs after this hook; a forced answer needs it first.
    if (op.secured) await authenticate(req.server.store, req.headers.authorization);
    const answer = op.errors.get(preference.value.code)!;
    throw ProblemError.answering({ ...answer.problem }, answer.headers);
  }

  return async function errorPathsPlugin(app: FastifyInstance): Promise<void> {
    // Callback style, so that the common request (no failure scheduled, no Prefer) costs no promise.
    app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      if (failures.empty && req.headers.prefer === undefined) return done();
      const op = operationOf(req);
      if (!op) return done();
      apply(req, reply, op).then(() => done(), done);
    });
  };
}
