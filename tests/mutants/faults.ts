// The deliberate faults of the mutation self-test, each one broken rule of docs/contract.md built from outside the
// sandbox through the seams createSandbox offers: `rules` (a domain rule wrapping its default from
// `defaultRules`), `plugins` (a fastify hook around the public routes) or `store` (a Store wrapping
// MemoryStore, made fresh for each sandbox so that no two runs share state). Production code knows nothing
// of them; `npm run verify` must fail a sandbox started with any one of them (mutants.test.ts), a fault with
// `caughtOnlyBy` must be failed by that check and no other, and each must show the fault it names
// (faults.test.ts).
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  defaultRules,
  MemoryStore,
  type ApplyLimits,
  type CommitListener,
  type MediaItem,
  type NotificationDraft,
  type Outcome,
  type Rules,
  type SandboxOptions,
  type SandboxPlugin,
  type Store,
  type UserState,
} from '../../src/sandbox/index.ts';
import { MESSAGE_RULES, SEQUENCE_RULES } from '../../src/verify/index.ts';

/** What a fault replaces: rules, plugins, and a store made anew for every sandbox started with the fault. */
export interface FaultOverrides extends Pick<SandboxOptions, 'rules' | 'plugins'> {
  store?: () => Store;
}

export interface Fault {
  /** A short kebab-case name for listings. */
  name: string;
  /** The rule of the contract it breaks, in words. */
  rule: string;
  /** What to hand createSandbox to get the faulty sandbox (through `faultOptions`). */
  overrides: FaultOverrides;
  /**
   * The one verify check (`[suite] name`, as the listing shows it) that must fail this fault, with every
   * other check passing: the fault that proves this check has teeth of its own.
   */
  caughtOnlyBy?: string;
}

/** createSandbox's options for a fault: its rules and plugins, and a fresh store of its own. */
export function faultOptions(fault: Fault): Pick<SandboxOptions, 'rules' | 'plugins' | 'store'> {
  const { store, ...rest } = fault.overrides;
  return store ? { ...rest, store: store() } : rest;
}

const sequenceCheck = (name: string) => `[sequence] ${name}`;
const messageCheck = (name: string) => `[messages] ${name}`;

type Transition = Outcome<MediaItem>;

/** The Person Update the domain emits for `state`. */
function personUpdate(state: UserState): NotificationDraft {
  const properties = { entityName: 'Person', eventTrigger: 'Update', profileId: state.profileId, identifier: state.profileId } as const;
  return { properties, body: defaultRules.personView(state) };
}

/** The outcome with another state, its Person Update re-made from that state (added when it had none). */
function withState(outcome: Transition & { ok: true }, state: UserState): Transition {
  const update = personUpdate(state);
  const notifications = outcome.notifications.length ? outcome.notifications.map((n) => ({ ...n, body: update.body })) : [update];
  return { ...outcome, state, notifications };
}

/**
 * How long the lost-update store waits between reading a user and committing: long enough that the three
 * concurrent uploads of verify's concurrency check all read the same state, even on a loaded machine.
 */
const LOST_UPDATE_YIELD_MS = 100;

/**
 * A store whose `apply` is not atomic per user: it reads the user's state, yields, then commits the rule's
 * outcome on what it read, overwriting whatever another request committed meanwhile (a read-modify-write
 * without a lock). One request at a time works; of concurrent uploads by one user only the last survives.
 */
class LostUpdateStore extends MemoryStore {
  override async apply<T>(profileId: string, rule: (state: UserState) => Outcome<T>, limits?: ApplyLimits): Promise<Outcome<T>> {
    const read = await this.user(profileId);
    await new Promise((resolve) => setTimeout(resolve, LOST_UPDATE_YIELD_MS));
    return super.apply(profileId, (latest) => rule(read ?? latest), limits);
  }
}

/**
 * How long the out-of-order store holds a profile's notifications back when no next commit comes: far longer
 * than the three concurrent uploads of verify's order check take to commit.
 */
