// What only the MSW handlers' seeds and snapshots have (the behaviour both adapters share is pinned in
// tests/sandbox/seeds-snapshots.test.ts against every target): bytes given as a Uint8Array or ArrayBuffer, a
// `file` refused because a browser has no files, a bad seed thrown by createProfileServiceHandlers itself, and
// a restore that requests made right after it already see.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GIF_1X1, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { createProfileServiceHandlers, MemoryStore, SeedError, SnapshotError, type SeedInput } from '../../src/msw/index.ts';

const BASE = 'http://seeds.msw.invalid';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function serve(mock: ReturnType<typeof createProfileServiceHandlers>) {
  server.resetHandlers(...mock.handlers);
  return (path: string, token: string) => fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

const withMedia = (media: NonNullable<SeedInput['users'][number]['media']>): SeedInput => ({ users: [{ token: 'alice-token', media }] });

describe('the MSW handlers\' seed', () => {
  it('takes bytes as a Uint8Array or an ArrayBuffer', async () => {
    const gif = GIF_1X1.slice().buffer;
    const mock = createProfileServiceHandlers({
      baseUrl: BASE,
      seed: withMedia([
        { bytes: PNG_1X1, name: 'cat.png', identifier: 'cat', additionalType: 'ProfileImage', active: true },
        { bytes: gif, name: 'old.gif', identifier: 'old' },
      ]),
    });
    const get = serve(mock);
    expect(await (await get('/me/profileimage', 'alice-token')).text()).toBe(toBase64(PNG_1X1));
    expect(new Uint8Array(await (await get('/media/old/download', 'alice-token')).arrayBuffer())).toEqual(GIF_1X1);
    // A snapshot holds them as base64, as the sandbox's does.
    expect((await mock.snapshot()).users[0]!.media.map((m) => m.base64)).toEqual([toBase64(PNG_1X1), toBase64(GIF_1X1)]);
  });

  it.each([
    ['a file (there are no files)', withMedia([{ file: 'cat.png' }]), 'seed.users[0].media[0].file "cat.png" cannot be read: there are no files here; give the bytes inline as base64 (or as bytes, a Uint8Array).'],
    ['a Blob', { users: [{ token: 'a', media: [{ bytes: new Blob([PNG_1X1 as Uint8Array<ArrayBuffer>]), name: 'a.png' }] }] }, 'seed.users[0].media[0].bytes is a Blob, which cannot be read at once; pass new Uint8Array(await blob.arrayBuffer()).'],
    ['empty bytes', withMedia([{ bytes: new Uint8Array(), name: 'a.png' }]), 'seed.users[0].media[0].bytes is empty; media must have content.'],
    ['bytes and base64 at once', withMedia([{ bytes: PNG_1X1, base64: toBase64(PNG_1X1), name: 'a.png' }]), 'seed.users[0].media[0] has both "base64" and "bytes"; give its bytes once.'],
    ['bytes that are text', { users: [{ token: 'a', media: [{ bytes: 'iVBOR', name: 'a.png' }] }] }, 'seed.users[0].media[0] has the unknown field "bytes"; allowed fields: file, base64, identifier, name, additionalType, active.'],
  ])('refuses %s when the handlers are created', (_what, seed, message) => {
    let thrown: unknown;
    try {
      createProfileServiceHandlers({ baseUrl: BASE, seed: seed as SeedInput });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SeedError);
    expect((thrown as Error).message).toBe(message);
  });
});

describe('the MSW handlers\' seed and a store passed in', () => {
  it('loads only into a store without users, as SANDBOX_SEED does, and says so otherwise', async () => {
    const store = new MemoryStore();
    const first = createProfileServiceHandlers({ baseUrl: BASE, store, seed: withMedia([]) });
    const kept = await first.snapshot();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const second = createProfileServiceHandlers({ baseUrl: BASE, store, seed: { users: [{ token: 'bob-token' }] } });
      expect(await second.snapshot()).toEqual(kept);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('seed not loaded'));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('the MSW handlers\' restore', () => {
  it('is seen by requests made right after it, and a refused one is a SnapshotError that changes nothing', async () => {
    const mock = createProfileServiceHandlers({ baseUrl: BASE, seed: withMedia([{ bytes: PNG_1X1, name: 'cat.png', identifier: 'cat', additionalType: 'ProfileImage', active: true }]) });
    const get = serve(mock);
    const saved = await mock.snapshot();
    await mock.reset();
    const restoring = mock.restore(saved);
    const me = get('/me', 'alice-token');
    await restoring;
    expect(((await (await me).json()) as { profileImage?: string }).profileImage).toBe('cat');

    const bad = structuredClone(saved);
    bad.users[0]!.activeImage = 'nope';
    await expect(mock.restore(bad)).rejects.toBeInstanceOf(SnapshotError);
    expect(await mock.snapshot()).toEqual(saved);
  });
});
