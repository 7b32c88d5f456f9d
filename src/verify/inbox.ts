// The webhook inbox: with `--notifications-port N`, verify listens on 127.0.0.1:N for the provider's Profile
// Notification deliveries (the provider runs with NOTIFY_WEBHOOK_URL=http://127.0.0.1:N/), keeps every
// delivery in arrival order, checks each against the spec's `webhooks.profileNotification`, and lets the
// message checks wait for "the next message of profile P". Delivery is at-least-once, so repeats of a
// messageId count once.
import http from 'node:http';
import type { SpecChecker } from './spec.ts';
import type { Person } from './api.ts';

export interface Delivery {
  /** Arrival order, from 0. */
  index: number;
  contentType: string;
  properties: Record<string, string>;
  body: Person;
  /** The raw payload as it came (kept for reports). */
  raw: string;
  /** Spec violations of this delivery (empty when it conforms). */
  violations: string[];
}

export class PortInUseError extends Error {}

export class Inbox {
  readonly deliveries: Delivery[] = [];
  /** Deliveries whose body was not even JSON. */
  readonly unreadable: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly server: http.Server) {}

  /** The port it listens on (useful when it was started on port 0). */
  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  static async listen(port: number, checker: SpecChecker): Promise<Inbox> {
    let inbox!: Inbox;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        // Acknowledge every delivery: a non-2xx would only make the provider retry the same message.
        res.writeHead(204).end();
        if (req.method !== 'POST') return;
        inbox.accept(String(req.headers['content-type'] ?? ''), Buffer.concat(chunks).toString('utf8'), checker);
      });
    });
    inbox = new Inbox(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new PortInUseError(`--notifications-port ${port} is already in use on 127.0.0.1; pick a free port and start the provider with NOTIFY_WEBHOOK_URL=http://127.0.0.1:<port>/`)
            : err,
        ),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return inbox;
  }

  private accept(contentType: string, raw: string, checker: SpecChecker): void {
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      this.unreadable.push(raw.slice(0, 300));
      this.wake();
      return;
    }
    const p = (payload ?? {}) as { properties?: Record<string, unknown>; body?: Person };
    const properties: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.properties ?? {})) properties[k] = typeof v === 'string' ? v : JSON.stringify(v);
    this.deliveries.push({
      index: this.deliveries.length,
      contentType: contentType.split(';')[0]!.trim(),
      properties,
      body: (p.body ?? {}) as Person,
      raw,
      violations: checker.checkNotification(payload),
    });
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The distinct messages (first delivery of each messageId) for one profile, in arrival order. */
  messagesFor(profileId: string): Delivery[] {
    const seen = new Set<string>();
    return this.deliveries.filter((d) => {
      if (d.properties.profileId !== profileId) return false;
      const id = d.properties.messageId ?? `(no messageId #${d.index})`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  /**
   * Wait until profile `profileId` has at least `count` distinct messages (only those passing `filter`, when
   * given); resolves to them, or to undefined on timeout.
   */
  async waitForCount(profileId: string, count: number, timeoutMs: number, filter: (d: Delivery) => boolean = () => true): Promise<Delivery[] | undefined> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const list = this.messagesFor(profileId).filter(filter);
      if (list.length >= count) return list;
      const left = until - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
