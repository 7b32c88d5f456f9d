// Sequence rules: what one request/response pair cannot express, checked as short scenarios against the
// provider's public API, each with a fresh guest. Replace-not-delete, the active image, its Base64, removal
// without promotion, other media, user isolation and authentication. Only what the contract pins is judged:
// identifiers are opaque, `profileImage: ""` means "none", error texts are free.
import { GIF_1X1, JPEG_MINIMAL, NOT_AN_IMAGE, PDF_MINIMAL, PNG_1X1, WEBP_MINIMAL, toBase64 } from '../fixtures/images.ts';
import { activeImage, describe, media, type Api, type MediaObject, type RawResponse } from './api.ts';
import { RuleSet, type Rule } from './rules.ts';
import type { CheckResult } from './types.ts';

export const SEQUENCE_RULES = {
  upload: 'an upload answers 201 with a Location naming the new media item',
  replaceKeepsOld: 'a new ProfileImage keeps the older image listed and downloadable byte-exact',
  newestActive: 'the newest ProfileImage is the active image in GET /me',
  base64: "GET /me/profileimage is the Base64 of the active image's exact bytes",
  deleteRemoves: 'DELETE /me/profileimage removes the active image and its media item',
  deleteNoPromotion: 'DELETE /me/profileimage promotes no older image',
  deleteKeepsOlder: 'DELETE /me/profileimage keeps the older image',
  otherMedia: 'media of any other type never becomes the active image',
  isolation: "another user's media answers 404 for every operation",
  auth: 'no token or an unknown token answers 401 with WWW-Authenticate: Bearer and problem+json',
  token: 'POST /token with a missing or unsupported grant_type answers 400 with problem+json',
  rejected: 'a rejected upload answers 400, 413 or 415 with problem+json and leaves the media list and the active image as they were',
  metadata: 'a MediaObject tells the truth about its file: contentSize, encodingFormat (from the bytes), name, additionalType, in every view',
  deleteMedia: 'DELETE /media/{identifier} of the active image acts as DELETE /me/profileimage; of another item it changes nothing else',
  concurrent: 'concurrent ProfileImage uploads leave every upload listed once and the last one applied active',
} as const;

/** Options of the sequence rules: the provider's upload limit, which the oversize rejection steps over. */
export interface SequenceOptions {
  maxUploadBytes: number;
}

const PNG = { bytes: PNG_1X1, filename: 'newer.png', contentType: 'image/png' } as const;
const GIF = { bytes: GIF_1X1, filename: 'older.gif', contentType: 'image/gif' } as const;
const PDF = { bytes: PDF_MINIMAL, filename: 'notes.pdf', contentType: 'application/pdf' } as const;
const PNG_B64 = toBase64(PNG_1X1);
const PROBLEM = 'application/problem+json';
const mediaType = (r: RawResponse) => (r.headers.get('content-type') ?? '').split(';')[0]!.trim();

/** A multipart body part: a file (bytes, filename, declared type) or a text field. */
type Part = { name: string; bytes: Uint8Array; filename: string; type: string } | { name: string; value: string };

function form(parts: Part[]): FormData {
  const f = new FormData();
  for (const p of parts) {
    if ('value' in p) f.append(p.name, p.value);
    else f.append(p.name, new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.filename);
  }
  return f;
}
const GIF_B64 = toBase64(GIF_1X1);

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const ids = (list: MediaObject[]) => list.map((m) => m.identifier);

function checkCreated(rule: Rule, what: string, res: RawResponse, item: MediaObject, baseUrl: string): void {
  rule.check(res.status === 201, `${what}: the status must be 201 Created`, 201, describe(res));
  const location = res.headers.get('location');
  if (!rule.check(!!location, `${what}: a Location header must name the new media item`, `/media/${item.identifier}`, 'no Location header')) return;
  const path = new URL(location!, baseUrl + '/').pathname;
  rule.check(
    path.endsWith(`/media/${encodeURIComponent(item.identifier)}`) || path.endsWith(`/media/${item.identifier}`),
    `${what}: Location must point at /media/{identifier} of the new item`,
    `…/media/${item.identifier}`,
    location,
  );
}

