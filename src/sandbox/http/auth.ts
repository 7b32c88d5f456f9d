// The authentication plugin: `app.authenticate` is the hook the public routes plugin puts on every secured
// operation. It resolves `Authorization: Bearer <token>` through the store into `request.user`, or throws the
// catalogue's 401 (missing, malformed or unknown token) with the matching `WWW-Authenticate`.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import type { UserState } from '../domain.ts';
import { authenticate } from '../service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: sets `request.user` from the bearer token or fails the request with a 401 problem. */
    authenticate(req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void;
  }
  interface FastifyRequest {
    /** The caller of a secured operation (set by `authenticate`); undefined on `security: []` operations. */
    user: UserState | undefined;
  }
}

async function auth(app: FastifyInstance): Promise<void> {
  const { store } = app;
  app.decorateRequest('user', undefined);
  // Callback style, not async: with a store that answers at once (MemoryStore) the request goes on to its
  // handler in the same tick, with no promise made.
  app.decorate('authenticate', function authenticateRequest(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const found = (user: UserState): void => {
      req.user = user;
      done();
    };
    let user;
    try {
      user = authenticate(store, req.headers.authorization);
    } catch (err) {
      return done(err as Error);
    }
    if (user instanceof Promise) user.then(found, done);
    else found(user);
  });
}

export default fp(auth, { name: 'sandbox-auth', decorators: { fastify: ['store'] } });
