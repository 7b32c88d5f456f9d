// Unit tests of the notification consumer: message validation with clear errors, de-duplication by
// messageId with bounded memory, retry after a failed handler, and the "has a profile image" rule.
import { describe, expect, it } from 'vitest';
import {
  createNotificationSubscriber,
  hasProfileImage,
  InvalidNotificationError,
  parseProfileNotification,
  type ProfileNotification,
} from '../../src/notifications/index.ts';

const PROFILE = 'p-1';

function message(messageId: string, body: Record<string, unknown> = {}, props: Record<string, unknown> = {}) {
  return {
    properties: { messageId, entityName: 'Person', eventTrigger: 'Update', profileId: PROFILE, identifier: PROFILE, ...props },
    body: { profileId: PROFILE, identificationLevel: 'Guest', createdDateTime: '2026-11-28T13:00:00Z', lastModified: '2026-11-28T13:05:00Z', ...body },
  };
}

function problemsOf(input: unknown): string[] {
  try {
    parseProfileNotification(input);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidNotificationError);
    return (err as InvalidNotificationError).problems;
  }
  throw new Error('expected the message to be rejected');
}

describe('parseProfileNotification', () => {
  it('accepts a valid message, as an object, JSON text or bytes', () => {
    const m = message('m1', { profileImage: 'img-1', givenName: 'Ada', somethingNew: 1 });
    expect(parseProfileNotification(m)).toEqual(m);
    expect(parseProfileNotification(JSON.stringify(m))).toEqual(m);
    expect(parseProfileNotification(new TextEncoder().encode(JSON.stringify(m)))).toEqual(m);
  });

  it('names each missing or empty property', () => {
    const problems = problemsOf({ properties: { messageId: '', entityName: 'Person' }, body: message('x').body });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('properties.messageId must be a non-empty string, got ""'),
        expect.stringContaining('properties.eventTrigger must be a non-empty string'),
        expect.stringContaining('properties.profileId'),
        expect.stringContaining('properties.identifier'),
      ]),
    );
  });

  it('lists the allowed eventTrigger values', () => {
    expect(problemsOf(message('m', {}, { eventTrigger: 'update' }))).toEqual([
      'properties.eventTrigger must be one of Create, Update, Delete, got "update"',
    ]);
  });

  it('rejects profileImage: null (the contract allows missing or "", never null)', () => {
    expect(problemsOf(message('m', { profileImage: null }))).toEqual(['body.profileImage must be a string when present, got null']);
    expect(parseProfileNotification(message('m', { profileImage: '' })).body.profileImage).toBe('');
  });

  it('checks the Person body and that properties name the same Person', () => {
    expect(problemsOf(message('m', { identificationLevel: 'Admin' }))[0]).toMatch(/identificationLevel must be one of Guest, EmailNotVerified, EmailVerified/);
    expect(problemsOf(message('m', {}, { identifier: 'other' }))).toEqual(['properties.identifier "other" must equal body.profileId "p-1"']);
    expect(problemsOf({ properties: message('m').properties, body: [] })).toEqual(['"body" must be the Person object, got an array']);
  });

  it('explains non-JSON and non-object input', () => {
    expect(problemsOf('{not json')[0]).toMatch(/^the message is not JSON/);
    expect(problemsOf(null)).toEqual(['expected an object {"properties": {...}, "body": {...}}, got null']);
  });
});

describe('createNotificationSubscriber', () => {
  it('handles each messageId once and reports redeliveries as duplicates', async () => {
    const handled: string[] = [];
    const sub = createNotificationSubscriber({ onNotification: (n) => void handled.push(n.properties.messageId) });
    expect(await sub.receive(message('a'))).toBe('handled');
    expect(await sub.receive(message('a'))).toBe('duplicate');
    expect(await sub.receive(JSON.stringify(message('b')))).toBe('handled');
    expect(handled).toEqual(['a', 'b']);
    expect(sub.hasSeen('a')).toBe(true);
  });

  it('remembers at most maxRemembered ids, forgetting the oldest first', async () => {
    const handled: string[] = [];
    const sub = createNotificationSubscriber({ maxRemembered: 2, onNotification: (n) => void handled.push(n.properties.messageId) });
    for (const id of ['a', 'b', 'c']) await sub.receive(message(id));
    expect(sub.remembered).toBe(2);
    expect(sub.hasSeen('a')).toBe(false);
    expect(await sub.receive(message('c'))).toBe('duplicate');
    expect(await sub.receive(message('a'))).toBe('handled');
    expect(handled).toEqual(['a', 'b', 'c', 'a']);
  });

  it('stays bounded over many messages', async () => {
    const sub = createNotificationSubscriber({ maxRemembered: 100, onNotification: () => undefined });
    for (let i = 0; i < 1000; i++) await sub.receive(message(`m${i}`));
    expect(sub.remembered).toBe(100);
    expect(sub.hasSeen('m999')).toBe(true);
    expect(sub.hasSeen('m899')).toBe(false);
  });

  it('does not remember a message whose handler failed, so a redelivery is handled', async () => {
    let fail = true;
    const handled: ProfileNotification[] = [];
    const sub = createNotificationSubscriber({
      onNotification: (n) => {
        if (fail) throw new Error('downstream unavailable');
        handled.push(n);
      },
    });
    await expect(sub.receive(message('a'))).rejects.toThrow('downstream unavailable');
    fail = false;
    expect(await sub.receive(message('a'))).toBe('handled');
    expect(handled).toHaveLength(1);
  });

  it('treats a redelivery that arrives while the first is still being handled as a duplicate', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const sub = createNotificationSubscriber({
      onNotification: async () => {
        calls++;
        await gate;
      },
    });
    const first = sub.receive(message('a'));
    expect(await sub.receive(message('a'))).toBe('duplicate');
    release();
    expect(await first).toBe('handled');
    expect(calls).toBe(1);
  });

  it('rejects invalid messages without remembering them, and a bad maxRemembered', async () => {
    const sub = createNotificationSubscriber({ onNotification: () => undefined });
    await expect(sub.receive({ properties: {} })).rejects.toBeInstanceOf(InvalidNotificationError);
    expect(sub.remembered).toBe(0);
    expect(() => createNotificationSubscriber({ maxRemembered: 0, onNotification: () => undefined })).toThrow(RangeError);
  });

  it('tells from the body whether the Person now has a profile image', async () => {
    const seen: boolean[] = [];
    const sub = createNotificationSubscriber({ onNotification: (n) => void seen.push(hasProfileImage(n.body)) });
    await sub.receive(message('set', { profileImage: 'img-1' }));
    await sub.receive(message('removed'));
    await sub.receive(message('empty', { profileImage: '' }));
    expect(seen).toEqual([true, false, false]);
  });
});
