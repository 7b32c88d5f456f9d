// Profile Notifications (docs/contract.md §6): every message the domain emits gets a unique messageId, a deep copy
// of its body (so later changes cannot alter what was sent), a place in the in-memory log that
// GET /_sandbox/notifications reads, and, when a webhook URL is configured, an HTTP delivery.
//
// Delivery is at-least-once and in order per profile: each profile has its own queue, worked one message at
// a time; a failed delivery (network error, timeout or non-2xx) is retried with exponential backoff and the
// next message of that profile waits for it. Retries are bounded (maxAttempts; by default they ride out a
// subscriber that is down for about three minutes); a message that still fails is dropped with a log line so
// that one dead subscriber cannot hold the sandbox forever. close() stops it all. Nothing here is node-only
// (Web Crypto's randomUUID, fetch), so the MSW handlers keep their log with it in a browser too.
//
// Delivery can be steered (PUT /_sandbox/delivery), so that a subscriber's handling of late and repeated
// messages can be tested: `pause()` holds every queue until `resume()`; `failNext(n)` makes the next n
// attempts count as failed after they were sent, so each of those messages arrives again after the backoff.
import type { NotificationDraft, NotificationProperties, Person } from './domain.ts';

export interface ProfileNotification {
  properties: NotificationProperties;
  body: Person;
}

/**
 * Where GET /_sandbox/notifications, POST /_sandbox/reset and createSandbox's close() reach the notifications:
 * the in-process Notifier below, or a store's own (PgStore's outbox, shared by replicas, answers asynchronously).
 */
export interface NotificationLog {
  list(profileId?: string): ProfileNotification[] | Promise<ProfileNotification[]>;
  reset(): void | Promise<void>;
  /** Resolves when every webhook delivery queued so far is done (or given up). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface NotifierOptions {
  webhookUrl?: string;
  /** Attempts per message before it is dropped (default 40: about three minutes at the 5 s cap). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxDelayMs (defaults 50 ms and 5 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-attempt timeout (default 5 s). */
  timeoutMs?: number;
  warn?: (message: string) => void;
}

interface Queue {
  items: ProfileNotification[];
  running: boolean;
}

/** The delivery switches, as GET/PUT /_sandbox/delivery show them. */
export interface DeliveryState {
  paused: boolean;
  failNext: number;
  pending: number;
}

export class Notifier {
  private log: ProfileNotification[] = [];
  private paused = false;
  private failing = 0;
  private resumeWaiters: (() => void)[] = [];
  private queues = new Map<string, Queue>();
  private stopper = new AbortController();
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: NotifierOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 40;
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  publish(drafts: NotificationDraft[]): ProfileNotification[] {
    const published = drafts.map((d) => ({
      properties: { messageId: globalThis.crypto.randomUUID(), ...d.properties },
      body: structuredClone(d.body),
    }));
    for (const message of published) {
      this.log.push(message);
      if (this.options.webhookUrl && !this.closed) this.enqueue(message);
    }
    return published;
  }

  /** The log, oldest first; with a profileId only that profile's messages. */
  list(profileId?: string): ProfileNotification[] {
    return profileId === undefined ? this.log : this.log.filter((m) => m.properties.profileId === profileId);
  }

  /** Hold every delivery (messages keep queueing, in order) until resume(). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const wake of this.resumeWaiters.splice(0)) wake();
  }

  /** The next `n` delivery attempts count as failed after being sent (0 ends it). */
  failNext(n: number): void {
    this.failing = n;
  }

  delivery(): DeliveryState {
    return { paused: this.paused, failNext: this.failing, pending: this.pending() };
  }

  /** Forget the log and every pending delivery, and deliver normally again (POST /_sandbox/reset). */
  reset(): void {
    this.log = [];
    this.failing = 0;
    this.resume();
    this.stopper.abort();
    this.stopper = new AbortController();
    this.queues = new Map();
    this.wakeIdle();
  }

  /** Resolves when every queued message has been delivered or given up on. */
  idle(): Promise<void> {
    if (this.pending() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.items.length;
    return n;
  }

  /** Stop retries and in-flight deliveries; nothing is sent afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopper.abort();
    this.resume();
    this.queues = new Map();
    this.wakeIdle();
  }

  private enqueue(message: ProfileNotification): void {
    const key = message.properties.profileId;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { items: [], running: false };
      this.queues.set(key, queue);
    }
    queue.items.push(message);
    if (!queue.running) void this.drain(key, queue, this.stopper.signal);
  }

  private async drain(key: string, queue: Queue, stop: AbortSignal): Promise<void> {
    queue.running = true;
    while (queue.items.length > 0 && !stop.aborted) {
      if (this.paused) {
        await new Promise<void>((wake) => this.resumeWaiters.push(wake));
        continue;
      }
      await this.deliver(queue.items[0]!, stop);
      queue.items.shift();
    }
    queue.running = false;
    if (this.queues.get(key) === queue && queue.items.length === 0) this.queues.delete(key);
    this.wakeIdle();
  }

  private async deliver(message: ProfileNotification, stop: AbortSignal): Promise<void> {
    const body = JSON.stringify(message);
    let lastError = '';
    for (let attempt = 0; attempt < this.maxAttempts && !stop.aborted; attempt++) {
      if (attempt > 0) {
        const delay = Math.min(this.baseDelayMs * 2 ** (attempt - 1), this.maxDelayMs);
        if (!(await sleep(delay, stop))) return;
      }
      try {
        const res = await fetch(this.options.webhookUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.any([stop, AbortSignal.timeout(this.timeoutMs)]),
        });
        await res.body?.cancel();
        if (res.ok && this.failing > 0) {
          this.failing--;
          lastError = 'counted as failed on purpose (PUT /_sandbox/delivery failNext)';
          continue;
        }
        if (res.ok) return;
        lastError = `HTTP ${res.status}`;
      } catch (err) {
        if (stop.aborted) return;
        lastError = err instanceof Error ? err.message : String(err);
      }
    }
    if (!stop.aborted) {
      this.options.warn?.(
        `notification ${message.properties.messageId} for profile ${message.properties.profileId} dropped after ` +
          `${this.maxAttempts} attempts to ${this.options.webhookUrl}: ${lastError}`,
      );
    }
  }

  private wakeIdle(): void {
    if (this.pending() > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

/** Wait `ms`, or less when `stop` aborts; true when the full time passed. */
function sleep(ms: number, stop: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (stop.aborted) return resolve(false);
    const timer = setTimeout(() => {
      stop.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    stop.addEventListener('abort', onAbort, { once: true });
  });
}
