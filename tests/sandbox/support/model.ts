// The model for the model-based sandbox test: a few users, each with an ordered media list and at most one
// active profile image, plus the notification log the sandbox must have emitted. Every command performs one
// operation over HTTP, updates the model the way docs/contract.md says it should, and then compares everything the
// affected users can observe (GET /me, GET /media, the notification log) with the model.
import fc from 'fast-check';
import { expect } from 'vitest';
import { NOT_AN_IMAGE, toBase64 } from '../../../src/fixtures/images.ts';
import { ALL_KINDS, FILES, IMAGE_KINDS, type Kind } from './fixtures.ts';
import { Api, expectProblem, type Guest, type MediaObject, type Notification, type Person } from './http.ts';
import { buildMultipart, filePart } from './multipart.ts';

export const USERS = 3;

export const OTHER_TYPES = ['TravelerProfileImage', 'SupportingDocument', 'Scan', 'Document', 'PasswordImage'] as const;

interface MediaM {
  id: string;
  bytes: Uint8Array;
  format: string;
  type?: string;
  name: string;
}

interface UserM {
  guest: Guest;
  media: MediaM[];
  active?: string;
  /** GET /me as last observed; what a step that changes nothing must leave exactly as it is. */
  person: Person;
}

interface ExpectedNotification {
  profileId: string;
  trigger: 'Create' | 'Update';
  profileImage?: string;
}

export interface Model {
  users: UserM[];
  log: ExpectedNotification[];
}

export interface Real {
  api: Api;
}

/** What a step did to a user: nothing, only their media (no Person change), or their Person (one notification). */
type Change = 'none' | 'media' | 'person';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Reset the sandbox and create the users, one after the other, so that the n-th Create in the log is the n-th
 * token's profile. Each user's Person starts as their Create message's body; the first step that leaves a user
 * unchanged then checks it against GET /me, so "the Create body is the Person" is verified along the way.
 */
export async function setup(api: Api): Promise<{ model: Model; real: Real }> {
  await api.reset();
  const tokens: string[] = [];
  for (let i = 0; i < USERS; i += 1) {
    const r = await api.call('POST', '/token?grant_type=guest');
    expect(r.status, r.text).toBe(200);
    tokens.push(r.json.token);
  }
  const log = await api.notifications();
  expect(log.map((n) => n.properties.eventTrigger), 'one Create per new guest').toEqual(tokens.map(() => 'Create'));
  const users: UserM[] = log.map((n, i) => ({
    guest: { token: tokens[i], profileId: n.properties.profileId },
    media: [],
    person: n.body,
  }));
  return {
    model: { users, log: users.map((u) => ({ profileId: u.guest.profileId, trigger: 'Create' })) },
    real: { api },
  };
}

/** Compare the sandbox with the model for the given users (by index) and the whole notification log. */
async function verify(model: Model, api: Api, changes: Array<[number, Change]>): Promise<void> {
  // All reads at once: nothing changes between them, and it keeps 1000 sequences quick.
  const [notifications, ...seen] = await Promise.all([
    api.notifications(),
    ...changes.flatMap(([index]) => [api.me(model.users[index].guest.token), api.media(model.users[index].guest.token)]),
  ]);
  verifyLog(model, notifications as Notification[]);
  for (const [k, [index, change]] of changes.entries()) {
    const user = model.users[index];
    const me = seen[2 * k] as Person;
    const media = seen[2 * k + 1] as MediaObject[];
    expect(me.profileId, 'the token acts on its own profile').toBe(user.guest.profileId);
    if (user.active === undefined) {
      expect(me, 'no active image: profileImage is omitted').not.toHaveProperty('profileImage');
    } else {
      expect(me.profileImage, 'profileImage names the active image').toBe(user.active);
    }
    if (change !== 'person') {
      // The Person only ever changes together with a notification: otherwise a subscriber's copy (the last
      // message's body) would silently go stale. So other media, like rejected requests, leave it exactly as is.
      expect(me, 'a step without a Person change leaves the Person exactly as it was').toEqual(user.person);
    } else {
      const own = (notifications as Notification[]).filter((n) => n.properties.profileId === user.guest.profileId);
      expect(own.at(-1)?.body, 'the notification body is the Person as GET /me shows it').toEqual(me);
    }
    user.person = me;
    expect(media.map((m) => m.identifier), 'the media list, oldest first').toEqual(user.media.map((m) => m.id));
    media.forEach((m, i) => {
      const want = user.media[i];
      expect(m.contentSize, `contentSize of ${m.identifier}`).toBe(want.bytes.length);
      expect(m.encodingFormat, `encodingFormat of ${m.identifier}`).toBe(want.format);
      expect(m.name, `name of ${m.identifier}`).toBe(want.name);
      if (want.type === undefined) expect(m, 'untyped media has no additionalType').not.toHaveProperty('additionalType');
      else expect(m.additionalType).toBe(want.type);
    });
  }
}

