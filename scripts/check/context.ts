// What every step needs to know about the run: which checkout, which spec, which base, where to put temporary
// files. Steps receive this instead of reading globals, so tests can run the gate on a copy of the repository.
import { relative } from 'node:path';

export interface CheckContext {
  /** The repository root being checked (a copy of it in the tests). */
  root: string;
  /** The working tree's spec, absolute. */
  specPath: string;
  /** The committed pacts, absolute. */
  pactDir: string;
  /** The git ref whose spec step 5 compares against (`--base`, else CONTRACT_BASE_REF, else HEAD). */
  baseRef: string;
  /**
   * The severity Optic gives its breaking-change findings. `error` (default): every breaking change fails.
   * `warn`: only those on an operation a pact uses fail (consumer-driven); the rest are notes.
   */
  opticSeverity: 'error' | 'warn';
  /** A private temporary folder for this run, removed afterwards. */
  tmp: string;
  /** Results of expensive work shared between steps (e.g. pact validation against one spec). */
  memo: Map<string, Promise<unknown>>;
}

export function rel(ctx: CheckContext, path: string): string {
  return relative(ctx.root, path) || '.';
}

export function memo<T>(ctx: CheckContext, key: string, make: () => Promise<T>): Promise<T> {
  let p = ctx.memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = make();
    ctx.memo.set(key, p);
  }
  return p;
}
