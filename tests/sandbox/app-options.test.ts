// What the fastify app's own options (src/sandbox/http/app.ts) mean for a user of createSandbox: the request
// log and its level, the answers to errors no route raises itself (a plugin's 413 or unexpected error), the
// refusal of fastify schemas on an extra plugin's routes, and how close() treats requests still running.
import { connect } from 'node:net';
import Fastify, { errorCodes } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { details } from '../../src/sandbox/errors.ts';
import auth from '../../src/sandbox/http/auth.ts';
import { createSandbox, type Sandbox, type SandboxPlugin } from '../../src/sandbox/index.ts';
import { captureLogLines } from './support/logs.ts';
import { closeAfterEach } from './support/sandbox.ts';

const PROBLEM = 'urn:profile-contracts:problem:';
const INFO = 30;
const WARN = 40;

/** An extra plugin whose onRequest hook fails with a plain Error (no status) when the request sends `x-boom`. */
const boom: SandboxPlugin = (app) => {
  app.addHook('onRequest', async (req) => {
    if (req.headers['x-boom'] !== undefined) throw new Error('boom from a plugin');
  });
};

const keep = closeAfterEach();
let capture: ReturnType<typeof captureLogLines> | undefined;
afterEach(() => {
  capture?.stop();
  capture = undefined;
});

async function start(options: Parameters<typeof createSandbox>[0]): Promise<Sandbox> {
  return keep(await createSandbox(options));
}

describe('the request log', () => {
  it('is off by default: nothing is written, not even for an unexpected error', async () => {
    capture = captureLogLines();
    const { app } = await start({ plugins: [boom] });
    expect((await app.inject({ method: 'GET', url: '/me' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/me', headers: { 'x-boom': '1' } })).statusCode).toBe(500);
    expect(capture.lines).toEqual([]);
  });

  it('with `logger: true` logs every request at info level', async () => {
    capture = captureLogLines();
    const { app } = await start({ logger: true });
    expect((await app.inject({ method: 'GET', url: '/_sandbox/health' })).statusCode).toBe(200);
    expect(app.log.level).toBe('info');
    expect(capture.lines).toContainEqual(expect.objectContaining({ level: INFO, msg: 'incoming request' }));
    expect(capture.lines).toContainEqual(expect.objectContaining({ level: INFO, msg: 'request completed' }));
  });

  it('with a `logLevel` logs only from that level on: no line for answered requests, one error line for an unexpected error', async () => {
    capture = captureLogLines();
    const { app } = await start({ logger: true, logLevel: 'warn', plugins: [boom] });
    expect(app.log.level).toBe('warn');
    const token = JSON.parse((await app.inject({ method: 'POST', url: '/token?grant_type=guest' })).body).token as string;
    // GET /me is answered synchronously: the reply it sends is not sent a second time (no "already sent" warning).
    expect((await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/me' })).statusCode).toBe(401);
    expect(capture.lines).toEqual([]);

    const r = await app.inject({ method: 'GET', url: '/me', headers: { 'x-boom': '1' } });
    expect(r.statusCode).toBe(500);
    expect(JSON.parse(r.body)).toMatchObject({ type: `${PROBLEM}internal-error`, detail: details.internal() });
    expect(r.body).not.toContain('boom from a plugin');
    expect(capture.lines).toEqual([expect.objectContaining({ level: 50, msg: 'unexpected error', err: expect.objectContaining({ message: 'boom from a plugin' }) })]);
    expect(capture.lines.every((l) => l.level >= WARN)).toBe(true);
  });
});

describe('errors that reach the error handler from outside the sandbox’s routes', () => {
  it('answers fastify’s own 413 raised by an extra plugin (a body refused by its Content-Length) with file-too-large, closing the connection', async () => {
    const bodyLimit: SandboxPlugin = (app) => {
      app.addHook('onRequest', async (req) => {
        if (Number(req.headers['content-length']) > 16) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
      });
    };
    const { app } = await start({ maxUploadBytes: 2048, plugins: [bodyLimit] });
    const r = await app.inject({ method: 'POST', url: '/token?grant_type=guest', headers: { 'content-type': 'text/plain' }, payload: 'x'.repeat(64) });
    expect(r.statusCode).toBe(413);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    // fastify itself closes the connection only after a body parser's error; here the problem's header does it.
    expect(r.headers.connection).toBe('close');
    expect(JSON.parse(r.body)).toEqual({ type: `${PROBLEM}file-too-large`, title: 'File too large', status: 413, detail: details.fileTooLarge(2048) });
  });
});

describe('fastify schemas on an extra plugin’s routes', () => {
  it('are refused at the start, naming where validation comes from', async () => {
    const route: SandboxPlugin = (app) => {
      app.get('/extra', { schema: { querystring: { type: 'object', properties: { q: { type: 'string' } } } } }, async () => 'x');
    };
    await expect(createSandbox({ plugins: [route] })).rejects.toThrow(
      'sandbox routes take no fastify schema; validation comes from the spec (spec.ts)',
    );
  });

  it('a response schema too, naming who serialises the answers', async () => {
    const route: SandboxPlugin = (app) => {
      app.get('/extra', { schema: { response: { 200: { type: 'string' } } } }, async () => 'x');
    };
    await expect(createSandbox({ plugins: [route] })).rejects.toThrow('sandbox routes take no fastify schema; responses are serialised by the handlers');
  });
});

describe('the authentication plugin', () => {
  it('refuses to register in an app without the `store` decorator it reads', async () => {
    await expect(Fastify().register(auth).ready()).rejects.toThrow(/store/);
  });

  it('owns `request.user`: an extra plugin that declares it again stops the start', async () => {
    const own: SandboxPlugin = (app) => {
      app.decorateRequest('user', undefined);
    };
    await expect(createSandbox({ plugins: [own] })).rejects.toThrow(/user/);
  });
});

describe('close()', () => {
  it('does not wait for a request still sending its body: the connection is cut and close() resolves', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const sandbox = await createSandbox({
      plugins: [
        (app) => {
          app.addHook('onRequest', async () => arrived());
        },
      ],
    });
    const { port } = new URL(await sandbox.listen(0, '127.0.0.1'));
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    const cut = new Promise<void>((resolve) => socket.on('end', () => resolve()));
    socket.on('error', () => undefined);
    socket.resume(); // read (and drop) what the server answers, so that its end is seen
    socket.write('POST /token?grant_type=guest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\npartial');
    try {
      await reached;
      const closed = sandbox.close().then(() => 'closed');
      const late = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3000).unref());
      expect(await Promise.race([closed, late])).toBe('closed');
      await cut;
    } finally {
      socket.destroy();
    }
  });

  it('answers a request that arrives while it runs the closing hooks as usual, not with a bare 503', async () => {
    let closing!: () => void;
    const started = new Promise<void>((resolve) => (closing = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sandbox = await createSandbox({
      plugins: [
        (app) => {
          app.addHook('preClose', async () => {
            closing();
            await gate;
          });
        },
      ],
    });
    const url = await sandbox.listen(0, '127.0.0.1');
    const closed = sandbox.close();
    await started;
    try {
      const r = await fetch(`${url}/_sandbox/health`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ status: 'ok' });
    } finally {
      release();
      await closed;
    }
  });
});
