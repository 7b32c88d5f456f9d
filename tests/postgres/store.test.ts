// The PostgreSQL store below HTTP, on a real PostgreSQL: two PgStore instances on one database stand for two
// replicas (each its own connection pool, state cache and delivery loop), driven by the pure domain rules.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { PNG_1X1, GIF_1X1, PDF_MINIMAL } from '../../src/fixtures/images.ts';
import { createGuest, deleteProfileImage, upload, type Outcome, type UserState } from '../../src/sandbox/domain.ts';
import { ProblemError } from '../../src/sandbox/errors.ts';
import { PgStore } from '../../src/sandbox/store-pg.ts';
import { freshDatabaseUrl } from '../support/postgres.ts';
import { Receiver } from '../sandbox/support/receiver.ts';

const now = () => new Date().toISOString();

async function guest(store: PgStore): Promise<{ token: string; profileId: string }> {
  const profileId = randomUUID();
  const token = randomUUID();
  const outcome = await store.addUser(createGuest({ profileId, now: now() }), token);
  expect(outcome.ok).toBe(true);
  return { token, profileId };
}

function uploadRule(bytes: Uint8Array, additionalType: 'ProfileImage' | 'Document' = 'ProfileImage', encodingFormat = 'image/png') {
  const identifier = randomUUID();
  return { identifier, rule: (s: UserState) => upload(s, { identifier, name: `${identifier}.bin`, bytes, encodingFormat, additionalType, now: now() }) };
}

/** A state with its bytes as Buffers: what the store read back and what a rule was given compare equal. */
const plain = (s: UserState | undefined) => s && { ...s, media: s.media.map((m) => ({ ...m, bytes: Buffer.from(m.bytes) })) };

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`rejected: ${outcome.code} ${outcome.detail}`);
  return outcome.value;
}

