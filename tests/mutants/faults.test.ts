// Each deliberate fault of faults.ts is real and is the fault it names: a probe per fault asks the sandbox,
// through its public API, "does this broken rule show?". The sandbox without overrides must answer no to
// every probe, and the sandbox with a fault yes to its own one, so a kill in mutants.test.ts is never a
// fault that changed nothing, or something other than what it says. Each sandbox is started with the
// fault's `faultOptions`, so a store fault gets a store of its own.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { JPEG_MINIMAL, PDF_MINIMAL, PNG_1X1, GIF_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { createSandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { Api } from '../sandbox/support/http.ts';
import { FAULTS, faultOptions } from './faults.ts';

async function startSandbox(options: Pick<SandboxOptions, 'rules' | 'plugins' | 'store'> = {}): Promise<{ api: Api; close: () => Promise<void> }> {
  const sandbox = await createSandbox(options);
  return { api: new Api(await sandbox.listen(0, '127.0.0.1')), close: () => sandbox.close() };
}

type Probe = (api: Api) => Promise<boolean>;

const twoImages = async (api: Api) => {
  const { token, profileId } = await api.guest();
  const gif = (await api.upload(token, { bytes: GIF_1X1, query: 'ProfileImage' })).json;
  const png = (await api.upload(token, { bytes: PNG_1X1, query: 'ProfileImage' })).json;
  return { token, profileId, gif, png };
};
const me = async (api: Api, token: string) => (await api.call('GET', '/me', { token })).json;
const updates = async (api: Api, profileId: string) =>
  (await api.notifications(profileId)).filter((n) => n.properties.eventTrigger === 'Update');

/** Three ProfileImage uploads by one guest at once, as verify's concurrency and order checks send them. */
const threeAtOnce = async (api: Api) => {
  const { token, profileId } = await api.guest();
  await Promise.all([PNG_1X1, GIF_1X1, JPEG_MINIMAL].map((bytes) => api.upload(token, { bytes, query: 'ProfileImage' })));
  return { token, profileId, listed: (await api.media(token)).map((m) => m.identifier) };
};

/** The profile's Updates once `count` are logged (a store may hand them on late), or what there is after 2 s. */
async function updatesOnce(api: Api, profileId: string, count: number) {
  for (let waited = 0; ; waited += 50) {
    const list = await updates(api, profileId);
    if (list.length >= count || waited >= 2000) return list;
    await sleep(50);
  }
}

