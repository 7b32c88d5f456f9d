// Scripted faults (POST /_sandbox/faults): a consumer team asks that the next N requests of one public
// operation answer a chosen 4xx/5xx, answer late, or lose their connection, to test its client's error
// handling. A plain queue per operation, shared by every adapter; the sandbox consults it before anything else
// happens to a request (fault.ts's hook), so a faulted request changes nothing. Faults for one operation are
// used in the order they were added, each for its `count` requests.
import type { components } from '../generated/sandbox-control.ts';
import { checkControl, type Checked } from './control-spec.ts';

export type ScriptedFaultRequest = components['schemas']['ScriptedFaultRequest'];
export type ScriptedFault = components['schemas']['ScriptedFault'];

/** What one faulted request gets. */
export interface FaultAction {
  status?: number;
  delayMs?: number;
  drop?: boolean;
  /** Requests the same fault will still answer after this one. */
  remaining: number;
}

export class ScriptedFaults {
  private queue: ScriptedFault[] = [];
  private nextId = 1;

  /** @param operationIds the public spec's operations, the only ones a fault may name. */
  constructor(private readonly operationIds: readonly string[]) {}

  /** Check a request body of POST /_sandbox/faults and schedule it. */
  add(body: unknown): Checked<ScriptedFault> {
    const checked = checkControl<ScriptedFaultRequest>('ScriptedFaultRequest', body);
    if (!checked.ok) return checked;
    const { operationId, count = 1, status, delayMs, drop } = checked.value;
    if (!this.operationIds.includes(operationId)) {
      return {
        ok: false,
        detail: `operationId ${JSON.stringify(operationId)} is not an operation of the public spec; allowed: ${this.operationIds.join(', ')}.`,
      };
    }
    if (status === undefined && delayMs === undefined && drop !== true) {
      return { ok: false, detail: 'The fault does nothing; give a status (400 to 599), a delayMs, or drop: true.' };
    }
    if (status !== undefined && drop === true) {
      return { ok: false, detail: 'A dropped connection has no status; give either status or drop: true, not both.' };
    }
    const fault: ScriptedFault = {
      id: this.nextId++,
      operationId,
      remaining: count,
      ...(status !== undefined ? { status } : {}),
      ...(delayMs !== undefined ? { delayMs } : {}),
      ...(drop === true ? { drop } : {}),
    };
    this.queue.push(fault);
    return { ok: true, value: { ...fault } };
  }

  /** The fault for this request of `operationId`, used up by one; undefined when none is scheduled. */
  take(operationId: string): FaultAction | undefined {
    const index = this.queue.findIndex((f) => f.operationId === operationId);
    if (index < 0) return undefined;
    const fault = this.queue[index]!;
    fault.remaining--;
    if (fault.remaining === 0) this.queue.splice(index, 1);
    return {
      remaining: fault.remaining,
      ...(fault.status !== undefined ? { status: fault.status } : {}),
      ...(fault.delayMs !== undefined ? { delayMs: fault.delayMs } : {}),
      ...(fault.drop ? { drop: true } : {}),
    };
  }

  /** Whether any fault is scheduled (a cheap test for the request hook). */
  get empty(): boolean {
    return this.queue.length === 0;
  }

  list(): ScriptedFault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): void {
    this.queue = [];
  }
}
