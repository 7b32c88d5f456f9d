// Notification delivery (docs/contract.md section 6, "Local transport"): a sandbox started with a webhook URL
// POSTs every Profile Notification as application/json {properties, body} to a receiver on 127.0.0.1, in
// order per profile, with unique messageIds, retrying failed deliveries (500s, refused connections, dropped
// connections) with backoff until every message has arrived.
import { afterEach, describe, expect, it } from 'vitest';
import { PDF_MINIMAL } from '../../src/fixtures/images.ts';
import { FILES } from './support/fixtures.ts';
import type { Api, Guest, Notification, Person } from './support/http.ts';
import { Receiver, type Verdict } from './support/receiver.ts';
import { freePort } from '../support/ports.ts';
import { startSandbox, type RunningSandbox } from './support/sandbox.ts';

let running: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const r of running.reverse()) await r.close();
  running = [];
});

async function sandboxWithWebhook(url: string): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ notifyWebhookUrl: url });
  running.push(sandbox);
  return sandbox;
}

async function receiver(policy?: (attempt: number) => Verdict, port = 0): Promise<Receiver> {
  const r = new Receiver(policy);
  await r.listen(port);
  running.push(r);
  return r;
}

interface Expected {
  profileId: string;
  trigger: 'Create' | 'Update';
  person: Person;
}

/**
 * Two users, interleaved: set, replace and remove profile images, plus media changes that must emit nothing.
 * Returns the messages expected per profile, each with the Person as GET /me showed it right after the change.
 */
async function scenario(api: Api): Promise<{ users: Guest[]; expected: Expected[] }> {
  const expected: Expected[] = [];
  const changed = async (user: Guest, trigger: 'Create' | 'Update') =>
    expected.push({ profileId: user.profileId, trigger, person: await api.me(user.token) });
  const upload = async (user: Guest, kind: 'png' | 'gif' | 'pdf', query?: string) => {
    const bytes = kind === 'pdf' ? PDF_MINIMAL : FILES[kind].bytes;
    const r = await api.upload(user.token, { bytes, filename: `x.${kind}`, query });
    expect(r.status, r.text).toBe(201);
    return r.json.identifier as string;
  };

  const a = await api.guest();
  await changed(a, 'Create');
  const b = await api.guest();
  await changed(b, 'Create');
  await upload(a, 'png', 'ProfileImage');
  await changed(a, 'Update');
  const pdf = await upload(a, 'pdf');
  await upload(a, 'gif', 'Scan');
  await upload(b, 'gif', 'ProfileImage');
  await changed(b, 'Update');
  await upload(a, 'gif', 'ProfileImage');
  await changed(a, 'Update');
  expect((await api.call('DELETE', `/media/${pdf}`, { token: a.token })).status).toBe(204);
  expect((await api.call('DELETE', '/me/profileimage', { token: b.token })).status).toBe(204);
  await changed(b, 'Update');
  expect((await api.call('DELETE', '/me/profileimage', { token: a.token })).status).toBe(204);
  await changed(a, 'Update');
  return { users: [a, b], expected };
}

/** Per profile, the delivered messages must be exactly the expected ones, in order. */
function expectDelivered(hook: Receiver, delivered: Notification[], expected: Expected[], users: Guest[]): void {
  expect(hook.malformed, 'deliveries that were not JSON').toEqual([]);
  for (const user of users) {
    const got = delivered.filter((m) => m.properties.profileId === user.profileId);
    const want = expected.filter((e) => e.profileId === user.profileId);
    expect(
      got.map((m) => ({ trigger: m.properties.eventTrigger, body: m.body })),
      `messages for ${user.profileId}, in order`,
    ).toEqual(want.map((e) => ({ trigger: e.trigger, body: e.person })));
    for (const m of got) {
      expect(Object.keys(m).sort()).toEqual(['body', 'properties']);
      expect(m.properties).toEqual({
        messageId: expect.any(String),
        entityName: 'Person',
        eventTrigger: m.properties.eventTrigger,
        profileId: user.profileId,
        identifier: user.profileId,
      });
    }
  }
  expect(delivered.length, 'no message beyond the expected ones (none for other media)').toBe(expected.length);
}

describe('webhook delivery', () => {
  it('POSTs every message as JSON {properties, body}, in order per profile, with unique messageIds', async () => {
    const hook = await receiver();
    const { api } = await sandboxWithWebhook(hook.url);
    const { users, expected } = await scenario(api);

    const delivered = await hook.waitForUnique(expected.length);
    expectDelivered(hook, delivered, expected, users);
    expect(new Set(hook.accepted.map((m) => m.properties.messageId)).size, 'no message delivered twice to a healthy receiver').toBe(hook.accepted.length);
    for (const attempt of hook.attempts) expect(attempt.contentType).toMatch(/^application\/json\b/);
    // What was delivered is what the sandbox logged: per profile, the two views of the notifications agree.
    const log = await api.notifications();
    for (const user of users) {
      const mine = (ms: Notification[]) => ms.filter((m) => m.properties.profileId === user.profileId);
      expect(mine(delivered)).toEqual(mine(log));
    }
  });

  it('retries a receiver that answers 500 to the first attempts until every message arrived, in order', async () => {
    const hook = await receiver((n) => (n < 3 ? 500 : 'accept'));
    const { api } = await sandboxWithWebhook(hook.url);
    const { users, expected } = await scenario(api);

    const delivered = await hook.waitForUnique(expected.length);
    expectDelivered(hook, delivered, expected, users);
    expect(hook.attempts.slice(0, 3).map((a) => a.verdict)).toEqual([500, 500, 500]);
    // Every refused message came again, and the first refused one was accepted before any later message of
    // its profile (deliveries to different profiles may overtake each other, within one profile never).
    const accepted = new Set(hook.accepted.map((m) => m.properties.messageId));
    for (const a of hook.attempts.slice(0, 3)) expect(accepted.has(a.message.properties.messageId)).toBe(true);
    const first = hook.attempts[0].message;
    expect(hook.accepted.find((m) => m.properties.profileId === first.properties.profileId)).toEqual(first);
  });

  it('retries a receiver that drops the connection', async () => {
    const hook = await receiver((n) => (n < 2 ? 'drop' : 'accept'));
    const { api } = await sandboxWithWebhook(hook.url);
    const { users, expected } = await scenario(api);

    const delivered = await hook.waitForUnique(expected.length);
    expectDelivered(hook, delivered, expected, users);
    expect(hook.attempts.length).toBeGreaterThan(expected.length);
  });

  it('delivers everything once a receiver that refused connections comes up', async () => {
    const port = await freePort();
    const { api } = await sandboxWithWebhook(`http://127.0.0.1:${port}/notifications`);
    const { users, expected } = await scenario(api);
    // Give the notifier time to be refused at least once before anyone listens (not an assertion on speed).
    await new Promise((r) => setTimeout(r, 500));

    const hook = await receiver(undefined, port);
    const delivered = await hook.waitForUnique(expected.length);
    expectDelivered(hook, delivered, expected, users);
  });
});
