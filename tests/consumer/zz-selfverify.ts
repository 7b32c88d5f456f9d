import { Verifier } from '@pact-foundation/pact';
import { createSandbox } from '../../src/sandbox/index.ts';
import { createProfileClient } from '../../src/client/index.ts';
import { GIF_1X1, PNG_1X1, PDF_MINIMAL } from '../../src/fixtures/images.ts';
const pactFile = process.argv[2]!;
const faults = process.argv.slice(3) as any[];
const sb = await createSandbox({ unsafeFaults: faults });
const url = await sb.listen(0, '127.0.0.1');
let token = '';
const guest = async () => {
  const t = await createProfileClient({ baseUrl: url }).createGuestToken();
  const c = createProfileClient({ baseUrl: url, token: t.token });
  const p = await c.getPerson();
  return { t: t.token, c, profileId: p.profileId };
};
const blob = (b: Uint8Array, type: string) => new Blob([b.slice()], { type });
const states: Record<string, () => Promise<Record<string, string>>> = {
  'the user has no profile image': async () => { const g = await guest(); token = g.t; return { profileId: g.profileId }; },
  'the user has an active profile image': async () => { const g = await guest(); token = g.t; const m = await g.c.setProfileImage(blob(PNG_1X1, 'image/png'), 'profile.png'); return { profileId: g.profileId, activeImageId: m.identifier }; },
  'the user has an active profile image and an older one': async () => { const g = await guest(); token = g.t; const o = await g.c.setProfileImage(blob(GIF_1X1, 'image/gif'), 'old-profile.gif'); const m = await g.c.setProfileImage(blob(PNG_1X1, 'image/png'), 'profile.png'); return { profileId: g.profileId, activeImageId: m.identifier, olderImageId: o.identifier }; },
  'the user has a media item': async () => { const g = await guest(); token = g.t; const m = await g.c.uploadMedia(blob(PDF_MINIMAL, 'application/pdf'), { filename: 'notes.pdf' }); return { profileId: g.profileId, mediaId: m.identifier }; },
  'another user has a media item': async () => { const g = await guest(); const o = await guest(); token = g.t; const m = await o.c.uploadMedia(blob(PDF_MINIMAL, 'application/pdf'), { filename: 'notes.pdf' }); return { profileId: g.profileId, otherUsersMediaId: m.identifier }; },
};
const stateHandlers = Object.fromEntries(Object.entries(states).map(([k, f]) => [k, { setup: f }]));
try {
  const out = await new Verifier({
    providerBaseUrl: url, pactUrls: [pactFile], logLevel: 'warn', stateHandlers: stateHandlers as any,
    requestFilter: (req: any, _res: any, next: any) => { if (req.headers.authorization) req.headers.authorization = `Bearer ${token}`; next(); },
  }).verifyProvider();
  console.log('VERIFY PASSED');
} catch (e) { console.log('VERIFY FAILED'); }
await sb.close();
