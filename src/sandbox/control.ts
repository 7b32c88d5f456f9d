// The control routes for consumer teams under /_sandbox/ (openapi/sandbox-control.yaml): the page, saving and
// restoring the state, the users as the page shows them, scripted failures and the webhook delivery switches.
// Encapsulated: JSON bodies are parsed only here, and the public routes' plugins (Prefer, failures, createSandbox's
// extra plugins) never touch these routes. Bodies are checked against the control document's schemas.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkControl } from './control-spec.ts';
import { details, ProblemError } from './errors.ts';
import { sendProblem } from './http/problems.ts';
import { userBytes, type Limits } from './limits.ts';
import type { NotificationLog, Notifier } from './notifier.ts';
import { SANDBOX_PAGE } from './page.ts';
import type { ScriptedFailures } from './scripted-failures.ts';
import { checkReplacementFits, fromSnapshot, toSnapshot } from './snapshot.ts';
import { mediaView } from './domain.ts';

export interface ControlOptions {
  notifier: NotificationLog;
  /** The in-process notifier, when deliveries are the sandbox's own (not a store's outbox). */
  delivery?: Notifier;
  failures: ScriptedFailures;
  limits: Limits;
  /** The public spec's AdditionalType values, for checking restored media. */
  additionalTypes: readonly string[];
}

/** Base64 grows bytes by 4/3; JSON adds the rest. The cap keeps a PUT under V8's largest string. */
export function stateBodyLimit(maxStoreBytes: number): number {
  return Math.min(Math.ceil(maxStoreBytes * 1.4) + 1024 * 1024, 512 * 1024 * 1024 - 1024);
}

const json = (reply: FastifyReply, status: number, value: unknown) =>
  reply.code(status).type('application/json').send(JSON.stringify(value));

const invalid = (detail: string) => new ProblemError('invalid-control-request', detail);

export default async function controlRoutes(app: FastifyInstance, options: ControlOptions): Promise<void> {
  const { notifier, delivery, failures, limits, additionalTypes } = options;
  const { store } = app;

  const stateLimit = stateBodyLimit(limits.maxStoreBytes);
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: stateLimit }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      done(invalid(`The body is not valid JSON (${(err as Error).message}); send application/json.`), undefined);
    }
  });
  const body = (req: FastifyRequest): unknown => {
    if (req.body === undefined) throw invalid('The request needs a JSON body (Content-Type: application/json).');
    return req.body;
  };

  const page = (_req: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').send(SANDBOX_PAGE);
  app.get('/_sandbox/', page);
  app.get('/_sandbox', page);

  app.get('/_sandbox/state', async (_req, reply) => json(reply, 200, toSnapshot(await store.snapshot())));
  app.put('/_sandbox/state', {
    // A body over the parser's limit is a snapshot this store could not hold: the declared 507, saying which
    // limit and how to raise it, rather than the upload's 413 from the app-wide error handler.
    errorHandler(err: Error & { statusCode?: number }, _req, reply) {
      if (err.statusCode !== 413) throw err;
      return sendProblem(reply, new ProblemError('store-full', details.snapshotTooLarge(stateLimit, limits.maxStoreBytes), { connection: 'close' }));
    },
  }, async (req, reply) => {
    const users = fromSnapshot(body(req), additionalTypes);
    if (!users.ok) throw new ProblemError('invalid-state', users.detail);
    const full = checkReplacementFits(users.value, limits.maxStoreBytes);
    if (full) throw new ProblemError(full.code, full.detail);
    await store.restore(users.value);
    await notifier.reset();
    failures.clear();
    return reply.code(204).send();
  });

  app.get('/_sandbox/users', async (_req, reply) => {
    const users = await store.snapshot();
    return json(
      reply,
      200,
      users.map(({ state, tokens }) => ({
        profileId: state.profileId,
        tokens,
        identificationLevel: state.identificationLevel,
        createdDateTime: state.createdDateTime,
        lastModified: state.lastModified,
        ...(state.activeImageId !== undefined ? { activeImage: state.activeImageId } : {}),
        bytes: userBytes(state),
        media: state.media.map((item) => {
          const { contentUrl: _link, ...summary } = mediaView(item);
          return summary;
        }),
      })),
    );
  });
  app.get('/_sandbox/users/:profileId/media/:identifier', async (req, reply) => {
    const { profileId, identifier } = req.params as { profileId: string; identifier: string };
    const item = (await store.user(profileId))?.media.find((m) => m.identifier === identifier);
    if (!item) {
      throw new ProblemError(
        'media-not-found',
        `The sandbox has no media item ${JSON.stringify(identifier)} of user ${JSON.stringify(profileId)}. List them with GET /_sandbox/users.`,
      );
    }
    return reply
      .type(item.encodingFormat)
      .header('cache-control', 'no-store')
      .send(Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength));
  });

  app.get('/_sandbox/failures', async (_req, reply) => json(reply, 200, failures.list()));
  app.post('/_sandbox/failures', async (req, reply) => {
    const added = failures.add(body(req));
    if (!added.ok) throw invalid(added.detail);
    return json(reply, 201, added.value);
  });
  app.delete('/_sandbox/failures', async (_req, reply) => {
    failures.clear();
    return reply.code(204).send();
  });

  const steered = (): Notifier => {
    if (delivery) return delivery;
    throw invalid("This sandbox's store delivers the notifications itself (its outbox), so the delivery switches are not available; they work with the in-memory store.");
  };
  app.get('/_sandbox/delivery', async (_req, reply) => json(reply, 200, steered().delivery()));
  app.put('/_sandbox/delivery', async (req, reply) => {
    const notifier = steered();
    const checked = checkControl<{ paused?: boolean; failNext?: number }>('DeliveryControl', body(req));
    if (!checked.ok) throw invalid(checked.detail);
    if (checked.value.failNext !== undefined) notifier.failNext(checked.value.failNext);
    if (checked.value.paused === true) notifier.pause();
    if (checked.value.paused === false) notifier.resume();
    return json(reply, 200, notifier.delivery());
  });
}
