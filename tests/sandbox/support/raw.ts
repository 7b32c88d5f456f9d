// A raw HTTP/1.1 exchange over `node:net`, for requests `fetch` will not send (oversized header blocks,
// broken framing) and answers Node's HTTP parser gives before any route runs (431, 400).
import { connect } from 'node:net';
import type { Reply } from './http.ts';

/** Send `head` (request line and headers, without the blank line) and `body`; read until the server closes. */
export function rawExchange(base: string, head: string, body: Uint8Array = new Uint8Array(0)): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('connect', () => {
      socket.write(`${head}\r\nConnection: close\r\n\r\n`);
      socket.end(body);
    });
    socket.on('data', (d: Buffer) => chunks.push(d));
    // The server may close while we are still writing a body it has refused; what it answered still counts.
    socket.on('error', (err) => (chunks.length > 0 ? undefined : reject(err)));
    socket.on('close', () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (err) {
        reject(err);
      }
    });
  });
}

function parseResponse(raw: Buffer): Reply {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`not an HTTP response: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...lines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  let body = raw.subarray(split + 4);
  if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  const bytes = new Uint8Array(body);
  const text = body.toString('utf8');
  const json = /json/.test(headers.get('content-type') ?? '') && text.length > 0 ? JSON.parse(text) : undefined;
  return { status, headers, bytes, text, json };
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!size) break;
    out.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}
