// Bookkeeping for named rules that a short scenario checks together: each rule collects its own failures,
// and when a step of the scenario breaks, every rule it had not finished is failed with that step's story,
// so a broken provider can never pass a rule merely because the rule was not reached.
import { StepError } from './api.ts';
import type { CheckResult, Failure, Suite } from './types.ts';

export interface Rule {
  readonly name: string;
  fail(message: string, expected?: unknown, actual?: unknown): void;
  /** Fails with `message` unless `ok`; returns `ok` so callers can skip dependent checks. */
  check(ok: boolean, message: string, expected?: unknown, actual?: unknown): boolean;
}

const show = (v: unknown): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v);

interface Entry {
  failures: Failure[];
  started: number;
  durationMs?: number;
  skipped?: string;
}

export class RuleSet {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly suite: Suite) {}

  private entry(name: string): Entry {
    let e = this.entries.get(name);
    if (!e) {
      e = { failures: [], started: Date.now() };
      this.entries.set(name, e);
    }
    return e;
  }

  rule(name: string): Rule {
    const e = this.entry(name);
    return {
      name,
      fail: (message, expected, actual) => {
        e.failures.push({ message, expected: show(expected), actual: show(actual) });
      },
      check(ok, message, expected, actual) {
        if (!ok) this.fail(message, expected, actual);
        return ok;
      },
    };
  }

  skip(name: string, hint: string): void {
    this.entry(name).skipped = hint;
  }

  /**
   * Run one scenario that checks `names`. Rules are finished with `done(name)`; whatever is unfinished when a
   * step throws fails with that step's story.
   */
  async scenario(names: string[], body: (done: (name: string) => void) => Promise<void>): Promise<void> {
    const started = Date.now();
    for (const n of names) this.entry(n).started = started;
    const finished = new Set<string>();
    const done = (name: string) => {
      finished.add(name);
      this.entry(name).durationMs = Date.now() - started;
    };
    try {
      await body(done);
    } catch (err) {
      const step = err instanceof StepError ? err : undefined;
      const message = err instanceof Error ? err.message : String(err);
      for (const n of names) {
        if (finished.has(n)) continue;
        this.rule(n).fail(`could not be checked: ${message}`, step?.expected, step?.actual);
      }
    }
    for (const n of names) if (!finished.has(n)) done(n);
  }

  results(): CheckResult[] {
    return [...this.entries].map(([name, e]) => ({
      suite: this.suite,
      name,
      status: e.skipped !== undefined ? 'skipped' : e.failures.length ? 'failed' : 'passed',
      failures: e.failures,
      hint: e.skipped,
      durationMs: e.durationMs ?? Date.now() - e.started,
    }));
  }
}
