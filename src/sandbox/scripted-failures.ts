// Scripted failures (POST /_sandbox/failures): a consumer team asks that the next N requests of one public
// operation answer a chosen 4xx/5xx, answer late, or lose their connection, to test its client's error
// handling. A plain queue per operation, shared by every adapter; the sandbox consults it before anything else
// happens to a request (failure.ts's hook), so a failing request changes nothing. Failures for one operation are
// used in the order they were added, each for its `count` requests.
import type { components } from '../generated/sandbox-control.ts';
import { checkControl, type Checked } from './control-spec.ts';

export type ScriptedFailureRequest = components['schemas']['ScriptedFailureRequest'];
export type ScriptedFailure = components['schemas']['ScriptedFailure'];

/** What one failing request gets. */
export interface FailureAction {
  status?: number;
  delayMs?: number;
  drop?: boolean;
  /** Requests the same failure will still answer after this one. */
  remaining: number;
}

export class ScriptedFailures {
  private queue: ScriptedFailure[] = [];
  private nextId = 1;

  /** @param operationIds the public spec's operations, the only ones a failure may name. */
  constructor(private readonly operationIds: readonly string[]) {}

  /** Check a request body of POST /_sandbox/failures and schedule it. */
  add(body: unknown): Checked<ScriptedFailure> {
    const checked = checkControl<ScriptedFailureRequest>('ScriptedFailureRequest', body);
    if (!checked.ok) return checked;
    const { operationId, count = 1, status, delayMs, drop } = checked.value;
    if (!this.operationIds.includes(operationId)) {
      return {
        ok: false,
        detail: `operationId ${JSON.stringify(operationId)} is not an operation of the public spec; allowed: ${this.operationIds.join(', ')}.`,
      };
    }
    if (status === undefined && delayMs === undefined && drop !== true) {
      return { ok: false, detail: 'The failure does nothing; give a status (400 to 599), a delayMs, or drop: true.' };
    }
    if (status !== undefined && drop === true) {
      return { ok: false, detail: 'A dropped connection has no status; give either status or drop: true, not both.' };
    }
    const failure: ScriptedFailure = {
      id: this.nextId++,
      operationId,
      remaining: count,
      ...(status !== undefined ? { status } : {}),
      ...(delayMs !== undefined ? { delayMs } : {}),
      ...(drop === true ? { drop } : {}),
    };
    this.queue.push(failure);
    return { ok: true, value: { ...failure } };
  }

  /** The failure for this request of `operationId`, used up by one; undefined when none is scheduled. */
  take(operationId: string): FailureAction | undefined {
    const index = this.queue.findIndex((f) => f.operationId === operationId);
    if (index < 0) return undefined;
    const failure = this.queue[index]!;
    failure.remaining--;
    if (failure.remaining === 0) this.queue.splice(index, 1);
    return {
      remaining: failure.remaining,
      ...(failure.status !== undefined ? { status: failure.status } : {}),
      ...(failure.delayMs !== undefined ? { delayMs: failure.delayMs } : {}),
      ...(failure.drop ? { drop: true } : {}),
    };
  }

  /** Whether any failure is scheduled (a cheap test for the request hook). */
  get empty(): boolean {
    return this.queue.length === 0;
  }

  list(): ScriptedFailure[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): void {
    this.queue = [];
  }
}
