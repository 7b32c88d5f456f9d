// The typed client of the Profile Service's profile-image and media API: openapi-fetch over the types
// generated from openapi/profile-service.yaml, so a spec change that breaks a call breaks the build.
// It is the consumer whose needs the pacts in pacts/ record (tests/consumer), and consumer teams import it
// or copy its pattern. Every method returns what the contract promises or throws a typed error (errors.ts).
import createClient from 'openapi-fetch';
import { parse as parseContentDisposition } from 'content-disposition';
import type { components, paths } from '../generated/profile-service.ts';
import { decodeStrictBase64 } from './base64.ts';
import { problemFromResponse, UnexpectedResponseError } from './errors.ts';
import { activeProfileImageId, type Person } from './person.ts';

export * from './errors.ts';
export { activeProfileImageId, hasProfileImage, type Person } from './person.ts';
export { decodeStrictBase64, isStrictBase64 } from './base64.ts';

export type MediaObject = components['schemas']['MediaObject'];
export type TokenResponse = components['schemas']['TokenResponse'];
export type AdditionalType = components['schemas']['AdditionalType'];

export interface ProfileClientOptions {
  /** Base URL of the service, e.g. http://127.0.0.1:4010 or https://api.discover.swiss/test/profile. */
  baseUrl: string;
  /** Bearer token of the current user; every operation except createGuestToken needs one. */
  token?: string;
  /** The real service's gateway key (`Ocp-Apim-Subscription-Key`); the sandbox ignores it. */
  subscriptionKey?: string;
  /** A fetch implementation (tests, proxies); defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
}

export interface UploadOptions {
  /** The file name sent in the `file` part; the service uses it as the media name unless `name` is given. */
  filename: string;
  /**
   * The media type, sent as the `AdditionalType` query parameter. Typed as the contract's values, but any
   * string passes through so that a caller's configured value reaches the service, which answers 400 for
   * an unknown one.
   */
  additionalType?: AdditionalType | (string & {});
  /** Optional media name (the `name` part). */
  name?: string;
}

export interface DownloadedMedia {
  bytes: Uint8Array;
  /** The `Content-Type` header as sent (the media's encodingFormat, possibly with parameters). */
  contentType: string;
  /** The file name from `Content-Disposition`, when the service gave one. */
  filename?: string;
}

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** Return the data of a successful call, or throw the typed error of a failed one. */
function unwrap<T>({ data, error, response }: Outcome<T>): T {
  if (!response.ok || error !== undefined) throw problemFromResponse(response, error);
  return data as T;
}

function expectBody<T>(outcome: Outcome<T>, what: string): T {
  const data = unwrap(outcome);
  if (data === undefined || data === null) {
    throw new UnexpectedResponseError(`${what}: the service answered ${outcome.response.status} with an empty body`, outcome.response.status);
  }
  return data;
}

function decodeOrThrow(text: string, what: string, status: number): Uint8Array {
  const bytes = decodeStrictBase64(text);
  if (!bytes) {
    throw new UnexpectedResponseError(
      `${what}: the body is not standard padded Base64 (RFC 4648 section 4, no line breaks): ${JSON.stringify(text.slice(0, 80))}`,
      status,
    );
  }
  return bytes;
}

/**
 * The file name of a download (RFC 6266; `filename*` preferred), or undefined when none is given. The parser
 * is lenient by design: a garbled header yields no file name rather than failing the download of good bytes.
 */
function filenameOf(response: Response): string | undefined {
  const header = response.headers.get('content-disposition');
  return header ? parseContentDisposition(header).parameters.filename : undefined;
}

