// profile-contracts/msw from plain `node` in the consumer project (which has msw, the optional peer, as a
// consumer mocking with MSW would): setupServer with the kit's handlers, a guest uploads a ProfileImage and
// replaces it through the typed client, the old one stays listed, the new one is active, and the
// notifications arrive at onNotification.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIF_1X1, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { consumerDir, runIn } from './support/consumer.ts';

const SCRIPT = `
import { setupServer } from 'msw/node';
import { createProfileServiceHandlers } from 'profile-contracts/msw';
import { createProfileClient } from 'profile-contracts/client';

const baseUrl = 'https://profile.example.invalid';
const received = [];
const profileService = createProfileServiceHandlers({ baseUrl, onNotification: (m) => received.push(m.properties.eventTrigger) });
const server = setupServer(...profileService.handlers);
server.listen({ onUnhandledRequest: 'error' });
try {
  const { token } = await createProfileClient({ baseUrl }).createGuestToken();
  const client = createProfileClient({ baseUrl, token });
  const old = await client.setProfileImage(new Blob([Buffer.from('${toBase64(GIF_1X1)}', 'base64')]), 'old.gif');
  const next = await client.setProfileImage(new Blob([Buffer.from('${toBase64(PNG_1X1)}', 'base64')]), 'new.png');
  const listed = (await client.listMedia()).map((m) => m.identifier);
  console.log(JSON.stringify({
    listed: listed.length === 2 && listed[0] === old.identifier && listed[1] === next.identifier,
    active: (await client.getActiveProfileImageId()) === next.identifier,
    received,
    unknown: (await fetch(baseUrl + '/nope')).status,
  }));
} finally {
  server.close();
}
`;

describe('profile-contracts/msw from plain node', () => {
  it('replaces a profile image in-process: the old one listed, the new one active, the notifications delivered', async () => {
    await writeFile(join(consumerDir(), 'use-msw.mjs'), SCRIPT);
    const r = await runIn(process.execPath, ['use-msw.mjs']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ listed: true, active: true, received: ['Create', 'Update', 'Update'], unknown: 404 });
  });
});
