// The deliberate faults of the mutation self-test, each one broken rule of docs/contract.md built from outside the
// sandbox through the seams createSandbox offers: `rules` (a domain rule wrapping its default from
// `defaultRules`) or `plugins` (a fastify hook around the public routes). Production code knows nothing of
// them; `npm run verify` must fail a sandbox started with any one of them (mutants.test.ts), and each must
// show the fault it names (faults.test.ts).
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  defaultRules,
  type MediaItem,
  type Outcome,
  type SandboxOptions,
  type SandboxPlugin,
  type UserState,
} from '../../src/sandbox/index.ts';

export interface Fault {
  /** A short kebab-case name for listings. */
  name: string;
  /** The rule of the contract it breaks, in words. */
  rule: string;
  /** What to hand createSandbox to get the faulty sandbox. */
  overrides: Pick<SandboxOptions, 'rules' | 'plugins'>;
}

type Transition = Outcome<MediaItem>;

/** The outcome with another state, its Person Update re-made from that state (added when it had none). */
function withState(outcome: Transition & { ok: true }, state: UserState): Transition {
  const body = defaultRules.personView(state);
  const properties = { entityName: 'Person', eventTrigger: 'Update', profileId: state.profileId, identifier: state.profileId } as const;
  const notifications = outcome.notifications.length
    ? outcome.notifications.map((n) => ({ ...n, body }))
    : [{ properties, body }];
  return { ...outcome, state, notifications };
}

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

/** Requests without a known token act on one shared guest (made again after a reset). */
const noAuthCheck: SandboxPlugin = (app) => {
  let shared: string | undefined;
  const known = async (token: string | undefined) => token !== undefined && (await app.store.profileIdForToken(token)) !== undefined;
  app.addHook('onRequest', async (req) => {
    if (await known(/^Bearer +(\S+)/i.exec(req.headers.authorization ?? '')?.[1])) return;
    if (!(await known(shared))) {
      shared = randomUUID();
      await app.store.addUser(app.rules.createGuest({ profileId: randomUUID(), now: new Date().toISOString() }), shared);
    }
    req.headers.authorization = `Bearer ${shared}`;
  });
};

/** GET of a media item is answered with its uploader's credentials, whoever asks. */
const crossUserMedia: SandboxPlugin = (app) => {
  const owners = new Map<string, string>();
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'POST' && req.routeOptions.url === '/media' && reply.statusCode === 201 && req.headers.authorization) {
      owners.set((JSON.parse(String(payload)) as { identifier: string }).identifier, req.headers.authorization);
    }
    return payload;
  });
  app.addHook('onRequest', async (req) => {
    const owner = owners.get((req.params as { identifier?: string }).identifier ?? '');
    if (req.method === 'GET' && owner && req.headers.authorization) req.headers.authorization = owner;
  });
};

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
    overrides: { plugins: [noAuthCheck] },
  },
  {
    name: 'cross-user-media-visible',
    rule: "another user's media identifier answers 200 instead of 404",
    overrides: { plugins: [crossUserMedia] },
  },
  {
    name: 'other-media-replaces-profile-image',
    rule: 'uploading media of another type makes it the active profile image',
    overrides: {
      rules: {
        upload(state, input) {
          const out = defaultRules.upload(state, input);
          if (!out.ok || input.additionalType === 'ProfileImage') return out;
          return withState(out, { ...out.state, activeImageId: input.identifier, lastModified: input.now });
        },
      },
    },
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
    overrides: { rules: { mediaView: (item) => ({ ...defaultRules.mediaView(item), contentSize: item.contentSize + 1 }) } },
  },
  {
    name: 'delete-media-keeps-active',
    rule: 'DELETE /media/{identifier} of the active image leaves Person.profileImage naming the deleted item',
    overrides: {
      rules: {
        deleteMedia(state, identifier, now) {
          const out = defaultRules.deleteMedia(state, identifier, now);
          return out.ok && state.activeImageId === identifier ? withState(out, { ...out.state, activeImageId: identifier }) : out;
        },
      },
    },
  },
  {
    name: 'delete-other-media-clears-active',
    rule: 'DELETE /media/{identifier} of an item that is not the active image deletes the active image too (silently)',
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
    overrides: {
      rules: {
        deleteMedia(state, identifier, now) {
          const out = defaultRules.deleteMedia(state, identifier, now);
          return out.ok ? { ...out, notifications: [] } : out;
        },
      },
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
