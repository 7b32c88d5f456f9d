// createSandbox's own options, seen from outside: a webhook URL that is not http(s) is refused at once, a
// delivery the notifier gives up on is reported on stderr (no request log) or through the request log (with
// `logger`, at `logLevel`).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { Api } from './support/http.ts';
import { Receiver } from './support/receiver.ts';
import { closeAfterEach } from './support/sandbox.ts';

const keep = closeAfterEach();
afterEach(() => {
  vi.restoreAllMocks();
});

async function start(options: SandboxOptions): Promise<{ sandbox: Sandbox; api: Api }> {
  const sandbox = keep(await createSandbox(options));
  return { sandbox, api: new Api(await sandbox.listen(0, '127.0.0.1')) };
}

/** A webhook that refuses every delivery, and a sandbox that gives a message up after one attempt there. */
async function refusingWebhook(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; api: Api; hook: Receiver }> {
  const hook = keep(new Receiver(() => 500));
  await hook.listen();
  const started = await start({ ...options, notifyWebhookUrl: hook.url, webhookRetry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  return { ...started, hook };
}

/** Upload a profile image (a Create and an Update notification) and wait until the notifier gave both up. */
async function dropTwoNotifications(sandbox: Sandbox, api: Api): Promise<void> {
  const { token } = await api.guest();
  expect((await api.upload(token, { bytes: PNG_1X1, filename: 'a.png', query: 'ProfileImage' })).status).toBe(201);
  await sandbox.deliveriesSettled();
}

const droppedLines = (calls: unknown[][]): string[] =>
  calls.map((c) => String(c[0])).filter((line) => line.includes('dropped after 1 attempts'));

describe('createSandbox: notifyWebhookUrl', () => {
  it.each([['ftp://127.0.0.1/hook'], ['not a url'], ['xhttp://127.0.0.1/hook'], ['127.0.0.1:8080/hook']])('refuses %s, naming it', async (url) => {
    await expect(createSandbox({ notifyWebhookUrl: url })).rejects.toThrow(
      new Error(`notifyWebhookUrl must be an http(s) URL, got ${JSON.stringify(url)}`),
    );
  });
});

describe('createSandbox: where the notifier reports a delivery it gave up', () => {
  it('on stderr, one line per message, when there is no request log', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { sandbox, api, hook } = await refusingWebhook();
    await dropTwoNotifications(sandbox, api);
    expect(hook.attempts).toHaveLength(2);
    const lines = droppedLines(stderr.mock.calls);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`to ${hook.url}: HTTP 500`);
    expect(lines[0]!.endsWith('\n')).toBe(true);
  });

  it('in the request log, at the given level, when `logger` is on', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { sandbox, api, hook } = await refusingWebhook({ logger: true, logLevel: 'silent' });
    expect(sandbox.app.log.level).toBe('silent');
    const logged = vi.spyOn(sandbox.app.log, 'warn');
    await dropTwoNotifications(sandbox, api);
    const lines = droppedLines(logged.mock.calls);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`to ${hook.url}: HTTP 500`);
    expect(droppedLines(stderr.mock.calls)).toEqual([]);
  });

  it('logs at info when `logger` is on without a level, and has no request log by default', async () => {
    const logging = keep(await createSandbox({ logger: true }));
    const quiet = keep(await createSandbox());
    expect(logging.app.log.level).toBe('info');
    // fastify without a logger has a no-op one, with no level.
    expect(quiet.app.log.level).toBeUndefined();
  });
});