async function expectStatus(rule: Rule, api: Api, method: string, path: string, token: string | null, status: number, why: string) {
  const res = await api.request(method, path, token);
  rule.check(res.status === status, `${method} ${path} ${why}`, status, describe(res));
  return res;
}

async function checkDownload(rule: Rule, api: Api, token: string, item: MediaObject, bytes: Uint8Array, label: string) {
  const res = await api.request('GET', media(item.identifier, '/download'), token);
  if (!rule.check(res.status === 200, `downloading the ${label} must answer 200`, 200, describe(res))) return;
  rule.check(
    sameBytes(res.bytes, bytes),
    `downloading the ${label} must return its exact bytes`,
    `${bytes.length} bytes, Base64 ${toBase64(bytes)}`,
    `${res.bytes.length} bytes, Base64 ${res.bytes.toString('base64')}`,
  );
}

/** Upload A then B (both ProfileImage), then delete the active image. */
async function replaceAndDelete(rules: RuleSet, api: Api): Promise<void> {
  const R = SEQUENCE_RULES;
  const names = [R.upload, R.replaceKeepsOld, R.newestActive, R.base64, R.deleteRemoves, R.deleteNoPromotion, R.deleteKeepsOlder];
  await rules.scenario(names, async (done) => {
    const g = await api.guest();
    const a = await api.upload(g.token, { ...GIF, additionalType: 'ProfileImage' });
    const b = await api.upload(g.token, { ...PNG, additionalType: 'ProfileImage' });
    const upload = rules.rule(R.upload);
    checkCreated(upload, 'uploading a ProfileImage', a.res, a.media, api.baseUrl);
    checkCreated(upload, 'uploading a second ProfileImage', b.res, b.media, api.baseUrl);
    upload.check(a.media.identifier !== b.media.identifier, 'two uploads must get two identifiers', 'different identifiers', a.media.identifier);
    done(R.upload);

    const keep = rules.rule(R.replaceKeepsOld);
    const list = await api.listMedia(g.token);
    const listed = ids(list);
    keep.check(
      listed.filter((i) => i === a.media.identifier).length === 1 && listed.filter((i) => i === b.media.identifier).length === 1,
      'GET /media must list the older and the newer image, each exactly once',
      [a.media.identifier, b.media.identifier],
      listed,
    );
    keep.check(
      listed.indexOf(a.media.identifier) < listed.indexOf(b.media.identifier),
      'GET /media must list oldest first',
      [a.media.identifier, b.media.identifier],
      listed,
    );
    const older = await api.request('GET', media(a.media.identifier), g.token);
    keep.check(older.status === 200, 'GET /media/{older} must still answer 200', 200, describe(older));
    await checkDownload(keep, api, g.token, a.media, GIF_1X1, 'older image');
    done(R.replaceKeepsOld);

    const me = await api.me(g.token);
    rules.rule(R.newestActive).check(activeImage(me) === b.media.identifier, 'GET /me must name the newest ProfileImage', b.media.identifier, me.profileImage ?? '(missing)');
    done(R.newestActive);

    const b64 = rules.rule(R.base64);
    const active = await api.request('GET', '/me/profileimage', g.token);
    b64.check(active.status === 200 && active.text === PNG_B64, 'GET /me/profileimage must be the Base64 of the newest image', PNG_B64, describe(active));
    const newerB64 = await api.request('GET', media(b.media.identifier, '/base64'), g.token);
    b64.check(newerB64.status === 200 && newerB64.text === PNG_B64, 'GET /media/{newer}/base64 must be the Base64 of its bytes', PNG_B64, describe(newerB64));
    const olderB64 = await api.request('GET', media(a.media.identifier, '/base64'), g.token);
    b64.check(olderB64.status === 200 && olderB64.text === GIF_B64, 'GET /media/{older}/base64 must be the Base64 of its bytes', GIF_B64, describe(olderB64));
    done(R.base64);

    const removes = rules.rule(R.deleteRemoves);
    const del = await api.deleteProfileImage(g.token);
    removes.check(del.status === 204, 'DELETE /me/profileimage must answer 204', 204, describe(del));
    await expectStatus(removes, api, 'GET', media(b.media.identifier), g.token, 404, 'must answer 404 once the active image is deleted');
    await expectStatus(removes, api, 'GET', '/me/profileimage', g.token, 404, 'must answer 404 when there is no active image');
    const after = ids(await api.listMedia(g.token));
    removes.check(!after.includes(b.media.identifier), 'GET /media must no longer list the deleted image', `no ${b.media.identifier}`, after);
    done(R.deleteRemoves);

    const meAfter = await api.me(g.token);
    rules
      .rule(R.deleteNoPromotion)
      .check(activeImage(meAfter) === undefined, 'GET /me must have no profileImage (missing or "") after the delete', '(missing or "")', meAfter.profileImage);
    done(R.deleteNoPromotion);

    const kept = rules.rule(R.deleteKeepsOlder);
    kept.check(after.includes(a.media.identifier), 'GET /media must still list the older image', a.media.identifier, after);
    await checkDownload(kept, api, g.token, a.media, GIF_1X1, 'older image');
    done(R.deleteKeepsOlder);
  });
}

