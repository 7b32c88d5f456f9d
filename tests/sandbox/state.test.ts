// Seeded and saved state through HTTP and `npm start`: GET /_sandbox/state saves everything byte-exact,
// PUT /_sandbox/state restores it (tokens work again, media download byte-exact, the log starts empty),
// a bad snapshot or one over MAX_STORE_BYTES changes nothing; a bad SANDBOX_SEED stops the start with exit 2
// and a message naming the field (a good one, loaded by `npm start` as a child process: start.test.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIF_1X1, PDF_MINIMAL, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { run } from '../../src/sandbox/main.ts';
import { Api, expectProblem } from './support/http.ts';
import { startSandbox, userState, type RunningSandbox } from './support/sandbox.ts';

let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ limits: { maxStoreBytes: 4096 } });
  dir = await mkdtemp(join(tmpdir(), 'state-test-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const put = (api: Api, body: unknown) =>
  api.call('PUT', '/_sandbox/state', { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('GET and PUT /_sandbox/state', () => {
  it('round-trips everything, bytes included, so a test can start again from the saved point', async () => {
    const { api } = sandbox;
    await api.reset();
    const alice = await api.guest();
    const first = await api.upload(alice.token, { bytes: PNG_1X1, filename: 'old.png', query: 'ProfileImage' });
    await api.upload(alice.token, { bytes: GIF_1X1, filename: 'new.gif', query: 'ProfileImage' });
    await api.upload(alice.token, { bytes: PDF_MINIMAL, filename: 'notes.pdf', query: 'Document' });
    const bob = await api.guest();
    const saved = await api.call('GET', '/_sandbox/state');
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ format: 'profile-contracts/sandbox-state', version: 1 });
    expect(saved.json.users.map((u: { profileId: string }) => u.profileId)).toEqual([alice.profileId, bob.profileId]);
    expect(saved.json.users[0].media[0].base64).toBe(toBase64(PNG_1X1));
    const aliceBefore = await userState(api, alice);

    await api.reset();
    expect((await api.call('GET', '/me', { token: alice.token })).status).toBe(401);
    expect((await put(api, saved.text)).status).toBe(204);
    const aliceAfter = await userState(api, alice);
    expect(aliceAfter.me).toEqual(aliceBefore.me);
    expect(aliceAfter.media).toEqual(aliceBefore.media);
    expect(aliceAfter.notifications).toEqual([]);
    const download = await api.call('GET', `/media/${first.json.identifier}/download`, { token: alice.token });
    expect(Buffer.from(download.bytes).equals(Buffer.from(PNG_1X1))).toBe(true);
    expect((await api.call('GET', '/me/profileimage', { token: alice.token })).text).toBe(toBase64(GIF_1X1));
    expect((await api.me(bob.token)).profileId).toBe(bob.profileId);
    expect((await api.call('GET', '/_sandbox/state')).json).toEqual(saved.json);
  });

  it('refuses a bad snapshot with the field and what is allowed, and changes nothing', async () => {
    const { api } = sandbox;
    const before = (await api.call('GET', '/_sandbox/state')).json;
    const bad = structuredClone(before);
    bad.users[0].identificationLevel = 'Admin';
    const r = await put(api, bad);
    expectProblem(r, 400);
    expect(r.json.type).toBe('urn:profile-contracts:problem:invalid-state');
    expect(r.json.detail).toBe('users[0].identificationLevel is "Admin"; allowed: Guest, EmailNotVerified, EmailVerified.');
    expectProblem(await put(api, '{"format":'), 400);
    expectProblem(await api.call('PUT', '/_sandbox/state'), 400);
    expect((await api.call('GET', '/_sandbox/state')).json).toEqual(before);
  });

  it('refuses a snapshot over MAX_STORE_BYTES with 507, and changes nothing', async () => {
    const { api } = sandbox;
    const before = (await api.call('GET', '/_sandbox/state')).json;
    const big = Buffer.alloc(5000, 0x41);
    const r = await put(api, {
      format: 'profile-contracts/sandbox-state',
      version: 1,
      users: [
        {
          profileId: 'p',
          tokens: ['t'],
          identificationLevel: 'Guest',
          createdDateTime: '2026-01-01T00:00:00.000Z',
          lastModified: '2026-01-01T00:00:00.000Z',
          media: [{ identifier: 'm', name: 'm.bin', encodingFormat: 'application/octet-stream', contentSize: big.length, dateCreated: '2026-01-01T00:00:00.000Z', base64: big.toString('base64') }],
        },
      ],
    });
    expectProblem(r, 507);
    expect(r.json.type).toBe('urn:profile-contracts:problem:store-full');
    expect((await api.call('GET', '/_sandbox/state')).json).toEqual(before);
  });
});

describe('SANDBOX_SEED', () => {
  it('stops the start with exit 2 and a message naming the field when the seed is bad', async () => {
    await writeFile(join(dir, 'cat.png'), PNG_1X1);
    const seed = join(dir, 'bad.yaml');
    await writeFile(seed, 'users:\n  - token: a\n    media:\n      - { file: cat.png, additionalType: Selfie }\n');
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
    let code: number;
    try {
      code = await run([], { SANDBOX_SEED: seed, PORT: '0' });
    } finally {
      process.stderr.write = write;
    }
    expect(code).toBe(2);
    expect(errors.join('')).toContain('bad.yaml.users[0].media[0].additionalType is "Selfie"; allowed: ProfileImage,');
  });
});
