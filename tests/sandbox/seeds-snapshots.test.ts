// Seeds and snapshots through every adapter (docs/contract.md R45, R46, R52): a target started from a seed
// document (the SANDBOX_SEED format, bytes inline as base64) or from a saved snapshot serves exactly that
// state; a bad seed stops the start with the same sentence in every adapter (the sandbox's exit-2 message);
// a snapshot round-trips byte-exact, a refused restore changes nothing, and one snapshot format moves a state
// from any adapter to any other (the sandbox's GET /_sandbox/state into the MSW handlers and back).
import { afterEach, describe, expect, it } from 'vitest';
import { GIF_1X1, PDF_MINIMAL, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { Api, expectProblem } from './support/http.ts';
import { TARGETS, type RunningTarget, type Target, type TargetOptions } from './support/targets.ts';

const TYPES = 'ProfileImage, TravelerProfileImage, SupportingDocument, Scan, Document, PasswordImage';
const T0 = '2026-01-01T00:00:00.000Z';

const running: RunningTarget[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});
async function start(target: Target, options?: TargetOptions): Promise<{ target: RunningTarget; api: Api }> {
  const instance = await target.start(options);
  running.push(instance);
  return { target: instance, api: new Api(instance.baseUrl, instance) };
}

const seed = () => ({
  users: [
    {
      token: 'alice-token',
      profileId: 'alice',
      media: [
        { base64: toBase64(GIF_1X1), name: 'old.gif', identifier: 'old', additionalType: 'ProfileImage' },
        { base64: toBase64(PNG_1X1), name: 'cat.png', identifier: 'cat', additionalType: 'ProfileImage', active: true },
        { base64: toBase64(PDF_MINIMAL), name: 'notes.pdf', identifier: 'notes', additionalType: 'Document' },
      ],
    },
    { token: 'bob-token', identificationLevel: 'EmailVerified' },
  ],
});

/** A snapshot as GET /_sandbox/state writes it, built by hand. */
const snapshot = () => ({
  format: 'profile-contracts/sandbox-state',
  version: 1,
  users: [
    {
      profileId: 'carol',
      tokens: ['carol-1', 'carol-2'],
      identificationLevel: 'Guest',
      createdDateTime: T0,
      lastModified: T0,
      activeImage: 'img',
      media: [{ identifier: 'img', name: 'c.png', encodingFormat: 'image/png', contentSize: PNG_1X1.length, dateCreated: T0, additionalType: 'ProfileImage', base64: toBase64(PNG_1X1) }],
    },
  ],
});

/** A seed document with one change made to it. */
function seedWith(change: (s: ReturnType<typeof seed> & Record<string, any>) => void): unknown {
  const s = seed() as ReturnType<typeof seed> & Record<string, any>;
  change(s);
  return s;
}
function snapshotWith(change: (s: any) => void): unknown {
  const s = snapshot();
  change(s);
  return s;
}

/** Each refused seed with the whole sentence every adapter must give. */
const BAD_SEEDS: [string, unknown, string][] = [
  ['an unknown field', seedWith((s) => ((s.users[1] as any).tokne = 'x')), 'seed.users[1] has the unknown field "tokne"; allowed fields: token, profileId, identificationLevel, media.'],
  ['bytes that are not exact Base64', seedWith((s) => (s.users[0]!.media![0]!.base64 = 'R0lG OD')), 'seed.users[0].media[0].base64 is not non-empty standard Base64 (RFC 4648 §4, padded, no line breaks).'],
  ['inline bytes without a name', seedWith((s) => delete (s.users[0]!.media![1] as any).name), 'seed.users[0].media[1] gives its bytes inline, so it needs a "name" (e.g. photo.png); add it.'],
  ['an item without bytes', seedWith((s) => delete (s.users[0]!.media![0] as any).base64), 'seed.users[0].media[0] has none of "file", "base64"; give its bytes as one (file: a path relative to the seed file\'s folder; base64: the bytes inline).'],
  ['an item with a file and base64', seedWith((s) => ((s.users[0]!.media![0] as any).file = 'old.gif')), 'seed.users[0].media[0] has both "file" and "base64"; give its bytes once.'],
  ['an unknown AdditionalType', seedWith((s) => (s.users[0]!.media![2]!.additionalType = 'Selfie')), `seed.users[0].media[2].additionalType is "Selfie"; allowed: ${TYPES}.`],
  ['an active item that is not an image', seedWith((s) => Object.assign(s.users[0]!.media![2]!, { additionalType: 'ProfileImage', active: true })), 'seed.users[0].media[2].active: a user has at most one active image, and seed.users[0] already marks another; keep one.'],
  ['a token given twice', seedWith((s) => (s.users[1]!.token = 'alice-token')), 'seed.users[1].token "alice-token" is given to two users; make tokens unique.'],
  ['a snapshot whose active image is none of the media', snapshotWith((s) => (s.users[0].activeImage = 'zzz')), 'seed.users[0].activeImage is "zzz", which is none of this user\'s media; name one of their ProfileImage items.'],
];

