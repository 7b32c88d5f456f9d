// The notification consumer on its real transport: the webhook handler's answers (which drive the sender's
// retries), and end to end with the sandbox started with a webhook URL, through the typed client.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createProfileClient } from '../../src/client/index.ts';
import { GIF_1X1, PNG_1X1 } from '../../src/fixtures/images.ts';
import {
  activeProfileImageId,
  createNotificationSubscriber,
  createWebhookHandler,
  type ProfileNotification,
} from '../../src/notifications/index.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';

const servers: Server[] = [];
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function startWebhook(onNotification: (n: ProfileNotification) => void | Promise<void>, maxBodyBytes?: number) {
  const subscriber = createNotificationSubscriber({ onNotification });
  const server = createServer(createWebhookHandler(subscriber, maxBodyBytes ? { maxBodyBytes } : {}));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}/`;
}

const message = (messageId: string) => ({
  properties: { messageId, entityName: 'Person', eventTrigger: 'Update', profileId: 'p', identifier: 'p' },
  body: { profileId: 'p', identificationLevel: 'Guest', createdDateTime: '2026-11-28T13:00:00Z', lastModified: '2026-11-28T13:00:00Z' },
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('createWebhookHandler', () => {
  it('acknowledges new messages and duplicates with 204, handling each once', async () => {
    const ids: string[] = [];
    const url = await startWebhook((n) => void ids.push(n.properties.messageId));
    const first = await post(url, message('a'));
    const again = await post(url, message('a'));
    expect([first.status, again.status]).toEqual([204, 204]);
    expect([first.headers.get('x-notification-outcome'), again.headers.get('x-notification-outcome')]).toEqual(['handled', 'duplicate']);
    expect(ids).toEqual(['a']);
  });

  it('answers 400 problem+json naming what is wrong with an invalid message', async () => {
    const url = await startWebhook(() => undefined);
    const res = await post(url, { properties: { messageId: 'x' }, body: {} });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 400, title: 'Invalid notification' });
    expect(problem.problems).toEqual(expect.arrayContaining([expect.stringContaining('properties.eventTrigger')]));
  });

  it('answers 503 when the handler fails, and handles the retry', async () => {
    let fail = true;
    const ids: string[] = [];
    const url = await startWebhook((n) => {
      if (fail) throw new Error('database down');
      ids.push(n.properties.messageId);
    });
    expect((await post(url, message('r'))).status).toBe(503);
    fail = false;
    expect((await post(url, message('r'))).headers.get('x-notification-outcome')).toBe('handled');
    expect(ids).toEqual(['r']);
  });

  it('refuses other methods with 405 and oversized bodies with 413', async () => {
    const url = await startWebhook(() => undefined, 64);
    expect((await fetch(url)).status).toBe(405);
    expect((await post(url, 'x'.repeat(1000))).status).toBe(413);
  });
});

describe('with the sandbox as the sender', () => {
  it('learns Create, the new active image on replace, and its removal, once each', async () => {
    const received: ProfileNotification[] = [];
    const webhook = await startWebhook((n) => void received.push(n));
    const sandbox = await createSandbox({ notifyWebhookUrl: webhook });
    sandboxes.push(sandbox);
    const baseUrl = await sandbox.listen(0, '127.0.0.1');

    const { token } = await createProfileClient({ baseUrl }).createGuestToken();
    const client = createProfileClient({ baseUrl, token });
    const older = await client.setProfileImage(new Blob([GIF_1X1.slice()], { type: 'image/gif' }), 'old.gif');
    const active = await client.setProfileImage(new Blob([PNG_1X1.slice()], { type: 'image/png' }), 'new.png');
    await client.deleteProfileImage();
    await sandbox.deliveriesSettled();

    expect(received.map((n) => n.properties.eventTrigger)).toEqual(['Create', 'Update', 'Update', 'Update']);
    expect(received.map((n) => activeProfileImageId(n.body))).toEqual([undefined, older.identifier, active.identifier, undefined]);
    expect(new Set(received.map((n) => n.properties.messageId)).size).toBe(4);
  });
});
