// The edges of the default store (src/sandbox/store.ts, the Store interface of docs/architecture.md) that the
// sandbox's mutation run (npm run mutation:sandbox, docs/mutation-testing.md) found unpinned: a rejected
// outcome commits nothing and tells no listener, a commit without notifications tells no listener, every
// listener hears every commit in commit order, an unknown user is an unauthorized outcome, and reset forgets
// users and tokens alike.
import { describe, expect, it } from 'vitest';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { createGuest, upload, type NotificationDraft, type Outcome, type UserState } from '../../src/sandbox/domain.ts';
import { MemoryStore } from '../../src/sandbox/store.ts';

const NOW = '2026-12-01T10:00:00.000Z';
const guest = (profileId: string) => createGuest({ profileId, now: NOW });
const image = (identifier: string, additionalType?: 'ProfileImage') => (s: UserState) =>
  upload(s, { identifier, name: `${identifier}.png`, bytes: PNG_1X1, encodingFormat: 'image/png', ...(additionalType ? { additionalType } : {}), now: NOW });
const rejection: Outcome<never> = { ok: false, code: 'empty-file', detail: 'The "file" part is empty (0 bytes).' };

function listened(store: MemoryStore): NotificationDraft[][] {
  const heard: NotificationDraft[][] = [];
  store.onCommit((drafts) => heard.push(drafts));
  return heard;
}

describe('MemoryStore.addUser', () => {
  it('adds the user under its token and hands its Create notification to the listeners', async () => {
    const store = new MemoryStore();
    const heard = listened(store);
    const outcome = guest('p1');
    expect(await store.addUser(outcome, 't1')).toBe(outcome);
    expect(await store.profileIdForToken('t1')).toBe('p1');
    expect(await store.user('p1')).toMatchObject({ profileId: 'p1', media: [] });
    expect(heard).toEqual([outcome.ok ? outcome.notifications : []]);
  });

  it('commits nothing for a rejected outcome, and tells no listener', async () => {
    const store = new MemoryStore();
    const heard = listened(store);
    expect(await store.addUser(rejection, 't1')).toBe(rejection);
    expect(await store.profileIdForToken('t1')).toBeUndefined();
    expect(heard).toEqual([]);
  });

  it('knows a token only once it was given one', async () => {
    const store = new MemoryStore();
    await store.addUser(guest('p1'), 't1');
    expect(await store.profileIdForToken('t2')).toBeUndefined();
    expect(await store.user('p2')).toBeUndefined();
  });
});

describe('MemoryStore.apply', () => {
  it('an unknown user is an unauthorized outcome that says how to get a token, and the rule never runs', async () => {
    const store = new MemoryStore();
    let ran = false;
    const outcome = await store.apply('nobody', (s) => {
      ran = true;
      return image('m1')(s);
    });
    expect(outcome).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(outcome.ok ? '' : outcome.detail).toMatch(/not known.*POST \/token\?grant_type=guest/);
    expect(ran).toBe(false);
  });

  it('runs the rule on the latest state and commits it, one after the other', async () => {
    const store = new MemoryStore();
    await store.addUser(guest('p1'), 't1');
    const [a, b] = await Promise.all([store.apply('p1', image('m1', 'ProfileImage')), store.apply('p1', image('m2', 'ProfileImage'))]);
    expect(a.ok && b.ok).toBe(true);
    const user = await store.user('p1');
    expect(user?.media.map((m) => m.identifier)).toEqual(['m1', 'm2']);
    expect(user?.activeImageId).toBe('m2');
  });

  it('commits nothing for a rejection, and tells no listener', async () => {
    const store = new MemoryStore();
    await store.addUser(guest('p1'), 't1');
    const before = await store.user('p1');
    const heard = listened(store);
    expect(await store.apply('p1', () => rejection)).toBe(rejection);
    expect(await store.user('p1')).toBe(before);
    expect(heard).toEqual([]);
  });

  it('commits a change without notifications and calls no listener with an empty list', async () => {
    const store = new MemoryStore();
    await store.addUser(guest('p1'), 't1');
    const heard = listened(store);
    const outcome = await store.apply('p1', image('m1'));
    expect(outcome.ok).toBe(true);
    expect((await store.user('p1'))?.media).toHaveLength(1);
    expect(heard).toEqual([]);
  });

  it('hands each commit\'s notifications to every listener, in commit order', async () => {
    const store = new MemoryStore();
    const first = listened(store);
    const second = listened(store);
    await store.addUser(guest('p1'), 't1');
    await store.apply('p1', image('m1', 'ProfileImage'));
    await store.apply('p1', image('m2', 'ProfileImage'));
    expect(first).toEqual(second);
    expect(first.map((drafts) => drafts.map((d) => [d.properties.eventTrigger, d.body.profileImage]))).toEqual([
      [['Create', undefined]],
      [['Update', 'm1']],
      [['Update', 'm2']],
    ]);
  });
});

