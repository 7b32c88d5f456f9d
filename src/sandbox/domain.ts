// The sandbox's domain rules (CONTRACT.md §2–§6) as plain functions over one user's state, apart from HTTP:
// each transition takes the current state and returns the new state plus the Profile Notifications it emits
// (or a rejection from the error catalogue, leaving the state untouched). Nothing here does I/O, reads the
// clock or makes identifiers: callers pass `now` and the new identifiers in, so the rules are deterministic
// and can be checked against a model without a socket.
//
// The deliberate faults of the mutation self-test (faults.ts) that break a domain rule are applied here, at
// the one place the rule lives, so that a faulty sandbox differs from the real one only where the fault says.
import type { components } from '../generated/profile-service.ts';
import type { ProblemCode } from './errors.ts';
import { details } from './errors.ts';
import type { FaultName } from './faults.ts';
import { isImageFormat } from './sniff.ts';

export type Person = components['schemas']['Person'];
export type MediaObject = components['schemas']['MediaObject'];
export type AdditionalType = components['schemas']['AdditionalType'];
export type NotificationProperties = components['schemas']['ProfileNotificationProperties'];

/** A stored media item: the public MediaObject fields plus its bytes. */
export interface MediaItem {
  readonly identifier: string;
  readonly name: string;
  readonly encodingFormat: string;
  readonly contentSize: number;
  readonly dateCreated: string;
  readonly additionalType?: AdditionalType;
  readonly bytes: Uint8Array;
}

/** Everything the sandbox knows about one user. Immutable: transitions return a new object. */
export interface UserState {
  readonly profileId: string;
  readonly identificationLevel: Person['identificationLevel'];
  readonly createdDateTime: string;
  readonly lastModified: string;
  /** Oldest first, as GET /media lists them. */
  readonly media: readonly MediaItem[];
  /** The identifier of the active profile image, if there is one. */
  readonly activeImageId?: string;
}

/** A Profile Notification before the notifier gives it its messageId. */
export interface NotificationDraft {
  properties: Omit<NotificationProperties, 'messageId'>;
  body: Person;
}

export type Outcome<T> =
  | { ok: true; state: UserState; notifications: NotificationDraft[]; value: T }
  | { ok: false; code: ProblemCode; detail: string };

export interface RuleOptions {
  faults?: ReadonlySet<FaultName>;
}

const has = (opts: RuleOptions | undefined, fault: FaultName): boolean => opts?.faults?.has(fault) ?? false;

/** The Person exactly as GET /me shows it: `profileImage` only when an image is active (never "" or null). */
export function personView(state: UserState, opts?: RuleOptions): Person {
  const person: Person = {
    profileId: state.profileId,
    identificationLevel: state.identificationLevel,
    createdDateTime: state.createdDateTime,
    lastModified: state.lastModified,
  };
  if (state.activeImageId !== undefined) person.profileImage = state.activeImageId;
  else if (has(opts, 'profile-image-null')) (person as Record<string, unknown>).profileImage = null;
  return person;
}

export function mediaView(item: MediaItem): MediaObject {
  const view: MediaObject = {
    identifier: item.identifier,
    name: item.name,
    encodingFormat: item.encodingFormat,
    contentSize: item.contentSize,
    dateCreated: item.dateCreated,
  };
  if (item.additionalType !== undefined) view.additionalType = item.additionalType;
  view.contentUrl = `/media/${encodeURIComponent(item.identifier)}/download`;
  return view;
}

export function findMedia(state: UserState, identifier: string): MediaItem | undefined {
  return state.media.find((m) => m.identifier === identifier);
}

export function activeImage(state: UserState): MediaItem | undefined {
  return state.activeImageId === undefined ? undefined : findMedia(state, state.activeImageId);
}

function personNotification(
  state: UserState,
  eventTrigger: NotificationProperties['eventTrigger'],
  opts?: RuleOptions,
): NotificationDraft {
  return {
    properties: { entityName: 'Person', eventTrigger, profileId: state.profileId, identifier: state.profileId },
    body: personView(state, opts),
  };
}

/** A new guest profile; emits a Person Create. */
export function createGuest(
  input: { profileId: string; now: string },
  opts?: RuleOptions,
): Outcome<Person> {
  const state: UserState = {
    profileId: input.profileId,
    identificationLevel: 'Guest',
    createdDateTime: input.now,
    lastModified: input.now,
    media: [],
  };
  return { ok: true, state, notifications: [personNotification(state, 'Create', opts)], value: personView(state, opts) };
}

