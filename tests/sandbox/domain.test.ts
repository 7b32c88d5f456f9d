// The sandbox's domain rules as pure functions (src/sandbox/domain.ts), without a socket: guest creation,
// replace-not-delete, delete semantics, the Person view and the notifications each transition emits, plus the
// pure helpers they rely on (content sniffing, file-name sanitising).
import { describe, expect, it } from 'vitest';
import {
  createGuest,
  deleteMedia,
  deleteProfileImage,
  mediaView,
  personView,
  upload,
  type AdditionalType,
  type Outcome,
  type UploadInput,
  type UserState,
} from '../../src/sandbox/domain.ts';
import { FileCollector } from '../../src/sandbox/multipart.ts';
import { fileBaseName } from '../../src/sandbox/names.ts';
import { sniffFormat } from '../../src/sandbox/sniff.ts';
import { GIF_1X1, JPEG_MINIMAL, NOT_AN_IMAGE, PDF_MINIMAL, PNG_1X1, WEBP_MINIMAL } from '../../src/fixtures/images.ts';

const T0 = '2026-11-28T13:00:00.000Z';
const at = (minute: number) => `2026-11-28T13:${String(minute).padStart(2, '0')}:00.000Z`;

function ok<T>(outcome: Outcome<T>): Extract<Outcome<T>, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.code}: ${outcome.detail}`);
  return outcome;
}

function guest(): UserState {
  return ok(createGuest({ profileId: 'p-1', now: T0 })).state;
}

let seq = 0;
function file(bytes: Uint8Array, additionalType?: AdditionalType, minute = 1): UploadInput {
  seq += 1;
  return {
    identifier: `m-${seq}`,
    name: `file-${seq}`,
    bytes,
    encodingFormat: sniffFormat(bytes),
    ...(additionalType ? { additionalType } : {}),
    now: at(minute),
  };
}

/** A deep snapshot, to prove that a transition left its input untouched. */
const snapshot = (s: UserState) => structuredClone(s);

describe('createGuest', () => {
  it('makes a Guest without media or profile image and emits one Person Create whose body is the Person', () => {
    const out = ok(createGuest({ profileId: 'p-1', now: T0 }));
    expect(out.state.media).toEqual([]);
    expect(out.state.activeImageId).toBeUndefined();
    const person = personView(out.state);
    expect(person).toEqual({ profileId: 'p-1', identificationLevel: 'Guest', createdDateTime: T0, lastModified: T0 });
    expect('profileImage' in person).toBe(false);
    expect(out.notifications).toEqual([
      { properties: { entityName: 'Person', eventTrigger: 'Create', profileId: 'p-1', identifier: 'p-1' }, body: person },
    ]);
  });
});

describe('upload', () => {
  it('a ProfileImage becomes the active image at once and emits one Update with the new Person', () => {
    const before = guest();
    const frozen = snapshot(before);
    const out = ok(upload(before, file(PNG_1X1, 'ProfileImage', 5)));
    expect(before).toEqual(frozen);
    expect(out.state.media.map((m) => m.identifier)).toEqual([out.value.identifier]);
    expect(out.state.activeImageId).toBe(out.value.identifier);
    expect(personView(out.state).profileImage).toBe(out.value.identifier);
    expect(personView(out.state).lastModified).toBe(at(5));
    expect(out.notifications).toHaveLength(1);
    expect(out.notifications[0]!.properties.eventTrigger).toBe('Update');
    expect(out.notifications[0]!.body).toEqual(personView(out.state));
  });

  it('replaces, not deletes: the previous image stays listed, unchanged, and only the new one is active', () => {
    const first = ok(upload(guest(), file(GIF_1X1, 'ProfileImage', 1)));
    const frozen = snapshot(first.state);
    const second = ok(upload(first.state, file(PNG_1X1, 'ProfileImage', 2)));
    expect(first.state).toEqual(frozen);
    expect(second.state.media).toHaveLength(2);
    expect(second.state.media[0]).toBe(first.state.media[0]);
    expect(second.state.activeImageId).toBe(second.value.identifier);
    expect(second.notifications.map((n) => n.body.profileImage)).toEqual([second.value.identifier]);
  });

  it.each(['TravelerProfileImage', 'SupportingDocument', 'Scan', 'Document', 'PasswordImage', undefined] as const)(
    'media of type %s never touches the active image and emits nothing',
    (type) => {
      const withImage = ok(upload(guest(), file(PNG_1X1, 'ProfileImage'))).state;
      const out = ok(upload(withImage, file(PNG_1X1, type)));
      expect(out.state.activeImageId).toBe(withImage.activeImageId);
      expect(out.state.lastModified).toBe(withImage.lastModified);
      expect(out.state.media).toHaveLength(2);
      expect(out.notifications).toEqual([]);
      expect(out.value.additionalType).toBe(type);
    },
  );

  it('rejects a ProfileImage whose bytes are not an image (415), whatever else it is', () => {
    for (const bytes of [PDF_MINIMAL, NOT_AN_IMAGE]) {
      const out = upload(guest(), file(bytes, 'ProfileImage'));
      expect(out).toMatchObject({ ok: false, code: 'not-an-image' });
    }
    expect(ok(upload(guest(), file(PDF_MINIMAL, 'Document'))).value.encodingFormat).toBe('application/pdf');
  });

  it('rejects an empty file', () => {
    expect(upload(guest(), file(new Uint8Array(0)))).toMatchObject({ ok: false, code: 'empty-file' });
  });

  it('records size, name, type and the sniffed format; the view links to the download', () => {
    const out = ok(upload(guest(), { ...file(JPEG_MINIMAL, 'Scan'), name: 'scan.jpg', identifier: 'm-x' }));
    expect(mediaView(out.value)).toEqual({
      identifier: 'm-x',
      name: 'scan.jpg',
      encodingFormat: 'image/jpeg',
      contentSize: JPEG_MINIMAL.length,
      dateCreated: at(1),
      additionalType: 'Scan',
      contentUrl: '/media/m-x/download',
    });
    const untyped = mediaView(ok(upload(guest(), file(PDF_MINIMAL))).value);
    expect('additionalType' in untyped).toBe(false);
  });
});

describe('deleteProfileImage', () => {
  it('without an active image: 404 no-profile-image', () => {
    expect(deleteProfileImage(guest(), at(9))).toMatchObject({ ok: false, code: 'no-profile-image' });
  });

  it('deletes the active media item, promotes nothing, and emits one Update without profileImage', () => {
    const older = ok(upload(guest(), file(GIF_1X1, 'ProfileImage', 1)));
    const active = ok(upload(older.state, file(PNG_1X1, 'ProfileImage', 2)));
    const frozen = snapshot(active.state);
    const out = ok(deleteProfileImage(active.state, at(3)));
    expect(active.state).toEqual(frozen);
    expect(out.state.media.map((m) => m.identifier)).toEqual([older.value.identifier]);
    expect(out.state.activeImageId).toBeUndefined();
    const person = personView(out.state);
    expect('profileImage' in person).toBe(false);
    expect(person.lastModified).toBe(at(3));
    expect(out.notifications).toHaveLength(1);
    expect(out.notifications[0]!.body).toEqual(person);
    expect(deleteProfileImage(out.state, at(4))).toMatchObject({ ok: false, code: 'no-profile-image' });
  });
});

describe('deleteMedia', () => {
  it('deleting the active image has the same effects as DELETE /me/profileimage', () => {
    const s = ok(upload(ok(upload(guest(), file(GIF_1X1, 'ProfileImage'))).state, file(PNG_1X1, 'ProfileImage'))).state;
    const viaMedia = ok(deleteMedia(s, s.activeImageId!, at(7)));
    const viaProfile = ok(deleteProfileImage(s, at(7)));
    expect(viaMedia.state).toEqual(viaProfile.state);
    expect(viaMedia.notifications).toEqual(viaProfile.notifications);
  });

  it('deleting any other item removes only that item and emits nothing', () => {
    const a = ok(upload(guest(), file(PDF_MINIMAL)));
    const b = ok(upload(a.state, file(PNG_1X1, 'ProfileImage')));
    const c = ok(upload(b.state, file(GIF_1X1, 'Scan')));
    const out = ok(deleteMedia(c.state, a.value.identifier, at(8)));
    expect(out.state.media.map((m) => m.identifier)).toEqual([b.value.identifier, c.value.identifier]);
    expect(out.state.activeImageId).toBe(b.value.identifier);
    expect(out.state.lastModified).toBe(c.state.lastModified);
    expect(out.notifications).toEqual([]);
  });

  it('an unknown identifier: 404 media-not-found', () => {
    expect(deleteMedia(guest(), 'nope', at(1))).toMatchObject({ ok: false, code: 'media-not-found' });
  });
});

describe('sniffFormat', () => {
  it.each([
    ['JPEG', JPEG_MINIMAL, 'image/jpeg'],
    ['PNG', PNG_1X1, 'image/png'],
    ['GIF89a', GIF_1X1, 'image/gif'],
    ['GIF87a', new TextEncoder().encode('GIF87a\x01\x00'), 'image/gif'],
    ['WebP', WEBP_MINIMAL, 'image/webp'],
    ['PDF', PDF_MINIMAL, 'application/pdf'],
    ['text', NOT_AN_IMAGE, 'application/octet-stream'],
    ['RIFF that is not WEBP (WAVE)', new TextEncoder().encode('RIFF\x00\x00\x00\x00WAVEfmt '), 'application/octet-stream'],
    ['a truncated PNG signature', PNG_1X1.subarray(0, 7), 'application/octet-stream'],
    ['one byte', new Uint8Array([0xff]), 'application/octet-stream'],
  ])('%s → %s', (_name, bytes, format) => {
    expect(sniffFormat(bytes as Uint8Array)).toBe(format);
  });
});

describe('fileBaseName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['/abs/path/a.png', 'a.png'],
    ['..', ''],
    ['a\u0000b\r\n.png', 'ab.png'],
    ['  spaced.png  ', 'spaced.png'],
    ['Grüße "quoted".png', 'Grüße "quoted".png'],
  ])('%j → %j', (raw, clean) => {
    expect(fileBaseName(raw)).toBe(clean);
  });
});

describe('FileCollector', () => {
  const chunks = [Buffer.from('abc'), Buffer.from('defg'), Buffer.from('h')];
  const collect = (capacity: number) => {
    const c = new FileCollector(capacity);
    for (const chunk of chunks) c.add(chunk);
    return c.result();
  };

  it.each([
    ['a buffer sized from Content-Length', 10],
    ['the exact size', 8],
    ['a too small hint (falls back to joining)', 5],
    ['no hint (a chunked request)', 0],
    ['a hint far larger than the file (the slack is not kept)', 1000],
  ])('joins the chunks exactly with %s', (_name, capacity) => {
    const bytes = collect(capacity);
    expect(bytes.toString()).toBe('abcdefgh');
    expect(bytes.length).toBe(8);
  });

  it('does not pin a mostly empty buffer', () => {
    expect(collect(100_000).buffer.byteLength).toBeLessThan(100_000);
  });
});
