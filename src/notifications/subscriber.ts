// A Profile Notification subscriber for at-least-once delivery: it parses each message, hands it to the
// caller's handler once, and drops redeliveries by `messageId`. Memory is bounded: it remembers the most
// recent `maxRemembered` ids (oldest forgotten first), which covers redeliveries, since those follow soon
// after the original; a duplicate older than that window is delivered again.
import { parseProfileNotification, type ProfileNotification } from './message.ts';

export type DeliveryOutcome = 'handled' | 'duplicate';

export interface SubscriberOptions {
  /** Called once per distinct messageId. If it throws, the id is not remembered, so a redelivery retries it. */
  onNotification: (notification: ProfileNotification) => void | Promise<void>;
  /** How many message ids to remember for de-duplication (default 10 000). */
  maxRemembered?: number;
}

export interface NotificationSubscriber {
  /** Parse (throws InvalidNotificationError) and handle one message; tells whether it was new or a duplicate. */
  receive(message: unknown): Promise<DeliveryOutcome>;
  /** Whether `messageId` has been handled (and is still remembered). */
  hasSeen(messageId: string): boolean;
  /** How many ids are remembered now (never more than maxRemembered). */
  readonly remembered: number;
}

export function createNotificationSubscriber(options: SubscriberOptions): NotificationSubscriber {
  const max = options.maxRemembered ?? 10_000;
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`maxRemembered must be a positive integer, got ${String(max)}`);
  }
  // A Map keeps insertion order, so the first key is always the oldest id: a cheap bounded FIFO.
  const seen = new Map<string, true>();
  // Ids being handled right now: a redelivery that arrives meanwhile is a duplicate, not a second call.
  const inFlight = new Set<string>();

  const remember = (id: string) => {
    seen.set(id, true);
    while (seen.size > max) seen.delete(seen.keys().next().value as string);
  };

  return {
    async receive(message) {
      const notification = parseProfileNotification(message);
      const id = notification.properties.messageId;
      if (seen.has(id) || inFlight.has(id)) return 'duplicate';
      inFlight.add(id);
      try {
        await options.onNotification(notification);
        remember(id);
        return 'handled';
      } finally {
        inFlight.delete(id);
      }
    },
    hasSeen: (messageId) => seen.has(messageId),
    get remembered() {
      return seen.size;
    },
  };
}