const HOLD_MS = 250;

/**
 * A store that commits in order but hands its notifications on out of order per profile: each commit's
 * notifications are held back until the profile's next commit, which is delivered first (or, with none, until
 * HOLD_MS). A change followed by a wait for its message sees it late but in order; two changes close together
 * are notified the wrong way round. The log and the webhook both follow the order the listener is called in.
 */
class OutOfOrderStore extends MemoryStore {
  private readonly timers = new Set<NodeJS.Timeout>();

  override onCommit(listener: CommitListener): void {
    const held = new Map<string, { drafts: NotificationDraft[]; timer: NodeJS.Timeout }>();
    super.onCommit((drafts) => {
      const profileId = drafts[0]!.properties.profileId;
      const waiting = held.get(profileId);
      if (waiting) {
        held.delete(profileId);
        clearTimeout(waiting.timer);
        this.timers.delete(waiting.timer);
        listener(drafts);
        listener(waiting.drafts);
        return;
      }
      const timer = setTimeout(() => {
        held.delete(profileId);
        this.timers.delete(timer);
        listener(drafts);
      }, HOLD_MS);
      this.timers.add(timer);
      held.set(profileId, { drafts, timer });
    });
  }

  override async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await super.close();
  }
}

/** A refused upload (4xx but 401: the caller is known) still emits a Person Update of the unchanged Person. */
const notifyOnRejectedUpload: SandboxPlugin = (app) => {
  app.addHook('onSend', async (req, reply, payload) => {
    const user = req.user;
    if (req.method === 'POST' && req.routeOptions.url === '/media' && reply.statusCode >= 400 && reply.statusCode < 500 && user) {
      await app.store.apply(user.profileId, (state) => ({ ok: true, state, notifications: [personUpdate(state)], value: undefined }));
    }
    return payload;
  });
};

/** A plugin whose onSend hook rewrites the answers of one public route. */
function rewriteAnswer(
  method: string,
  url: string,
  rewrite: (payload: unknown, reply: FastifyReply, req: FastifyRequest) => unknown,
): SandboxPlugin {
  return (app) => {
    app.addHook('onSend', async (req, reply, payload) =>
      req.method === method && req.routeOptions.url === url ? rewrite(payload, reply, req) : payload,
    );
  };
}

const staleBody = (before: UserState, out: Transition): Transition =>
  out.ok ? { ...out, notifications: out.notifications.map((n) => ({ ...n, body: defaultRules.personView(before) })) } : out;

/** The last remaining ProfileImage becomes active again when the active one was deleted. */
function promoteOlder(before: UserState, out: Transition): Transition {
  if (!out.ok || before.activeImageId === undefined || out.state.activeImageId !== undefined) return out;
  const older = out.state.media.findLast((m) => m.additionalType === 'ProfileImage');
  return older ? withState(out, { ...out.state, activeImageId: older.identifier }) : out;
}

/** Requests whose token `falls through` (given the Authorization header) act on one shared guest (made again after a reset). */
function sharedGuest(fallsThrough: (token: string | undefined) => boolean): SandboxPlugin {
  return (app) => {
    let shared: string | undefined;
    const known = async (token: string | undefined) => token !== undefined && (await app.store.profileIdForToken(token)) !== undefined;
    app.addHook('onRequest', async (req) => {
      const token = /^Bearer +(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
      if ((await known(token)) || !fallsThrough(token)) return;
      if (!(await known(shared))) {
        shared = randomUUID();
        await app.store.addUser(app.rules.createGuest({ profileId: randomUUID(), now: new Date().toISOString() }), shared);
      }
      req.headers.authorization = `Bearer ${shared}`;
    });
  };
}

/** Who uploaded each media item (its profile and the Authorization it came with), as the plugin has seen it. */
function uploadOwners(app: Parameters<SandboxPlugin>[0]): Map<string, { profileId: string; authorization: string }> {
  const owners = new Map<string, { profileId: string; authorization: string }>();
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'POST' && req.routeOptions.url === '/media' && reply.statusCode === 201 && req.user && req.headers.authorization) {
      owners.set((JSON.parse(String(payload)) as { identifier: string }).identifier, { profileId: req.user.profileId, authorization: req.headers.authorization });
    }
    return payload;
  });
  return owners;
}

