// The authentication plugin: `app.authenticate` is the hook the public routes plugin puts on every secured
// operation. It resolves `Authorization: Bearer <token>` through the store into `request.user`, or throws the
// catalogue's 401 (missing, malformed or unknown token) with the matching `WWW-Authenticate`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { UserState } from '../domain.ts';
import { details, ProblemError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: sets `request.user` from the bearer token or throws a 401 problem. */
    authenticate(req: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    /** The caller of a secured operation (set by `authenticate`); undefined on `security: []` operations. */
    user: UserState | undefined;
  }
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

async function auth(app: FastifyInstance): Promise<void> {
  const { store } = app;
  app.decorateRequest('user', undefined);
  app.decorate('authenticate', async function authenticate(req: FastifyRequest): Promise<void> {
    const header = req.headers.authorization;
    const match = header === undefined ? null : BEARER.exec(header);
    const profileId = match ? await store.profileIdForToken(match[1]!) : undefined;
    const user = profileId === undefined ? undefined : await store.user(profileId);
    if (user) {
      req.user = user;
      return;
    }
    const why = header === undefined ? 'missing' : match ? 'unknown' : 'malformed';
    throw new ProblemError('unauthorized', details.unauthorized(why), {
      'www-authenticate': why === 'unknown' ? 'Bearer error="invalid_token"' : 'Bearer',
    });
  });
}

export default fp(auth, { name: 'sandbox-auth', decorators: { fastify: ['store'] } });
