// The sandbox's domain rules (docs/contract.md §2–§6) as plain functions over one user's state, apart from HTTP:
// each transition takes the current state and returns the new state plus the Profile Notifications it emits
// (or a rejection from the error catalogue, leaving the state untouched). Nothing here does I/O, reads the
// clock or makes identifiers: callers pass `now` and the new identifiers in, so the rules are deterministic
// and can be checked against a model without a socket.
//
// `defaultRules` gathers them into one object of type `Rules`: the HTTP adapter calls every rule through the
// rule set it was given (createSandbox's `rules` option replaces some), so another rule set changes what the
// sandbox does without a branch in this file.
import type { components } from '../generated/profile-service.ts';
import type { ProblemCode } from './errors.ts';
import { details } from './errors.ts';
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

/** The Person exactly as GET /me shows it: `profileImage` only when an image is active (never "" or null). */
export function personView(state: UserState): Person {
  const person: Person = {
    profileId: state.profileId,
    identificationLevel: state.identificationLevel,
    createdDateTime: state.createdDateTime,
    lastModified: state.lastModified,
  };
  if (state.activeImageId !== undefined) person.profileImage = state.activeImageId;
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

function personNotification(state: UserState, eventTrigger: NotificationProperties['eventTrigger']): NotificationDraft {
  return {
    properties: { entityName: 'Person', eventTrigger, profileId: state.profileId, identifier: state.profileId },
    body: personView(state),
  };
}

/** A new guest profile; emits a Person Create. */
export function createGuest(input: { profileId: string; now: string }): Outcome<Person> {
  const state: UserState = {
    profileId: input.profileId,
    identificationLevel: 'Guest',
    createdDateTime: input.now,
    lastModified: input.now,
    media: [],
  };
  return { ok: true, state, notifications: [personNotification(state, 'Create')], value: personView(state) };
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
export function upload(state: UserState, input: UploadInput): Outcome<MediaItem> {
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
  const media = [...state.media, item];
  if (!isProfileImage) return { ok: true, state: { ...state, media }, notifications: [], value: item };
  const next: UserState = { ...state, media, activeImageId: item.identifier, lastModified: input.now };
  return { ok: true, state: next, notifications: [personNotification(next, 'Update')], value: item };
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
): Outcome<MediaItem> {
  const item = findMedia(state, identifier);
  if (!item) {
    return via === 'profileimage'
      ? { ok: false, code: 'no-profile-image', detail: details.noProfileImage() }
      : { ok: false, code: 'media-not-found', detail: details.mediaNotFound(identifier) };
  }
  const wasActive = state.activeImageId === identifier;
  const media = state.media.filter((m) => m.identifier !== identifier);
  if (!wasActive) return { ok: true, state: { ...state, media }, notifications: [], value: item };
  const { activeImageId: _dropped, ...rest } = state;
  const next: UserState = { ...rest, media, lastModified: now };
  return { ok: true, state: next, notifications: [personNotification(next, 'Update')], value: item };
}

/** DELETE /me/profileimage: delete the active image's media item; 404 when there is none. */
export function deleteProfileImage(state: UserState, now: string): Outcome<MediaItem> {
  if (state.activeImageId === undefined) {
    return { ok: false, code: 'no-profile-image', detail: details.noProfileImage() };
  }
  return removeMedia(state, state.activeImageId, now, 'profileimage');
}

/** DELETE /media/{identifier}: delete one item; the active image this way has the same effects as above. */
export function deleteMedia(state: UserState, identifier: string, now: string): Outcome<MediaItem> {
  return removeMedia(state, identifier, now, 'media');
}

/**
 * The rule set the HTTP adapter runs: every transition and every view it needs. createSandbox's `rules`
 * option replaces members (wrapping these defaults, say), so a rule can be swapped without editing this file.
 */
export interface Rules {
  createGuest: typeof createGuest;
  upload: typeof upload;
  deleteProfileImage: typeof deleteProfileImage;
  deleteMedia: typeof deleteMedia;
  /**
   * GET /me's body. The transitions above build their notification bodies with the default view, so an
   * override that should show in notifications too replaces the transitions as well.
   */
  personView: typeof personView;
  /** The MediaObject of POST /media, GET /media and GET /media/{identifier}. */
  mediaView: typeof mediaView;
  /** The caller's media item behind GET /media/{identifier}, …/base64 and …/download. */
  findMedia: typeof findMedia;
  /** The image behind GET /me/profileimage. */
  activeImage: typeof activeImage;
}

export const defaultRules: Readonly<Rules> = Object.freeze({
  createGuest,
  upload,
  deleteProfileImage,
  deleteMedia,
  personView,
  mediaView,
  findMedia,
  activeImage,
});
