// The library entry points from plain `node` (no tsx): a consumer's own test starts the sandbox in-process,
// gets a guest through the typed client, uploads a PNG and reads it back.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { consumerDir, runIn } from './support/consumer.ts';

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSandbox } from 'profile-contracts/sandbox';
import { createProfileClient, activeProfileImageId, NotFoundError } from 'profile-contracts/client';
import { verify } from 'profile-contracts/verify';
import { createWebhookHandler } from 'profile-contracts/notifications';

const png = Buffer.from('${toBase64(PNG_1X1)}', 'base64');
const sandbox = await createSandbox();
const baseUrl = await sandbox.listen();
try {
  const { token } = await createProfileClient({ baseUrl }).createGuestToken();
  const client = createProfileClient({ baseUrl, token });
  let before;
  try { await client.getProfileImageBase64(); } catch (err) { before = err instanceof NotFoundError ? 'NotFoundError' : String(err); }
  const media = await client.setProfileImage(new Blob([png], { type: 'image/png' }), 'me.png');
  const bytes = await client.getProfileImageBytes();
  const person = await client.getPerson();
  const spec = readFileSync(new URL(import.meta.resolve('profile-contracts/openapi.yaml')), 'utf8');
  const { name } = createRequire(import.meta.url)('profile-contracts/package.json');
  console.log(JSON.stringify({
    before,
    sameBytes: Buffer.from(bytes).equals(png),
    active: activeProfileImageId(person) === media.identifier,
    encodingFormat: media.encodingFormat,
    spec: spec.split('\\n')[0],
    name,
    verify: typeof verify,
    webhook: typeof createWebhookHandler,
  }));
} finally {
  await sandbox.close();
}
`;

describe('the library from plain node', () => {
  it('profile-contracts/sandbox and /client: a guest uploads a PNG and reads the same bytes back', async () => {
    await writeFile(join(consumerDir(), 'use-kit.mjs'), SCRIPT);
    const r = await runIn(process.execPath, ['use-kit.mjs']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      before: 'NotFoundError',
      sameBytes: true,
      active: true,
      encodingFormat: 'image/png',
      spec: expect.stringMatching(/^openapi: 3\.1/),
      name: 'profile-contracts',
      verify: 'function',
      webhook: 'function',
    });
  });
});
