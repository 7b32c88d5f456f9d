// Consumer pact for POST /token?grant_type=guest through the typed client: the only public operation, so it
// is recorded without an Authorization header and without a provider state.
import { describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import { anonymousClient, httpPact } from './support.ts';

const { like, integer } = MatchersV3;

describe('POST /token (pact with ProfileService)', () => {
  it('creates a guest token the client can use as a bearer token', async () => {
    await httpPact()
      .addInteraction()
      .uponReceiving('a request for a guest token')
      .withRequest('POST', '/token', (b) => b.query({ grant_type: 'guest' }))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          token: like('6f1c2a9e-3b7d-4c55-9a80-1d2e3f4a5b6c'),
          tokenType: 'Bearer',
          expiresIn: integer(1796000000),
        }),
      )
      .executeTest(async (mock) => {
        const token = await anonymousClient(mock.url).createGuestToken();
        expect(token.tokenType).toBe('Bearer');
        expect(token.token).toBe('6f1c2a9e-3b7d-4c55-9a80-1d2e3f4a5b6c');
        expect(Number.isInteger(token.expiresIn)).toBe(true);
      });
  });
});
