// Consumer pact for GET /me through the typed client: which Person the client expects, and how it tells
// "has an active profile image" (profileImage names the newer upload) from "has none" (profileImage missing).
import { describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import { hasProfileImage, UnauthorizedError } from '../../src/client/index.ts';
import {
  anonymousClient,
  AUTHORIZATION,
  EXAMPLE,
  httpPact,
  personBody,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  signedInClient,
  STATE,
} from './support.ts';

const { fromProviderState } = MatchersV3;

describe('GET /me (pact with ProfileService)', () => {
  it('names the newer of two profile images as the active one', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.activeAndOlderImage)
      .uponReceiving('a request for the Person of a user with an active and an older profile image')
      .withRequest('GET', '/me', (b) => b.headers(AUTHORIZATION))
      .willRespondWith(200, (b) =>
        b.jsonBody(personBody({ profileImage: fromProviderState('${activeImageId}', EXAMPLE.activeImageId) })),
      )
      .executeTest(async (mock) => {
        const client = signedInClient(mock.url);
        const person = await client.getPerson();
        expect(person.profileId).toBe(EXAMPLE.profileId);
        expect(hasProfileImage(person)).toBe(true);
        expect(await client.getActiveProfileImageId()).toBe(EXAMPLE.activeImageId);
      });
  });

  it('tells "no profile image" when profileImage is missing', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.noProfileImage)
      .uponReceiving('a request for the Person of a user without a profile image')
      .withRequest('GET', '/me', (b) => b.headers(AUTHORIZATION))
      .willRespondWith(200, (b) => b.jsonBody(personBody()))
      .executeTest(async (mock) => {
        const client = signedInClient(mock.url);
        const person = await client.getPerson();
        expect(hasProfileImage(person)).toBe(false);
        expect(await client.getActiveProfileImageId()).toBeUndefined();
      });
  });

  it('throws UnauthorizedError without a token', async () => {
    await httpPact()
      .addInteraction()
      .given(STATE.noProfileImage)
      .uponReceiving('a request for the Person without a bearer token')
      .withRequest('GET', '/me')
      .willRespondWith(401, (b) =>
        b
          .headers(PROBLEM_CONTENT_TYPE)
          .jsonBody(
            problemBody(401, {
              type: 'urn:profile-contracts:problem:unauthorized',
              title: 'Unauthorized',
              detail: 'Send a valid token as `Authorization: Bearer <token>`; get one from POST /token?grant_type=guest.',
            }),
          ),
      )
      .executeTest(async (mock) => {
        const err = await anonymousClient(mock.url).getPerson().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnauthorizedError);
        expect(err).toMatchObject({ status: 401, isProblem: true, title: 'Unauthorized' });
      });
  });
});
