// The Profile Notification consumer: parse `{properties, body}` messages, de-duplicate them by messageId,
// read the Person's profile image the same way the typed client does ("" and missing both mean none), and
// receive them over the sandbox's webhook transport.
export { activeProfileImageId, hasProfileImage, type Person } from '../client/person.ts';
export {
  InvalidNotificationError,
  isPersonNotification,
  parseProfileNotification,
  type EventTrigger,
  type ProfileNotification,
  type ProfileNotificationProperties,
} from './message.ts';
export {
  createNotificationSubscriber,
  type DeliveryOutcome,
  type NotificationSubscriber,
  type SubscriberOptions,
} from './subscriber.ts';
export { createWebhookHandler, type WebhookOptions } from './webhook.ts';
