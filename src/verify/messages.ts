// Profile Notification checks against real webhook deliveries. Two parts:
// - the message pacts: for each message interaction, make the change its provider state names through the
//   public API, wait for the delivery it causes, and hand it to the Pact Verifier (contents = the Person body,
//   metadata = the properties) to compare with what the consumer recorded;
// - the message rules: a guest's life (create, other media, set, replace, remove) with the sequence checked:
//   one Create, no message for other media, exactly one Update per change whose body is GET /me right after,
//   unique messageIds, and every delivery valid against `webhooks.profileNotification`; concurrent uploads
//   notified in the order applied; and silence after every refused upload.
import { isDeepStrictEqual } from 'node:util';
import { GIF_1X1, JPEG_MINIMAL, PDF_MINIMAL, PNG_1X1 } from '../fixtures/images.ts';
import { MESSAGE_STATES } from '../fixtures/provider-states.ts';
import { StepError, describe, media, type Api, type Guest, type Person } from './api.ts';
import type { Delivery, Inbox } from './inbox.ts';
import { RuleSet } from './rules.ts';
import { rejectedUploads, sendRejected } from './sequences.ts';
import type { CheckResult, Failure } from './types.ts';

export const MESSAGE_RULES = {
  create: 'creating a guest emits one Person Create message',
  otherMedia: 'other media changes emit no Person message',
  oneUpdate: 'each profile-image change emits exactly one Person Update',
  body: 'each Update body is the Person as GET /me shows it right after the change',
  unique: 'messageIds are unique (repeated deliveries of one messageId are tolerated)',
  schema: "every delivery matches the spec's webhooks.profileNotification",
  order: 'Person Updates of one profile arrive in the order the changes were applied, also for concurrent uploads',
  rejected: 'a rejected upload emits no notification',
} as const;

export const NOTIFICATIONS_HINT =
  'start the provider with NOTIFY_WEBHOOK_URL=http://127.0.0.1:<port>/ and pass --notifications-port <port> to check Profile Notifications';

export interface MessageTiming {
  /** How long to wait for one delivery. */
  timeoutMs: number;
  /** How long nothing must arrive before "no (further) message" is believed. */
  quietMs: number;
}

const PNG = { bytes: PNG_1X1, filename: 'profile.png', contentType: 'image/png', additionalType: 'ProfileImage' } as const;
const GIF = { bytes: GIF_1X1, filename: 'replacement.gif', contentType: 'image/gif', additionalType: 'ProfileImage' } as const;

const notCreate = (d: Delivery) => d.properties.eventTrigger !== 'Create';
// The rules are about Person messages; messages about other entities are left to the schema rule.
const aboutPerson = (d: Delivery) => (d.properties.entityName ?? 'Person').toLowerCase() === 'person';

/** "No profile image" has two spellings; compare Persons with `""` read as missing. */
function normalise(p: Person): Person {
  if (p.profileImage !== '') return p;
  const { profileImage: _none, ...rest } = p;
  return rest as Person;
}

const summary = (d: Delivery) => `${d.properties.entityName ?? '?'} ${d.properties.eventTrigger ?? '?'} ${JSON.stringify(d.body)}`;

async function nthMessage(inbox: Inbox, g: Guest, n: number, after: string, t: MessageTiming, filter?: (d: Delivery) => boolean): Promise<Delivery> {
  const list = await inbox.waitForCount(g.profileId, n, t.timeoutMs, (d) => aboutPerson(d) && (!filter || filter(d)));
  if (!list) {
    const got = inbox.messagesFor(g.profileId);
    // With no delivery at all, the likelier cause is the wiring, not the provider's logic.
    const wiring = inbox.deliveries.length === 0 ? ` (no delivery at all has arrived: was the provider started with NOTIFY_WEBHOOK_URL=http://127.0.0.1:${inbox.port}/ ?)` : '';
    throw new StepError(
      `no Profile Notification arrived within ${t.timeoutMs} ms after ${after}${wiring}`,
      `${n} Person message(s) for profile ${g.profileId}${filter ? ' besides its Create' : ''}`,
      got.length ? got.map(summary).join('; ') : 'no message for this profile',
    );
  }
  return list[n - 1]!;
}

