// Shared set-up of the consumer pact tests: the two pacts' names and folder, the recorded Authorization
// matcher, and small helpers. Each *.pact.test.ts file records the interactions of one resource.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { createProfileClient, type ProfileClient } from '../../src/client/index.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Where pact files go: `$PACT_DIR` (so the drift gate can regenerate into a temp folder) or pacts/. */
export const PACT_DIR = resolve(ROOT, process.env.PACT_DIR ?? 'pacts');

export const HTTP_CONSUMER = 'ProfileImageClient';
export const HTTP_PROVIDER = 'ProfileService';
export const MESSAGE_CONSUMER = 'ProfileNotificationSubscriber';
export const MESSAGE_PROVIDER = 'ProfileServiceNotifications';

export function httpPact(): PactV4 {
  return new PactV4({ consumer: HTTP_CONSUMER, provider: HTTP_PROVIDER, dir: PACT_DIR, logLevel: 'warn' });
}

export function messagePact(): PactV4 {
  return new PactV4({ consumer: MESSAGE_CONSUMER, provider: MESSAGE_PROVIDER, dir: PACT_DIR, logLevel: 'warn' });
}

/** The token the consumer tests send; the verifier replaces the whole header with a state's fresh guest token. */
export const TEST_TOKEN = 'consumer-test-token';

/** Recorded as a regex so the verifier's request filter may substitute any real token. */
export const AUTHORIZATION = { Authorization: MatchersV3.regex('^Bearer .+', `Bearer ${TEST_TOKEN}`) };

/** A client for the Pact mock server, acting as a signed-in user. */
export function signedInClient(baseUrl: string): ProfileClient {
  return createProfileClient({ baseUrl, token: TEST_TOKEN });
}

/** A client without a token: requests go out with no Authorization header (the 401 paths). */
export function anonymousClient(baseUrl: string): ProfileClient {
  return createProfileClient({ baseUrl });
}

/** Problem+json bodies: the client reads these four fields; only their types are part of the contract. */
export function problemBody(status: number, example: { type: string; title: string; detail: string }) {
  const { like, integer } = MatchersV3;
  return {
    type: like(example.type),
    title: like(example.title),
    status: integer(status),
    detail: like(example.detail),
  };
}

/**
 * Recorded exactly, without a regex: the Pact verifier compares Content-Type media-type-aware (so
 * `application/problem+json; charset=utf-8` passes), while a regex on a header with `;` parameters must
 * match the whole value, so `^application/problem\+json` would fail on it (pact-foundation/pact-reference#406).
 */
export const PROBLEM_CONTENT_TYPE = { 'Content-Type': 'application/problem+json' };

type RespondWith = ReturnType<ReturnType<PactV4['addInteraction']>['withRequest']>['willRespondWith'];
/** pact-js does not export the V4 response builder's type from its root; derive it. */
export type V4ResponseBuilder = Parameters<NonNullable<Parameters<RespondWith>[1]>>[0];

/**
 * A `text/plain` response body recorded as exact text. pact-js V4's `body()` records a binary body with
 * only a content-type matcher, so the Base64 (the semantics of GET /me/profileimage) would never be compared
 * and adding an equality rule to it crashes the verifier; the FFI's plain-body call records the text itself,
 * which the verifier then compares byte for byte. The builder exposes that call only on its interaction.
 */
export function exactTextBody(builder: V4ResponseBuilder, text: string): void {
  const { interaction } = builder as unknown as { interaction?: { withResponseBody?: (body: string, contentType: string) => boolean } };
  if (typeof interaction?.withResponseBody !== 'function') {
    throw new Error('pact-js changed: the V4 response builder no longer exposes interaction.withResponseBody; record text bodies another way.');
  }
  interaction.withResponseBody(text, 'text/plain');
}

/**
 * Write `bytes` to a file with a fixed base name in a private temp folder. Pact's multipart builder reads the
 * part from a file and records only its base name, so the pact stays the same whatever the folder is.
 */
export function fixtureFile(basename: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'consumer-pact-'));
  const file = join(dir, basename);
  writeFileSync(file, bytes);
  return file;
}

/** A fixed multipart boundary, so the recorded request body (and thus the pact file) is reproducible. */
export const MULTIPART_BOUNDARY = 'profile-contracts-boundary';

/** The part of pact-js's request builder an upload uses (pact-js does not export the builder's type). */
interface UploadRequestBuilder {
  query(query: Record<string, string>): UploadRequestBuilder;
  headers(headers: typeof AUTHORIZATION): UploadRequestBuilder;
  multipartBody(contentType: string, filename: string, partName: string, boundary?: string): UploadRequestBuilder;
}

/**
 * The request the client's uploads send: `POST /media` with the token, one `file` part of `contentType`
 * holding `file`'s bytes, and `?AdditionalType=` when one is given.
 */
export function uploadRequest(contentType: string, file: string, additionalType?: string) {
  return (b: UploadRequestBuilder): void => {
    const request = additionalType === undefined ? b : b.query({ AdditionalType: additionalType });
    request.headers(AUTHORIZATION).multipartBody(contentType, file, 'file', MULTIPART_BOUNDARY);
  };
}

/** Example values the pacts record where the provider makes the real value (see fromProviderState). */
export const EXAMPLE = {
  profileId: '3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c',
  activeImageId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  olderImageId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  mediaId: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
  otherUsersMediaId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  unknownMediaId: '00000000-0000-4000-8000-000000000000',
  dateTime: '2026-11-28T13:05:00Z',
} as const;

/** The provider states of docs/architecture.md, shared with `npm run verify`. */
export { HTTP_STATES as STATE, MESSAGE_STATES } from '../../src/fixtures/provider-states.ts';

/**
 * The Person as the client reads it: the required fields by type, the profileId injected from the state
 * (so GET /me must answer for the token's own user).
 */
export function personBody(extra: Record<string, unknown> = {}) {
  const { like, fromProviderState } = MatchersV3;
  return {
    profileId: fromProviderState('${profileId}', EXAMPLE.profileId),
    identificationLevel: like('Guest'),
    createdDateTime: like(EXAMPLE.dateTime),
    lastModified: like(EXAMPLE.dateTime),
    ...extra,
  };
}

/** A Blob of `bytes` (copied: Blob wants an ArrayBuffer-backed view, the fixtures may be Buffer-backed). */
export function blobOf(bytes: Uint8Array, type: string): Blob {
  return new Blob([bytes.slice()], { type });
}