export interface UploadInput {
  identifier: string;
  name: string;
  bytes: Uint8Array;
  /** Sniffed from the bytes (sniff.ts), never the client's declared type. */
  encodingFormat: string;
  additionalType?: AdditionalType;
  now: string;
}

/**
 * Store one uploaded file. A ProfileImage must be an image and becomes the active profile image at once;
 * the previously active image stays listed (replace, not delete) and one Person Update is emitted. Any
 * other type never touches the active image and emits nothing.
 */
export function upload(state: UserState, input: UploadInput, opts?: RuleOptions): Outcome<MediaItem> {
  if (input.bytes.length === 0) return { ok: false, code: 'empty-file', detail: details.emptyFile() };
  const isProfileImage = input.additionalType === 'ProfileImage';
  if (isProfileImage && !isImageFormat(input.encodingFormat)) {
    return { ok: false, code: 'not-an-image', detail: details.notAnImage() };
  }
  const item: MediaItem = {
    identifier: input.identifier,
    name: input.name,
    encodingFormat: input.encodingFormat,
    contentSize: input.bytes.length,
    dateCreated: input.now,
    ...(input.additionalType !== undefined ? { additionalType: input.additionalType } : {}),
    bytes: input.bytes,
  };
  const becomesActive = isProfileImage || has(opts, 'other-media-replaces-profile-image');
  if (!becomesActive) {
    return { ok: true, state: { ...state, media: [...state.media, item] }, notifications: [], value: item };
  }

  const previous = state.activeImageId;
  let media = [...state.media, item];
  if (previous !== undefined && has(opts, 'replace-deletes-old')) media = media.filter((m) => m.identifier !== previous);
  const keepOld = previous !== undefined && has(opts, 'new-image-not-active');
  const next: UserState = {
    ...state,
    media,
    activeImageId: keepOld ? previous : item.identifier,
    lastModified: input.now,
  };
  const suppressed = previous !== undefined && has(opts, 'missing-notification');
  const notifications = suppressed
    ? []
    : [personNotification(has(opts, 'stale-notification') ? state : next, 'Update', opts)];
  return { ok: true, state: next, notifications, value: item };
}

/**
 * Remove one media item. When it is the active profile image, the user has no active image afterwards (no
 * older image is promoted) and one Person Update is emitted; any other item changes nothing else.
 * `via` tells which operation asked, because DELETE /me/profileimage answers 404 "no profile image" while
 * DELETE /media/{identifier} answers 404 "media not found".
 */
function removeMedia(
  state: UserState,
  identifier: string,
  now: string,
  via: 'profileimage' | 'media',
  opts?: RuleOptions,
): Outcome<MediaItem> {
  const item = findMedia(state, identifier);
  if (!item) {
    return via === 'profileimage'
      ? { ok: false, code: 'no-profile-image', detail: details.noProfileImage() }
      : { ok: false, code: 'media-not-found', detail: details.mediaNotFound(identifier) };
  }
  const wasActive = state.activeImageId === identifier;
  const keepMedia = via === 'profileimage' && has(opts, 'delete-keeps-media');
  const media = keepMedia ? state.media : state.media.filter((m) => m.identifier !== identifier);
  if (!wasActive) return { ok: true, state: { ...state, media }, notifications: [], value: item };

  let activeImageId: string | undefined;
  if (has(opts, 'profile-image-kept-after-delete')) activeImageId = identifier;
  else if (has(opts, 'promote-older-on-delete')) {
    activeImageId = media.findLast((m) => m.additionalType === 'ProfileImage')?.identifier;
  }
  const { activeImageId: _dropped, ...rest } = state;
  const next: UserState = {
    ...rest,
    media,
    lastModified: now,
    ...(activeImageId !== undefined ? { activeImageId } : {}),
  };
  const notifications = [personNotification(has(opts, 'stale-notification') ? state : next, 'Update', opts)];
  return { ok: true, state: next, notifications, value: item };
}

/** DELETE /me/profileimage: delete the active image's media item; 404 when there is none. */
export function deleteProfileImage(state: UserState, now: string, opts?: RuleOptions): Outcome<MediaItem> {
  if (state.activeImageId === undefined) {
    return { ok: false, code: 'no-profile-image', detail: details.noProfileImage() };
  }
  return removeMedia(state, state.activeImageId, now, 'profileimage', opts);
}

/** DELETE /media/{identifier}: delete one item; the active image this way has the same effects as above. */
export function deleteMedia(state: UserState, identifier: string, now: string, opts?: RuleOptions): Outcome<MediaItem> {
  return removeMedia(state, identifier, now, 'media', opts);
}