/** The Verifier's message providers: one per message interaction, keyed by description. */
export function messageProviders(
  interactions: { description: string; states: string[] }[],
  api: Api,
  inbox: Inbox,
  t: MessageTiming,
  errors: Map<string, Failure>,
): Record<string, () => Promise<unknown>> {
  const produce = async (state: string): Promise<Delivery> => {
    const g = await api.guest();
    switch (state) {
      case MESSAGE_STATES.guestCreated:
        return nthMessage(inbox, g, 1, 'POST /token?grant_type=guest', t);
      case MESSAGE_STATES.imageSet:
        await api.upload(g.token, PNG);
        return nthMessage(inbox, g, 1, 'uploading a ProfileImage', t, notCreate);
      case MESSAGE_STATES.imageRemoved: {
        await api.upload(g.token, PNG);
        await nthMessage(inbox, g, 1, 'uploading a ProfileImage', t, notCreate);
        const del = await api.deleteProfileImage(g.token);
        if (del.status !== 204) throw new StepError('DELETE /me/profileimage must answer 204', '204', describe(del));
        return nthMessage(inbox, g, 2, 'DELETE /me/profileimage', t, notCreate);
      }
      default:
        throw new StepError(
          `the message state "${state}" has no set-up in verify`,
          `one of: ${Object.values(MESSAGE_STATES).join('; ')}`,
          state,
        );
    }
  };
  const providers: Record<string, () => Promise<unknown>> = {};
  for (const i of interactions) {
    providers[i.description] = async () => {
      try {
        const state = i.states[0];
        if (state === undefined) {
          throw new StepError('a message interaction needs a provider state naming the change that produces it', Object.values(MESSAGE_STATES).join('; '), 'no provider state');
        }
        const d = await produce(state);
        // The delivery's own Content-Type stands for the message's content type (pact compares it too).
        return { __pactMessageMetadata: { contentType: d.contentType || 'application/json', ...d.properties }, message: d.body };
      } catch (err) {
        const e = err instanceof StepError ? err : new StepError(String((err as Error)?.message ?? err));
        errors.set(i.description, { message: `the message could not be produced from real deliveries: ${e.message}`, expected: e.expected, actual: e.actual });
        throw e;
      }
    };
  }
  return providers;
}

/**
 * The message sequence rules (needs the inbox); the rules over all deliveries come last, in finishMessageRules.
 * `maxUploadBytes` is the provider's upload limit, which one refused upload steps over.
 */
