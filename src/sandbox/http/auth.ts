// The authentication plugin: `app.authenticate` is the hook the public routes plugin puts on every secured
// operation. It resolves `Authorization: Bearer <token>` through the store into `request.user`, or throws the
// catalogue's 401 (missing, malformed or unknown token) with the matching `WWW-Authenticate`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { UserState } from '../domain.ts';
import { authenticate } from '../service.ts';

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

async function auth(app: FastifyInstance): Promise<void> {
  const { store } = app;
  app.decorateRequest('user', undefined);
  app.decorate('authenticate', async function authenticateRequest(req: FastifyRequest): Promise<void> {
    req.user = await authenticate(store, req.headers.authorization);
  });
}

export default fp(auth, { name: 'sandbox-auth', decorators: { fastify: ['store'] } });