/** Each refused snapshot with the detail every adapter must give (the sandbox's PUT /_sandbox/state 400). */
const BAD_SNAPSHOTS: [string, unknown, string][] = [
  ['another format', snapshotWith((s) => (s.format = 'x')), 'format is "x"; it must be "profile-contracts/sandbox-state".'],
  ['an unknown identification level', snapshotWith((s) => (s.users[0].identificationLevel = 'Admin')), 'users[0].identificationLevel is "Admin"; allowed: Guest, EmailNotVerified, EmailVerified.'],
  ['a contentSize that disagrees with the bytes', snapshotWith((s) => (s.users[0].media[0].contentSize = 1)), `users[0].media[0].contentSize is 1 but base64 holds ${PNG_1X1.length} bytes; make them agree.`],
  ['a token of two users', snapshotWith((s) => s.users.push({ ...structuredClone(s.users[0]), profileId: 'dave' })), 'users[1].tokens has "carol-1", a token another user (or this one) already has; make tokens unique.'],
];

describe.each(TARGETS)('seeds ($name)', (target) => {
  it('start the target with fixed tokens, the media in order, the marked image active and no notifications', async () => {
    const { api, target: t } = await start(target, { seed: seed() });
    const me = await api.me('alice-token');
    expect(me).toMatchObject({ profileId: 'alice', identificationLevel: 'Guest', profileImage: 'cat' });
    expect((await api.media('alice-token')).map((m) => [m.identifier, m.name, m.encodingFormat, m.contentSize, m.additionalType])).toEqual([
      ['old', 'old.gif', 'image/gif', GIF_1X1.length, 'ProfileImage'],
      ['cat', 'cat.png', 'image/png', PNG_1X1.length, 'ProfileImage'],
      ['notes', 'notes.pdf', 'application/pdf', PDF_MINIMAL.length, 'Document'],
    ]);
    expect((await api.call('GET', '/me/profileimage', { token: 'alice-token' })).text).toBe(toBase64(PNG_1X1));
    expect((await api.call('GET', '/media/old/download', { token: 'alice-token' })).bytes).toEqual(GIF_1X1);
    expect(await api.me('bob-token')).toMatchObject({ identificationLevel: 'EmailVerified' });
    expect('profileImage' in (await api.me('bob-token'))).toBe(false);
    expect(await t.notifications()).toEqual([]);

    // The seeded state follows the rules: a new ProfileImage replaces the active one, which stays listed.
    const r = await api.upload('alice-token', { bytes: GIF_1X1, filename: 'new.gif', query: 'ProfileImage' });
    expect(r.status, r.text).toBe(201);
    expect((await api.me('alice-token')).profileImage).toBe(r.json.identifier);
    expect((await api.media('alice-token')).map((m) => m.identifier)).toEqual(['old', 'cat', 'notes', r.json.identifier]);
    expect((await t.notifications('alice')).map((n) => n.body.profileImage)).toEqual([r.json.identifier]);
  });

  it('take a saved snapshot as the seed', async () => {
    const { api } = await start(target, { seed: snapshot() });
    for (const token of ['carol-1', 'carol-2']) expect(await api.me(token)).toMatchObject({ profileId: 'carol', profileImage: 'img' });
    expect((await api.call('GET', '/media/img/base64', { token: 'carol-1' })).text).toBe(toBase64(PNG_1X1));
  });

  it.each(BAD_SEEDS)('refuse %s, naming the field and what is allowed', async (_what, bad, message) => {
    await expect(start(target, { seed: bad })).rejects.toThrow(message);
  });

  it('refuse a seed over the store-wide cap', async () => {
    await expect(start(target, { seed: seed(), limits: { maxStoreBytes: 64 } })).rejects.toThrow(/^the seed does not fit: .*MAX_STORE_BYTES/);
  });
});

