// The fastify side of the public operations: each spec operation's implementation lives in service.ts,
// transport-neutral and shared with the MSW handlers; here a request becomes its input (the caller set by
// the authentication hook, the checked parameters, a busboy reader for the upload's body) and its answer
// becomes the reply. A failure is thrown as a ProblemError and answered by the problem-responses plugin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Limits } from '../limits.ts';
import { readUploadForm } from '../multipart.ts';
import { createOperations, type Operation, type OperationResponse } from '../service.ts';
import type { LoadedSpec } from '../spec.ts';

export type Handler = (req: FastifyRequest, reply: FastifyReply) => unknown;

function send(reply: FastifyReply, res: OperationResponse): FastifyReply {
  reply.code(res.status).headers(res.headers);
  const { body } = res;
  if (body === undefined) return reply.send();
  return reply.send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

function adapt(operation: Operation, maxUploadBytes: number): Handler {
  return (req, reply) => {
    const answer = operation({
      user: req.user,
      params: req.params as Record<string, string>,
      query: req.query as Record<string, unknown>,
      contentType: req.headers['content-type'],
      readForm: () => readUploadForm(req, maxUploadBytes),
    });
    // Synchronous answers (GET /me above all) are sent at once: fastify then skips a promise per request.
    return answer instanceof Promise ? answer.then((res) => send(reply, res)) : send(reply, answer);
  };
}

export function createHandlers(app: FastifyInstance, spec: LoadedSpec, maxUploadBytes: number, limits: Limits): Record<string, Handler> {
  const operations = createOperations({ store: app.store, rules: app.rules, spec, limits });
  return Object.fromEntries(Object.entries(operations).map(([id, operation]) => [id, adapt(operation, maxUploadBytes)]));
}
