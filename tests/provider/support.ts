// Test support for the provider-verification tests: the sandbox started the way `npm start` starts it (same
// factory) with a webhook URL on a free port, and a "free details" variant of it, a provider that is just as
// correct but uses the freedom the contract leaves (extra Person fields and message properties,
// `profileImage: ""`, other identifier formats, absolute Location URLs, other error texts, every webhook
// delivered twice), so that tests can prove verify does not fail it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { freePort } from '../support/ports.ts';

export interface Provider {
  url: string;
  notificationsPort: number;
  close(): Promise<void>;
}

/**
 * The sandbox on a free port, delivering webhooks to 127.0.0.1:<notificationsPort>. `overrides` replaces
 * rules, adds plugins or gives another store through the factory's seams (the faults of
 * tests/mutants/faults.ts do, through their `faultOptions`).
 */
export async function startSandbox(overrides: Pick<SandboxOptions, 'rules' | 'plugins' | 'store'> = {}): Promise<Provider> {
  const notificationsPort = await freePort();
  const sandbox = await createSandbox({
    ...overrides,
    notifyWebhookUrl: `http://127.0.0.1:${notificationsPort}/`,
    // Short retries: a verify run that has already finished must not keep the test waiting on redeliveries.
    webhookRetry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2000 },
    // Runs that verify no notifications leave nobody listening there: the "dropped after 3 attempts" warnings
    // are expected, so log at error level only instead of printing one line per message.
    logger: true,
    logLevel: 'error',
  });
  const url = await sandbox.listen(0, '127.0.0.1');
  return { url, notificationsPort, close: () => sandbox.close() };
}

// Identifiers become `m-<id>-v2` on the way out and back to `<id>` on the way in: a different, still opaque
// identifier format that the provider keeps consistent everywhere.
const PREFIX = '/test/profile';
const wrap = (id: string) => `m-${id}-v2`;
const unwrap = (segment: string) => segment.replace(/^m-(.+)-v2$/, '$1');

function variantPerson(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p, displayName: 'Guest user', preferredLanguage: 'de', loyaltyTier: 'none' };
  out.profileImage = typeof p.profileImage === 'string' && p.profileImage ? wrap(p.profileImage) : '';
  return out;
}

function variantMedia(m: Record<string, unknown>, base: string): Record<string, unknown> {
  const id = wrap(String(m.identifier));
  return { ...m, identifier: id, contentUrl: `${base}/media/${id}/download`, uploadedBy: 'variant' };
}

function variantJson(path: string, status: number, value: unknown, base: string): unknown {
  if (status >= 400 && value && typeof value === 'object') return { ...value, detail: 'Something else went wrong; see the documentation.', instance: path };
  if (path === '/me') return variantPerson(value as Record<string, unknown>);
  if (path === '/media' && Array.isArray(value)) return value.map((m) => variantMedia(m as Record<string, unknown>, base));
  if (path.startsWith('/media') && value && typeof value === 'object') return variantMedia(value as Record<string, unknown>, base);
  return value;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/**
 * A correct provider with other free details: the sandbox behind a rewriting front, and a webhook relay that
 * rewrites the deliveries the same way before passing them on to `notificationsPort`.
 */
export async function startVariantProvider(): Promise<Provider> {
  const notificationsPort = await freePort();
  const relay = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { properties: Record<string, string>; body: Record<string, unknown> };
      const out = { properties: { ...message.properties, correlationId: 'variant' }, body: variantPerson(message.body) };
      try {
        // Every message twice: delivery is at-least-once, and a subscriber must drop repeats by messageId.
        const send = () => fetch(`http://127.0.0.1:${notificationsPort}/`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(out) });
        const r = await send();
        await send();
        res.writeHead(r.ok ? 204 : 502).end();
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  const relayUrl = await listen(relay);
  const sandbox = await createSandbox({ notifyWebhookUrl: `${relayUrl}/`, webhookRetry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 }, logger: true, logLevel: 'error' });
  const upstream = await sandbox.listen(0, '127.0.0.1');

  let base = '';
  const front = http.createServer((req, res) => {
    const [rawPath, query] = (req.url ?? '/').split('?');
    // Served under a path prefix, as the real service is (https://api.discover.swiss/test/profile).
    if (!rawPath!.startsWith(PREFIX)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`this provider serves under ${PREFIX}`);
      return;
    }
    const path = rawPath!.slice(PREFIX.length).split('/').map(unwrap).join('/');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers.set(k, v);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const r = await fetch(`${upstream}${path}${query !== undefined ? `?${query}` : ''}`, { method: req.method, headers, body });
      const bytes = Buffer.from(await r.arrayBuffer());
      const type = r.headers.get('content-type') ?? '';
      const out: Record<string, string> = {};
      r.headers.forEach((v, k) => {
        if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)) out[k] = v;
      });
      const location = r.headers.get('location');
      if (location) out.location = `${base}${location.replace(/\/media\/(.+)$/, (_m, id: string) => `/media/${wrap(id)}`)}`;
      let payload = bytes;
      if (/json/.test(type) && bytes.length) {
        payload = Buffer.from(JSON.stringify(variantJson(path, r.status, JSON.parse(bytes.toString('utf8')), base)));
        out['content-type'] = `${type.split(';')[0]}; charset=utf-8`;
      }
      // The contract requires Content-Length on downloads; send it on every answer.
      if (r.status !== 204 && r.status !== 304) out['content-length'] = String(payload.length);
      res.writeHead(r.status, out);
      res.end(payload);
    });
  });
  base = `${await listen(front)}${PREFIX}`;
  return {
    url: base,
    notificationsPort,
    close: async () => {
      front.closeAllConnections();
      relay.closeAllConnections();
      await new Promise<void>((r) => front.close(() => r()));
      await sandbox.close();
      await new Promise<void>((r) => relay.close(() => r()));
    },
  };
}