describe('PgStore on a real PostgreSQL', () => {
  let url: string;
  const stores: PgStore[] = [];
  const open = async () => {
    const s = await PgStore.open(url);
    stores.push(s);
    return s;
  };
  beforeAll(async () => {
    url = await freshDatabaseUrl();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('creates its schema once when several replicas start at the same moment, and again finds it done', async () => {
    const fresh = await freshDatabaseUrl();
    const started = await Promise.all([1, 2, 3].map(() => PgStore.open(fresh)));
    await Promise.all(started.map((s) => s.close()));
    (await PgStore.open(fresh).then((s) => s.close()));
    const client = new pg.Client({ connectionString: fresh });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version FROM profile_contracts_migrations ORDER BY version');
      expect(rows).toEqual([{ version: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('shares tokens and users between replicas, and a restarted replica finds them again', async () => {
    const [a, b] = [await open(), await open()];
    const user = await guest(a);
    expect(await b.profileIdForToken(user.token)).toBe(user.profileId);
    const { identifier, rule } = uploadRule(PNG_1X1);
    value(await b.apply(user.profileId, rule));
    const seenByA = await a.user(user.profileId);
    expect(seenByA?.activeImageId).toBe(identifier);
    expect(Buffer.from(seenByA!.media[0]!.bytes)).toEqual(Buffer.from(PNG_1X1));

    await a.close();
    const again = await open();
    expect(await again.profileIdForToken(user.token)).toBe(user.profileId);
    expect((await again.user(user.profileId))?.activeImageId).toBe(identifier);
  });

  it('applies 50 concurrent uploads through two replicas one after the other: one active image, the last applied', async () => {
    const [a, b] = [await open(), await open()];
    const user = await guest(a);
    const uploads = Array.from({ length: 50 }, (_, i) => uploadRule(i % 2 ? PNG_1X1 : GIF_1X1, 'ProfileImage', i % 2 ? 'image/png' : 'image/gif'));
    await Promise.all(uploads.map((u, i) => (i % 2 ? a : b).apply(user.profileId, u.rule).then(value)));

    const state = (await b.user(user.profileId))!;
    const listed = state.media.map((m) => m.identifier);
    expect(new Set(listed).size).toBe(50);
    expect([...listed].sort()).toEqual(uploads.map((u) => u.identifier).sort());
    // The media list is the commit order, so the last listed upload is the last applied and the active one.
    expect(state.activeImageId).toBe(listed.at(-1));
    const log = await a.notifications(user.profileId);
    expect(log.map((n) => n.properties.eventTrigger)).toEqual(['Create', ...Array(50).fill('Update')]);
    expect(log.slice(1).map((n) => n.body.profileImage)).toEqual(listed);
    expect(new Set(log.map((n) => n.properties.messageId)).size).toBe(51);
  });

  it('shows every replica an item that a replaced rule changed in place, not the copy it had cached', async () => {
    const [a, b] = [await open(), await open()];
    const user = await guest(a);
    const { identifier, rule } = uploadRule(PNG_1X1);
    value(await a.apply(user.profileId, rule));
    expect((await b.user(user.profileId))!.media[0]!.name).toBe(`${identifier}.bin`);
    const renamed = (s: UserState): Outcome<null> => ({
      ok: true,
      state: { ...s, media: s.media.map((m) => ({ ...m, name: 'renamed.gif', bytes: GIF_1X1 })) },
      notifications: [],
      value: null,
    });
    value(await a.apply(user.profileId, renamed));
    const seen = (await b.user(user.profileId))!.media[0]!;
    expect(seen.name).toBe('renamed.gif');
    expect(Buffer.from(seen.bytes)).toEqual(Buffer.from(GIF_1X1));
  });

  it('writes nothing when a rule rejects the change or throws', async () => {
    const store = await open();
    const user = await guest(store);
    const before = await store.user(user.profileId);
    const rejected = await store.apply(user.profileId, (s) => deleteProfileImage(s, now()));
    expect(rejected).toMatchObject({ ok: false, code: 'no-profile-image' });
    await expect(
      store.apply(user.profileId, () => {
        throw new Error('a rule that fails');
      }),
    ).rejects.toThrow('a rule that fails');
    const other = await open();
    expect(await other.user(user.profileId)).toEqual(before);
    expect(await other.notifications(user.profileId)).toHaveLength(1);
  });

  it('keeps other media out of the active image and deletes rows with their item', async () => {
    const store = await open();
    const user = await guest(store);
    const image = uploadRule(PNG_1X1);
    const doc = uploadRule(PDF_MINIMAL, 'Document', 'application/pdf');
    value(await store.apply(user.profileId, image.rule));
    value(await store.apply(user.profileId, doc.rule));
    value(await store.apply(user.profileId, (s) => deleteProfileImage(s, now())));
    const fresh = await open();
    const state = (await fresh.user(user.profileId))!;
    expect(state.activeImageId).toBeUndefined();
    expect(state.media.map((m) => m.identifier)).toEqual([doc.identifier]);
    expect(state.media[0]!.additionalType).toBe('Document');
  });

  it('counts the media bytes of all users together across replicas, and snapshot/restore carry users, tokens and bytes', async () => {
    const fresh = await freshDatabaseUrl();
    const [a, b] = [await PgStore.open(fresh), await PgStore.open(fresh)];
    stores.push(a, b);
    const [u1, u2] = [await guest(a), await guest(b)];
    value(await a.apply(u1.profileId, uploadRule(PNG_1X1).rule));
    value(await b.apply(u2.profileId, uploadRule(GIF_1X1, 'ProfileImage', 'image/gif').rule));
    value(await b.apply(u1.profileId, uploadRule(PDF_MINIMAL, 'Document', 'application/pdf').rule));
    expect(await b.bytesStored()).toBe(PNG_1X1.length + GIF_1X1.length + PDF_MINIMAL.length);
    value(await a.apply(u1.profileId, (s) => deleteProfileImage(s, now())));
    expect(await a.bytesStored()).toBe(GIF_1X1.length + PDF_MINIMAL.length);

    const snap = await a.snapshot();
    expect(snap.map((u) => u.state.profileId)).toEqual([u1.profileId, u2.profileId]);
    expect(snap.map((u) => u.tokens)).toEqual([[u1.token], [u2.token]]);
    expect(plain(snap[0]!.state)).toEqual(plain(await b.user(u1.profileId)));

    // Another user in between, then back to the snapshot: everything as it was, on every replica.
    const u3 = await guest(b);
    value(await b.apply(u1.profileId, uploadRule(PNG_1X1).rule));
    expect(plain(await a.user(u1.profileId))).not.toEqual(plain(snap[0]!.state));
    await b.restore(snap);
    expect(plain(await a.user(u1.profileId))).toEqual(plain(snap[0]!.state));
    expect(await a.user(u3.profileId)).toBeUndefined();
    expect(await a.profileIdForToken(u3.token)).toBeUndefined();
    expect(await a.profileIdForToken(u2.token)).toBe(u2.profileId);
    expect(await a.bytesStored()).toBe(GIF_1X1.length + PDF_MINIMAL.length);
    expect(await a.snapshot()).toEqual(snap);
  });

  it('loads a seed once: replicas seeding at the same moment load it once, and a replica restarted later keeps what was stored', async () => {
    const fresh = await freshDatabaseUrl();
    const origin = await PgStore.open(fresh);
    stores.push(origin);
    const seeded = await guest(origin);
    value(await origin.apply(seeded.profileId, uploadRule(PNG_1X1).rule));
    const seed = await origin.snapshot();
    await origin.reset();

    const replicas = await Promise.all([1, 2, 3].map(() => PgStore.open(fresh)));
    stores.push(...replicas);
    const loaded = await Promise.all(replicas.map((r) => r.seed(seed)));
    expect(loaded.filter(Boolean), 'exactly one replica loaded the seed').toHaveLength(1);
    expect(await replicas[0]!.snapshot()).toEqual(seed);

    // The team works on the shared sandbox; then one replica restarts with the same seed.
    const later = await guest(replicas[1]!);
    value(await replicas[2]!.apply(seeded.profileId, uploadRule(GIF_1X1, 'ProfileImage', 'image/gif').rule));
    const before = await replicas[0]!.snapshot();
    const restarted = await PgStore.open(fresh);
    stores.push(restarted);
    expect(await restarted.seed(seed)).toBe(false);
    expect(await restarted.snapshot()).toEqual(before);
    expect(await restarted.profileIdForToken(later.token)).toBe(later.profileId);

    // After a reset the seed loads again.
    await restarted.reset();
    expect(await replicas[0]!.seed(seed)).toBe(true);
    expect(await restarted.snapshot()).toEqual(seed);
  });

  it('holds MAX_STORE_BYTES across replicas: concurrent uploads through both never take the total past the cap', async () => {
    const fresh = await freshDatabaseUrl();
    const [a, b] = [await PgStore.open(fresh), await PgStore.open(fresh)];
    stores.push(a, b);
    const users = [await guest(a), await guest(b)];
    const cap = PNG_1X1.length * 5;
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).apply(users[i % 2]!.profileId, uploadRule(PNG_1X1).rule, { maxStoreBytes: cap })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    for (const o of outcomes.filter((o) => !o.ok)) expect(o).toMatchObject({ ok: false, code: 'store-full' });
    expect(await a.bytesStored()).toBe(cap);
    const listed = (await a.user(users[0]!.profileId))!.media.length + (await b.user(users[1]!.profileId))!.media.length;
    expect(listed, 'a refused upload wrote nothing').toBe(5);
    // Shrinking always passes, even at the cap.
    const holder = (await a.user(users[0]!.profileId))!.media.length > 0 ? users[0]! : users[1]!;
    value(await b.apply(holder.profileId, (s) => deleteProfileImage(s, now()), { maxStoreBytes: cap }));
    expect(await b.bytesStored()).toBe(cap - PNG_1X1.length);
  });

  it('reset forgets users, tokens and the notification log for every replica', async () => {
    const [a, b] = [await open(), await open()];
    const user = await guest(a);
    expect(await b.user(user.profileId)).toBeDefined();
    await b.reset();
    expect(await a.user(user.profileId)).toBeUndefined();
    expect(await a.notifications()).toEqual([]);
    expect(await a.apply(user.profileId, uploadRule(PNG_1X1).rule)).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  describe('outbox delivery', () => {
    let receiver: Receiver;
    afterEach(async () => {
      await receiver?.close();
    });

    it('two replicas deliver each message once, in commit order per profile', async () => {
      receiver = new Receiver();
      await receiver.listen();
      const [a, b] = [await open(), await open()];
      for (const s of [a, b]) s.startDelivery({ webhookUrl: receiver.url, pollMs: 50 });
      const users = [await guest(a), await guest(b), await guest(a)];
      await Promise.all(
        users.flatMap((u, j) => Array.from({ length: 10 }, (_, i) => ((i + j) % 2 ? a : b).apply(u.profileId, uploadRule(PNG_1X1).rule))),
      );
      const log = await a.notifications();
      const total = log.filter((n) => users.some((u) => u.profileId === n.properties.profileId)).length;
      expect(total).toBe(33);
      await receiver.waitForUnique(total);
      const ids = receiver.accepted.map((m) => m.properties.messageId);
      expect(new Set(ids).size, 'no message sent twice').toBe(ids.length);
      for (const u of users) {
        const sent = receiver.accepted.filter((m) => m.properties.profileId === u.profileId).map((m) => m.properties.messageId);
        expect(sent).toEqual((await a.notifications(u.profileId)).map((n) => n.properties.messageId));
      }
    });

    it('retries a refused delivery with backoff and holds the profile\'s next message back until it is through', async () => {
      receiver = new Receiver((n) => (n < 3 ? 500 : 'accept'));
      await receiver.listen();
      const store = await open();
      const user = await guest(store);
      value(await store.apply(user.profileId, uploadRule(PNG_1X1).rule));
      store.startDelivery({ webhookUrl: receiver.url, baseDelayMs: 10, pollMs: 20 });
      const got = await receiver.waitForUnique(2);
      expect(got.map((m) => m.properties.eventTrigger)).toEqual(['Create', 'Update']);
      expect(receiver.attempts.slice(0, 4).map((a) => a.message.properties.eventTrigger)).toEqual(['Create', 'Create', 'Create', 'Create']);
    });
  });

  it('throws the 503 store-unavailable problem while its database refuses connections, and changes nothing', async () => {
    const store = await PgStore.open(url, { connectTimeoutMs: 1000 });
    const user = await guest(store);
    const before = await store.user(user.profileId);
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      for (const attempt of [() => store.user(user.profileId), () => store.apply(user.profileId, uploadRule(PNG_1X1).rule)]) {
        const err = await attempt().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ProblemError);
        expect((err as ProblemError).problem).toMatchObject({ status: 503, type: expect.stringMatching(/store-unavailable$/) });
      }
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(await store.user(user.profileId)).toEqual(before);
    await store.close();
  });
});

describe('PgStore.open refuses a DATABASE_URL it cannot use, saying why', () => {
  it.each([
    ['not a URL', 'not a url', /is not a URL/],
    ['another scheme', 'mysql://u:p@127.0.0.1/db', /not a PostgreSQL URL/],
    ['no database', 'postgres://u:p@127.0.0.1:5432/', /names no database/],
  ])('%s', async (_what, bad, message) => {
    await expect(PgStore.open(bad)).rejects.toThrow(message);
  });

  it('an unreachable server, without showing the password', async () => {
    const err = (await PgStore.open('postgres://u:secret@127.0.0.1:1/db', { connectTimeoutMs: 1000 }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/cannot connect to the database at DATABASE_URL postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db/);
    expect(err.message).not.toContain('secret');
  });
});

