// The problem-responses plugin: every error the app answers leaves here as problem+json from the one
// catalogue (errors.ts). It sets the error handler (a thrown ProblemError as it is; fastify's own errors,
// such as a body over the upload limit, mapped to catalogue entries; anything else a logged 500) and the
// not-found handler: an unknown path is 404, a known path with another method 405 with `Allow`. The known
// paths are collected from every route registered after this plugin, so the 405 list cannot drift from them.
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { details, PROBLEM_CONTENT_TYPE, ProblemError } from '../errors.ts';
import { RouteTable } from '../service.ts';

export function sendProblem(reply: FastifyReply, err: ProblemError): FastifyReply {
  reply.code(err.status);
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  return reply.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(err.problem));
}

export interface ProblemsOptions {
  /** The upload limit, named in the 413 problem. */
  maxUploadBytes: number;
}

async function problems(app: FastifyInstance, { maxUploadBytes }: ProblemsOptions): Promise<void> {
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
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

  const routes = new RouteTable();
  app.addHook('onRoute', ({ url, method }) => routes.add(url, method));
  app.setNotFoundHandler((req, reply) => sendProblem(reply, routes.unrouted(req.method, req.url.split('?')[0]!)));
}

export default fp(problems, { name: 'sandbox-problems' });
