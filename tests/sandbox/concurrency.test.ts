// Concurrency (issue 3, "Tests that must exist" 4): 50 ProfileImage uploads by one user, all in flight at
// once. Changes for one user are applied one at a time, so afterwards there is exactly one active image,
// all 50 uploads are listed, and there are 50 Person Update notifications in the order the uploads were
// applied (the media list's oldest-first order), the last of which is the Person that GET /me returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../src/fixtures/images.ts';
import { FILES, IMAGE_KINDS } from './support/fixtures.ts';
import { startTarget, type RunningSandbox } from './support/sandbox.ts';
import { TARGETS } from './support/targets.ts';

const N = 50;

describe.each(TARGETS)('50 parallel ProfileImage uploads by one user ($name)', (target) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTarget(target);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('leave one active image, 50 listed media and 50 ordered notifications that agree with GET /me', async () => {
    const api = sandbox.api;
    const user = await api.guest();
    const other = await api.guest();
    const before = await api.notifications(user.profileId);
    expect(before.map((n) => n.properties.eventTrigger)).toEqual(['Create']);

    // Cycle through the image kinds so that the bytes tell the uploads apart, too.
    const kinds = Array.from({ length: N }, (_, i) => IMAGE_KINDS[i % IMAGE_KINDS.length]);
    const replies = await Promise.all(
      kinds.map((kind, i) =>
        api.upload(user.token, { bytes: FILES[kind].bytes, filename: `upload-${i}.${kind}`, query: 'ProfileImage' }),
      ),
    );
    for (const r of replies) expect(r.status, r.text).toBe(201);
    const ids = replies.map((r) => r.json.identifier as string);
    expect(new Set(ids).size, 'every upload got its own identifier').toBe(N);

    const [me, media, notifications] = await Promise.all([api.me(user.token), api.media(user.token), api.notifications(user.profileId)]);

    // Every upload is listed exactly once; the list order is the order they were applied.
    const listed = media.map((m) => m.identifier);
    expect([...listed].sort()).toEqual([...ids].sort());
    expect(new Set(listed).size).toBe(N);

    const updates = notifications.slice(1);
    expect(notifications[0].properties.eventTrigger).toBe('Create');
    expect(updates).toHaveLength(N);
    for (const n of updates) {
      expect(n.properties).toMatchObject({ entityName: 'Person', eventTrigger: 'Update', profileId: user.profileId });
    }
    expect(new Set(notifications.map((n) => n.properties.messageId)).size, 'unique messageIds').toBe(N + 1);
    // One notification per upload, in the order applied: the k-th notification names the k-th listed media.
    expect(updates.map((n) => n.body.profileImage)).toEqual(listed);

    // Exactly one active image: the last one applied, which is what the last notification says.
    expect(me.profileImage).toBe(listed.at(-1));
    expect(updates.at(-1)!.body).toEqual(me);
    const lastModified = updates.map((n) => Date.parse(n.body.lastModified));
    expect(lastModified).toEqual([...lastModified].sort((x, y) => x - y));

    // The active image's bytes are those of the upload that was applied last.
    const last = replies.findIndex((r) => r.json.identifier === me.profileImage);
    const active = await api.call('GET', '/me/profileimage', { token: user.token });
    expect(active.text).toBe(toBase64(FILES[kinds[last]].bytes));

    // The other user saw nothing of it.
    expect(await api.media(other.token)).toEqual([]);
    expect((await api.notifications(other.profileId)).map((n) => n.properties.eventTrigger)).toEqual(['Create']);
  });
});
