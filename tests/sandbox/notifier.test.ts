// The in-process notifier (src/sandbox/notifier.ts) on its own, against a webhook receiver on 127.0.0.1:
// what it promises beyond the sandbox's HTTP tests. A published message is a copy (later changes to the draft
// alter nothing), each profile has its own queue (one profile's stuck delivery holds no other), an attempt the
// subscriber never answers ends at the timeout and is retried, retries stay maxDelayMs apart, a message given
// up is reported with why, reset() forgets pending deliveries and close() stops delivering. No timed
// assertions: every wait is for an event, bounded by the test's timeout.
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationDraft } from '../../src/sandbox/domain.ts';
import { Notifier, type NotifierOptions } from '../../src/sandbox/notifier.ts';
import { Receiver, type Verdict } from './support/receiver.ts';

let open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.reverse()) await o.close();
  open = [];
});

async function receiver(policy?: (attempt: number) => Verdict): Promise<Receiver> {
  const r = new Receiver(policy);
  await r.listen();
  open.push(r);
  return r;
}

function notifier(options: NotifierOptions): Notifier {
  const n = new Notifier({ baseDelayMs: 1, maxDelayMs: 2, ...options });
  open.push(n);
  return n;
}

const draft = (profileId: string, lastModified = '2026-01-01T00:00:00.000Z'): NotificationDraft => ({
  properties: { entityName: 'Person', eventTrigger: 'Update', profileId, identifier: profileId },
  body: { profileId, identificationLevel: 'Guest', createdDateTime: '2026-01-01T00:00:00.000Z', lastModified },
});

describe('publish', () => {
  it('logs a copy of each draft with a messageId of its own; changing the draft later changes nothing', async () => {
    const hook = await receiver();
    const n = notifier({ webhookUrl: hook.url });
    const drafts = [draft('p'), draft('p', '2026-01-02T00:00:00.000Z')];
    const published = n.publish(drafts);
    drafts[0]!.body.lastModified = 'changed';
    drafts[0]!.body.profileImage = 'changed';
    expect(published.map((m) => m.body.lastModified)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
    expect(published[0]!.properties).toEqual({ messageId: expect.any(String), ...draft('p').properties });
    expect(new Set(published.map((m) => m.properties.messageId)).size).toBe(2);
    expect(n.list()).toEqual(published);
    const delivered = await hook.waitForUnique(2);
    expect(delivered).toEqual(published);
    expect(delivered[0]!.body).not.toHaveProperty('profileImage');
  });

  it('without a webhook URL only logs: nothing is pending, idle() resolves at once', async () => {
    const n = notifier({});
    n.publish([draft('p'), draft('q')]);
    expect(n.list('q').map((m) => m.properties.profileId)).toEqual(['q']);
    expect(n.delivery()).toEqual({ paused: false, failNext: 0, pending: 0 });
    await n.idle();
  });
});

describe('delivery', () => {
  it('keeps a queue per profile: a delivery the subscriber never answers holds back no other profile', async () => {
    const hook = await receiver((attempt) => (attempt === 0 ? 'hang' : 'accept'));
    const n = notifier({ webhookUrl: hook.url, timeoutMs: 60_000 });
    n.publish([draft('stuck')]);
    while (hook.attempts.length === 0) await new Promise((r) => setTimeout(r, 5));
    n.publish([draft('other')]);
    const [first] = await hook.waitForUnique(1);
    expect(first!.properties.profileId).toBe('other');
    expect(hook.accepted.map((m) => m.properties.profileId)).toEqual(['other']);
  });

  it('ends an attempt the subscriber never answers at timeoutMs, and sends it again', async () => {
    const hook = await receiver((attempt) => (attempt === 0 ? 'hang' : 'accept'));
    const n = notifier({ webhookUrl: hook.url, timeoutMs: 300 });
    const [message] = n.publish([draft('p')]);
    expect(await hook.waitForUnique(1)).toEqual([message]);
    // On a busy machine a later attempt may time out too (at-least-once allows the repeat); the first never ends.
    expect(hook.attempts[0]!.verdict).toBe('hang');
    expect(hook.attempts.length).toBeGreaterThanOrEqual(2);
    await n.idle();
    expect(n.delivery().pending).toBe(0);
  });

  it('retries at most maxDelayMs apart, however many attempts fail', async () => {
    const hook = await receiver((attempt) => (attempt < 30 ? 500 : 'accept'));
    const n = notifier({ webhookUrl: hook.url, baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 40 });
    n.publish([draft('p')]);
    await n.idle();
    expect(hook.attempts).toHaveLength(31);
    expect(hook.unique()).toHaveLength(1);
  });

  it('gives a message up after maxAttempts and says why: the last status, or the attempts counted as failed on purpose', async () => {
    const hook = await receiver(() => 500);
    const warnings: string[] = [];
    const n = notifier({ webhookUrl: hook.url, maxAttempts: 2, warn: (m) => warnings.push(m) });
    const [message] = n.publish([draft('p')]);
    await n.idle();
    expect(hook.attempts).toHaveLength(2);
    expect(warnings).toEqual([`notification ${message!.properties.messageId} for profile p dropped after 2 attempts to ${hook.url}: HTTP 500`]);

    const healthy = await receiver();
    const steered = notifier({ webhookUrl: healthy.url, maxAttempts: 2, warn: (m) => warnings.push(m) });
    steered.failNext(5);
    const [again] = steered.publish([draft('q')]);
    await steered.idle();
    expect(healthy.accepted).toEqual([again, again]);
    expect(steered.delivery().failNext).toBe(3);
    expect(warnings[1]).toBe(
      `notification ${again!.properties.messageId} for profile q dropped after 2 attempts to ${healthy.url}: counted as failed on purpose (PUT /_sandbox/delivery failNext)`,
    );
  });

  it('reports a subscriber that cannot be reached with the network error', async () => {
    const gone = await receiver();
    const url = gone.url;
    await gone.close();
    const warnings: string[] = [];
    const n = notifier({ webhookUrl: url, maxAttempts: 1, warn: (m) => warnings.push(m) });
    n.publish([draft('p')]);
    await n.idle();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`dropped after 1 attempts to ${url}: \\S`));
    expect(warnings[0]).not.toMatch(/HTTP \d{3}$/);
  });
});