function verifyLog(model: Model, actual: Notification[]): void {
  const seen = actual.map((n) => ({
    profileId: n.properties.profileId,
    trigger: n.properties.eventTrigger,
    ...(n.body.profileImage === undefined ? {} : { profileImage: n.body.profileImage }),
  }));
  expect(seen, 'exactly one notification per change, in order').toEqual(model.log);
  for (const n of actual) {
    expect(n.properties.entityName).toBe('Person');
    expect(n.properties.identifier).toBe(n.properties.profileId);
    expect(n.body.profileId).toBe(n.properties.profileId);
  }
  expect(new Set(actual.map((n) => n.properties.messageId)).size, 'unique messageIds').toBe(actual.length);
}

/** Download, Base64 and metadata of one media item must reproduce the uploaded bytes exactly. */
async function verifyBytes(api: Api, token: string, m: MediaM, withMetadata = true): Promise<void> {
  const [meta, download, base64] = await Promise.all([
    withMetadata ? api.call('GET', `/media/${m.id}`, { token }) : undefined,
    api.call('GET', `/media/${m.id}/download`, { token }),
    api.call('GET', `/media/${m.id}/base64`, { token }),
  ]);
  if (meta) {
    expect(meta.status).toBe(200);
    expect(meta.json.identifier).toBe(m.id);
  }
  expect(download.status).toBe(200);
  expect(Buffer.from(download.bytes).equals(Buffer.from(m.bytes)), 'download is byte-exact').toBe(true);
  expect(download.headers.get('content-type')?.split(';')[0]).toBe(m.format);
  expect(download.headers.get('content-length')).toBe(String(m.bytes.length));
  // RFC 6266 allows the filename as a token or a quoted string; both name the stored file.
  const disposition = download.headers.get('content-disposition') ?? '';
  const filename = /^attachment;\s*filename=(?:"([^"]*)"|([^;\s"]+))/.exec(disposition);
  expect(filename, `Content-Disposition: ${disposition}`).not.toBeNull();
  if (/^[\x20-\x7e]+$/.test(m.name)) expect(filename![1] ?? filename![2]).toBe(m.name);
  expect(base64.status).toBe(200);
  expect(base64.text, 'Base64 of the exact bytes').toBe(toBase64(m.bytes));
}

async function verifyGone(api: Api, token: string, id: string): Promise<void> {
  for (const path of [`/media/${id}`, `/media/${id}/download`, `/media/${id}/base64`]) {
    expectProblem(await api.call('GET', path, { token }), 404);
  }
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length];

/* ------------------------------------------------------------------ commands */

type Cmd = fc.AsyncCommand<Model, Real>;

