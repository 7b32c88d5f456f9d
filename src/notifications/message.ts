// Parse a Profile Notification message, `{ properties, body }`, as the sandbox's webhook delivers it (and as
// the real service's queue carries it: properties = message properties, body = the entity). Validation is by
// hand rather than against the spec file so that consumer teams can copy this module alone; the checks
// follow components.schemas.ProfileNotification, and each error names the field and what was expected.
import type { components } from '../generated/profile-service.ts';

export type ProfileNotificationProperties = components['schemas']['ProfileNotificationProperties'];
export type ProfileNotification = components['schemas']['ProfileNotification'];
export type EventTrigger = ProfileNotificationProperties['eventTrigger'];

type IdentificationLevel = components['schemas']['IdentificationLevel'];
// Records keyed by the generated unions, so adding or removing a value in the spec fails the build here.
const EVENT_TRIGGER_SET: Record<EventTrigger, true> = { Create: true, Update: true, Delete: true };
const IDENTIFICATION_LEVEL_SET: Record<IdentificationLevel, true> = { Guest: true, EmailNotVerified: true, EmailVerified: true };
const EVENT_TRIGGERS = Object.keys(EVENT_TRIGGER_SET) as EventTrigger[];
const IDENTIFICATION_LEVELS = Object.keys(IDENTIFICATION_LEVEL_SET) as IdentificationLevel[];
const PROPERTY_NAMES = ['messageId', 'entityName', 'eventTrigger', 'profileId', 'identifier'] as const;
const PERSON_REQUIRED = ['profileId', 'createdDateTime', 'lastModified'] as const;
const PERSON_OPTIONAL_STRINGS = ['givenName', 'familyName', 'displayName', 'email', 'preferredLanguage', 'profileImage'] as const;

export class InvalidNotificationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Not a valid Profile Notification: ${problems.join('; ')}`);
    this.name = 'InvalidNotificationError';
  }
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkProperties(p: unknown, problems: string[]): void {
  if (!isRecord(p)) {
    problems.push(`"properties" must be an object with ${PROPERTY_NAMES.join(', ')}, got ${describe(p)}`);
    return;
  }
  for (const name of PROPERTY_NAMES) {
    const v = p[name];
    if (typeof v !== 'string' || v === '') problems.push(`properties.${name} must be a non-empty string, got ${v === '' ? '""' : describe(v)}`);
  }
  if (typeof p.eventTrigger === 'string' && p.eventTrigger !== '' && !EVENT_TRIGGERS.includes(p.eventTrigger as EventTrigger)) {
    problems.push(`properties.eventTrigger must be one of ${EVENT_TRIGGERS.join(', ')}, got "${p.eventTrigger}"`);
  }
}

function checkPerson(b: unknown, problems: string[]): void {
  if (!isRecord(b)) {
    problems.push(`"body" must be the Person object, got ${describe(b)}`);
    return;
  }
  for (const name of PERSON_REQUIRED) {
    if (typeof b[name] !== 'string' || b[name] === '') problems.push(`body.${name} must be a non-empty string, got ${describe(b[name])}`);
  }
  if (!IDENTIFICATION_LEVELS.includes(b.identificationLevel as IdentificationLevel)) {
    problems.push(`body.identificationLevel must be one of ${IDENTIFICATION_LEVELS.join(', ')}, got ${JSON.stringify(b.identificationLevel) ?? 'nothing'}`);
  }
  for (const name of PERSON_OPTIONAL_STRINGS) {
    // null is not "missing": the contract allows a missing property or "" for "none", never null.
    if (name in b && typeof b[name] !== 'string') problems.push(`body.${name} must be a string when present, got ${describe(b[name])}`);
  }
}

/**
 * Parse and validate one message. Accepts the decoded object or its JSON text (a webhook body).
 * Throws InvalidNotificationError listing every problem found.
 */
export function parseProfileNotification(input: unknown): ProfileNotification {
  let message = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
    try {
      message = JSON.parse(text);
    } catch (err) {
      throw new InvalidNotificationError([`the message is not JSON (${(err as Error).message})`]);
    }
  }
  if (!isRecord(message)) {
    throw new InvalidNotificationError([`expected an object {"properties": {...}, "body": {...}}, got ${describe(message)}`]);
  }
  const problems: string[] = [];
  checkProperties(message.properties, problems);
  const properties = message.properties as Record<string, unknown> | undefined;
  if (isRecord(properties) && properties.entityName === 'Person') {
    checkPerson(message.body, problems);
    if (isRecord(message.body) && typeof message.body.profileId === 'string') {
      // For a Person the message's profileId and identifier both name the Person in the body.
      for (const name of ['profileId', 'identifier'] as const) {
        if (typeof properties[name] === 'string' && properties[name] !== '' && properties[name] !== message.body.profileId) {
          problems.push(`properties.${name} "${String(properties[name])}" must equal body.profileId "${message.body.profileId}"`);
        }
      }
    }
  } else if (!isRecord(message.body)) {
    problems.push(`"body" must be an object, got ${describe(message.body)}`);
  }
  if (problems.length > 0) throw new InvalidNotificationError(problems);
  return message as ProfileNotification;
}

/** True when the message is about a Person (the only entity whose body this kit types). */
export function isPersonNotification(n: ProfileNotification): boolean {
  return n.properties.entityName === 'Person';
}
