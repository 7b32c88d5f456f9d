// The test-support routes under /_sandbox/, deliberately outside the public spec (docs/contract.md §8): reset,
// the notification log, and a health check. Encapsulated, so the extra plugins of createSandbox (which
// apply to the public routes) never touch them.
import type { FastifyInstance } from 'fastify';
import { details, ProblemError } from '../errors.ts';
import type { NotificationLog } from '../notifier.ts';
import type { ScriptedFailures } from '../scripted-failures.ts';

export interface SupportOptions {
  notifier: NotificationLog;
  failures: ScriptedFailures;
}

export default async function supportRoutes(app: FastifyInstance, { notifier, failures }: SupportOptions): Promise<void> {
  app.post('/_sandbox/reset', async (_req, reply) => {
    await app.store.reset();
    await notifier.reset();
    failures.clear();
    return reply.code(204).send();
  });
  app.get('/_sandbox/notifications', async (req, reply) => {
    const { profileId } = req.query as { profileId?: unknown };
    if (profileId !== undefined && typeof profileId !== 'string') {
      throw new ProblemError('invalid-parameter', details.invalidParameter('query', 'profileId', 'must be given once, as a string'));
    }
    return reply.type('application/json').send(JSON.stringify(await notifier.list(profileId)));
  });
  app.get('/_sandbox/health', async (_req, reply) => reply.type('application/json').send(JSON.stringify({ status: 'ok' })));
}
