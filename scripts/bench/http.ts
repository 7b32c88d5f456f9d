// HTTP helpers for the benchmark's set-up and upload measurements. Set-up goes through the public API
// (a guest token, an uploaded profile image), like any consumer would; uploads are sent with node:http and a
// body prepared in advance, so the timing is the server's work and the loopback, not the client's encoding.
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export interface Multipart {
  body: Buffer;
  contentType: string;
}

/** A multipart/form-data body with one `file` part, as the contract's upload takes it. */
export function multipartFile(bytes: Uint8Array, filename: string, type: string): Multipart {
  const boundary = `bench-${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function expectStatus(res: Response, status: number, what: string): Promise<void> {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 500)}`);
  }
}

export async function guestToken(base: string): Promise<string> {
  const res = await fetch(`${base}/token?grant_type=guest`, { method: 'POST' });
  await expectStatus(res, 200, 'POST /token?grant_type=guest');
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`POST /token?grant_type=guest answered without a token: ${JSON.stringify(body)}`);
  return body.token;
}

/** Upload `bytes` as the user's ProfileImage through the public API; resolves to the media identifier. */
export async function uploadProfileImage(base: string, token: string, bytes: Uint8Array, filename: string, type: string): Promise<string> {
  const { body, contentType } = multipartFile(bytes, filename, type);
  const res = await fetch(`${base}/media?AdditionalType=ProfileImage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: new Uint8Array(body),
  });
  await expectStatus(res, 201, 'POST /media?AdditionalType=ProfileImage');
  const media = (await res.json()) as { identifier?: string };
  if (!media.identifier) throw new Error(`upload answered 201 without an identifier: ${JSON.stringify(media)}`);
  return media.identifier;
}

/** GET a path with a bearer token; resolves to status, content type and body text. */
export async function getText(base: string, path: string, token: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

export interface TimedAnswer {
  status: number;
  ms: number;
  body: string;
}

/** POST a prepared body over a kept-alive connection and time it from the first byte sent to the last received. */
export function timedPost(agent: Agent, port: number, path: string, headers: Record<string, string>, body: Buffer): Promise<TimedAnswer> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString() }));
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`POST ${path} took longer than 30 s`)));
    req.on('error', fail);
    req.end(body);
  });
}
