// Consumer pact for the active profile image through the typed client: read it (Base64 and decoded bytes),
// replace it by uploading a ProfileImage, delete it, and the 404 / 401 / 415 paths. The Base64 of the state's
// known image is recorded exactly: those bytes are the semantics.
import { describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import { GIF_1X1, NOT_AN_IMAGE, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { NotFoundError, UnauthorizedError, UnsupportedMediaTypeError } from '../../src/client/index.ts';
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

const { like, integer } = MatchersV3;

const NO_PROFILE_IMAGE_PROBLEM = problemBody(404, {
  type: 'urn:profile-contracts:problem:no-profile-image',
  title: 'No profile image',
  detail: 'The current user has no active profile image. Upload one with POST /media?AdditionalType=ProfileImage.',
});

describe('/me/profileimage and setting the profile image (pact with ProfileService)', () => {
  it('returns the active image as standard Base64', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.activeImage)
      .uponReceiving('a request for the active profile image as Base64')
      .withRequest('GET', '/me/profileimage', (b) => b.headers(AUTHORIZATION))
      .willRespondWith(200, (b) => exactTextBody(b, toBase64(PNG_1X1)))
      .executeTest(async (mock) => {
        expect(await signedInClient(mock.url).getProfileImageBase64()).toBe(toBase64(PNG_1X1));
      });
  });

  it('decodes the newer of two profile images to its exact bytes', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.activeAndOlderImage)
      .uponReceiving('a request for the active profile image of a user with an active and an older one')
      .withRequest('GET', '/me/profileimage', (b) => b.headers(AUTHORIZATION))
      .willRespondWith(200, (b) => exactTextBody(b, toBase64(PNG_1X1)))
      .executeTest(async (mock) => {
        const bytes = await signedInClient(mock.url).getProfileImageBytes();
        expect(Buffer.from(bytes).equals(Buffer.from(PNG_1X1))).toBe(true);
      });
  });

  it('throws NotFoundError when the user has no profile image', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.noProfileImage)
      .uponReceiving('a request for the profile image of a user without one')
      .withRequest('GET', '/me/profileimage', (b) => b.headers(AUTHORIZATION))
      .willRespondWith(404, (b) => b.headers(PROBLEM_CONTENT_TYPE).jsonBody(NO_PROFILE_IMAGE_PROBLEM))
      .executeTest(async (mock) => {
        const err = await signedInClient(mock.url).getProfileImageBytes().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
        expect(err).toMatchObject({ status: 404, isProblem: true });
      });
  });

  it('throws UnauthorizedError for the profile image without a token', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.activeImage)
      .uponReceiving('a request for the profile image without a bearer token')
      .withRequest('GET', '/me/profileimage')
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
        const err = await anonymousClient(mock.url).getProfileImageBase64().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnauthorizedError);
      });
  });

  it('deletes the active profile image', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.activeImage)
      .uponReceiving('a request to delete the active profile image')
      .withRequest('DELETE', '/me/profileimage', (b) => b.headers(AUTHORIZATION))
      .willRespondWith(204)
      .executeTest(async (mock) => {
        await expect(signedInClient(mock.url).deleteProfileImage()).resolves.toBeUndefined();
      });
  });

  it('throws NotFoundError when deleting a profile image that does not exist', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.noProfileImage)
      .uponReceiving('a request to delete the profile image of a user without one')
      .withRequest('DELETE', '/me/profileimage', (b) => b.headers(AUTHORIZATION))
      .willRespondWith(404, (b) => b.headers(PROBLEM_CONTENT_TYPE).jsonBody(NO_PROFILE_IMAGE_PROBLEM))
      .executeTest(async (mock) => {
        const err = await signedInClient(mock.url).deleteProfileImage().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
      });
  });

  it('replaces the active profile image by uploading a new one', async () => {
    const file = fixtureFile('new-profile.gif', GIF_1X1);
    await httpPact()
      .addInteraction()
      .given(STATE.activeImage)
      .uponReceiving('an upload of a GIF as the new profile image')
      .withRequest('POST', '/media', uploadRequest('image/gif', file, 'ProfileImage'))
      .willRespondWith(201, (b) =>
        b.jsonBody({
          identifier: like(EXAMPLE.mediaId),
          name: like('new-profile.gif'),
          encodingFormat: 'image/gif',
          contentSize: integer(GIF_1X1.length),
          dateCreated: like(EXAMPLE.dateTime),
          additionalType: 'ProfileImage',
        }),
      )
      .executeTest(async (mock) => {
        const media = await signedInClient(mock.url).setProfileImage(blobOf(GIF_1X1, 'image/gif'), 'new-profile.gif');
        expect(media).toMatchObject({ identifier: EXAMPLE.mediaId, additionalType: 'ProfileImage', encodingFormat: 'image/gif' });
      });
  });

  it('throws UnsupportedMediaTypeError when a text file is uploaded as the profile image', async () => {
    const file = fixtureFile('not-an-image.txt', NOT_AN_IMAGE);
    await httpPact()
      .addInteraction()
      .given(STATE.activeImage)
      .uponReceiving('an upload of a text file as the profile image')
      .withRequest('POST', '/media', uploadRequest('text/plain', file, 'ProfileImage'))
      .willRespondWith(415, (b) =>
        b.headers(PROBLEM_CONTENT_TYPE).jsonBody(
          problemBody(415, {
            type: 'urn:profile-contracts:problem:not-an-image',
            title: 'Profile image is not an image',
            detail: 'A ProfileImage must be a JPEG, PNG, GIF or WebP image (judged by its content, not its declared type).',
          }),
        ),
      )
      .executeTest(async (mock) => {
        const err = await signedInClient(mock.url)
          .setProfileImage(blobOf(NOT_AN_IMAGE, 'text/plain'), 'not-an-image.txt')
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnsupportedMediaTypeError);
        expect(err).toMatchObject({ status: 415, isProblem: true });
      });
  });
});