export async function runMessageRules(api: Api, inbox: Inbox, t: MessageTiming, rules: RuleSet, maxUploadBytes: number): Promise<void> {
  const M = MESSAGE_RULES;
  // Three guests, three scenarios side by side: a guest's life, concurrent uploads, refused uploads.
  const life = rules.scenario([M.create, M.otherMedia, M.oneUpdate, M.body], async (done) => {
    const g = await api.guest();
    const create = rules.rule(M.create);
    const first = await nthMessage(inbox, g, 1, 'creating a guest', t);
    create.check(
      first.properties.entityName === 'Person' && first.properties.eventTrigger === 'Create',
      'the first message of a new guest must be a Person Create',
      'entityName Person, eventTrigger Create',
      `entityName ${first.properties.entityName}, eventTrigger ${first.properties.eventTrigger}`,
    );
    create.check(
      first.properties.profileId === g.profileId && first.properties.identifier === g.profileId && first.body.profileId === g.profileId,
      'the Create message must name the new profile in profileId, identifier and body.profileId',
      g.profileId,
      { profileId: first.properties.profileId, identifier: first.properties.identifier, 'body.profileId': first.body.profileId },
    );
    done(M.create);

    const other = rules.rule(M.otherMedia);
    const pdf = await api.upload(g.token, { bytes: PDF_MINIMAL, filename: 'notes.pdf', contentType: 'application/pdf' });
    await api.upload(g.token, { bytes: JPEG_MINIMAL, filename: 'scan.jpg', contentType: 'image/jpeg', additionalType: 'Scan' });
    const del = await api.request('DELETE', media(pdf.media.identifier), g.token);
    other.check(del.status === 204, 'DELETE /media/{identifier} of a document must answer 204', 204, describe(del));
    await new Promise((r) => setTimeout(r, t.quietMs));
    const afterOther = inbox.messagesFor(g.profileId).filter(aboutPerson);
    other.check(
      afterOther.length === 1,
      'uploading untyped and Scan media and deleting a document must emit no Person message',
      'only the Create message',
      afterOther.map(summary),
    );
    done(M.otherMedia);

    const one = rules.rule(M.oneUpdate);
    const body = rules.rule(M.body);
    const changes: [string, () => Promise<unknown>][] = [
      ['setting the profile image', () => api.upload(g.token, PNG)],
      ['replacing the profile image', () => api.upload(g.token, GIF)],
      [
        'removing the profile image',
        async () => {
          const res = await api.deleteProfileImage(g.token);
          if (res.status !== 204) throw new StepError('DELETE /me/profileimage must answer 204', '204', describe(res));
        },
      ],
      [
        'setting a profile image and removing it through DELETE /media/{identifier}',
        async () => {
          const { media: item } = await api.upload(g.token, PNG);
          await nthMessage(inbox, g, base + 4, 'setting the profile image again', t, notCreate);
          const res = await api.request('DELETE', media(item.identifier), g.token);
          if (res.status !== 204) throw new StepError('DELETE /media/{identifier} of the active image must answer 204', '204', describe(res));
        },
      ],
    ];
    const base = afterOther.filter(notCreate).length;
    // The last change is two (set, then remove through /media): its set is awaited inside, its removal here.
    const expected = changes.length + 1;
    for (const [i, [what, change]] of changes.entries()) {
      await change();
      const me = await api.me(g.token);
      const m = await nthMessage(inbox, g, base + i + 1 + (i === changes.length - 1 ? 1 : 0), what, t, notCreate);
      one.check(
        m.properties.entityName === 'Person' && m.properties.eventTrigger === 'Update' && m.properties.profileId === g.profileId,
        `${what} must emit a Person Update for the profile`,
        `entityName Person, eventTrigger Update, profileId ${g.profileId}`,
        `entityName ${m.properties.entityName}, eventTrigger ${m.properties.eventTrigger}, profileId ${m.properties.profileId}`,
      );
      body.check(isDeepStrictEqual(normalise(m.body), normalise(me)), `after ${what}, the message body must equal GET /me`, me, m.body);
    }
    await new Promise((r) => setTimeout(r, t.quietMs));
    const all = inbox.messagesFor(g.profileId).filter((d) => aboutPerson(d) && notCreate(d));
    one.check(
      all.length === base + expected,
      `${expected} profile-image changes must emit exactly ${expected} Person messages besides the Create`,
      expected,
      `${all.length}: ${all.map(summary).join('; ')}`,
    );
    done(M.oneUpdate);
    done(M.body);
  });

  const order = rules.scenario([M.order], async (done) => {
    const rule = rules.rule(M.order);
    const g = await api.guest();
    const uploads = [PNG, GIF, { bytes: JPEG_MINIMAL, filename: 'third.jpg', contentType: 'image/jpeg', additionalType: 'ProfileImage' as const }];
    const made = (await Promise.all(uploads.map((u) => api.upload(g.token, u)))).map((u) => u.media.identifier);
    // GET /media lists oldest first: the order the uploads were applied in.
    const applied = (await api.listMedia(g.token)).map((m) => m.identifier);
    const updates = await nthMessage(inbox, g, uploads.length, 'three concurrent ProfileImage uploads', t, notCreate).then(() =>
      inbox.messagesFor(g.profileId).filter((d) => aboutPerson(d) && notCreate(d)),
    );
    const seen = updates.map((d) => d.body.profileImage ?? '');
    const sorted = (list: string[]) => JSON.stringify([...list].sort());
    rule.check(sorted(seen) === sorted(made), 'the concurrent uploads must emit one Person Update each, naming its image', made, seen);
    // Only the order is judged here: an upload missing from GET /media (a lost update) is the concurrency
    // rule's finding, and its place in the order applied cannot be known.
    const seenListed = seen.filter((id) => applied.includes(id));
    const appliedSeen = applied.filter((id) => seen.includes(id));
    rule.check(
      JSON.stringify(seenListed) === JSON.stringify(appliedSeen),
      'the Updates must name the new images in the order GET /media lists them (the order applied)',
      appliedSeen,
      seenListed,
    );
    done(M.order);
  });

  const rejected = rules.scenario([M.rejected], async (done) => {
    const rule = rules.rule(M.rejected);
    const g = await api.guest();
    await api.upload(g.token, PNG);
    await nthMessage(inbox, g, 1, 'uploading a ProfileImage', t, notCreate);
    const refused: string[] = [];
    let accepted = 0;
    for (const u of rejectedUploads(maxUploadBytes)) {
      const res = await sendRejected(api, g.token, u);
      // An upload the provider took after all may have notified rightly; the sequence rule fails its answer.
      if (res.status >= 200 && res.status < 300) accepted++;
      else refused.push(u.what);
    }
    await new Promise((r) => setTimeout(r, t.quietMs));
    // Everything after the set-up's Update, of any entity: a refused upload emits nothing at all.
    const after = inbox.messagesFor(g.profileId).filter(notCreate).slice(1);
    rule.check(
      after.length <= accepted,
      `${refused.length} refused upload(s) (${refused.join('; ')}) must emit no notification`,
      accepted ? `at most ${accepted} message(s), for the uploads that were accepted` : 'no message after the set-up Update',
      after.map(summary),
    );
    done(M.rejected);
  });
  await Promise.all([life, order, rejected]);
}