/** Media without a type, or of another type, before and after a real profile image. */
async function otherMedia(rules: RuleSet, api: Api): Promise<void> {
  const R = SEQUENCE_RULES;
  await rules.scenario([R.otherMedia], async (done) => {
    const rule = rules.rule(R.otherMedia);
    const g = await api.guest();
    const pdf = await api.upload(g.token, PDF);
    checkCreated(rules.rule(R.upload), 'uploading media without a type', pdf.res, pdf.media, api.baseUrl);
    await api.upload(g.token, { bytes: JPEG_MINIMAL, filename: 'scan.jpg', contentType: 'image/jpeg', additionalType: 'Scan' });
    const before = await api.me(g.token);
    rule.check(activeImage(before) === undefined, 'after uploading only untyped and Scan media, GET /me must have no profileImage', '(missing or "")', before.profileImage);
    await expectStatus(rule, api, 'GET', '/me/profileimage', g.token, 404, 'must answer 404 while only other media exist');

    const png = await api.upload(g.token, { ...PNG, additionalType: 'ProfileImage' });
    await api.upload(g.token, { bytes: WEBP_MINIMAL, filename: 'traveler.webp', contentType: 'image/webp', additionalType: 'TravelerProfileImage' });
    await api.upload(g.token, { bytes: JPEG_MINIMAL, filename: 'document.jpg', contentType: 'image/jpeg', additionalType: 'Document' });
    const after = await api.me(g.token);
    rule.check(activeImage(after) === png.media.identifier, 'uploading TravelerProfileImage and Document media must leave the ProfileImage active', png.media.identifier, after.profileImage ?? '(missing)');
    const b64 = await api.request('GET', '/me/profileimage', g.token);
    rule.check(b64.text === PNG_B64, 'GET /me/profileimage must still be the Base64 of the ProfileImage', PNG_B64, describe(b64));
    done(R.otherMedia);
  });
}

