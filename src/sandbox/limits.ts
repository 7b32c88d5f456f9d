// The sandbox's limits (docs/contract.md §9), as data plus plain checks shared by the sandbox and the MSW handlers.
// Each has a default sized for a laptop and an environment variable of `npm start` (README, "Environment"):
//   MAX_NAME_LENGTH      255 characters for the `name` part (a longer one overflows the Content-Disposition
//                        header limits of common HTTP clients on download);
//   MAX_FILENAME_LENGTH  255 characters for the file part's filename (most file systems' limit);
//   MAX_MEDIA_PER_USER   1000 media items per user;
//   MAX_STORE_BYTES      512 MiB of media bytes in all users together.
// A name over its cap is a 400 naming the cap; a full user or store is a 507 saying how to make room; in
// every case nothing is stored and nothing already stored changes.
import type { MediaItem, UserState } from './domain.ts';
import { details, type ProblemCode } from './errors.ts';
import { characterCount } from './names.ts';

export interface Limits {
  maxNameLength: number;
  maxFilenameLength: number;
  maxMediaPerUser: number;
  maxStoreBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxNameLength: 255,
  maxFilenameLength: 255,
  maxMediaPerUser: 1000,
  maxStoreBytes: 512 * 1024 * 1024,
};

/** The environment variable of each limit. */
export const LIMIT_VARIABLES: Readonly<Record<keyof Limits, string>> = {
  maxNameLength: 'MAX_NAME_LENGTH',
  maxFilenameLength: 'MAX_FILENAME_LENGTH',
  maxMediaPerUser: 'MAX_MEDIA_PER_USER',
  maxStoreBytes: 'MAX_STORE_BYTES',
};

export interface Refusal {
  code: ProblemCode;
  detail: string;
}

/** Fill in defaults and refuse anything that is not a positive whole number. */
export function resolveLimits(given: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`limits.${key} must be a positive whole number, got ${String(value)}`);
    }
  }
  return limits;
}

/** The `name` part and the file part's filename (both as they will be stored) against their caps. */
export function checkNames(input: { filename: string; name?: string }, limits: Limits): Refusal | undefined {
  const filenameLength = characterCount(input.filename);
  if (filenameLength > limits.maxFilenameLength) {
    return { code: 'name-too-long', detail: details.nameTooLong('filename', filenameLength, limits.maxFilenameLength) };
  }
  if (input.name !== undefined) {
    const nameLength = characterCount(input.name);
    if (nameLength > limits.maxNameLength) {
      return { code: 'name-too-long', detail: details.nameTooLong('name', nameLength, limits.maxNameLength) };
    }
  }
  return undefined;
}

/** One more media item for this user against the per-user cap. */
export function checkMediaCount(state: UserState, limits: Limits): Refusal | undefined {
  return state.media.length >= limits.maxMediaPerUser
    ? { code: 'too-many-media', detail: details.tooManyMedia(limits.maxMediaPerUser) }
    : undefined;
}

/** Bytes of one user's media. */
export function userBytes(state: UserState): number {
  let n = 0;
  for (const item of state.media as readonly MediaItem[]) n += item.contentSize;
  return n;
}

/**
 * Whether a change that takes the store from `stored` bytes by `delta` bytes may be committed: growing past
 * the cap is refused; shrinking always passes (so media can be deleted even when a restore left the store over
 * a cap lowered since).
 */
export function checkStoreBytes(stored: number, delta: number, maxStoreBytes: number): Refusal | undefined {
  return delta > 0 && stored + delta > maxStoreBytes
    ? { code: 'store-full', detail: details.storeFull(stored, delta, maxStoreBytes) }
    : undefined;
}
