// Saved sandbox state: the snapshot that GET /_sandbox/state writes and PUT /_sandbox/state (or SANDBOX_SEED)
// reads back, in the `SandboxState` format of openapi/sandbox-control.yaml, media bytes as standard Base64.
// Plain functions over the store's contents (`StoredUser[]`), so every store and adapter shares them. Reading
// a snapshot checks more than its schema: the bytes must be exact Base64 and agree with `contentSize` and
// `encodingFormat`, `activeImage` must name one of the user's ProfileImages that is an image, and no token,
// profileId or (per user) media identifier may appear twice; any failure names the field. Nothing node-only:
// the MSW handlers save and restore with these same functions in a browser, so one snapshot serves both.
import type { components } from '../generated/sandbox-control.ts';
import { fromBase64, toBase64 } from './base64.ts';
import { checkControl, type Checked } from './control-spec.ts';
import type { MediaItem, UserState } from './domain.ts';
import { checkStoreBytes, type Refusal } from './limits.ts';
import { isImageFormat, sniffFormat } from './sniff.ts';

export type SandboxState = components['schemas']['SandboxState'];
export type StateUser = components['schemas']['StateUser'];

export const STATE_FORMAT = 'profile-contracts/sandbox-state';

/** A snapshot that cannot be restored; the message names the field and what is allowed (as PUT /_sandbox/state's 400). */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** What a store holds about one user: the domain state and the bearer tokens that act as that user. */
export interface StoredUser {
  state: UserState;
  tokens: string[];
}

/** The snapshot document of a store's users (oldest first). */
export function toSnapshot(users: readonly StoredUser[]): SandboxState {
  return {
    format: STATE_FORMAT,
    version: 1,
    users: users.map(({ state, tokens }) => ({
      profileId: state.profileId,
      tokens: [...tokens],
      identificationLevel: state.identificationLevel,
      createdDateTime: state.createdDateTime,
      lastModified: state.lastModified,
      ...(state.activeImageId !== undefined ? { activeImage: state.activeImageId } : {}),
      media: state.media.map((item) => ({
        identifier: item.identifier,
        name: item.name,
        encodingFormat: item.encodingFormat,
        contentSize: item.contentSize,
        dateCreated: item.dateCreated,
        ...(item.additionalType !== undefined ? { additionalType: item.additionalType } : {}),
        base64: toBase64(item.bytes),
      })),
    })),
  };
}

/** The sentence for a `base64` field that is not what it must be (snapshots and seeds alike). */
export const BAD_BASE64 = 'is not non-empty standard Base64 (RFC 4648 §4, padded, no line breaks).';

/**
 * Parse a snapshot document into the users a store restores. `additionalTypes` are the public spec's
 * AdditionalType values; `root` prefixes field names in messages (e.g. the seed file's name).
 */
export function fromSnapshot(value: unknown, additionalTypes: readonly string[], root = ''): Checked<StoredUser[]> {
  const checked = checkControl<SandboxState>('SandboxState', value, root);
  if (!checked.ok) return checked;
  const at = (path: string) => (root ? `${root}${path.startsWith('[') ? '' : '.'}${path}` : path);
  const fail = (detail: string): Checked<StoredUser[]> => ({ ok: false, detail });
  const profileIds = new Set<string>();
  const tokens = new Set<string>();
  const users: StoredUser[] = [];
  for (const [u, user] of checked.value.users.entries()) {
    const where = at(`users[${u}]`);
    if (profileIds.has(user.profileId)) return fail(`${where}.profileId "${user.profileId}" is given to two users; make it unique.`);
    profileIds.add(user.profileId);
    for (const token of user.tokens) {
      if (tokens.has(token)) return fail(`${where}.tokens has "${token}", a token another user (or this one) already has; make tokens unique.`);
      tokens.add(token);
    }
    const media: MediaItem[] = [];
    const identifiers = new Set<string>();
    for (const [m, item] of user.media.entries()) {
      const field = `${where}.media[${m}]`;
      if (identifiers.has(item.identifier)) return fail(`${field}.identifier "${item.identifier}" appears twice for this user; make it unique.`);
      identifiers.add(item.identifier);
      const bytes = fromBase64(item.base64);
      if (!bytes || bytes.length === 0) return fail(`${field}.base64 ${BAD_BASE64}`);
      if (bytes.length !== item.contentSize) {
        return fail(`${field}.contentSize is ${item.contentSize} but base64 holds ${bytes.length} bytes; make them agree.`);
      }
      const format = sniffFormat(bytes);
      if (item.encodingFormat !== format) {
        return fail(`${field}.encodingFormat is "${item.encodingFormat}" but the bytes are ${format}; give "${format}".`);
      }
      if (item.additionalType !== undefined && !additionalTypes.includes(item.additionalType)) {
        return fail(`${field}.additionalType is "${item.additionalType}"; allowed: ${additionalTypes.join(', ')}.`);
      }
      media.push({
        identifier: item.identifier,
        name: item.name,
        encodingFormat: format,
        contentSize: bytes.length,
        dateCreated: item.dateCreated,
        ...(item.additionalType !== undefined ? { additionalType: item.additionalType as MediaItem['additionalType'] } : {}),
        bytes,
      });
    }
    const problem = activeImageProblem(media, user.activeImage);
    if (problem) return fail(`${where}.activeImage ${problem}`);
    users.push({
      tokens: [...user.tokens],
      state: {
        profileId: user.profileId,
        identificationLevel: user.identificationLevel,
        createdDateTime: user.createdDateTime,
        lastModified: user.lastModified,
        media,
        ...(user.activeImage !== undefined ? { activeImageId: user.activeImage } : {}),
      },
    });
  }
  return { ok: true, value: users };
}

/** Why `identifier` cannot be the active image among `media` (a sentence ending in how to fix it), or undefined. */
export function activeImageProblem(media: readonly MediaItem[], identifier: string | undefined): string | undefined {
  if (identifier === undefined) return undefined;
  const item = media.find((m) => m.identifier === identifier);
  if (!item) return `is "${identifier}", which is none of this user's media; name one of their ProfileImage items.`;
  if (item.additionalType !== 'ProfileImage' || !isImageFormat(item.encodingFormat)) {
    return `is "${identifier}", which is not a ProfileImage that is a JPEG, PNG, GIF or WebP image; only such an item can be active.`;
  }
  return undefined;
}

/** Bytes of media in all the users. */
export function totalBytes(users: readonly StoredUser[]): number {
  let n = 0;
  for (const { state } of users) for (const item of state.media) n += item.contentSize;
  return n;
}

/** Why `users` cannot replace a store's contents under its cap (a seed or a restored snapshot), if they cannot. */
export function checkReplacementFits(users: readonly StoredUser[], maxStoreBytes: number): Refusal | undefined {
  return checkStoreBytes(0, totalBytes(users), maxStoreBytes);
}