class UploadProfileImage implements Cmd {
  constructor(
    readonly u: number,
    readonly kind: (typeof IMAGE_KINDS)[number],
    readonly via: 'query' | 'form' | 'both',
    readonly declaredOctets: boolean,
    readonly name: string | undefined,
  ) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    const user = model.users[this.u];
    const file = FILES[this.kind];
    const r = await api.upload(user.guest.token, {
      bytes: file.bytes,
      filename: file.filename,
      // The kind is judged by magic bytes, so a generic declared type must not matter.
      contentType: this.declaredOctets ? 'application/octet-stream' : file.format,
      query: this.via === 'form' ? undefined : 'ProfileImage',
      form: this.via === 'query' ? undefined : 'ProfileImage',
      name: this.name,
    });
    expect(r.status, r.text).toBe(201);
    const id = r.json.identifier as string;
    expect(r.headers.get('location')).toBe(`/media/${id}`);
    const m: MediaM = { id, bytes: file.bytes, format: file.format, type: 'ProfileImage', name: this.name ?? file.filename };
    user.media.push(m);
    user.active = id;
    model.log.push({ profileId: user.guest.profileId, trigger: 'Update', profileImage: id });
    await verify(model, api, [[this.u, 'person']]);
    await verifyBytes(api, user.guest.token, m, false);
    const active = await api.call('GET', '/me/profileimage', { token: user.guest.token });
    expect(active.status).toBe(200);
    expect(active.text, 'GET /me/profileimage is the new image').toBe(toBase64(file.bytes));
  }
  toString = () => `ProfileImage(u${this.u}, ${this.kind}, via ${this.via}${this.declaredOctets ? ', octets' : ''}${this.name ? `, name ${this.name}` : ''})`;
}

class UploadOther implements Cmd {
  constructor(
    readonly u: number,
    readonly kind: Kind,
    readonly type: (typeof OTHER_TYPES)[number] | undefined,
  ) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    const user = model.users[this.u];
    const file = FILES[this.kind];
    const r = await api.upload(user.guest.token, {
      bytes: file.bytes,
      filename: file.filename,
      contentType: file.format,
      query: this.type,
    });
    expect(r.status, r.text).toBe(201);
    const m: MediaM = { id: r.json.identifier, bytes: file.bytes, format: file.format, type: this.type, name: file.filename };
    user.media.push(m);
    await verify(model, api, [[this.u, 'media']]);
    await verifyBytes(api, user.guest.token, m, false);
  }
  toString = () => `Upload(u${this.u}, ${this.kind}, ${this.type ?? 'untyped'})`;
}

const INVALID = ['not-an-image', 'empty', 'no-file-part', 'two-file-parts', 'unknown-type', 'conflicting-types'] as const;

class UploadInvalid implements Cmd {
  constructor(
    readonly u: number,
    readonly variant: (typeof INVALID)[number],
  ) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    const user = model.users[this.u];
    const token = user.guest.token;
    const png = FILES.png;
    let r;
    let status = 400;
    switch (this.variant) {
      case 'not-an-image':
        // Declared as a PNG, but the bytes are text: judged by content, so 415.
        r = await api.upload(token, { bytes: NOT_AN_IMAGE, filename: 'avatar.png', contentType: 'image/png', query: 'ProfileImage' });
        status = 415;
        break;
      case 'empty':
        r = await api.upload(token, { bytes: new Uint8Array(0), filename: 'avatar.png', contentType: 'image/png', query: 'ProfileImage' });
        break;
      case 'no-file-part':
        r = await api.upload(token, { parts: [{ name: 'name', data: 'avatar' }], query: 'ProfileImage' });
        break;
      case 'two-file-parts':
        r = await api.upload(token, {
          parts: [
            { name: 'file', filename: 'a.png', contentType: 'image/png', data: png.bytes },
            { name: 'file', filename: 'b.png', contentType: 'image/png', data: png.bytes },
          ],
          query: 'ProfileImage',
        });
        break;
      case 'unknown-type':
        r = await api.upload(token, { bytes: png.bytes, filename: png.filename, contentType: png.format, query: 'profileimage' });
        break;
      case 'conflicting-types':
        r = await api.upload(token, { bytes: png.bytes, filename: png.filename, contentType: png.format, query: 'ProfileImage', form: 'Scan' });
        break;
    }
    expectProblem(r, status);
    await verify(model, api, [[this.u, 'none']]);
  }
  toString = () => `Invalid(u${this.u}, ${this.variant})`;
}

class DeleteProfileImage implements Cmd {
  constructor(readonly u: number) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    const user = model.users[this.u];
    const token = user.guest.token;
    const r = await api.call('DELETE', '/me/profileimage', { token });
    const old = user.active;
    if (old === undefined) {
      expectProblem(r, 404);
      await verify(model, api, [[this.u, 'none']]);
      return;
    }
    expect(r.status, r.text).toBe(204);
    expect(r.bytes.length).toBe(0);
    user.media = user.media.filter((m) => m.id !== old);
    user.active = undefined;
    model.log.push({ profileId: user.guest.profileId, trigger: 'Update' });
    await verify(model, api, [[this.u, 'person']]);
    await verifyGone(api, token, old);
    expectProblem(await api.call('GET', '/me/profileimage', { token }), 404);
  }
  toString = () => `DeleteProfileImage(u${this.u})`;
}