/** GET of a media item is answered with its uploader's credentials, whoever asks. */
const crossUserMedia: SandboxPlugin = (app) => {
  const owners = uploadOwners(app);
  app.addHook('onRequest', async (req) => {
    const owner = owners.get((req.params as { identifier?: string }).identifier ?? '');
    if (req.method === 'GET' && owner && req.headers.authorization) req.headers.authorization = owner.authorization;
  });
};

/** Another user's DELETE /media/{identifier} is answered 404, as it should be, after deleting the owner's item. */
const otherUsersDelete: SandboxPlugin = (app) => {
  const owners = uploadOwners(app);
  app.addHook('onSend', async (req, reply, payload) => {
    const identifier = (req.params as { identifier?: string }).identifier ?? '';
    const owner = owners.get(identifier);
    if (req.method === 'DELETE' && req.routeOptions.url === '/media/:identifier' && reply.statusCode === 404 && owner) {
      await app.store.apply(owner.profileId, (state) => app.rules.deleteMedia(state, identifier, new Date().toISOString()));
    }
    return payload;
  });
};

/**
 * GET /me read from a lagging copy: right after a ProfileImage replaced another, and until the user's next
 * change, it still names the replaced image, for a user whose media are just those two images.
 */
const staleReadAfterReplace: SandboxPlugin = (app) => {
  const replaced = new Map<string, string>();
  app.addHook('onSend', async (req, reply, payload) => {
    const user = req.user;
    if (!user || reply.statusCode >= 300) return payload;
    if (req.method === 'GET' && req.routeOptions.url === '/me') {
      const stale = replaced.get(user.profileId);
      if (stale === undefined || (await app.store.user(user.profileId))?.media.length !== 2) return payload;
      return JSON.stringify({ ...(JSON.parse(String(payload)) as object), profileImage: stale });
    }
    if (req.method === 'GET' || req.method === 'HEAD') return payload;
    const upload = req.method === 'POST' && req.routeOptions.url === '/media' ? (JSON.parse(String(payload)) as { additionalType?: string }) : undefined;
    if (upload?.additionalType === 'ProfileImage' && user.activeImageId !== undefined) replaced.set(user.profileId, user.activeImageId);
    else replaced.delete(user.profileId);
    return payload;
  });
};

/** DELETE /media/{identifier} with `change` made to its outcome when it deletes the active image. */
function deletingActive(change: (out: Transition & { ok: true }, before: UserState) => Transition): Partial<Rules> {
  return {
    deleteMedia(state, identifier, now) {
      const out = defaultRules.deleteMedia(state, identifier, now);
      return out.ok && state.activeImageId === identifier ? change(out, state) : out;
    },
  };
}

/** An upload whose AdditionalType `activates` becomes the active profile image (and says so in an Update). */
function activating(activates: (type: string | undefined) => boolean): Partial<Rules> {
  return {
    upload(state, input) {
      const out = defaultRules.upload(state, input);
      if (!out.ok || input.additionalType === 'ProfileImage' || !activates(input.additionalType)) return out;
      return withState(out, { ...out.state, activeImageId: input.identifier, lastModified: input.now });
    },
  };
}

/**
 * A store that rewrites each notification as it is committed: `rewrite` is made per store (so a counter in it
 * starts afresh for every sandbox) and may set properties the notifier would set (a `messageId`).
 */
class RewritingStore extends MemoryStore {
  constructor(private readonly rewrite: (draft: NotificationDraft) => NotificationDraft) {
    super();
  }