/** A second guest must not see, fetch or delete the first guest's media. */
async function isolation(rules: RuleSet, api: Api): Promise<void> {
  const R = SEQUENCE_RULES;
  await rules.scenario([R.isolation], async (done) => {
    const rule = rules.rule(R.isolation);
    const owner = await api.guest();
    const image = await api.upload(owner.token, { ...PNG, additionalType: 'ProfileImage' });
    const doc = await api.upload(owner.token, PDF);
    const other = await api.guest();
    const why = "must answer 404 for another user's media";
    for (const item of [image.media, doc.media]) {
      await expectStatus(rule, api, 'GET', media(item.identifier), other.token, 404, why);
      await expectStatus(rule, api, 'GET', media(item.identifier, '/base64'), other.token, 404, why);
      await expectStatus(rule, api, 'GET', media(item.identifier, '/download'), other.token, 404, why);
      await expectStatus(rule, api, 'DELETE', media(item.identifier), other.token, 404, why);
    }
    const seen = ids(await api.listMedia(other.token));
    rule.check(seen.length === 0, "GET /media must not list another user's media", [], seen);
    await expectStatus(rule, api, 'GET', '/me/profileimage', other.token, 404, "must answer 404 for a user without an image, whatever other users have");
    const otherMe = await api.me(other.token);
    rule.check(activeImage(otherMe) === undefined, "GET /me must not show another user's profile image", '(missing or "")', otherMe.profileImage);
    const ownerMe = await api.me(owner.token);
    rule.check(activeImage(ownerMe) === image.media.identifier, "another user's DELETE must not remove the owner's active image", image.media.identifier, ownerMe.profileImage ?? '(missing)');
    const ownerList = ids(await api.listMedia(owner.token));
    rule.check(
      ownerList.includes(image.media.identifier) && ownerList.includes(doc.media.identifier),
      "another user's DELETE must not remove the owner's media",
      [image.media.identifier, doc.media.identifier],
      ownerList,
    );
    done(R.isolation);
  });
}

function checkUnauthorized(rule: Rule, what: string, res: RawResponse): void {
  if (!rule.check(res.status === 401, `${what} must answer 401`, 401, describe(res))) return;
  const challenge = res.headers.get('www-authenticate') ?? '';
  rule.check(/^bearer\b/i.test(challenge), `${what}: the 401 must carry WWW-Authenticate: Bearer`, 'Bearer', challenge || '(no WWW-Authenticate header)');
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  rule.check(type === 'application/problem+json', `${what}: the 401 body must be application/problem+json`, 'application/problem+json', type || '(none)');
  const p = res.json as Record<string, unknown> | undefined;
  rule.check(
    !!p && typeof p.type === 'string' && typeof p.title === 'string' && p.status === 401 && typeof p.detail === 'string',
    `${what}: the problem must have type, title, status 401 and detail`,
    '{"type", "title", "status": 401, "detail"}',
    res.text,
  );
}

async function authentication(rules: RuleSet, api: Api): Promise<void> {
  const R = SEQUENCE_RULES;
  await rules.scenario([R.auth], async (done) => {
    const rule = rules.rule(R.auth);
    const g = await api.guest();
    const item = (await api.upload(g.token, { ...PNG, additionalType: 'ProfileImage' })).media;
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([new Uint8Array(PNG_1X1)], { type: 'image/png' }), 'intruder.png');
      return f;
    };
    const requests: Array<[string, string, FormData | undefined]> = [
      ['GET', '/me', undefined],
      ['GET', '/me/profileimage', undefined],
      ['DELETE', '/me/profileimage', undefined],
      ['GET', '/media', undefined],
      ['POST', '/media?AdditionalType=ProfileImage', form()],
      ['GET', media(item.identifier), undefined],
      ['GET', media(item.identifier, '/base64'), undefined],
      ['GET', media(item.identifier, '/download'), undefined],
      ['DELETE', media(item.identifier), undefined],
    ];
    for (const [method, path, body] of requests) {
      checkUnauthorized(rule, `${method} ${path} without a token`, await api.request(method, path, null, body));
    }
    for (const [method, path] of [['GET', '/me'], ['GET', '/media'], ['DELETE', '/me/profileimage']] as const) {
      checkUnauthorized(rule, `${method} ${path} with an unknown token`, await api.request(method, path, 'not-a-token-of-this-provider'));
    }
    const me = await api.me(g.token);
    rule.check(activeImage(me) === item.identifier, 'unauthenticated requests must change nothing: the active image stays', item.identifier, me.profileImage ?? '(missing)');
    done(R.auth);
  });
}