describe.each(TARGETS)('snapshots ($name)', (target) => {
  it('give back everything after a reset, bytes and tokens included, with an empty log', async () => {
    const { api, target: t } = await start(target, { seed: seed() });
    const upload = await api.upload('alice-token', { bytes: GIF_1X1, filename: 'new.gif', query: 'ProfileImage' });
    expect(upload.status).toBe(201);
    const guest = await api.guest();
    const saved = await t.snapshot();
    expect(saved).toMatchObject({ format: 'profile-contracts/sandbox-state', version: 1 });
    const before = { alice: await api.media('alice-token'), me: await api.me('alice-token'), guest: await api.me(guest.token) };

    await t.reset();
    expect((await api.call('GET', '/me', { token: 'alice-token' })).status).toBe(401);
    await t.restore(saved);
    expect({ alice: await api.media('alice-token'), me: await api.me('alice-token'), guest: await api.me(guest.token) }).toEqual(before);
    expect((await api.call('GET', `/media/${upload.json.identifier}/download`, { token: 'alice-token' })).bytes).toEqual(GIF_1X1);
    expect(await t.notifications()).toEqual([]);
    expect(await t.snapshot()).toEqual(saved);
  });

  it.each(BAD_SNAPSHOTS)('refuse %s with the field and what is allowed, and change nothing', async (_what, bad, detail) => {
    const { target: t } = await start(target, { seed: seed() });
    const before = await t.snapshot();
    await expect(t.restore(bad)).rejects.toThrow(detail);
    expect(await t.snapshot()).toEqual(before);
  });

  it('refuse a snapshot over the store-wide cap, and change nothing', async () => {
    const { target: t, api } = await start(target, { seed: snapshot(), limits: { maxStoreBytes: 200 } });
    const before = await t.snapshot();
    const big = snapshotWith((s) => {
      const bytes = new Uint8Array(300).fill(0x41);
      Object.assign(s.users[0].media[0], { encodingFormat: 'application/octet-stream', contentSize: bytes.length, base64: toBase64(bytes), additionalType: 'Scan' });
      delete s.users[0].activeImage;
    });
    await expect(t.restore(big)).rejects.toThrow(/^Storing these 300 bytes would take the sandbox past its store limit of 200 bytes/);
    expect(await t.snapshot()).toEqual(before);
    expect((await api.me('carol-1')).profileImage).toBe('img');
  });
});

describe('one snapshot format for every adapter', () => {
  const pairs = TARGETS.flatMap((from) => TARGETS.map((to) => [`${from.name} → ${to.name}`, from, to] as const));

  it.each(pairs)('%s: the state moves whole, and the rules go on from it', async (_label, from, to) => {
    const a = await start(from);
    const alice = await a.api.guest();
    const bob = await a.api.guest();
    const first = await a.api.upload(alice.token, { bytes: PNG_1X1, filename: 'first.png', query: 'ProfileImage' });
    await a.api.upload(alice.token, { bytes: GIF_1X1, filename: 'second.gif', query: 'ProfileImage' });
    await a.api.upload(alice.token, { bytes: PDF_MINIMAL, filename: 'notes.pdf', name: 'My notes', query: 'Document' });
    await a.api.upload(bob.token, { bytes: PNG_1X1, filename: 'bob.png', query: 'ProfileImage' });
    expectProblem(await a.api.call('DELETE', '/me/profileimage', { token: bob.token }).then(() => a.api.call('GET', '/me/profileimage', { token: bob.token })), 404);
    const saved = await a.target.snapshot();

    const b = await start(to);
    await b.target.restore(JSON.parse(JSON.stringify(saved)));
    expect(await b.target.snapshot()).toEqual(saved);
    for (const user of [alice, bob]) {
      expect(await b.api.me(user.token)).toEqual(await a.api.me(user.token));
      expect(await b.api.media(user.token)).toEqual(await a.api.media(user.token));
    }
    expect((await b.api.call('GET', `/media/${first.json.identifier}/download`, { token: alice.token })).bytes).toEqual(PNG_1X1);
    expect((await b.api.call('GET', '/me/profileimage', { token: alice.token })).text).toBe(toBase64(GIF_1X1));
    expect(await b.target.notifications()).toEqual([]);

    // The same next step on both gives the same outcome: replace, not delete.
    const next = await Promise.all([a, b].map(({ api }) => api.upload(alice.token, { bytes: PNG_1X1, filename: 'third.png', query: 'ProfileImage' })));
    for (const [i, { api }] of [a, b].entries()) {
      expect((await api.me(alice.token)).profileImage).toBe(next[i]!.json.identifier);
      expect((await api.media(alice.token)).map((m) => m.name)).toEqual(['first.png', 'second.gif', 'My notes', 'third.png']);
    }
  });
});
