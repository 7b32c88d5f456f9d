// Deliberate faults for the mutation self-test (`npm run test:mutants`).
// They are switched on only through the explicit, test-only `unsafeFaults` option of createSandbox
// (never by an environment variable of `npm start`), so a shipped sandbox cannot run with one by accident.
// Each fault breaks one rule of CONTRACT.md; `npm run verify` must fail against every one of them.

export const FAULTS = {
  'replace-deletes-old': 'a new ProfileImage deletes the previously active image instead of keeping it listed',
  'new-image-not-active': 'a new ProfileImage is stored but the old one stays active',
  'profile-image-kept-after-delete': 'Person.profileImage still names the image after DELETE /me/profileimage',
  'profile-image-null': 'Person.profileImage is sent as null when there is no active image',
  'promote-older-on-delete': 'deleting the active image promotes the previous profile image',
  'wrong-base64': 'GET /me/profileimage returns Base64 of other bytes (or base64url)',
  'no-auth-check': 'requests without a valid bearer token are served',
  'cross-user-media-visible': "another user's media identifier answers 200 instead of 404",
  'other-media-replaces-profile-image': 'uploading media of another type makes it the active profile image',
  'missing-notification': 'no Person Update notification when the profile image is replaced',
  'stale-notification': 'the notification body is the Person as it was before the change',
  'upload-status-200': 'a successful upload answers 200 instead of 201',
  'non-problem-errors': 'errors are sent as application/json {"error": ...} instead of problem+json',
  'delete-keeps-media': 'DELETE /me/profileimage clears the active image but leaves its media item listed',
  'download-wrong-bytes': 'GET /media/{identifier}/download returns the bytes without their first byte',
} as const;

export type FaultName = keyof typeof FAULTS;

export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

export function isFault(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}
