// The receiving end of the sandbox's local notification transport (NOTIFY_WEBHOOK_URL): a node:http request
// handler that feeds each POSTed `{properties, body}` to a NotificationSubscriber. Its answers drive the
// sender's at-least-once retries: 2xx acknowledges (also for a duplicate, which must not be redelivered
// forever), 400 says the message itself is wrong (retrying cannot help), 5xx asks for a retry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidNotificationError } from './message.ts';
import type { NotificationSubscriber } from './subscriber.ts';

export interface WebhookOptions {
  /** Largest accepted body in bytes (default 1 MiB); a Person message is a few hundred bytes. */
  maxBodyBytes?: number;
}

function problem(res: ServerResponse, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): void {
  const type = `urn:profile-contracts:problem:webhook-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  res.writeHead(status, { 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify({ type, title, status, detail, ...extra }));
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading at once rather than buffering an oversized body.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A request handler for `http.createServer(handler)`: POST any path with a JSON notification. */
export function createWebhookHandler(subscriber: NotificationSubscriber, options: WebhookOptions = {}) {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      problem(res, 405, 'Method not allowed', `Send notifications with POST, not ${req.method}.`);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        problem(res, 413, 'Message too large', `The message is larger than ${limit} bytes; a Profile Notification is a single Person.`);
      } else {
        problem(res, 400, 'Unreadable message', `The request body could not be read: ${(err as Error).message}`);
      }
      return;
    }
    try {
      const outcome = await subscriber.receive(body);
      res.writeHead(204, { 'X-Notification-Outcome': outcome });
      res.end();
    } catch (err) {
      if (err instanceof InvalidNotificationError) {
        problem(res, 400, 'Invalid notification', `${err.message}. Send {"properties": {...}, "body": {...}} as application/json.`, {
          problems: err.problems,
        });
      } else {
        // The handler failed: the message was not remembered, so the sender's retry will be handled.
        problem(res, 503, 'Handler failed', `The subscriber could not handle the message now (${(err as Error).message}); retry later.`);
      }
    }
  };
}