  override onCommit(listener: CommitListener): void {
    super.onCommit((drafts) => listener(drafts.map(this.rewrite)));
  }
}

/** Each profile's messages numbered from 1 as their messageId: unique per profile, the same across profiles. */
function restartingMessageIds(): RewritingStore {
  const counts = new Map<string, number>();
  return new RewritingStore((draft) => {
    const n = (counts.get(draft.properties.profileId) ?? 0) + 1;
    counts.set(draft.properties.profileId, n);
    const properties = { ...draft.properties, messageId: `message-${n}` } as NotificationDraft['properties'];
    return { ...draft, properties };
  });
}

export const FAULTS: readonly Fault[] = [
  {
    name: 'replace-deletes-old',
    rule: 'a new ProfileImage deletes the previously active image instead of keeping it listed',
    overrides: {
      rules: {
        upload(state, input) {
          const out = defaultRules.upload(state, input);
          const old = state.activeImageId;
          if (!out.ok || old === undefined || out.state.activeImageId !== input.identifier) return out;
          return { ...out, state: { ...out.state, media: out.state.media.filter((m) => m.identifier !== old) } };
        },
      },
    },
  },
  {
    name: 'new-image-not-active',
    rule: 'a new ProfileImage is stored but the old one stays active',
    overrides: {
      rules: {
        upload(state, input) {
          const out = defaultRules.upload(state, input);
          if (!out.ok || state.activeImageId === undefined || input.additionalType !== 'ProfileImage') return out;
          return withState(out, { ...out.state, activeImageId: state.activeImageId });
        },
      },
    },
  },
  {
    name: 'profile-image-kept-after-delete',
    rule: 'Person.profileImage still names the image after DELETE /me/profileimage',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.deleteNoPromotion),
    overrides: {
      rules: {
        deleteProfileImage(state, now) {
          const out = defaultRules.deleteProfileImage(state, now);
          return out.ok ? withState(out, { ...out.state, activeImageId: state.activeImageId! }) : out;
        },
      },
    },
  },
  {
    name: 'profile-image-null',
    rule: 'Person.profileImage is sent as null when there is no active image',
    overrides: {
      rules: {
        personView(state) {
          const person = defaultRules.personView(state);
          return state.activeImageId === undefined ? { ...person, profileImage: null as unknown as string } : person;
        },
      },
    },
  },
  {
    name: 'promote-older-on-delete',
    rule: 'deleting the active image promotes the previous profile image',
    overrides: {
      rules: {
        deleteProfileImage: (state, now) => promoteOlder(state, defaultRules.deleteProfileImage(state, now)),
        deleteMedia: (state, identifier, now) => promoteOlder(state, defaultRules.deleteMedia(state, identifier, now)),
      },
    },
  },
  {
    name: 'wrong-base64',
    rule: 'GET /me/profileimage returns Base64 of other bytes (or base64url)',
    overrides: {
      plugins: [rewriteAnswer('GET', '/me/profileimage', (p, reply) => (reply.statusCode === 200 ? Buffer.from(String(p), 'base64').toString('base64url') : p))],
    },
  },
  {
    name: 'no-auth-check',
    rule: 'requests without a valid bearer token are served',
    overrides: { plugins: [sharedGuest(() => true)] },
  },
  {
    name: 'cross-user-media-visible',
    rule: "another user's media identifier answers 200 instead of 404",
    overrides: { plugins: [crossUserMedia] },
  },
  {
    name: 'other-media-replaces-profile-image',
    rule: 'uploading media of another type makes it the active profile image',
    overrides: { rules: activating(() => true) },
  },
  {
    name: 'missing-notification',
    rule: 'no Person Update notification when the profile image is replaced',
    overrides: {
      rules: {
        upload(state, input) {
          const out = defaultRules.upload(state, input);
          return out.ok && state.activeImageId !== undefined ? { ...out, notifications: [] } : out;
        },
      },
    },
  },
  {
    name: 'stale-notification',
    rule: 'the notification body is the Person as it was before the change',
    overrides: {
      rules: {
        upload: (state, input) => staleBody(state, defaultRules.upload(state, input)),
        deleteProfileImage: (state, now) => staleBody(state, defaultRules.deleteProfileImage(state, now)),
        deleteMedia: (state, identifier, now) => staleBody(state, defaultRules.deleteMedia(state, identifier, now)),
      },
    },
  },
  {
    name: 'upload-status-200',
    rule: 'a successful upload answers 200 instead of 201',
    overrides: {
      plugins: [
        rewriteAnswer('POST', '/media', (p, reply) => {
          if (reply.statusCode === 201) reply.code(200);
          return p;
        }),
      ],
    },
  },
  {
    name: 'non-problem-errors',
    rule: 'errors are sent as application/json {"error": ...} instead of problem+json',
    overrides: {
      plugins: [
        (app) => {
          app.addHook('onSend', async (_req, reply, payload) => {
            if (!String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json')) return payload;
            reply.type('application/json');
            return JSON.stringify({ error: (JSON.parse(String(payload)) as { detail: string }).detail });
          });
        },
      ],
    },
  },
  {
    name: 'delete-keeps-media',
    rule: 'DELETE /me/profileimage clears the active image but leaves its media item listed',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.deleteRemoves),
    overrides: {
      rules: {
        deleteProfileImage(state, now) {
          const out = defaultRules.deleteProfileImage(state, now);
          return out.ok ? { ...out, state: { ...out.state, media: state.media } } : out;
        },
      },
    },
  },
  {
    name: 'download-wrong-bytes',
    rule: 'GET /media/{identifier}/download returns the bytes without their first byte',
    overrides: {
      plugins: [rewriteAnswer('GET', '/media/:identifier/download', (p, reply) => (reply.statusCode === 200 ? (p as Buffer).subarray(1) : p))],
    },
  },
  // Faults for the rules verify judges since issue 10; each is caught by its one check (docs/provider.md).
  {
    name: 'grant-type-ignored',
    rule: 'POST /token with a missing or unsupported grant_type still creates a guest',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.token),
    overrides: {
      plugins: [
        (app) => {
          app.addHook('onSend', async (req, reply, payload) => {
            if (req.method !== 'POST' || req.routeOptions.url !== '/token' || reply.statusCode !== 400) return payload;
            const token = randomUUID();
            const now = new Date();
            await app.store.addUser(app.rules.createGuest({ profileId: randomUUID(), now: now.toISOString() }), token);
            const date = new Date(now.getTime() + 3_600_000).toISOString();
            reply.code(200).type('application/json');
            return JSON.stringify({ token, tokenType: 'Bearer', expiresIn: Math.floor(Date.parse(date) / 1000), expiresInDate: date, refreshToken: randomUUID(), refreshTokenExpiresInDate: date });
          });
        },
      ],
    },
  },
  {
    name: 'conflicting-type-accepted',
    rule: 'an upload whose query and form give different AdditionalTypes answers 201 instead of 400',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.rejected),
    overrides: {
      plugins: [
        rewriteAnswer('POST', '/media', (p, reply) => {
          if (reply.statusCode !== 400 || !String(p).includes('conflicting-additional-type')) return p;
          const identifier = randomUUID();
          reply.code(201).type('application/json').header('location', `/media/${identifier}`);
          const item = { identifier, name: 'upload.png', encodingFormat: 'image/png', contentSize: 70, dateCreated: new Date().toISOString(), additionalType: 'ProfileImage' };
          return JSON.stringify(item);
        }),
      ],
    },
  },
  {
    name: 'content-size-off-by-one',
    rule: "a MediaObject's contentSize is one more than the file's byte count",
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.metadata),
    overrides: { rules: { mediaView: (item) => ({ ...defaultRules.mediaView(item), contentSize: item.contentSize + 1 }) } },
  },
  {
    name: 'delete-media-keeps-active',
    rule: 'DELETE /media/{identifier} of the active image leaves Person.profileImage naming the deleted item',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.deleteMedia),
    overrides: { rules: deletingActive((out, before) => withState(out, { ...out.state, activeImageId: before.activeImageId! })) },
  },
  {
    name: 'delete-other-media-clears-active',
    rule: 'DELETE /media/{identifier} of an item that is not the active image deletes the active image too (silently)',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.deleteMedia),
    overrides: {
      rules: {
        deleteMedia(state, identifier, now) {
          const out = defaultRules.deleteMedia(state, identifier, now);
          if (!out.ok || state.activeImageId === undefined || state.activeImageId === identifier) return out;
          const { activeImageId: _gone, ...rest } = out.state;
          return { ...out, state: { ...rest, media: rest.media.filter((m) => m.identifier !== state.activeImageId) } };
        },
      },
    },
  },
  {
    name: 'delete-media-silent',
    rule: 'DELETE /media/{identifier} of the active image emits no Person Update',
    overrides: { rules: deletingActive((out) => ({ ...out, notifications: [] })) },
  },
  // Faults of the store seam and of refused uploads, for the checks no rule or answer rewrite can isolate.
  {
    name: 'lost-update',
    rule: "concurrent uploads by one user overwrite each other's commit (apply is not atomic per user)",
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.concurrent),
    overrides: { store: () => new LostUpdateStore() },
  },
  {
    name: 'notifications-out-of-order',
    rule: "a profile's notifications are handed on in another order than its changes were committed",
    caughtOnlyBy: messageCheck(MESSAGE_RULES.order),
    overrides: { store: () => new OutOfOrderStore() },
  },
  {
    name: 'rejected-upload-notifies',
    rule: 'a refused upload emits a Person Update although nothing changed',
    caughtOnlyBy: messageCheck(MESSAGE_RULES.rejected),
    overrides: { plugins: [notifyOnRejectedUpload] },
  },
  // Faults that each one more check catches alone (the listing's "Not yet" before them).
  {
    name: 'stale-me-after-replace',
    rule: 'right after a replacement GET /me still names the replaced image (a stale read until the next change)',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.newestActive),
    overrides: { plugins: [staleReadAfterReplace] },
  },
  {
    name: 'delete-profile-image-deletes-older',
    rule: 'DELETE /me/profileimage deletes the older ProfileImages along with the active one',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.deleteKeepsOlder),
    overrides: {
      rules: {
        deleteProfileImage(state, now) {
          const out = defaultRules.deleteProfileImage(state, now);
          return out.ok ? { ...out, state: { ...out.state, media: out.state.media.filter((m) => m.additionalType !== 'ProfileImage') } } : out;
        },
      },
    },
  },
  {
    name: 'replaced-image-hidden',
    rule: 'GET /media/{identifier} of a replaced ProfileImage answers 404, though it is still listed and downloadable',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.replaceKeepsOld),
    overrides: {
      plugins: [
        rewriteAnswer('GET', '/media/:identifier', (p, reply, req) => {
          const item = reply.statusCode === 200 ? (JSON.parse(String(p)) as { identifier: string; additionalType?: string }) : undefined;
          if (item?.additionalType !== 'ProfileImage' || item.identifier === req.user?.activeImageId) return p;
          reply.code(404).type('application/problem+json');
          return JSON.stringify({ type: 'urn:profile-contracts:problem:media-not-found', title: 'Media not found', status: 404, detail: `no media item ${item.identifier}` });
        }),
      ],
    },
  },
  {
    name: 'inactive-base64-wrong',
    rule: 'GET /media/{identifier}/base64 of an image that is not the active one is the Base64 of its bytes without the first',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.base64),
    overrides: {
      plugins: [
        rewriteAnswer('GET', '/media/:identifier/base64', (p, reply, req) => {
          if (reply.statusCode !== 200 || (req.params as { identifier: string }).identifier === req.user?.activeImageId) return p;
          return Buffer.from(String(p), 'base64').subarray(1).toString('base64');
        }),
      ],
    },
  },
  {
    name: 'upload-location-collection',
    rule: "a successful upload's Location names /media instead of the new item",
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.upload),
    overrides: {
      plugins: [
        rewriteAnswer('POST', '/media', (p, reply) => {
          if (reply.statusCode === 201) reply.header('location', '/media');
          return p;
        }),
      ],
    },
  },
  {
    name: 'other-users-delete-deletes',
    rule: "another user's DELETE /media/{identifier} answers 404 but deletes the item",
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.isolation),
    overrides: { plugins: [otherUsersDelete] },
  },
  {
    name: 'unknown-token-accepted',
    rule: 'a well-formed bearer token the service never issued is served (as one shared guest); only a missing one gets 401',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.auth),
    overrides: { plugins: [sharedGuest((token) => token !== undefined)] },
  },
  {
    name: 'traveler-image-becomes-active',
    rule: 'a TravelerProfileImage upload becomes the active profile image',
    caughtOnlyBy: sequenceCheck(SEQUENCE_RULES.otherMedia),
    overrides: { rules: activating((type) => type === 'TravelerProfileImage') },
  },
  {
    name: 'create-names-other-identifier',
    rule: "a guest's Create message carries another identifier than the new profileId",
    caughtOnlyBy: messageCheck(MESSAGE_RULES.create),
    overrides: {
      rules: {
        createGuest(input) {
          const out = defaultRules.createGuest(input);
          return out.ok ? { ...out, notifications: out.notifications.map((n) => ({ ...n, properties: { ...n.properties, identifier: randomUUID() } })) } : out;
        },
      },
    },
  },
  {
    name: 'other-media-notifies',
    rule: 'an upload of media that is not a ProfileImage emits a Person Update',
    caughtOnlyBy: messageCheck(MESSAGE_RULES.otherMedia),
    overrides: {
      rules: {
        upload(state, input) {
          const out = defaultRules.upload(state, input);
          return out.ok && input.additionalType !== 'ProfileImage' ? { ...out, notifications: [...out.notifications, personUpdate(out.state)] } : out;
        },
      },
    },
  },
  {
    name: 'delete-media-notifies-twice',
    rule: 'DELETE /media/{identifier} of the active image emits two Person Updates',
    caughtOnlyBy: messageCheck(MESSAGE_RULES.oneUpdate),
    overrides: { rules: deletingActive((out) => ({ ...out, notifications: [...out.notifications, ...out.notifications] })) },
  },
  {
    name: 'delete-media-stale-notification',
    rule: 'the Update after DELETE /media/{identifier} of the active image shows the Person as it was before',
    caughtOnlyBy: messageCheck(MESSAGE_RULES.body),
    overrides: { rules: deletingActive((out, before) => staleBody(before, out)) },
  },
  {
    name: 'message-ids-restart-per-profile',
    rule: "messageIds are numbered per profile, so messages of two profiles share one",
    caughtOnlyBy: messageCheck(MESSAGE_RULES.unique),
    overrides: { store: restartingMessageIds },
  },
  {
    name: 'update-identifier-empty',
    rule: 'Person Update messages carry an empty identifier property',
    caughtOnlyBy: messageCheck(MESSAGE_RULES.schema),
    overrides: {
      store: () =>
        new RewritingStore((d) => (d.properties.eventTrigger === 'Update' ? { ...d, properties: { ...d.properties, identifier: '' } } : d)),
    },
  },
];

/** The name under which listings and runs refer to the sandbox without a fault. */
export const HEALTHY = 'healthy';

/** The fault of that name (tests that need one particular broken sandbox). */
export function fault(name: string): Fault {
  const found = FAULTS.find((f) => f.name === name);
  if (!found) throw new Error(`no fault "${name}" in tests/mutants/faults.ts; known: ${FAULTS.map((f) => f.name).join(', ')}`);
  return found;
}
