// The webhook inbox and the rules over all deliveries (src/verify/inbox.ts, messages.ts): repeats of one
// messageId count once (at-least-once delivery), a messageId reused for a different message fails, and a
// delivery that is not JSON or not a valid Profile Notification fails the schema rule.
import { afterEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../src/verify/inbox.ts';
import { MESSAGE_RULES, finishMessageRules } from '../../src/verify/messages.ts';
import { RuleSet } from '../../src/verify/rules.ts';
import { SpecChecker } from '../../src/verify/spec.ts';

const checker = new SpecChecker();
const person = { profileId: 'p-1', identificationLevel: 'Guest', createdDateTime: '2026-11-28T13:00:00Z', lastModified: '2026-11-28T13:00:00Z' };
const message = (messageId: string, eventTrigger: string, body: Record<string, unknown> = person) => ({
  properties: { messageId, entityName: 'Person', eventTrigger, profileId: 'p-1', identifier: 'p-1' },
  body,
});

let inbox: Inbox | undefined;
afterEach(() => inbox?.close());

async function deliver(payload: unknown): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${inbox!.port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return res.status;
}

function finish(): Map<string, { status: string; messages: string[] }> {
  const rules = new RuleSet('messages');
  finishMessageRules(inbox!, rules);
  return new Map(rules.results().map((r) => [r.name, { status: r.status, messages: r.failures.map((f) => f.message) }]));
}

describe('the webhook inbox', () => {
  it('acknowledges every delivery and counts repeats of a messageId once', async () => {
    inbox = await Inbox.listen(0, checker);
    expect(await deliver(message('m-1', 'Create'))).toBe(204);
    expect(await deliver(message('m-1', 'Create'))).toBe(204);
    expect(await deliver(message('m-2', 'Update', { ...person, profileImage: 'img' }))).toBe(204);
    expect(inbox.deliveries).toHaveLength(3);
    expect(inbox.messagesFor('p-1').map((d) => d.properties.messageId)).toEqual(['m-1', 'm-2']);
    expect(inbox.messagesFor('someone-else')).toEqual([]);
    const results = finish();
    expect(results.get(MESSAGE_RULES.unique)).toEqual({ status: 'passed', messages: [] });
    expect(results.get(MESSAGE_RULES.schema)).toEqual({ status: 'passed', messages: [] });
  });

  it('waits for the n-th distinct message of a profile, and gives up after the timeout', async () => {
    inbox = await Inbox.listen(0, checker);
    const waiting = inbox.waitForCount('p-1', 2, 5000);
    await deliver(message('m-1', 'Create'));
    await deliver(message('m-1', 'Create'));
    await deliver(message('m-2', 'Update'));
    expect((await waiting)?.map((d) => d.properties.messageId)).toEqual(['m-1', 'm-2']);
    expect(await inbox.waitForCount('p-1', 3, 50)).toBeUndefined();
  });

  it('fails the uniqueness rule when one messageId names two different messages', async () => {
    inbox = await Inbox.listen(0, checker);
    await deliver(message('m-1', 'Update', { ...person, profileImage: 'a' }));
    await deliver(message('m-1', 'Update', { ...person, profileImage: 'b' }));
    const unique = finish().get(MESSAGE_RULES.unique)!;
    expect(unique.status).toBe('failed');
    expect(unique.messages).toEqual(['messageId m-1 was used for two different messages']);
  });

  it('fails the schema rule for a delivery that is not JSON or not a Profile Notification', async () => {
    inbox = await Inbox.listen(0, checker);
    await deliver('not json');
    await deliver({ properties: { messageId: 'm-3', entityName: 'Person', eventTrigger: 'Update', profileId: 'p-1', identifier: 'p-1' }, body: { ...person, profileImage: null } });
    const schema = finish().get(MESSAGE_RULES.schema)!;
    expect(schema.status).toBe('failed');
    expect(schema.messages).toEqual(['a delivery was not JSON', 'a delivery violates the spec: message.body.profileImage must be string']);
  });
});
