// Consumer pact for Profile Notification messages (V4 asynchronous messages), through the notification
// consumer: contents = the Person (the message body), metadata = the message properties. Each message is
// handed to the subscriber exactly as a webhook delivery would be, `{properties, body}`.
import { describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import {
  activeProfileImageId,
  createNotificationSubscriber,
  hasProfileImage,
  type ProfileNotification,
} from '../../src/notifications/index.ts';
import { EXAMPLE, MESSAGE_STATES, messagePact } from './support.ts';

const { like, regex } = MatchersV3;

const MESSAGE_ID = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';

/** The message properties as the subscriber reads them; entityName and eventTrigger carry the meaning. */
function properties(eventTrigger: 'Create' | 'Update') {
  return {
    messageId: like(MESSAGE_ID),
    entityName: 'Person',
    eventTrigger,
    profileId: like(EXAMPLE.profileId),
    identifier: like(EXAMPLE.profileId),
  };
}

function person(extra: Record<string, unknown> = {}) {
  return {
    profileId: like(EXAMPLE.profileId),
    identificationLevel: like('Guest'),
    createdDateTime: like(EXAMPLE.dateTime),
    lastModified: like(EXAMPLE.dateTime),
    ...extra,
  };
}

/** Deliver a pact message to a fresh subscriber (twice, as at-least-once delivery may) and return what it handled. */
async function deliver(message: { contents: { content: unknown }; metadata: unknown }): Promise<ProfileNotification[]> {
  const handled: ProfileNotification[] = [];
  const subscriber = createNotificationSubscriber({ onNotification: (n) => void handled.push(n) });
  const delivery = { properties: message.metadata, body: message.contents.content };
  expect(await subscriber.receive(delivery)).toBe('handled');
  expect(await subscriber.receive(structuredClone(delivery))).toBe('duplicate');
  return handled;
}

describe('Profile Notifications (message pact with ProfileServiceNotifications)', () => {
  it('learns the new active image from a Person Update', async () => {
    await messagePact()
      .addAsynchronousInteraction()
      .given(MESSAGE_STATES.imageSet)
      .expectsToReceive('a Person Update naming the active profile image', (b) =>
        b
          .withJSONContent(person({ profileImage: regex('\\S+', EXAMPLE.activeImageId) }))
          .withMetadata(properties('Update')),
      )
      .executeTest(async (message) => {
        const [n] = await deliver(message);
        expect(n!.properties).toMatchObject({ entityName: 'Person', eventTrigger: 'Update', messageId: MESSAGE_ID });
        expect(hasProfileImage(n!.body)).toBe(true);
        expect(activeProfileImageId(n!.body)).toBe(EXAMPLE.activeImageId);
      });
  });

  it('learns that the image is gone from a Person Update without profileImage', async () => {
    await messagePact()
      .addAsynchronousInteraction()
      .given(MESSAGE_STATES.imageRemoved)
      .expectsToReceive('a Person Update without a profile image', (b) => b.withJSONContent(person()).withMetadata(properties('Update')))
      .executeTest(async (message) => {
        const [n] = await deliver(message);
        expect(n!.properties.eventTrigger).toBe('Update');
        expect(hasProfileImage(n!.body)).toBe(false);
        expect(activeProfileImageId(n!.body)).toBeUndefined();
      });
  });

  it('learns of a new guest from a Person Create', async () => {
    await messagePact()
      .addAsynchronousInteraction()
      .given(MESSAGE_STATES.guestCreated)
      .expectsToReceive('a Person Create of a guest', (b) =>
        b.withJSONContent(person({ identificationLevel: 'Guest' })).withMetadata(properties('Create')),
      )
      .executeTest(async (message) => {
        const [n] = await deliver(message);
        expect(n!.properties.eventTrigger).toBe('Create');
        expect(n!.body).toMatchObject({ profileId: EXAMPLE.profileId, identificationLevel: 'Guest' });
        expect(hasProfileImage(n!.body)).toBe(false);
      });
  });
});
