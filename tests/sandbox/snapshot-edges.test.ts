// Snapshots at their edges (src/sandbox/snapshot.ts): no key for what a user or a media item does not have
// (not even one holding undefined), the uniqueness checks of profileIds and media identifiers, an empty
// base64, the allowed AdditionalTypes named in full, and the name of the error the MSW handlers throw.
import { describe, expect, it } from 'vitest';
import { PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { fromSnapshot, SnapshotError, toSnapshot, type SandboxState, type StoredUser } from '../../src/sandbox/snapshot.ts';

const TYPES = ['ProfileImage', 'Document'];
const png = { name: 'cat.png', encodingFormat: 'image/png', contentSize: PNG_1X1.length, dateCreated: '2026-01-01T00:00:00.000Z', base64: toBase64(PNG_1X1) };
const user = (profileId: string, tokens: string[], media: SandboxState['users'][number]['media'] = []): SandboxState['users'][number] => ({
  profileId,
  tokens,
  identificationLevel: 'Guest',
  createdDateTime: '2026-01-01T00:00:00.000Z',
  lastModified: '2026-01-02T00:00:00.000Z',
  media,
});
const snapshot = (...users: SandboxState['users']): SandboxState => ({ format: 'profile-contracts/sandbox-state', version: 1, users });
const detail = (s: SandboxState): string => {
  const r = fromSnapshot(s, TYPES);
  if (r.ok) throw new Error('accepted');
  return r.detail;
};

describe('what a user or media item does not have gets no key', () => {
  it('reads a user without an active image and an item without an AdditionalType into state without those keys', () => {
    const read = fromSnapshot(snapshot(user('alice', ['t1'], [{ identifier: 'img', ...png }])), TYPES);
    expect(read.ok).toBe(true);
    const [alice] = (read as { value: StoredUser[] }).value;
    expect(Object.keys(alice!.state)).not.toContain('activeImageId');
    expect(Object.keys(alice!.state.media[0]!)).not.toContain('additionalType');
  });

  it('writes such a user and item without activeImage and additionalType keys', () => {
    const s = toSnapshot([
      {
        tokens: ['t1'],
        state: {
          profileId: 'alice',
          identificationLevel: 'Guest',
          createdDateTime: '2026-01-01T00:00:00.000Z',
          lastModified: '2026-01-02T00:00:00.000Z',
          media: [{ identifier: 'img', name: 'cat.png', encodingFormat: 'image/png', contentSize: PNG_1X1.length, dateCreated: '2026-01-01T00:00:00.000Z', bytes: PNG_1X1 }],
        },
      },
    ]);
    expect(s.users[0]).toStrictEqual({ ...user('alice', ['t1'], [{ identifier: 'img', ...png }]) });
  });
});

describe('snapshots refused at their edges', () => {
  it('refuses a profileId given to two users', () => {
    expect(detail(snapshot(user('alice', ['t1']), user('alice', ['t2'])))).toBe('users[1].profileId "alice" is given to two users; make it unique.');
  });

  it('refuses a media identifier that appears twice for one user, but not across users', () => {
    const twice = user('alice', ['t1'], [{ identifier: 'img', ...png }, { identifier: 'img', ...png }]);
    expect(detail(snapshot(twice))).toBe('users[0].media[1].identifier "img" appears twice for this user; make it unique.');
    const across = snapshot(user('alice', ['t1'], [{ identifier: 'img', ...png }]), user('bob', ['t2'], [{ identifier: 'img', ...png }]));
    expect(fromSnapshot(across, TYPES).ok).toBe(true);
  });

  it('refuses an empty base64 as not non-empty Base64', () => {
    const empty = user('alice', ['t1'], [{ identifier: 'img', ...png, contentSize: 1, base64: '' }]);
    expect(detail(snapshot(empty))).toContain('users[0].media[0].base64 is not non-empty standard Base64');
  });

  it('names every allowed AdditionalType', () => {
    const odd = user('alice', ['t1'], [{ identifier: 'img', ...png, additionalType: 'Selfie' }]);
    expect(detail(snapshot(odd))).toBe('users[0].media[0].additionalType is "Selfie"; allowed: ProfileImage, Document.');
  });
});

it('names its error SnapshotError', () => {
  expect(String(new SnapshotError('users[0] is wrong'))).toBe('SnapshotError: users[0] is wrong');
});