export function createProfileClient(options: ProfileClientOptions) {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.subscriptionKey !== undefined) headers['Ocp-Apim-Subscription-Key'] = options.subscriptionKey;
  const api = createClient<paths>({ baseUrl: options.baseUrl, headers, ...(options.fetch ? { fetch: options.fetch } : {}) });

  const client = {
    /** POST /token?grant_type=guest: a new guest profile and its token (no Authorization is sent). */
    async createGuestToken(): Promise<TokenResponse> {
      const outcome = await api.POST('/token', {
        params: { query: { grant_type: 'guest' } },
        // The operation is public; never leak a configured user's token to it.
        headers: { Authorization: null },
      });
      return expectBody(outcome, 'POST /token');
    },

    /** GET /me: the current user's Person. */
    async getPerson(): Promise<Person> {
      return expectBody(await api.GET('/me'), 'GET /me');
    },

    /** The identifier of the current user's active profile image, or undefined when there is none. */
    async getActiveProfileImageId(): Promise<string | undefined> {
      return activeProfileImageId(await client.getPerson());
    },

    /** GET /me/profileimage: the active image as Base64 text. Throws NotFoundError when there is none. */
    async getProfileImageBase64(): Promise<string> {
      return expectBody(await api.GET('/me/profileimage', { parseAs: 'text' }), 'GET /me/profileimage');
    },

    /** The active image's bytes, decoded from GET /me/profileimage. Throws NotFoundError when there is none. */
    async getProfileImageBytes(): Promise<Uint8Array> {
      const outcome = await api.GET('/me/profileimage', { parseAs: 'text' });
      return decodeOrThrow(expectBody(outcome, 'GET /me/profileimage'), 'GET /me/profileimage', outcome.response.status);
    },

    /** Upload `file` as the new active profile image (replace, not delete: the old one stays in listMedia). */
    async setProfileImage(file: Blob, filename: string): Promise<MediaObject> {
      return client.uploadMedia(file, { filename, additionalType: 'ProfileImage' });
    },

    /** DELETE /me/profileimage: remove the active image (no older one is promoted). */
    async deleteProfileImage(): Promise<void> {
      unwrap(await api.DELETE('/me/profileimage'));
    },

    /** GET /media: the current user's media, oldest first. */
    async listMedia(): Promise<MediaObject[]> {
      return expectBody(await api.GET('/media'), 'GET /media');
    },

    /** POST /media: upload one file as multipart/form-data with a single `file` part. */
    async uploadMedia(file: Blob, upload: UploadOptions): Promise<MediaObject> {
      const form = new FormData();
      form.append('file', file, upload.filename);
      if (upload.name !== undefined) form.append('name', upload.name);
      const outcome = await api.POST('/media', {
        params: upload.additionalType === undefined ? {} : { query: { AdditionalType: upload.additionalType as AdditionalType } },
        // The generated body type describes the parts; the wire format is the FormData built above, which
        // openapi-fetch passes through untouched (fetch sets the multipart boundary).
        body: form as unknown as components['schemas']['MediaUpload'],
      });
      return expectBody(outcome, 'POST /media');
    },

    /** GET /media/{identifier}. Throws NotFoundError for unknown ids and for other users' media alike. */
    async getMedia(identifier: string): Promise<MediaObject> {
      return expectBody(await api.GET('/media/{identifier}', { params: { path: { identifier } } }), 'GET /media/{identifier}');
    },

    /** GET /media/{identifier}/base64: the media's bytes as Base64 text. */
    async getMediaBase64(identifier: string): Promise<string> {
      const outcome = await api.GET('/media/{identifier}/base64', { params: { path: { identifier } }, parseAs: 'text' });
      return expectBody(outcome, 'GET /media/{identifier}/base64');
    },

    /** GET /media/{identifier}/download: the exact bytes, their content type and the file name. */
    async downloadMedia(identifier: string): Promise<DownloadedMedia> {
      const outcome = await api.GET('/media/{identifier}/download', {
        params: { path: { identifier } },
        parseAs: 'arrayBuffer',
      });
      const { response } = outcome;
      const data = unwrap(outcome) as ArrayBuffer | undefined;
      const contentType = response.headers.get('content-type');
      if (!contentType) {
        throw new UnexpectedResponseError('GET /media/{identifier}/download: the answer has no Content-Type header', response.status);
      }
      const filename = filenameOf(response);
      return {
        bytes: new Uint8Array(data ?? new ArrayBuffer(0)),
        contentType,
        ...(filename !== undefined ? { filename } : {}),
      };
    },

    /** DELETE /media/{identifier}. Deleting the active profile image clears it (nothing is promoted). */
    async deleteMedia(identifier: string): Promise<void> {
      unwrap(await api.DELETE('/media/{identifier}', { params: { path: { identifier } } }));
    },
  };
  return client;
}

export type ProfileClient = ReturnType<typeof createProfileClient>;