describe('giving up', () => {
  it('without a warn callback gives a message up silently, and the profile\'s next message is still delivered', async () => {
    const hook = await receiver((attempt) => (attempt < 2 ? 500 : 'accept'));
    const n = notifier({ webhookUrl: hook.url, maxAttempts: 2 });
    const [, second] = n.publish([draft('p'), draft('p', 'next')]);
    expect(await hook.waitForUnique(1)).toEqual([second]);
  });

  it('says nothing about a message it stopped retrying because it was closed', async () => {
    const hook = await receiver(() => 500);
    const warnings: string[] = [];
    const n = notifier({ webhookUrl: hook.url, maxAttempts: 1000, baseDelayMs: 1, maxDelayMs: 1, warn: (m) => warnings.push(m) });
    n.publish([draft('p')]);
    while (hook.attempts.length < 2) await new Promise((r) => setTimeout(r, 5));
    await n.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(warnings).toEqual([]);
  });
});

describe('reset and close', () => {
  it('reset() forgets the log and every pending delivery, and delivers normally again', async () => {
    const hook = await receiver();
    const n = notifier({ webhookUrl: hook.url });
    n.pause();
    n.failNext(2);
    n.publish([draft('p'), draft('q')]);
    expect(n.delivery()).toEqual({ paused: true, failNext: 2, pending: 2 });
    n.reset();
    expect(n.delivery()).toEqual({ paused: false, failNext: 0, pending: 0 });
    expect(n.list()).toEqual([]);
    await n.idle();
    const [fresh] = n.publish([draft('p')]);
    expect(await hook.waitForUnique(1)).toEqual([fresh]);
    await n.idle();
    expect(hook.attempts.map((a) => a.message.properties.messageId)).toEqual([fresh!.properties.messageId]);
  });

  it("reset() while a delivery is in flight: the profile's next message stays pending until it is delivered", async () => {
    const hook = await receiver(() => 'hang');
    const n = notifier({ webhookUrl: hook.url, timeoutMs: 60_000 });
    n.publish([draft('p')]);
    while (hook.attempts.length === 0) await new Promise((r) => setTimeout(r, 5));
    n.reset();
    const [fresh] = n.publish([draft('p', 'after reset')]);
    while (hook.attempts.length < 2) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    expect(hook.attempts[1]!.message.properties.messageId).toBe(fresh!.properties.messageId);
    expect(n.delivery().pending).toBe(1);
  });

  it('idle() waits for the deliveries pending when it was called', async () => {
    const hook = await receiver();
    const n = notifier({ webhookUrl: hook.url });
    n.pause();
    n.publish([draft('p')]);
    let settled = false;
    const idle = n.idle().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    n.resume();
    await idle;
    expect(hook.unique()).toHaveLength(1);
  });

  it('idle() keeps waiting while another profile\'s delivery is still pending', async () => {
    const hook = await receiver((attempt) => (attempt === 0 ? 'hang' : 'accept'));
    const n = notifier({ webhookUrl: hook.url, timeoutMs: 60_000 });
    n.publish([draft('stuck')]);
    while (hook.attempts.length === 0) await new Promise((r) => setTimeout(r, 5));
    let settled = false;
    void n.idle().then(() => (settled = true));
    n.publish([draft('other')]);
    await hook.waitForUnique(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
  });

  it('close() stops delivering: later messages are logged and never sent', async () => {
    const hook = await receiver();
    const n = notifier({ webhookUrl: hook.url });
    n.pause();
    n.publish([draft('p')]);
    await n.close();
    await n.idle();
    n.publish([draft('q')]);
    expect(n.list().map((m) => m.properties.profileId)).toEqual(['p', 'q']);
    expect(n.delivery().pending).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(hook.attempts).toEqual([]);
  });
});
