// A stand-in for an API gateway in front of the provider (as Azure API Management stands in front of the
// real service): a loopback proxy that answers 401 unless a request carries the subscription key, echoing a
// wrong key back in its error body (as careless gateways do, which is what verify's redaction must survive),
// and records every request it saw, so tests can prove that each one carried the key.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const KEY_HEADER = 'Ocp-Apim-Subscription-Key';

export interface Gateway {
  url: string;
  /** Every request that reached the gateway: method, path and whether it carried the right key. */
  seen: { method: string; path: string; keyed: boolean }[];
  close(): Promise<void>;
}

export async function startGateway(upstream: string, key: string): Promise<Gateway> {
  const target = new URL(upstream);
  const seen: Gateway['seen'] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const given = req.headers[KEY_HEADER.toLowerCase()];
    const keyed = given === key;
    seen.push({ method: req.method ?? 'GET', path: req.url ?? '/', keyed });
    if (!keyed) {
      req.resume();
      const message = given
        ? `Access denied due to invalid subscription key ${String(given)}. Make sure to provide a valid key for an active subscription.`
        : 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
      res.writeHead(401, { 'content-type': 'application/json', server: 'gateway-stand-in' });
      res.end(`${JSON.stringify({ statusCode: 401, message })}\n`);
      return;
    }
    const headers = { ...req.headers };
    delete headers[KEY_HEADER.toLowerCase()];
    const up = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((done) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
