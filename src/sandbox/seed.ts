// The seed file (SANDBOX_SEED=FILE): a known state the sandbox starts from, in the `Seed` format of
// openapi/sandbox-control.yaml, written as YAML or JSON. Users get fixed tokens; media come from files
// relative to the seed file's folder and are stored in the order given; `active: true` marks the active
// profile image. A saved snapshot (GET /_sandbox/state) is accepted as a seed too. Any mistake throws a
// SeedError naming the file, the field and what is allowed, and `npm start` exits 2 with it.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { components } from '../generated/sandbox-control.ts';
import { checkControl } from './control-spec.ts';
import type { MediaItem } from './domain.ts';
import { activeImageProblem, fromSnapshot, STATE_FORMAT, type StoredUser } from './snapshot.ts';
import { sniffFormat } from './sniff.ts';

export type Seed = components['schemas']['Seed'];

export class SeedError extends Error {
  override name = 'SeedError';
}

export interface SeedOptions {
  /** The public spec's AdditionalType values. */
  additionalTypes: readonly string[];
  /** Time stamp for the seeded users and media (default now). */
  now?: string;
}

/** Read and check a seed file; resolves to the users to put in the store. */
export async function loadSeed(file: string, options: SeedOptions): Promise<StoredUser[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SeedError(`SANDBOX_SEED=${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give the path of a YAML or JSON seed file.`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new SeedError(`${file} is neither YAML nor JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  return seedUsers(value, dirname(resolve(file)), { ...options, root: basename(file) });
}

/** Users from a parsed seed document whose media files are relative to `folder`. */
export async function seedUsers(value: unknown, folder: string, options: SeedOptions & { root?: string }): Promise<StoredUser[]> {
  const root = options.root ?? 'seed';
  if (typeof value === 'object' && value !== null && (value as { format?: unknown }).format === STATE_FORMAT) {
    const users = fromSnapshot(value, options.additionalTypes, root);
    if (!users.ok) throw new SeedError(users.detail);
    return users.value;
  }
  const checked = checkControl<Seed>('Seed', value, root);
  if (!checked.ok) throw new SeedError(checked.detail);
  const now = options.now ?? new Date().toISOString();
  const tokens = new Set<string>();
  const profileIds = new Set<string>();
  const users: StoredUser[] = [];
  for (const [u, user] of checked.value.users.entries()) {
    const where = `${root}.users[${u}]`;
    if (tokens.has(user.token)) throw new SeedError(`${where}.token "${user.token}" is given to two users; make tokens unique.`);
    tokens.add(user.token);
    const profileId = user.profileId ?? randomUUID();
    if (profileIds.has(profileId)) throw new SeedError(`${where}.profileId "${profileId}" is given to two users; make it unique.`);
    profileIds.add(profileId);
    const media: MediaItem[] = [];
    let active: string | undefined;
    for (const [m, entry] of (user.media ?? []).entries()) {
      const field = `${where}.media[${m}]`;
      const path = resolve(folder, entry.file);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (err) {
        throw new SeedError(
          `${field}.file "${entry.file}" cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'} at ${path}); paths are relative to the seed file's folder.`,
        );
      }
      if (bytes.length === 0) throw new SeedError(`${field}.file "${entry.file}" is empty; media must have content.`);
      if (entry.additionalType !== undefined && !options.additionalTypes.includes(entry.additionalType)) {
        throw new SeedError(`${field}.additionalType is "${entry.additionalType}"; allowed: ${options.additionalTypes.join(', ')}.`);
      }
      const identifier = entry.identifier ?? randomUUID();
      if (media.some((item) => item.identifier === identifier)) {
        throw new SeedError(`${field}.identifier "${identifier}" appears twice for this user; make it unique.`);
      }
      media.push({
        identifier,
        name: entry.name ?? basename(entry.file),
        encodingFormat: sniffFormat(bytes),
        contentSize: bytes.length,
        dateCreated: now,
        ...(entry.additionalType !== undefined ? { additionalType: entry.additionalType as MediaItem['additionalType'] } : {}),
        bytes,
      });
      if (entry.active) {
        if (active !== undefined) throw new SeedError(`${field}.active: a user has at most one active image, and ${where} already marks another; keep one.`);
        active = identifier;
        const problem = activeImageProblem(media, identifier);
        if (problem) throw new SeedError(`${field}.active is true but the item ${problem}`);
      }
    }
    users.push({
      tokens: [user.token],
      state: {
        profileId,
        identificationLevel: user.identificationLevel ?? 'Guest',
        createdDateTime: now,
        lastModified: now,
        media,
        ...(active !== undefined ? { activeImageId: active } : {}),
      },
    });
  }
  return users;
}
