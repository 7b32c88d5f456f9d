// Where the spec is: the kit's own (shipped in the package, found next to this module in src/ and in dist/
// alike) and a repository's, by the kit's layout, for the commands that default to one.
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** The kit's hand-written spec, the single source of truth. */
export const SPEC_PATH = resolve(import.meta.dirname, '../../openapi/profile-service.yaml');

/** The sandbox's control API (the /_sandbox/ routes, seeds and snapshots), kept apart from the public spec. */
export const CONTROL_SPEC_PATH = resolve(import.meta.dirname, '../../openapi/sandbox-control.yaml');

/** Where a repository keeps the spec, relative to its root (the kit's own layout). */
export const SPEC_FILE = 'openapi/profile-service.yaml';

/** The spec a command uses when none is given: the repository's own at SPEC_FILE, else the kit's published one. */
export function defaultSpecPath(cwd: string): string {
  const own = resolve(cwd, SPEC_FILE);
  return existsSync(own) ? own : SPEC_PATH;
}

/** A spec's name for messages and headers: relative to `cwd` when inside it, the kit's spec by its package name. */
export function specLabel(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel;
  return path === SPEC_PATH ? `profile-contracts/${SPEC_FILE}` : path;
}