async function grantTypes(rules: RuleSet, api: Api): Promise<void> {
  const R = SEQUENCE_RULES;
  await rules.scenario([R.token], async (done) => {
    const rule = rules.rule(R.token);
    for (const path of ['/token', '/token?grant_type=password', '/token?grant_type=Guest']) {
      const res = await api.request('POST', path, null);
      rule.check(res.status === 400 && mediaType(res) === PROBLEM, `POST ${path} must answer 400 with a problem body`, `400 (${PROBLEM})`, describe(res));
    }
    done(R.token);
  });
}

/** One refused upload: what it is, its query, the status the contract gives it, and its body. */
export interface RejectedUpload {
  what: string;
  query: string;
  status: number;
  body: FormData | Uint8Array;
}

/**
 * Every way the contract refuses an upload (docs/contract.md §4), each as a ProfileImage upload: no `file`
 * part, two, an empty file, conflicting or unknown AdditionalType, a non-image (415), one byte over the
 * limit (413), a malformed body. A fresh list per call: a FormData is used up by one request.
 */
export function rejectedUploads(maxUploadBytes: number): RejectedUpload[] {
  const file = (bytes: Uint8Array, filename = 'upload.png', type = 'image/png'): Part => ({ name: 'file', bytes, filename, type });
  const oversize = new Uint8Array(maxUploadBytes + 1);
  oversize.set(PNG_1X1);
  const malformed = new TextEncoder().encode('--verify\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\n\r\nno closing boundary');
  const profileImage = '?AdditionalType=ProfileImage';
  return [
    { what: 'with no file part', query: profileImage, status: 400, body: form([{ name: 'name', value: 'no file here' }]) },
    { what: 'with two file parts', query: profileImage, status: 400, body: form([file(PNG_1X1), file(GIF_1X1, 'second.gif', 'image/gif')]) },
    { what: 'of an empty (0-byte) file', query: profileImage, status: 400, body: form([file(new Uint8Array(0))]) },
    { what: 'with AdditionalType ProfileImage in the query and Scan in the form', query: profileImage, status: 400, body: form([{ name: 'additionalType', value: 'Scan' }, file(PNG_1X1)]) },
    { what: 'with an unknown AdditionalType', query: '?AdditionalType=Avatar', status: 400, body: form([file(PNG_1X1)]) },
    { what: 'of a text file as ProfileImage (declared image/png)', query: profileImage, status: 415, body: form([file(NOT_AN_IMAGE)]) },
    { what: `of ${maxUploadBytes + 1} bytes, one over the limit`, query: profileImage, status: 413, body: form([file(oversize)]) },
    { what: 'with a malformed multipart body', query: profileImage, status: 400, body: malformed },
  ];
}

/** Send one refused upload (a raw body goes with the boundary it was written with). */
export function sendRejected(api: Api, token: string, u: RejectedUpload): Promise<RawResponse> {
  return u.body instanceof FormData
    ? api.request('POST', `/media${u.query}`, token, u.body)
    : api.request('POST', `/media${u.query}`, token, u.body, 'multipart/form-data; boundary=verify');
}

/** Every way an upload can be refused, each leaving the user's media and active image exactly as they were. */
async function rejections(rules: RuleSet, api: Api, o: SequenceOptions): Promise<void> {
  const R = SEQUENCE_RULES;
  await rules.scenario([R.rejected], async (done) => {
    const rule = rules.rule(R.rejected);
    const g = await api.guest();
    const active = (await api.upload(g.token, { ...PNG, additionalType: 'ProfileImage' })).media.identifier;
    await api.upload(g.token, PDF);
    const before = JSON.stringify(await api.listMedia(g.token));
    for (const u of rejectedUploads(o.maxUploadBytes)) {
      const res = await sendRejected(api, g.token, u);
      rule.check(res.status === u.status && mediaType(res) === PROBLEM, `an upload ${u.what} must answer ${u.status} with a problem body`, `${u.status} (${PROBLEM})`, describe(res));
      const after = JSON.stringify(await api.listMedia(g.token));
      rule.check(after === before, `an upload ${u.what} must leave GET /media exactly as it was`, before, after);
      const me = await api.me(g.token);
      rule.check(activeImage(me) === active, `an upload ${u.what} must leave the active image as it was`, active, me.profileImage ?? '(missing)');
    }
    done(R.rejected);
  });
}

