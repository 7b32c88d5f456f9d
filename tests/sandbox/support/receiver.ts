// A webhook receiver on 127.0.0.1 for the notification tests: it records every delivery attempt and the
// messages it accepted, and can be told to refuse attempts (answer 500, drop the connection, or never answer) first.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Notification } from './http.ts';

/** `hang`: read the request and never answer (the sender's timeout must end the attempt). */
export type Verdict = 'accept' | 500 | 'drop' | 'hang';

export interface Attempt {
  contentType: string | undefined;
  message: Notification;
  verdict: Verdict;
}

export class Receiver {
  readonly attempts: Attempt[] = [];
  /** The messages answered with 2xx, in the order they arrived (duplicates kept: delivery is at-least-once). */
  readonly accepted: Notification[] = [];
  /** Bodies that were not JSON (the contract says every delivery is application/json). */
  readonly malformed: string[] = [];
  private server: Server | undefined;
  private port = 0;

  /** `policy(n)` decides the fate of the n-th attempt (0-based); by default every attempt is accepted. */
  constructor(private readonly policy: (attempt: number) => Verdict = () => 'accept') {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/notifications`;
  }

  /** Listen on `port` (0: any free one). */
  listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => {
        const addr = this.server!.address();
        this.port = typeof addr === 'object' && addr ? addr.port : port;
        resolve(this.url);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** The accepted messages without duplicates (by messageId), in the order each first arrived. */
  unique(): Notification[] {
    const seen = new Set<string>();
    return this.accepted.filter((m) => !seen.has(m.properties.messageId) && seen.add(m.properties.messageId));
  }

  /** Wait until `count` distinct messages were accepted (bounded: delivery retries with backoff). */
  async waitForUnique(count: number, timeoutMs = 45_000): Promise<Notification[]> {
    const until = Date.now() + timeoutMs;
    while (this.unique().length < count) {
      if (Date.now() > until) {
        throw new Error(`only ${this.unique().length} of ${count} messages arrived within ${timeoutMs} ms (${this.attempts.length} attempts)`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.unique();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let message: Notification;
    try {
      message = JSON.parse(raw) as Notification;
    } catch {
      // Not JSON at all: keep it for the test to report, and refuse it.
      this.malformed.push(raw);
      res.writeHead(400).end();
      return;
    }
    const verdict = this.policy(this.attempts.length);
    this.attempts.push({ contentType: req.headers['content-type'], message, verdict });
    if (verdict === 'drop') {
      req.socket.destroy();
      return;
    }
    if (verdict === 'hang') return;
    if (verdict === 500) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver is down, try again');
      return;
    }
    this.accepted.push(message);
    res.writeHead(204).end();
  }
}
