// The CORS plugin: the sandbox's CORS policy (../cors.ts) handed to @fastify/cors. Registered at the root,
// first, so that its hook answers preflights and marks every answer, errors and 404s included. With the
// policy `off` it registers nothing: a preflight then answers 405 like any other unrouted method.
import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import fp from 'fastify-plugin';
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS, CORS_MAX_AGE_S, CORS_METHODS, type CorsPolicy } from '../cors.ts';

async function corsPlugin(app: FastifyInstance, { policy }: { policy: CorsPolicy }): Promise<void> {
  if (policy.origins === 'off') return;
  await app.register(cors, {
    origin: policy.origins === 'any' ? true : [...policy.origins],
    credentials: true,
    // Joined once here: @fastify/cors joins an array again on every answer (exposed headers) or preflight.
    allowedHeaders: CORS_ALLOWED_HEADERS.join(', '),
    exposedHeaders: CORS_EXPOSED_HEADERS.join(', '),
    methods: CORS_METHODS.join(', '),
    maxAge: CORS_MAX_AGE_S,
    // A bare OPTIONS (no Origin) would otherwise get a text/plain 400; every answer here is problem+json or
    // empty, so it gets the plain 204 instead.
    strictPreflight: false,
  });
}

export default fp(corsPlugin, { name: 'sandbox-cors' });
