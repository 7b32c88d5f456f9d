// The spec gate: a loopback hop that every request of `verify` goes through on its way to the provider
// (the Pact Verifier's replays, the state set-up, the sequence rules). It forwards bytes untouched, and checks
// each response against the spec on the way back, remembering which operations were seen and which broke it.
// A request may name its origin in the `x-verify-context` header; the gate strips it before forwarding.
// The extra headers of `--header` (a gateway's key) are added here, so every request carries them.
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SpecChecker } from './spec.ts';

export const CONTEXT_HEADER = 'x-verify-context';

export interface SpecObservation {
  operation: string;
  /** How many responses of this operation and status were seen. */
  seen: number;
  /** Distinct violations, each with the first request that showed it. */
  violations: Map<string, string>;
}

// Headers that describe one hop's connection, not the message; Node sets its own.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

export interface Gate {
  url: string;
  observations: Map<string, SpecObservation>;
  close(): Promise<void>;
}

export async function startGate(providerUrl: string, checker: SpecChecker, extraHeaders: Record<string, string> = {}): Promise<Gate> {
  const target = new URL(providerUrl);
  const basePath = target.pathname.replace(/\/+$/, '');
  const client = target.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true });
  const observations = new Map<string, SpecObservation>();

  const observe = (method: string, path: string, status: number, headers: IncomingHttpHeaders, body: Buffer, context: string) => {
    const verdict = checker.checkResponse({ method, path, status, headers, body });
    const key = verdict.operation ?? `${method} ${path.split('?')[0]}`;
    let entry = observations.get(key);
    if (!entry) {
      entry = { operation: key, seen: 0, violations: new Map() };
      observations.set(key, entry);
    }
    entry.seen++;
    for (const v of verdict.violations) {
      if (!entry.violations.has(v)) entry.violations.set(v, `${method} ${path} (${context})`);
    }
  };

  const server = http.createServer((req, res) => {
    const context = String(req.headers[CONTEXT_HEADER] ?? 'unlabelled request');
    const headers: IncomingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k === CONTEXT_HEADER || k === 'host' || HOP_BY_HOP.has(k)) continue;
      headers[k] = v;
    }
    Object.assign(headers, extraHeaders);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const upstream = client.request(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method, path: basePath + path, headers, agent },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          observe(method, path, up.statusCode ?? 0, up.headers, body, context);
          const out: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
          res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
          res.end(body);
        });
        up.on('error', (err) => res.destroy(err));
      },
    );
    upstream.on('error', (err) => {
      // The provider dropped the connection: answer so the caller sees it, and say so in plain words.
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`verify gate: the provider at ${providerUrl} did not answer ${method} ${path}: ${err.message}`);
      }
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    observations,
    close: () =>
      new Promise<void>((done) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
