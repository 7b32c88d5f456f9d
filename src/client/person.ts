// "Does this Person have a profile image?" in one place. The contract lets the service send a missing
// `profileImage` or an empty string for "none", so every consumer (the client, the notification subscriber)
// must treat both alike; doing it here keeps them from drifting apart.
import type { components } from '../generated/profile-service.ts';

export type Person = components['schemas']['Person'];

/** The identifier of the active profile-image media, or undefined when there is none (missing or ""). */
export function activeProfileImageId(person: Pick<Person, 'profileImage'>): string | undefined {
  const id = person.profileImage;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** True exactly when the Person names an active profile image. */
export function hasProfileImage(person: Pick<Person, 'profileImage'>): boolean {
  return activeProfileImageId(person) !== undefined;
}