/** What a MediaObject says about its file, in the upload's answer, GET /media/{identifier} and GET /media. */
async function metadata(rules: RuleSet, api: Api): Promise<void> {
  const R = SEQUENCE_RULES;
  await rules.scenario([R.metadata], async (done) => {
    const rule = rules.rule(R.metadata);
    const g = await api.guest();
    const uploads: { what: string; body: FormData; query: string; expect: Partial<MediaObject> & { contentSize: number } }[] = [
      {
        what: 'PNG bytes declared application/octet-stream, as ProfileImage',
        query: '?AdditionalType=ProfileImage',
        body: form([{ name: 'file', bytes: PNG_1X1, filename: 'holiday.png', type: 'application/octet-stream' }]),
        expect: { contentSize: PNG_1X1.length, encodingFormat: 'image/png', name: 'holiday.png', additionalType: 'ProfileImage' },
      },
      {
        what: 'a GIF with a name part, as Scan',
        query: '?AdditionalType=Scan',
        body: form([{ name: 'name', value: 'My scanned avatar' }, { name: 'file', bytes: GIF_1X1, filename: 'scan-001.gif', type: 'image/gif' }]),
        expect: { contentSize: GIF_1X1.length, encodingFormat: 'image/gif', name: 'My scanned avatar', additionalType: 'Scan' },
      },
      {
        what: 'a PDF declared image/png, without a type',
        query: '',
        body: form([{ name: 'file', bytes: PDF_MINIMAL, filename: 'notes.pdf', type: 'image/png' }]),
        expect: { contentSize: PDF_MINIMAL.length, encodingFormat: 'application/pdf', name: 'notes.pdf' },
      },
    ];
    const fields = ['contentSize', 'encodingFormat', 'name', 'additionalType'] as const;
    const judge = (where: string, what: string, m: MediaObject | undefined, expect: (typeof uploads)[number]['expect']) => {
      const got = Object.fromEntries(fields.map((f) => [f, m?.[f]]));
      const want = Object.fromEntries(fields.map((f) => [f, expect[f]]));
      rule.check(JSON.stringify(got) === JSON.stringify(want), `${where} for ${what} must give the file's byte count, its format judged from the bytes, its name and its type (none when none was given)`, want, got);
      rule.check(!!m && !Number.isNaN(Date.parse(m.dateCreated)), `${where} for ${what} must carry a dateCreated date-time`, 'a date-time', m?.dateCreated);
    };
    const created: { id: string; what: string; expect: (typeof uploads)[number]['expect'] }[] = [];
    for (const u of uploads) {
      const res = await api.request('POST', `/media${u.query}`, g.token, u.body);
      const m = res.json as MediaObject | undefined;
      if (!rule.check(res.status === 201 && typeof m?.identifier === 'string', `uploading ${u.what} must answer 201 with a MediaObject`, 201, describe(res))) continue;
      judge('the upload answer', u.what, m, u.expect);
      created.push({ id: m!.identifier, what: u.what, expect: u.expect });
    }
    const list = await api.listMedia(g.token);
    for (const c of created) {
      const one = await api.request('GET', media(c.id), g.token);
      judge(`GET /media/{identifier}`, c.what, one.json as MediaObject | undefined, c.expect);
      judge('GET /media', c.what, list.find((m) => m.identifier === c.id), c.expect);
    }
    done(R.metadata);
  });
}

