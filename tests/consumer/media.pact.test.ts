// Consumer pact for the media endpoints through the typed client: list (replace, not delete: both profile
// images stay listed), upload, get, Base64, download, delete, and the isolation and error paths (another
// user's media answers 404 like an unknown one; 400 for an unknown AdditionalType; 401 without a token).
import { describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import { GIF_1X1, PDF_MINIMAL, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { BadRequestError, NotFoundError, UnauthorizedError } from '../../src/client/index.ts';
import {
  anonymousClient,
  AUTHORIZATION,
  blobOf,
  EXAMPLE,
  exactTextBody,
  fixtureFile,
  httpPact,
  uploadRequest,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  signedInClient,
  STATE,
} from './support.ts';

const { like, integer, regex, fromProviderState } = MatchersV3;

const MEDIA_NOT_FOUND = problemBody(404, {
  type: 'urn:profile-contracts:problem:media-not-found',
  title: 'Media not found',
  detail: 'The current user has no media item "0d1e2f3a". List the user\'s media with GET /media.',
});

/** A MediaObject as the client reads it; the fields given in `exact` carry the semantics. */
function mediaBody(exact: Record<string, unknown>) {
  return {
    identifier: like(EXAMPLE.mediaId),
    name: like('file'),
    encodingFormat: like('application/octet-stream'),
    contentSize: integer(1),
    dateCreated: like(EXAMPLE.dateTime),
    ...exact,
  };
}

describe('/media (pact with ProfileService)', () => {
  it('lists a replaced profile image and the active one, oldest first', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.activeAndOlderImage)
      .uponReceiving('a request for the media of a user with an active and an older profile image')
      .withRequest('GET', '/media', (b) => b.headers(AUTHORIZATION))
      .willRespondWith(200, (b) =>
        b.jsonBody([
          mediaBody({
            identifier: fromProviderState('${olderImageId}', EXAMPLE.olderImageId),
            encodingFormat: 'image/gif',
            contentSize: integer(GIF_1X1.length),
            additionalType: 'ProfileImage',
          }),
          mediaBody({
            identifier: fromProviderState('${activeImageId}', EXAMPLE.activeImageId),
            encodingFormat: 'image/png',
            contentSize: integer(PNG_1X1.length),
            additionalType: 'ProfileImage',
          }),
        ]),
      )
      .executeTest(async (mock) => {
        const media = await signedInClient(mock.url).listMedia();
        expect(media.map((m) => m.identifier)).toEqual([EXAMPLE.olderImageId, EXAMPLE.activeImageId]);
        expect(media.every((m) => m.additionalType === 'ProfileImage')).toBe(true);
      });
  });

  it('uploads a plain media item without a type', async () => {
    const file = fixtureFile('notes.pdf', PDF_MINIMAL);
    await httpPact()
      .addInteraction()
      .given(STATE.noProfileImage)
      .uponReceiving('an upload of a PDF without an AdditionalType')
      .withRequest('POST', '/media', uploadRequest('application/pdf', file))
      .willRespondWith(201, (b) =>
        b.jsonBody(mediaBody({ name: like('notes.pdf'), encodingFormat: 'application/pdf', contentSize: integer(PDF_MINIMAL.length) })),
      )
      .executeTest(async (mock) => {
        const media = await signedInClient(mock.url).uploadMedia(blobOf(PDF_MINIMAL, 'application/pdf'), {
          filename: 'notes.pdf',
        });
        expect(media).toMatchObject({ identifier: EXAMPLE.mediaId, encodingFormat: 'application/pdf' });
        expect(media.additionalType).toBeUndefined();
      });
  });

  it('throws BadRequestError for an unknown AdditionalType', async () => {
    const file = fixtureFile('profile.png', PNG_1X1);
    await httpPact()
      .addInteraction()
      .given(STATE.noProfileImage)
      .uponReceiving('an upload with an AdditionalType in the wrong case')
      .withRequest('POST', '/media', uploadRequest('image/png', file, 'profileimage'))
      .willRespondWith(400, (b) =>
        b.headers(PROBLEM_CONTENT_TYPE).jsonBody(
          problemBody(400, {
            type: 'urn:profile-contracts:problem:unknown-additional-type',
            title: 'Unknown AdditionalType',
            detail: 'AdditionalType "profileimage" is not known. Allowed (exact, case-sensitive): ProfileImage, TravelerProfileImage, SupportingDocument, Scan, Document, PasswordImage.',
          }),
        ),
      )
      .executeTest(async (mock) => {
        const err = await signedInClient(mock.url)
          .uploadMedia(blobOf(PNG_1X1, 'image/png'), { filename: 'profile.png', additionalType: 'profileimage' })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BadRequestError);
        expect(err).toMatchObject({ status: 400, isProblem: true });
      });
  });

  it('gets one media item by its identifier', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.mediaItem)
      .uponReceiving('a request for one of the user\'s media items')
      .withRequest('GET', fromProviderState('/media/${mediaId}', `/media/${EXAMPLE.mediaId}`), (b) => b.headers(AUTHORIZATION))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          mediaBody({
            identifier: fromProviderState('${mediaId}', EXAMPLE.mediaId),
            encodingFormat: 'application/pdf',
            contentSize: integer(PDF_MINIMAL.length),
          }),
        ),
      )
      .executeTest(async (mock) => {
        const media = await signedInClient(mock.url).getMedia(EXAMPLE.mediaId);
        expect(media).toMatchObject({ identifier: EXAMPLE.mediaId, encodingFormat: 'application/pdf', contentSize: PDF_MINIMAL.length });
      });
  });

  it('gets a media item\'s bytes as Base64', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.activeImage)
      .uponReceiving('a request for the Base64 of the active profile image\'s media item')
      .withRequest('GET', fromProviderState('/media/${activeImageId}/base64', `/media/${EXAMPLE.activeImageId}/base64`), (b) =>
        b.headers(AUTHORIZATION),
      )
      .willRespondWith(200, (b) => exactTextBody(b, toBase64(PNG_1X1)))
      .executeTest(async (mock) => {
        expect(await signedInClient(mock.url).getMediaBase64(EXAMPLE.activeImageId)).toBe(toBase64(PNG_1X1));
      });
  });

  it('downloads a replaced profile image, which is still there', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.activeAndOlderImage)
      .uponReceiving('a download of the older, replaced profile image')
      .withRequest('GET', fromProviderState('/media/${olderImageId}/download', `/media/${EXAMPLE.olderImageId}/download`), (b) =>
        b.headers(AUTHORIZATION),
      )
      .willRespondWith(200, (b) =>
        b
          .headers({
            // The whole value must match (pact-reference#406); the file name itself is not part of the state.
            'Content-Disposition': regex('^attachment; *filename=.+$', 'attachment; filename="old-profile.gif"'),
            // pact-js records binary bodies with a content-type matcher only; the exact length is what the
            // verifier can compare here (byte equality is checked by `npm run verify`'s sequences).
            'Content-Length': String(GIF_1X1.length),
          })
          .body('image/gif', Buffer.from(GIF_1X1)),
      )
      .executeTest(async (mock) => {
        const download = await signedInClient(mock.url).downloadMedia(EXAMPLE.olderImageId);
        expect(Buffer.from(download.bytes).equals(Buffer.from(GIF_1X1))).toBe(true);
        expect(download.contentType).toBe('image/gif');
        expect(download.filename).toBe('old-profile.gif');
      });
  });

  it('deletes a media item', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.mediaItem)
      .uponReceiving('a request to delete one of the user\'s media items')
      .withRequest('DELETE', fromProviderState('/media/${mediaId}', `/media/${EXAMPLE.mediaId}`), (b) => b.headers(AUTHORIZATION))
      .willRespondWith(204)
      .executeTest(async (mock) => {
        await expect(signedInClient(mock.url).deleteMedia(EXAMPLE.mediaId)).resolves.toBeUndefined();
      });
  });

  it('throws NotFoundError for an unknown media identifier', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.noProfileImage)
      .uponReceiving('a request for a media item that does not exist')
      .withRequest('GET', `/media/${EXAMPLE.unknownMediaId}`, (b) => b.headers(AUTHORIZATION))
      .willRespondWith(404, (b) => b.headers(PROBLEM_CONTENT_TYPE).jsonBody(MEDIA_NOT_FOUND))
      .executeTest(async (mock) => {
        const err = await signedInClient(mock.url).getMedia(EXAMPLE.unknownMediaId).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
      });
  });

  it('throws NotFoundError for another user\'s media item, as for an unknown one', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.otherUsersMedia)
      .uponReceiving('a request for another user\'s media item')
      .withRequest('GET', fromProviderState('/media/${otherUsersMediaId}', `/media/${EXAMPLE.otherUsersMediaId}`), (b) =>
        b.headers(AUTHORIZATION),
      )
      .willRespondWith(404, (b) => b.headers(PROBLEM_CONTENT_TYPE).jsonBody(MEDIA_NOT_FOUND))
      .executeTest(async (mock) => {
        const err = await signedInClient(mock.url).getMedia(EXAMPLE.otherUsersMediaId).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
        expect(err).toMatchObject({ status: 404, isProblem: true });
      });
  });

  it('throws NotFoundError when deleting another user\'s media item', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.otherUsersMedia)
      .uponReceiving('a request to delete another user\'s media item')
      .withRequest('DELETE', fromProviderState('/media/${otherUsersMediaId}', `/media/${EXAMPLE.otherUsersMediaId}`), (b) =>
        b.headers(AUTHORIZATION),
      )
      .willRespondWith(404, (b) => b.headers(PROBLEM_CONTENT_TYPE).jsonBody(MEDIA_NOT_FOUND))
      .executeTest(async (mock) => {
        const err = await signedInClient(mock.url).deleteMedia(EXAMPLE.otherUsersMediaId).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
      });
  });

  it('throws UnauthorizedError for the media list without a token', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.mediaItem)
      .uponReceiving('a request for the media list without a bearer token')
      .withRequest('GET', '/media')
      .willRespondWith(401, (b) =>
        b.headers(PROBLEM_CONTENT_TYPE).jsonBody(
          problemBody(401, {
            type: 'urn:profile-contracts:problem:unauthorized',
            title: 'Unauthorized',
            detail: 'Send a valid token as `Authorization: Bearer <token>`; get one from POST /token?grant_type=guest.',
          }),
        ),
      )
      .executeTest(async (mock) => {
        const err = await anonymousClient(mock.url).listMedia().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnauthorizedError);
      });
  });
});
