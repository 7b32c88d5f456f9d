// A seed document: a known state to start from, in the `Seed` format of openapi/sandbox-control.yaml, turned
// into the users a store restores. One implementation for the sandbox's SANDBOX_SEED file (seed.ts reads the
// file and its media files, then hands over here) and the MSW handlers' `seed` option, in Node and in browsers:
// nothing here reads files or uses Buffer. Users get fixed tokens; each media item gives its bytes as a `file`
// (read by the caller, `readFile`), inline as `base64`, or (an object in JavaScript) as `bytes`; items are
// stored in the order given and `active: true` marks the active profile image. A saved snapshot
// (GET /_sandbox/state) is accepted as a seed too. Any mistake throws a SeedError naming the field and what
// is allowed, in the words the sandbox's exit-2 message uses.
import type { components } from '../generated/sandbox-control.ts';
import { fromBase64 } from './base64.ts';
import { checkControl } from './control-spec.ts';
import type { MediaItem } from './domain.ts';
import { activeImageProblem, BAD_BASE64, fromSnapshot, STATE_FORMAT, type StoredUser } from './snapshot.ts';
import { sniffFormat } from './sniff.ts';

export type Seed = components['schemas']['Seed'];
export type SeedMedia = components['schemas']['SeedMedia'];

/** Binary bytes a seed given as a JavaScript object may hold in a media item's `bytes`. */
export type InlineBytes = Uint8Array | ArrayBuffer;

type SeedUser = Seed['users'][number];

/**
 * A seed as a JavaScript object: the `Seed` format as written (fields with a default may be left out), where a
 * media item may also hold its bytes as `bytes`.
 */
export interface SeedInput {
  users: (Omit<SeedUser, 'media' | 'identificationLevel'> & {
    identificationLevel?: SeedUser['identificationLevel'];
    media?: (Omit<SeedMedia, 'active'> & { active?: boolean; bytes?: InlineBytes })[];
  })[];
}

export class SeedError extends Error {
  override name = 'SeedError';
}

export interface SeedOptions {
  /** The public spec's AdditionalType values. */
  additionalTypes: readonly string[];
  /** Time stamp for the seeded users and media (default now). */
  now?: string;
  /** What field names in messages start with (default `seed`; the sandbox gives the seed file's name). */
  root?: string;
  /**
   * The bytes of a media item's `file` and the name it defaults to; throws a SeedError naming `field` when
   * the file cannot be read. Without it (the MSW handlers: a browser has no files) `file` is refused.
   */
  readFile?: (file: string, field: string) => { bytes: Uint8Array; name: string };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The document without the `bytes` of its media items (which no schema can describe), and those bytes by
 * `user/item` index. A `bytes` that is not binary stays, so that the schema check names it.
 */
function takeInlineBytes(value: unknown, root: string): { document: unknown; inline: Map<string, Uint8Array> } {
  const inline = new Map<string, Uint8Array>();
  if (!isRecord(value) || !Array.isArray(value.users)) return { document: value, inline };
  const users = value.users.map((user: unknown, u) => {
    if (!isRecord(user) || !Array.isArray(user.media)) return user;
    const media = user.media.map((item: unknown, m) => {
      if (!isRecord(item) || !('bytes' in item)) return item;
      const { bytes, ...rest } = item;
      if (bytes instanceof Uint8Array) inline.set(`${u}/${m}`, bytes);
      else if (bytes instanceof ArrayBuffer) inline.set(`${u}/${m}`, new Uint8Array(bytes));
      else if (typeof Blob === 'function' && bytes instanceof Blob) {
        throw new SeedError(
          `${root}.users[${u}].media[${m}].bytes is a Blob, which cannot be read at once; pass new Uint8Array(await blob.arrayBuffer()).`,
        );
      } else return item;
      return rest;
    });
    return { ...user, media };
  });
  return { document: { ...value, users }, inline };
}

/** Read and check a seed document (or a saved snapshot); returns the users to put in the store. */
export function seedUsers(value: unknown, options: SeedOptions): StoredUser[] {
  const root = options.root ?? 'seed';
  if (isRecord(value) && value.format === STATE_FORMAT) {
    const users = fromSnapshot(value, options.additionalTypes, root);
    if (!users.ok) throw new SeedError(users.detail);
    return users.value;
  }
  const { document, inline } = takeInlineBytes(value, root);
  const checked = checkControl<Seed>('Seed', document, root);
  if (!checked.ok) throw new SeedError(checked.detail);
  const now = options.now ?? new Date().toISOString();
  const newId = (): string => globalThis.crypto.randomUUID();
  const tokens = new Set<string>();
  const profileIds = new Set<string>();
  const users: StoredUser[] = [];
  for (const [u, user] of checked.value.users.entries()) {
    const where = `${root}.users[${u}]`;
    if (tokens.has(user.token)) throw new SeedError(`${where}.token "${user.token}" is given to two users; make tokens unique.`);
    tokens.add(user.token);
    const profileId = user.profileId ?? newId();
    if (profileIds.has(profileId)) throw new SeedError(`${where}.profileId "${profileId}" is given to two users; make it unique.`);
    profileIds.add(profileId);
    const media: MediaItem[] = [];
    let active: string | undefined;
    for (const [m, entry] of (user.media ?? []).entries()) {
      const field = `${where}.media[${m}]`;
      const { bytes, name } = mediaBytes(entry, inline.get(`${u}/${m}`), field, options);
      if (entry.additionalType !== undefined && !options.additionalTypes.includes(entry.additionalType)) {
        throw new SeedError(`${field}.additionalType is "${entry.additionalType}"; allowed: ${options.additionalTypes.join(', ')}.`);
      }
      const identifier = entry.identifier ?? newId();
      if (media.some((item) => item.identifier === identifier)) {
        throw new SeedError(`${field}.identifier "${identifier}" appears twice for this user; make it unique.`);
      }
      media.push({
        identifier,
        name,
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

/** A media item's bytes from the one place it gives them, and its name. */
function mediaBytes(entry: SeedMedia, inline: Uint8Array | undefined, field: string, options: SeedOptions): { bytes: Uint8Array; name: string } {
  const given = [entry.file !== undefined && 'file', entry.base64 !== undefined && 'base64', inline !== undefined && 'bytes'].filter(Boolean);
  if (given.length === 0) {
    throw new SeedError(`${field} has none of "file", "base64"; give its bytes as one (file: a path relative to the seed file's folder; base64: the bytes inline).`);
  }
  if (given.length > 1) throw new SeedError(`${field} has both "${given[0]}" and "${given[1]}"; give its bytes once.`);
  if (entry.file !== undefined) {
    if (!options.readFile) {
      throw new SeedError(`${field}.file "${entry.file}" cannot be read: there are no files here; give the bytes inline as base64 (or as bytes, a Uint8Array).`);
    }
    const read = options.readFile(entry.file, field);
    if (read.bytes.length === 0) throw new SeedError(`${field}.file "${entry.file}" is empty; media must have content.`);
    return { bytes: read.bytes, name: entry.name ?? read.name };
  }
  const bytes = inline ?? fromBase64(entry.base64!);
  if (!bytes || bytes.length === 0) {
    throw new SeedError(inline ? `${field}.bytes is empty; media must have content.` : `${field}.base64 ${BAD_BASE64}`);
  }
  if (entry.name === undefined) throw new SeedError(`${field} gives its bytes inline, so it needs a "name" (e.g. photo.png); add it.`);
  return { bytes, name: entry.name };
}