/** DELETE /media/{identifier}: of a document, then of the active image. */
async function deleteMediaItems(rules: RuleSet, api: Api): Promise<void> {
  const R = SEQUENCE_RULES;
  await rules.scenario([R.deleteMedia], async (done) => {
    const rule = rules.rule(R.deleteMedia);
    const g = await api.guest();
    const older = (await api.upload(g.token, { ...GIF, additionalType: 'ProfileImage' })).media.identifier;
    const active = (await api.upload(g.token, { ...PNG, additionalType: 'ProfileImage' })).media.identifier;
    const doc = (await api.upload(g.token, PDF)).media.identifier;

    await expectStatus(rule, api, 'DELETE', media(doc), g.token, 204, 'of a document must answer 204');
    const afterDoc = ids(await api.listMedia(g.token));
    rule.check(JSON.stringify(afterDoc) === JSON.stringify([older, active]), 'deleting a document must remove only it from GET /media', [older, active], afterDoc);
    const me = await api.me(g.token);
    rule.check(activeImage(me) === active, 'deleting a document must leave the active image', active, me.profileImage ?? '(missing)');
    const b64 = await api.request('GET', '/me/profileimage', g.token);
    rule.check(b64.status === 200 && b64.text === PNG_B64, 'deleting a document must leave GET /me/profileimage as it was', PNG_B64, describe(b64));

    await expectStatus(rule, api, 'DELETE', media(active), g.token, 204, 'of the active image must answer 204');
    const meAfter = await api.me(g.token);
    rule.check(activeImage(meAfter) === undefined, 'after DELETE /media/{active}, GET /me must have no profileImage (no older image promoted)', '(missing or "")', meAfter.profileImage);
    await expectStatus(rule, api, 'GET', '/me/profileimage', g.token, 404, 'must answer 404 once the active image is deleted through /media');
    await expectStatus(rule, api, 'GET', media(active), g.token, 404, 'must answer 404 once deleted');
    const afterActive = ids(await api.listMedia(g.token));
    rule.check(JSON.stringify(afterActive) === JSON.stringify([older]), 'after DELETE /media/{active}, GET /media must list only the older image', [older], afterActive);
    done(R.deleteMedia);
  });
}

/** Three ProfileImage uploads at once: all kept, the last applied (the newest listed) active. */
async function concurrentUploads(rules: RuleSet, api: Api): Promise<void> {
  const R = SEQUENCE_RULES;
  await rules.scenario([R.concurrent], async (done) => {
    const rule = rules.rule(R.concurrent);
    const g = await api.guest();
    const made = await Promise.all([PNG, GIF, { bytes: JPEG_MINIMAL, filename: 'third.jpg', contentType: 'image/jpeg' }].map((u) => api.upload(g.token, { ...u, additionalType: 'ProfileImage' })));
    const listed = ids(await api.listMedia(g.token));
    const mine = made.map((m) => m.media.identifier);
    rule.check(mine.every((id) => listed.filter((l) => l === id).length === 1) && listed.length === mine.length, 'GET /media must list each concurrent upload exactly once', mine, listed);
    const me = await api.me(g.token);
    rule.check(activeImage(me) === listed.at(-1), 'the active image must be the last upload applied (the newest in GET /media)', listed.at(-1), me.profileImage ?? '(missing)');
    done(R.concurrent);
  });
}

/** Run every sequence rule; scenarios are independent (own guests), so they run side by side. */
export async function runSequences(api: Api, o: SequenceOptions): Promise<CheckResult[]> {
  const rules = new RuleSet('sequence');
  for (const name of Object.values(SEQUENCE_RULES)) rules.rule(name);
  await Promise.all([
    replaceAndDelete(rules, api.as('sequence: replace and delete')),
    otherMedia(rules, api.as('sequence: other media')),
    isolation(rules, api.as('sequence: user isolation')),
    authentication(rules, api.as('sequence: authentication')),
    grantTypes(rules, api.as('sequence: grant types')),
    rejections(rules, api.as('sequence: rejected uploads'), o),
    metadata(rules, api.as('sequence: media metadata')),
    deleteMediaItems(rules, api.as('sequence: DELETE /media/{identifier}')),
    concurrentUploads(rules, api.as('sequence: concurrent uploads')),
  ]);
  return rules.results();
}
