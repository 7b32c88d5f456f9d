// The delivery loop of the PostgreSQL store's outbox: every replica runs one, and together they POST each
// Profile Notification to NOTIFY_WEBHOOK_URL with the same conventions as the in-process notifier
// (notifier.ts): `{"properties", "body"}` as application/json, at least once, in order per profile, failed
// attempts retried with exponential backoff, a message dropped with a log line after maxAttempts.
//
// How replicas share the work without sending a message twice or out of order:
// - a loop claims rows in a short transaction (`FOR UPDATE SKIP LOCKED`, so two loops never claim one row)
//   by setting a lease; only a profile's oldest undelivered message can be claimed, so a profile's next
//   message waits until the one before it is delivered or dropped, whichever replica holds it;
// - the POST happens outside any transaction; success marks the row delivered, failure schedules the retry
//   and gives the lease up;
// - a replica killed mid-delivery leaves its lease behind: once it runs out (twice the per-attempt timeout)
//   another replica claims the message again. That resend is the only duplicate (same messageId, so a
//   subscriber can drop it); in normal operation each messageId is sent once.
// A loop wakes at once after its own replica commits, and polls for the rest (other replicas' commits,
// retries coming due, expired leases).
import type pg from 'pg';

export interface DeliveryOptions {
  webhookUrl: string;
  /** Attempts per message before it is dropped (default 40: about three minutes at the 5 s cap). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxDelayMs (defaults 50 ms and 5 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-attempt timeout (default 5 s); a claim's lease is twice this. */
  timeoutMs?: number;
  /** How often an idle loop looks for work committed elsewhere (default 250 ms). */
  pollMs?: number;
  warn?: (message: string) => void;
}

interface Claimed {
  id: string;
  message_id: string;
  profile_id: string;
  message: string;
  attempts: number;
}

/** Messages of different profiles a loop delivers at once. */
const BATCH = 16;

const CLAIM = `
  UPDATE sandbox_outbox SET lease_until = now() + $1 * interval '1 millisecond', attempts = attempts + 1
   WHERE id IN (
     SELECT o.id FROM sandbox_outbox o
      WHERE o.delivered_at IS NULL AND o.dropped_at IS NULL
        AND o.next_attempt_at <= now()
        AND (o.lease_until IS NULL OR o.lease_until < now())
        AND NOT EXISTS (
          SELECT 1 FROM sandbox_outbox e
           WHERE e.profile_id = o.profile_id AND e.id < o.id AND e.delivered_at IS NULL AND e.dropped_at IS NULL)
      ORDER BY o.id
      LIMIT $2
      FOR UPDATE SKIP LOCKED)
  RETURNING id, message_id, profile_id, attempts,
            '{"properties":' || properties::text || ',"body":' || body::text || '}' AS message`;

export class OutboxDelivery {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly stopper = new AbortController();
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private readonly running: Promise<void>;
  private lastProblem = '';

  constructor(private readonly pool: pg.Pool, private readonly options: DeliveryOptions) {
    this.maxAttempts = options.maxAttempts ?? 40;
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.pollMs = options.pollMs ?? 250;
    this.running = this.loop();
  }

  /** New messages were committed here: look for work now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Resolves when no message in the outbox (of any replica) waits for delivery, or when closed. */
  async idle(): Promise<void> {
    while (!this.stopper.signal.aborted) {
      try {
        const { rows } = await this.pool.query<{ pending: boolean }>(
          'SELECT EXISTS (SELECT 1 FROM sandbox_outbox WHERE delivered_at IS NULL AND dropped_at IS NULL) AS pending',
        );
        if (!rows[0]!.pending) return;
      } catch {
        // the database is away: keep waiting, as for a subscriber that is down
      }
      await sleep(50, this.stopper.signal);
    }
  }

  /** Stop claiming; in-flight POSTs are aborted and their leases run out for another replica to take over. */
  async close(): Promise<void> {
    this.stopper.abort();
    this.wakeUp?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    const stop = this.stopper.signal;
    while (!stop.aborted) {
      this.woken = false;
      let claimed: Claimed[] = [];
      try {
        claimed = (await this.pool.query<Claimed>(CLAIM, [2 * this.timeoutMs, BATCH])).rows;
        this.lastProblem = '';
      } catch (err) {
        this.report(`cannot read the notification outbox: ${(err as Error).message}`);
      }
      if (claimed.length > 0) {
        await Promise.all(claimed.map((row) => this.deliver(row, stop)));
        continue;
      }
      if (!this.woken) await this.nap(stop);
    }
  }

  private nap(stop: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
      if (stop.aborted) done();
    });
  }

  private async deliver(row: Claimed, stop: AbortSignal): Promise<void> {
    let error: string;
    try {
      const res = await fetch(this.options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: row.message,
        signal: AbortSignal.any([stop, AbortSignal.timeout(this.timeoutMs)]),
      });
      await res.body?.cancel();
      if (res.ok) {
        await this.settle('UPDATE sandbox_outbox SET delivered_at = now(), lease_until = NULL WHERE id = $1', [row.id]);
        return;
      }
      error = `HTTP ${res.status}`;
    } catch (err) {
      if (stop.aborted) return;
      error = err instanceof Error ? err.message : String(err);
    }
    if (row.attempts >= this.maxAttempts) {
      await this.settle('UPDATE sandbox_outbox SET dropped_at = now(), lease_until = NULL, last_error = $2 WHERE id = $1', [row.id, error]);
      this.options.warn?.(
        `notification ${row.message_id} for profile ${row.profile_id} dropped after ${this.maxAttempts} attempts to ` +
          `${this.options.webhookUrl}: ${error}`,
      );
      return;
    }
    const delay = Math.min(this.baseDelayMs * 2 ** (row.attempts - 1), this.maxDelayMs);
    await this.settle(
      `UPDATE sandbox_outbox SET lease_until = NULL, last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond'
        WHERE id = $1`,
      [row.id, error, delay],
    );
  }

  /** Record an outcome; if the database is away the lease runs out and the message is sent again later. */
  private async settle(text: string, values: unknown[]): Promise<void> {
    try {
      await this.pool.query(text, values);
    } catch (err) {
      this.report(`cannot record a delivery in the outbox: ${(err as Error).message}`);
    }
  }

  /** One log line per kind of trouble, not one per poll. */
  private report(problem: string): void {
    if (problem === this.lastProblem) return;
    this.lastProblem = problem;
    this.options.warn?.(problem);
  }
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      stop.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    stop.addEventListener('abort', onAbort, { once: true });
  });
}
