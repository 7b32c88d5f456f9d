// The edges of the domain rules (src/sandbox/domain.ts) that the sandbox's mutation run (npm run
// mutation:sandbox, docs/mutation-testing.md) found unpinned: an untyped item carries no `additionalType` at
// all (R24: present when one was given), and a state whose active identifier names no listed item (one no
// rule makes, but a replaced store or a restored snapshot could hold) has no profile image: DELETE
// /me/profileimage answers its 404, not "media not found", and changes nothing.
import { describe, expect, it } from 'vitest';
import { PDF_MINIMAL, PNG_1X1 } from '../../src/fixtures/images.ts';
import { activeImage, createGuest, deleteProfileImage, mediaView, personView, upload, type UserState } from '../../src/sandbox/domain.ts';

const NOW = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T11:00:00.000Z';

function guest(): UserState {
  const out = createGuest({ profileId: 'p-1', now: NOW });
  if (!out.ok) throw new Error(out.detail);
  return out.state;
}

describe('an untyped upload', () => {
  it('stores an item without an additionalType key, and its view has none either', () => {
    const out = upload(guest(), { identifier: 'm-1', name: 'notes.pdf', bytes: PDF_MINIMAL, encodingFormat: 'application/pdf', now: NOW });
    if (!out.ok) throw new Error(out.detail);
    expect(Object.hasOwn(out.value, 'additionalType')).toBe(false);
    expect(Object.hasOwn(mediaView(out.value), 'additionalType')).toBe(false);
    expect(out.state.media[0]).toBe(out.value);
  });
});

describe('an active identifier that names no listed item', () => {
  const dangling: UserState = { ...guest(), activeImageId: 'gone' };

  it('is no active image', () => {
    expect(activeImage(dangling)).toBeUndefined();
  });

  it('DELETE /me/profileimage: 404 no-profile-image that says how to upload one, and nothing changes', () => {
    const before = structuredClone(dangling);
    const out = deleteProfileImage(dangling, LATER);
    expect(out).toEqual({ ok: false, code: 'no-profile-image', detail: expect.stringContaining('POST /media?AdditionalType=ProfileImage') });
    expect(dangling).toEqual(before);
  });

  it('is replaced by the next ProfileImage upload, which alone becomes active', () => {
    const out = upload(dangling, { identifier: 'm-1', name: 'a.png', bytes: PNG_1X1, encodingFormat: 'image/png', additionalType: 'ProfileImage', now: LATER });
    if (!out.ok) throw new Error(out.detail);
    expect(personView(out.state).profileImage).toBe('m-1');
    expect(activeImage(out.state)).toBe(out.value);
  });
});