/** Rules over every delivery of the run: schema validity and messageId uniqueness. */
export function finishMessageRules(inbox: Inbox, rules: RuleSet): void {
  const M = MESSAGE_RULES;
  const schema = rules.rule(M.schema);
  for (const raw of inbox.unreadable) schema.fail('a delivery was not JSON', '{"properties": {...}, "body": {...}}', raw);
  const seenViolation = new Set<string>();
  for (const d of inbox.deliveries) {
    for (const v of d.violations) {
      if (seenViolation.has(v)) continue;
      seenViolation.add(v);
      schema.fail(`a delivery violates the spec: ${v}`, undefined, d.raw.slice(0, 400));
    }
    if (d.contentType && d.contentType !== 'application/json') {
      schema.fail('a delivery must be sent as application/json', 'application/json', d.contentType);
    }
  }
  const unique = rules.rule(M.unique);
  const byId = new Map<string, Delivery>();
  for (const d of inbox.deliveries) {
    const id = d.properties.messageId;
    if (!id) continue; // reported by the schema rule
    const earlier = byId.get(id);
    if (!earlier) byId.set(id, d);
    else if (!isDeepStrictEqual(earlier.properties, d.properties) || !isDeepStrictEqual(earlier.body, d.body)) {
      unique.fail(`messageId ${id} was used for two different messages`, summary(earlier), summary(d));
    }
  }
}

/** Every message rule as skipped, when no notifications port was given. */
export function skippedMessageRules(): CheckResult[] {
  const rules = new RuleSet('messages');
  for (const name of Object.values(MESSAGE_RULES)) rules.skip(name, NOTIFICATIONS_HINT);
  return rules.results();
}