const PROBES: Record<string, Probe> = {
  'replace-deletes-old': async (api) => {
    const { token } = await twoImages(api);
    return (await api.media(token)).length !== 2;
  },
  'new-image-not-active': async (api) => {
    const { token, png } = await twoImages(api);
    return (await me(api, token)).profileImage !== png.identifier;
  },
  'profile-image-kept-after-delete': async (api) => {
    const { token } = await twoImages(api);
    await api.call('DELETE', '/me/profileimage', { token });
    return 'profileImage' in (await me(api, token));
  },
  'profile-image-null': async (api) => (await me(api, (await api.guest()).token)).profileImage === null,
  'promote-older-on-delete': async (api) => {
    const { token, gif } = await twoImages(api);
    await api.call('DELETE', '/me/profileimage', { token });
    return (await me(api, token)).profileImage === gif.identifier;
  },
  'wrong-base64': async (api) => {
    const { token } = await twoImages(api);
    return (await api.call('GET', '/me/profileimage', { token })).text !== toBase64(PNG_1X1);
  },
  'no-auth-check': async (api) => (await api.call('GET', '/me')).status !== 401,
  'cross-user-media-visible': async (api) => {
    const a = await twoImages(api);
    const b = await api.guest();
    return (await api.call('GET', `/media/${a.png.identifier}`, { token: b.token })).status !== 404;
  },
  'other-media-replaces-profile-image': async (api) => {
    const { token } = await api.guest();
    await api.upload(token, { bytes: PDF_MINIMAL, query: 'Document' });
    return 'profileImage' in (await me(api, token));
  },
  'missing-notification': async (api) => (await updates(api, (await twoImages(api)).profileId)).length !== 2,
  'stale-notification': async (api) => {
    const { token, profileId } = await twoImages(api);
    return (await updates(api, profileId)).at(-1)?.body.profileImage !== (await me(api, token)).profileImage;
  },
  'upload-status-200': async (api) => (await api.upload((await api.guest()).token, { bytes: PNG_1X1, query: 'ProfileImage' })).status !== 201,
  'non-problem-errors': async (api) => !/^application\/problem\+json/.test((await api.call('GET', '/me')).headers.get('content-type') ?? ''),
  'delete-keeps-media': async (api) => {
    const { token } = await twoImages(api);
    await api.call('DELETE', '/me/profileimage', { token });
    return (await api.media(token)).length !== 1;
  },
  'download-wrong-bytes': async (api) => {
    const { token, png } = await twoImages(api);
    const d = await api.call('GET', `/media/${png.identifier}/download`, { token });
    return Buffer.compare(Buffer.from(d.bytes), Buffer.from(PNG_1X1)) !== 0;
  },
  'grant-type-ignored': async (api) => (await api.call('POST', '/token?grant_type=password')).status !== 400,
  'conflicting-type-accepted': async (api) =>
    (await api.upload((await api.guest()).token, { bytes: PNG_1X1, query: 'ProfileImage', form: 'Scan' })).status !== 400,
  'content-size-off-by-one': async (api) => {
    const { token } = await api.guest();
    return (await api.upload(token, { bytes: PNG_1X1, query: 'ProfileImage' })).json.contentSize !== PNG_1X1.length;
  },
  'delete-media-keeps-active': async (api) => {
    const { token, png } = await twoImages(api);
    await api.call('DELETE', `/media/${png.identifier}`, { token });
    return 'profileImage' in (await me(api, token));
  },
  'delete-other-media-clears-active': async (api) => {
    const { token, gif, png } = await twoImages(api);
    await api.call('DELETE', `/media/${gif.identifier}`, { token });
    return (await me(api, token)).profileImage !== png.identifier;
  },
  'delete-media-silent': async (api) => {
    const { token, profileId, png } = await twoImages(api);
    await api.call('DELETE', `/media/${png.identifier}`, { token });
    return (await updates(api, profileId)).length !== 3;
  },
  'lost-update': async (api) => (await threeAtOnce(api)).listed.length !== 3,
  'notifications-out-of-order': async (api) => {
    const { profileId, listed } = await threeAtOnce(api);
    const named = (await updatesOnce(api, profileId, 3)).map((n) => n.body.profileImage);
    return JSON.stringify(named) !== JSON.stringify(listed);
  },
  'rejected-upload-notifies': async (api) => {
    const { token, profileId } = await api.guest();
    const refused = await api.upload(token, { bytes: new Uint8Array(0), query: 'ProfileImage' });
    return refused.status === 400 && (await updates(api, profileId)).length > 0;
  },
  'stale-me-after-replace': async (api) => {
    const { token, gif } = await twoImages(api);
    return (await me(api, token)).profileImage === gif.identifier;
  },
  'delete-profile-image-deletes-older': async (api) => {
    const { token, gif } = await twoImages(api);
    await api.call('DELETE', '/me/profileimage', { token });
    return !(await api.media(token)).some((m) => m.identifier === gif.identifier);
  },
  'replaced-image-hidden': async (api) => {
    const { token, gif } = await twoImages(api);
    return (await api.call('GET', `/media/${gif.identifier}`, { token })).status === 404;
  },
  'inactive-base64-wrong': async (api) => {
    const { token, gif } = await twoImages(api);
    return (await api.call('GET', `/media/${gif.identifier}/base64`, { token })).text !== toBase64(GIF_1X1);
  },
  'upload-location-collection': async (api) => {
    const made = await api.upload((await api.guest()).token, { bytes: PNG_1X1, query: 'ProfileImage' });
    return made.headers.get('location') !== `/media/${made.json.identifier}`;
  },
  'other-users-delete-deletes': async (api) => {
    const owner = await twoImages(api);
    const other = await api.guest();
    const res = await api.call('DELETE', `/media/${owner.gif.identifier}`, { token: other.token });
    return res.status === 404 && (await api.media(owner.token)).length !== 2;
  },
  'unknown-token-accepted': async (api) => (await api.call('GET', '/me', { token: 'never-issued' })).status !== 401,
  'traveler-image-becomes-active': async (api) => {
    const { token } = await api.guest();
    await api.upload(token, { bytes: PNG_1X1, query: 'TravelerProfileImage' });
    return 'profileImage' in (await me(api, token));
  },
  'create-names-other-identifier': async (api) => {
    const { profileId } = await api.guest();
    return (await api.notifications(profileId))[0]?.properties.identifier !== profileId;
  },
  'other-media-notifies': async (api) => {
    const { token, profileId } = await api.guest();
    await api.upload(token, { bytes: PDF_MINIMAL, filename: 'notes.pdf' });
    return (await updates(api, profileId)).length > 0;
  },
  'delete-media-notifies-twice': async (api) => {
    const { token, profileId, png } = await twoImages(api);
    await api.call('DELETE', `/media/${png.identifier}`, { token });
    return (await updates(api, profileId)).length > 3;
  },
  'delete-media-stale-notification': async (api) => {
    const { token, profileId, png } = await twoImages(api);
    await api.call('DELETE', `/media/${png.identifier}`, { token });
    return 'profileImage' in ((await updates(api, profileId)).at(-1)?.body ?? {});
  },
  'message-ids-restart-per-profile': async (api) => {
    const [a, b] = [await api.guest(), await api.guest()];
    const first = async (profileId: string) => (await api.notifications(profileId))[0]?.properties.messageId;
    return (await first(a.profileId)) === (await first(b.profileId));
  },
  'update-identifier-empty': async (api) => (await updates(api, (await twoImages(api)).profileId)).some((n) => n.properties.identifier === ''),
};

describe('the deliberate faults of tests/mutants/faults.ts', () => {
  it('have a probe each, and no probe without a fault', () => {
    expect(Object.keys(PROBES).sort()).toEqual(FAULTS.map((f) => f.name).sort());
  });

  it('do not show in a sandbox without overrides', async () => {
    const { api, close } = await startSandbox();
    try {
      for (const [name, probe] of Object.entries(PROBES)) expect(await probe(api), name).toBe(false);
    } finally {
      await close();
    }
  });

  it.each(FAULTS.map((f) => [f.name, f] as const))('%s shows through the factory’s seams', async (_name, fault) => {
    const { api, close } = await startSandbox(faultOptions(fault));
    try {
      expect(await PROBES[fault.name]!(api)).toBe(true);
    } finally {
      await close();
    }
  });
});
