// What every step needs to know about the run: which repository, which spec, which pacts, which base, where to
// put temporary files. Steps receive this instead of reading globals or the kit's own layout, so the gate runs
// in any repository (and the tests run it on copies of this one).
import { relative } from 'node:path';
import { specLabel } from '../spec/paths.ts';

export interface CheckContext {
  /** The repository being checked: git runs here, and relative paths in reports are relative to it. */
  root: string;
  /** The spec being checked, absolute. */
  specPath: string;
  /** The pact files, absolute. */
  pactDir: string;
  /** The committed generated types, absolute. */
  typesPath: string;
  /** Intended breaking changes, with reasons (next to the spec). */
  acceptPath: string;
  /** The git ref step "breaking" compares with, when given (--base); otherwise base.ts chooses. */
  base?: string;
  /** What step "breaking" compared with what, once it knows (for the report). */
  comparison?: { base: string; how: string };
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

/** A path as reports show it: relative to the repository, or the kit's spec by its package name. */
export function rel(ctx: CheckContext, path: string): string {
  if (path === ctx.specPath) return specLabel(ctx.root, path);
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