describe('MemoryStore.reset', () => {
  it('forgets every user and token; a commit for a forgotten user is unauthorized', async () => {
    const store = new MemoryStore();
    await store.addUser(guest('p1'), 't1');
    await store.addUser(guest('p2'), 't2');
    await store.reset();
    for (const [token, id] of [['t1', 'p1'], ['t2', 'p2']] as const) {
      expect(await store.profileIdForToken(token)).toBeUndefined();
      expect(await store.user(id)).toBeUndefined();
    }
    expect(await store.apply('p1', image('m1'))).toMatchObject({ ok: false, code: 'unauthorized' });
    await store.addUser(guest('p1'), 't3');
    expect(await store.profileIdForToken('t3')).toBe('p1');
    expect(await store.profileIdForToken('t1')).toBeUndefined();
  });

  it('keeps its listeners', async () => {
    const store = new MemoryStore();
    const heard = listened(store);
    await store.reset();
    await store.addUser(guest('p1'), 't1');
    expect(heard).toHaveLength(1);
  });
});

describe('MemoryStore bytes, snapshot and seed', () => {
  const ok = <T>(outcome: Outcome<T>) => {
    if (!outcome.ok) throw new Error(outcome.detail);
    return outcome;
  };
  const fresh = (profileId: string) => ok(guest(profileId)).state;
  const withImage = (profileId: string, identifier: string) => ok(image(identifier)(fresh(profileId)));

  it('counts the bytes of users it is given, added or restored', async () => {
    const store = new MemoryStore();
    expect(await store.bytesStored()).toBe(0);
    await store.addUser(withImage('p1', 'a'), 't1');
    expect(await store.bytesStored()).toBe(PNG_1X1.length);
    await store.restore([
      { state: withImage('p2', 'b').state, tokens: ['t2'] },
      { state: withImage('p3', 'c').state, tokens: ['t3'] },
    ]);
    expect(await store.bytesStored()).toBe(2 * PNG_1X1.length);
  });

  it("gives back every token of a user, and none for a user restored without one", async () => {
    const store = new MemoryStore();
    await store.restore([
      { state: fresh('p1'), tokens: ['t1', 't2', 't3'] },
      { state: fresh('p2'), tokens: [] },
    ]);
    const users = await store.snapshot();
    expect(users.map((u) => [u.state.profileId, u.tokens])).toEqual([
      ['p1', ['t1', 't2', 't3']],
      ['p2', []],
    ]);
  });

  it('says whether it loaded a seed: yes into an empty store, no into one that holds users', async () => {
    const store = new MemoryStore();
    expect(await store.seed([{ state: fresh('p1'), tokens: ['t1'] }])).toBe(true);
    expect(await store.seed([{ state: fresh('p2'), tokens: ['t2'] }])).toBe(false);
    expect(await store.profileIdForToken('t1')).toBe('p1');
    expect(await store.profileIdForToken('t2')).toBeUndefined();
  });
});
