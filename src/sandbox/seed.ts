// The seed file (SANDBOX_SEED=FILE): a known state the sandbox starts from, in the `Seed` format of
// openapi/sandbox-control.yaml, written as YAML or JSON. This module only reads: the file, and the media files
// it names (relative to the seed file's folder); everything else (the checks, inline `base64` bytes, a saved
// snapshot as a seed, the users it makes) is seed-document.ts, which the MSW handlers share. Any mistake throws
// a SeedError naming the file, the field and what is allowed, and `npm start` exits 2 with it.
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { SeedError, seedUsers, type SeedOptions } from './seed-document.ts';
import type { StoredUser } from './snapshot.ts';

export { SeedError, seedUsers, type Seed } from './seed-document.ts';

const errorCode = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** The `file` of every media item, as written, in a document not yet checked (the check comes after). */
function mediaFiles(value: unknown): string[] {
  const users = (value as { users?: unknown } | null)?.users;
  if (!Array.isArray(users)) return [];
  return users.flatMap((user: { media?: unknown } | null) =>
    Array.isArray(user?.media) ? user.media.map((item: { file?: unknown } | null) => item?.file).filter((f): f is string => typeof f === 'string') : [],
  );
}

/** Read and check a seed file; resolves to the users to put in the store. */
export async function loadSeed(file: string, options: Omit<SeedOptions, 'root' | 'readFile'>): Promise<StoredUser[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SeedError(`SANDBOX_SEED=${file} cannot be read (${errorCode(err)}); give the path of a YAML or JSON seed file.`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new SeedError(`${file} is neither YAML nor JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const folder = dirname(resolve(file));
  const files = new Map<string, Uint8Array | { failed: string }>();
  for (const path of new Set(mediaFiles(value))) {
    files.set(path, await readFile(resolve(folder, path)).catch((err: unknown) => ({ failed: errorCode(err) })));
  }
  return seedUsers(value, {
    ...options,
    root: basename(file),
    readFile: (path, field) => {
      const read = files.get(path)!;
      if (!(read instanceof Uint8Array)) {
        throw new SeedError(`${field}.file "${path}" cannot be read (${read.failed} at ${resolve(folder, path)}); paths are relative to the seed file's folder.`);
      }
      return { bytes: read, name: basename(path) };
    },
  });
}