class DeleteOwnMedia implements Cmd {
  constructor(
    readonly u: number,
    readonly n: number,
  ) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    const user = model.users[this.u];
    const token = user.guest.token;
    if (user.media.length === 0) {
      expectProblem(await api.call('DELETE', `/media/${UNKNOWN_ID}`, { token }), 404);
      await verify(model, api, [[this.u, 'none']]);
      return;
    }
    const target = pick(user.media, this.n);
    const r = await api.call('DELETE', `/media/${target.id}`, { token });
    expect(r.status, r.text).toBe(204);
    user.media = user.media.filter((m) => m.id !== target.id);
    let change: Change = 'media';
    if (user.active === target.id) {
      // Deleting the active image through /media has the effects of DELETE /me/profileimage: nothing is promoted.
      user.active = undefined;
      model.log.push({ profileId: user.guest.profileId, trigger: 'Update' });
      change = 'person';
    }
    await verify(model, api, [[this.u, change]]);
    await verifyGone(api, token, target.id);
  }
  toString = () => `DeleteOwnMedia(u${this.u}, #${this.n})`;
}

class DeleteOthersMedia implements Cmd {
  constructor(
    readonly u: number,
    readonly n: number,
  ) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    const user = model.users[this.u];
    const owners = model.users.map((_, i) => i).filter((i) => i !== this.u && model.users[i].media.length > 0);
    const owner = owners.length > 0 ? pick(owners, this.n) : undefined;
    const id = owner === undefined ? UNKNOWN_ID : pick(model.users[owner].media, this.n).id;
    // Another user's identifier answers exactly like an unknown one: 404, and nothing changes for anyone.
    expectProblem(await api.call('DELETE', `/media/${id}`, { token: user.guest.token }), 404);
    await verify(model, api, owner === undefined ? [[this.u, 'none']] : [[this.u, 'none'], [owner, 'none']]);
  }
  toString = () => `DeleteOthersMedia(u${this.u}, #${this.n})`;
}

class DeleteUnknownMedia implements Cmd {
  constructor(
    readonly u: number,
    readonly id: string,
  ) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    expectProblem(await api.call('DELETE', `/media/${encodeURIComponent(this.id)}`, { token: model.users[this.u].guest.token }), 404);
    await verify(model, api, [[this.u, 'none']]);
  }
  toString = () => `DeleteUnknownMedia(u${this.u}, ${JSON.stringify(this.id)})`;
}

class ReadMedia implements Cmd {
  constructor(
    readonly u: number,
    readonly n: number,
  ) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    const user = model.users[this.u];
    const token = user.guest.token;
    if (user.media.length > 0) await verifyBytes(api, token, pick(user.media, this.n));
    else await verifyGone(api, token, UNKNOWN_ID);
    // Isolation: every other user's media is invisible to this user.
    const others = model.users.filter((_, i) => i !== this.u).flatMap((o) => o.media);
    if (others.length > 0) await verifyGone(api, token, pick(others, this.n).id);
    const active = await api.call('GET', '/me/profileimage', { token });
    const current = user.media.find((m) => m.id === user.active);
    if (current) {
      expect(active.status).toBe(200);
      expect(active.headers.get('content-type')).toMatch(/^text\/plain\b/);
      expect(active.text, 'GET /me/profileimage is the Base64 of the active image').toBe(toBase64(current.bytes));
    } else {
      expectProblem(active, 404);
    }
    await verify(model, api, [[this.u, 'none']]);
  }
  toString = () => `Read(u${this.u}, #${this.n})`;
}

const CREDENTIALS = ['none', 'unknown-token', 'bearer-without-token'] as const;
const GUARDED = ['delete-profile-image', 'upload-profile-image', 'delete-media'] as const;

