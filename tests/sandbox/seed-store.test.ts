// A seed is the state of a fresh store (createSandbox's `seed`, SANDBOX_SEED): loaded when the store holds no
// user, skipped with a warning when it does, so restarting one replica of a shared sandbox keeps everyone's
// state. The PostgreSQL side (replicas seeding at once) is in tests/postgres/store.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { createSandbox, MemoryStore, type Sandbox } from '../../src/sandbox/index.ts';
import type { StoredUser } from '../../src/sandbox/store.ts';
import { Api } from './support/http.ts';

const seed: StoredUser[] = [
  {
    tokens: ['seed-token'],
    state: {
      profileId: 'seed-user',
      identificationLevel: 'Guest',
      createdDateTime: '2026-01-01T00:00:00.000Z',
      lastModified: '2026-01-01T00:00:00.000Z',
      media: [
        {
          identifier: 'seed-image',
          name: 'cat.png',
          additionalType: 'ProfileImage',
          encodingFormat: 'image/png',
          contentSize: PNG_1X1.length,
          dateCreated: '2026-01-01T00:00:00.000Z',
          bytes: PNG_1X1,
        },
      ],
      activeImageId: 'seed-image',
    },
  },
];

const open: Sandbox[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(store: MemoryStore, options: { seed?: StoredUser[] } = { seed }): Promise<Api> {
  const sandbox = await createSandbox({ store, ...options });
  open.push(sandbox);
  return new Api(await sandbox.listen());
}

describe('a seed and a store that already holds users', () => {
  it('loads the seed into an empty store', async () => {
    const api = await start(new MemoryStore());
    expect(await api.me('seed-token')).toMatchObject({ profileId: 'seed-user', profileImage: 'seed-image' });
  });

  it('keeps what the store holds, and says the seed was skipped and how to start over', async () => {
    const store = new MemoryStore();
    const first = await start(store, {});
    const guest = await first.guest();
    await open.pop()!.close();
    const warnings: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (warnings.push(String(chunk)), true));

    const again = await start(store);
    expect(await again.me(guest.token)).toMatchObject({ profileId: guest.profileId });
    expect((await again.call('GET', '/me', { token: 'seed-token' })).status, 'the seed user was not added').toBe(401);
    expect(warnings.join('')).toMatch(/SANDBOX_SEED not loaded: the store already holds users.*POST \/_sandbox\/reset, then restart/);
  });
});
