// The control routes the page at /_sandbox/ reads (openapi/sandbox-control.yaml), over HTTP: the page itself,
// the users as it shows them (tokens, bytes, the active image, media without links), a media item's bytes for
// a thumbnail, and the refusals of the control routes (no body, a store that delivers its notifications
// itself, a profileId given twice). The browser test (tests/browser) looks at the page; this pins what it is fed.
import { describe, expect, it } from 'vitest';
import { GIF_1X1, PDF_MINIMAL, PNG_1X1 } from '../../src/fixtures/images.ts';
import { createSandbox, MemoryStore } from '../../src/sandbox/index.ts';
import { Notifier, type NotifierOptions } from '../../src/sandbox/notifier.ts';
import { SANDBOX_PAGE } from '../../src/sandbox/page.ts';
import { Api, expectProblem } from './support/http.ts';
import { sandboxPerFile } from './support/sandbox.ts';

const ctx = sandboxPerFile();
const CONTROL_PROBLEM = 'urn:profile-contracts:problem:invalid-control-request';

describe('GET /_sandbox/ (the page)', () => {
  it.each(['/_sandbox/', '/_sandbox'])('%s serves the page as HTML', async (path) => {
    const r = await ctx.sandbox.api.call('GET', path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.text).toBe(SANDBOX_PAGE);
    expect(r.text).toContain('<title>profile-contracts sandbox</title>');
  });
});

describe('GET /_sandbox/users', () => {
  it('lists every user with their tokens, bytes, active image and media, without links', async () => {
    const { api } = ctx.sandbox;
    const alice = ctx.user;
    const png = await api.upload(alice.token, { bytes: PNG_1X1, filename: 'cat.png', query: 'ProfileImage' });
    const pdf = await api.upload(alice.token, { bytes: PDF_MINIMAL, filename: 'notes.pdf', query: 'Document' });
    const bob = await api.guest();
    const me = await api.me(alice.token);

    const r = await api.call('GET', '/_sandbox/users');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.json).toEqual([
      {
        profileId: alice.profileId,
        tokens: [alice.token],
        identificationLevel: 'Guest',
        createdDateTime: me.createdDateTime,
        lastModified: me.lastModified,
        activeImage: png.json.identifier,
        bytes: PNG_1X1.length + PDF_MINIMAL.length,
        media: [
          { identifier: png.json.identifier, name: 'cat.png', encodingFormat: 'image/png', contentSize: PNG_1X1.length, dateCreated: png.json.dateCreated, additionalType: 'ProfileImage' },
          { identifier: pdf.json.identifier, name: 'notes.pdf', encodingFormat: 'application/pdf', contentSize: PDF_MINIMAL.length, dateCreated: pdf.json.dateCreated, additionalType: 'Document' },
        ],
      },
      {
        profileId: bob.profileId,
        tokens: [bob.token],
        identificationLevel: 'Guest',
        createdDateTime: expect.any(String),
        lastModified: expect.any(String),
        bytes: 0,
        media: [],
      },
    ]);
    expect(Object.keys(r.json[1])).not.toContain('activeImage');
  });
});

describe('GET /_sandbox/users/{profileId}/media/{identifier}', () => {
  it('answers the item\'s bytes with its format, never cached, for any user and without a token', async () => {
    const { api } = ctx.sandbox;
    const gif = await api.upload(ctx.user.token, { bytes: GIF_1X1, filename: 'old.gif' });
    const r = await api.call('GET', `/_sandbox/users/${ctx.user.profileId}/media/${gif.json.identifier}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/gif');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(r.bytes).equals(Buffer.from(GIF_1X1))).toBe(true);
  });

  it('answers 404 naming the item and the user for an unknown item, or another user\'s', async () => {
    const { api } = ctx.sandbox;
    const gif = await api.upload(ctx.user.token, { bytes: GIF_1X1, filename: 'old.gif' });
    const bob = await api.guest();
    for (const [profileId, identifier] of [[ctx.user.profileId, 'nope'], [bob.profileId, gif.json.identifier as string], ['nobody', 'nope']]) {
      const r = await api.call('GET', `/_sandbox/users/${profileId}/media/${identifier}`);
      expectProblem(r, 404);
      expect(r.json.type).toBe('urn:profile-contracts:problem:media-not-found');
      expect(r.json.detail).toBe(`The sandbox has no media item "${identifier}" of user "${profileId}". List them with GET /_sandbox/users.`);
    }
  });
});

describe('the control routes refuse', () => {
  it.each([
    ['PUT', '/_sandbox/state'],
    ['POST', '/_sandbox/failures'],
    ['PUT', '/_sandbox/delivery'],
  ])('%s %s without a body: 400 saying a JSON body is needed', async (method, path) => {
    const r = await ctx.sandbox.api.call(method, path);
    expectProblem(r, 400);
    expect(r.json.type).toBe(CONTROL_PROBLEM);
    expect(r.json.detail).toBe('The request needs a JSON body (Content-Type: application/json).');
  });

  it('a body that is not JSON: 400 naming the parser\'s complaint', async () => {
    const r = await ctx.sandbox.api.call('PUT', '/_sandbox/state', { body: '{"users": [', headers: { 'content-type': 'application/json' } });
    expectProblem(r, 400);
    expect(r.json.type).toBe(CONTROL_PROBLEM);
    expect(r.json.detail).toMatch(/^The body is not valid JSON \(.+\); send application\/json\.$/);
  });

  it('GET /_sandbox/notifications with profileId given twice: 400 naming the parameter', async () => {
    const r = await ctx.sandbox.api.call('GET', '/_sandbox/notifications?profileId=a&profileId=b');
    expectProblem(r, 400);
    expect(r.json.type).toBe('urn:profile-contracts:problem:invalid-parameter');
    expect(r.json.detail).toContain('The query parameter "profileId" must be given once, as a string.');
  });

  it('the delivery switches, when the store delivers its notifications itself (an outbox)', async () => {
    class OutboxStore extends MemoryStore {
      notificationLog(options: NotifierOptions) {
        const log = new Notifier(options);
        this.onCommit((drafts) => log.publish(drafts));
        return log;
      }
    }
    const sandbox = await createSandbox({ store: new OutboxStore() });
    try {
      const api = new Api(await sandbox.listen(0, '127.0.0.1'));
      for (const r of [
        await api.call('GET', '/_sandbox/delivery'),
        await api.call('PUT', '/_sandbox/delivery', { body: '{"paused":true}', headers: { 'content-type': 'application/json' } }),
      ]) {
        expectProblem(r, 400);
        expect(r.json.type).toBe(CONTROL_PROBLEM);
        expect(r.json.detail).toContain('delivers the notifications itself (its outbox)');
      }
      // Its log is the one GET /_sandbox/notifications and notificationLog() read; notifications() is for the
      // in-process log only.
      const guest = await api.guest();
      expect((await api.notifications(guest.profileId)).map((n) => n.properties.eventTrigger)).toEqual(['Create']);
      expect((await sandbox.notificationLog(guest.profileId)).map((n) => n.properties.eventTrigger)).toEqual(['Create']);
      expect(() => sandbox.notifications()).toThrow(/keeps its notifications in its database/);
    } finally {
      await sandbox.close();
    }
  });
});