class Unauthenticated implements Cmd {
  constructor(
    readonly u: number,
    readonly credential: (typeof CREDENTIALS)[number],
    readonly op: (typeof GUARDED)[number],
    readonly n: number,
  ) {}
  check = () => true;
  async run(model: Model, { api }: Real): Promise<void> {
    const user = model.users[this.u];
    const headers: Record<string, string> =
      this.credential === 'none' ? {} : { authorization: this.credential === 'unknown-token' ? 'Bearer 0badc0de' : 'Bearer ' };
    let r;
    if (this.op === 'delete-profile-image') r = await api.call('DELETE', '/me/profileimage', { headers });
    else if (this.op === 'delete-media') {
      const id = user.media.length > 0 ? pick(user.media, this.n).id : UNKNOWN_ID;
      r = await api.call('DELETE', `/media/${id}`, { headers });
    } else {
      const upload = buildMultipart([filePart(FILES.png.bytes, 'avatar.png', 'image/png')]);
      r = await api.call('POST', '/media?AdditionalType=ProfileImage', {
        headers: { ...headers, 'content-type': upload.contentType },
        body: upload.body,
      });
    }
    expectProblem(r, 401);
    expect(r.headers.get('www-authenticate') ?? '').toMatch(/^Bearer\b/);
    await verify(model, api, [[this.u, 'none']]);
  }
  toString = () => `Unauthenticated(u${this.u}, ${this.credential}, ${this.op})`;
}

/* ------------------------------------------------------------------ arbitraries */

/** Mostly user 0, so that one user's sequence often replaces and deletes images; the others keep isolation honest. */
const user = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat({ max: USERS - 1 }), weight: 1 });
const index = fc.nat({ max: 20 });
const mediaName = fc.option(fc.constantFrom('me', 'holiday photo', 'Ünïcødé.png'), { nil: undefined });

/** fc.commands picks uniformly among its arbitraries, so an arbitrary listed k times is k times as likely. */
const weighted = <T>(k: number, arb: fc.Arbitrary<T>): Array<fc.Arbitrary<T>> => Array.from({ length: k }, () => arb);

export const commandArbitraries: Array<fc.Arbitrary<Cmd>> = [
  // Replacing is the rule that matters most, so uploads of profile images and deletes come up most often.
  ...weighted(
    4,
    fc
      .tuple(user, fc.constantFrom(...IMAGE_KINDS), fc.constantFrom('query', 'form', 'both') as fc.Arbitrary<'query' | 'form' | 'both'>, fc.boolean(), mediaName)
      .map(([u, kind, via, octets, name]): Cmd => new UploadProfileImage(u, kind, via, octets, name)),
  ),
  ...weighted(
    2,
    fc
      .tuple(user, fc.constantFrom(...ALL_KINDS), fc.constantFrom(undefined, ...OTHER_TYPES))
      .map(([u, kind, type]): Cmd => new UploadOther(u, kind, type)),
  ),
  ...weighted(2, fc.tuple(user, fc.constantFrom(...INVALID)).map(([u, variant]): Cmd => new UploadInvalid(u, variant))),
  ...weighted(2, user.map((u): Cmd => new DeleteProfileImage(u))),
  ...weighted(2, fc.tuple(user, index).map(([u, n]): Cmd => new DeleteOwnMedia(u, n))),
  fc.tuple(user, index).map(([u, n]): Cmd => new DeleteOthersMedia(u, n)),
  fc
    .tuple(user, fc.constantFrom(UNKNOWN_ID, 'profileimage', '..', 'ProfileImage', '0'))
    .map(([u, id]): Cmd => new DeleteUnknownMedia(u, id)),
  ...weighted(2, fc.tuple(user, index).map(([u, n]): Cmd => new ReadMedia(u, n))),
  fc
    .tuple(user, fc.constantFrom(...CREDENTIALS), fc.constantFrom(...GUARDED), index)
    .map(([u, credential, op, n]): Cmd => new Unauthenticated(u, credential, op, n)),
];

/** The property: any short sequence of commands keeps the sandbox equal to the model after every step. */
export function modelProperty(api: Api, maxCommands: number): fc.IAsyncPropertyWithHooks<[Iterable<Cmd>]> {
  return fc.asyncProperty(fc.commands(commandArbitraries, { maxCommands }), async (cmds) => {
    await fc.asyncModelRun(() => setup(api), cmds);
  });
}
