// A shared sandbox as teams run it: several `npm start` processes (the CLI entry, spawned) on one PostgreSQL
// database, a webhook receiver in the test. Tokens work on every replica, concurrent uploads through both
// apply one after the other, each notification arrives once and in the order applied, a replica killed
// (SIGKILL) in the middle of a delivery loses nothing, and a restart keeps everything. Also what `npm start`
// does with a DATABASE_URL it cannot use, and with a database that goes away under it.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GIF_1X1, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { freePort } from '../support/ports.ts';
import { freshDatabaseUrl, startCluster, type Cluster } from '../support/postgres.ts';
import { ROOT, startProcess, type Running } from '../support/processes.ts';
import { Api, expectProblem, type Guest, type Notification } from '../sandbox/support/http.ts';
import { Receiver } from '../sandbox/support/receiver.ts';

const CLI = ['--import', 'tsx', 'src/cli/bin.ts', 'sandbox'];

const running: Running[] = [];
async function replica(env: Record<string, string>): Promise<Running & { api: Api }> {
  const port = await freePort();
  const r = await startProcess(process.execPath, CLI, port, { PORT: String(port), ...env });
  running.push(r);
  return Object.assign(r, { api: new Api(r.url) });
}

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
});

/** Each messageId arrived exactly once, and per profile in the order of the (shared) log. */
function expectOnceInOrder(accepted: Notification[], log: Notification[]): void {
  const ids = accepted.map((m) => m.properties.messageId);
  expect(new Set(ids).size, 'no message delivered twice').toBe(ids.length);
  expect([...ids].sort()).toEqual(log.map((m) => m.properties.messageId).sort());
  for (const profileId of new Set(log.map((m) => m.properties.profileId))) {
    const of = (ms: Notification[]) => ms.filter((m) => m.properties.profileId === profileId);
    expect(of(accepted), `messages of ${profileId} in the order applied`).toEqual(of(log));
  }
}

describe('two sandbox processes on one database', () => {
  let receiver: Receiver;
  let a: Running & { api: Api };
  let b: Running & { api: Api };
  let databaseUrl: string;
  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.listen();
    databaseUrl = await freshDatabaseUrl();
    const env = { DATABASE_URL: databaseUrl, NOTIFY_WEBHOOK_URL: receiver.url };
    [a, b] = await Promise.all([replica(env), replica(env)]);
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('share tokens: a guest made on one replica is the same user on the other', async () => {
    const user = await a.api.guest();
    expect(await b.api.me(user.token)).toEqual(await a.api.me(user.token));
    const up = await b.api.upload(user.token, { bytes: PNG_1X1, filename: 'a.png', query: 'ProfileImage' });
    expect(up.status, up.text).toBe(201);
    expect((await a.api.me(user.token)).profileImage).toBe(up.json.identifier);
    expect(await a.api.notifications(user.profileId)).toEqual(await b.api.notifications(user.profileId));
  });

  it('apply 50 concurrent uploads split across both one after the other, and deliver each notification once, in order', async () => {
    const user = await a.api.guest();
    const files = [PNG_1X1, GIF_1X1];
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? a : b).api.upload(user.token, { bytes: files[i % 2]!, filename: `u${i}.img`, query: 'ProfileImage' }),
      ),
    );
    for (const r of replies) expect(r.status, r.text).toBe(201);
    const ids = replies.map((r) => r.json.identifier as string);

    const [me, media, log] = await Promise.all([b.api.me(user.token), a.api.media(user.token), b.api.notifications(user.profileId)]);
    const listed = media.map((m) => m.identifier);
    expect(new Set(listed).size, 'every upload listed once').toBe(50);
    expect([...listed].sort()).toEqual([...ids].sort());
    const created = media.map((m) => Date.parse(m.dateCreated));
    expect(created, 'oldest first').toEqual([...created].sort((x, y) => x - y));
    expect(me.profileImage, 'one active image: the last applied').toBe(listed.at(-1));
    const last = replies.findIndex((r) => r.json.identifier === me.profileImage);
    expect((await a.api.call('GET', '/me/profileimage', { token: user.token })).text).toBe(toBase64(files[last % 2]!));

    const updates = log.slice(1);
    expect(updates.map((n) => n.body.profileImage), 'one notification per upload, in the order applied').toEqual(listed);
    expect(updates.at(-1)!.body).toEqual(me);

    const everything = await a.api.notifications();
    await receiver.waitForUnique(everything.length);
    expectOnceInOrder(receiver.accepted, everything);
  });

  it('keep the state across a restart of both', async () => {
    const user = await a.api.guest();
    const up = await a.api.upload(user.token, { bytes: GIF_1X1, filename: 'keep.gif', query: 'ProfileImage' });
    expect(up.status, up.text).toBe(201);
    const before = { me: await a.api.me(user.token), media: await a.api.media(user.token), log: await a.api.notifications() };
    await Promise.all([a.stop(), b.stop()]);
    const again = await replica({ DATABASE_URL: databaseUrl });
    expect(await again.api.me(user.token)).toEqual(before.me);
    expect(await again.api.media(user.token)).toEqual(before.media);
    expect(await again.api.notifications()).toEqual(before.log);
    const bytes = await again.api.call('GET', `/media/${up.json.identifier}/download`, { token: user.token });
    expect(Buffer.from(bytes.bytes)).toEqual(Buffer.from(GIF_1X1));
  });
});

/** A webhook that holds the first request it gets unanswered (its sender is killed meanwhile) and accepts the rest. */
class HoldingReceiver {
  readonly accepted: Notification[] = [];
  held: Notification | undefined;
  private server: Server | undefined;
  private arrived: (() => void) | undefined;
  readonly firstArrived = new Promise<void>((resolve) => (this.arrived = resolve));

  async listen(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Notification;
      if (!this.held) {
        this.held = message;
        this.arrived!();
        return;
      }
      this.accepted.push(message);
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hook`;
  }

  async waitFor(count: number, timeoutMs = 45_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (new Set(this.accepted.map((m) => m.properties.messageId)).size < count) {
      if (Date.now() > until) throw new Error(`only ${this.accepted.length} of ${count} messages arrived within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server ? this.server.close(() => resolve()) : resolve();
    });
  }
}

describe('a replica killed in the middle of a delivery', () => {
  const hook = new HoldingReceiver();
  afterAll(() => hook.close());

  it('loses nothing: another replica delivers the message it held, and everything after it, in order', async () => {
    const url = await hook.listen();
    const databaseUrl = await freshDatabaseUrl();
    // Only `doomed` delivers at first, so the held request is its own.
    const [doomed, survivor] = await Promise.all([
      replica({ DATABASE_URL: databaseUrl, NOTIFY_WEBHOOK_URL: url }),
      replica({ DATABASE_URL: databaseUrl }),
    ]);
    const user: Guest = await survivor.api.guest();
    await hook.firstArrived;
    expect(hook.held!.properties).toMatchObject({ eventTrigger: 'Create', profileId: user.profileId });
    doomed.child.kill('SIGKILL');
    await new Promise((resolve) => doomed.child.once('exit', resolve));

    for (const bytes of [PNG_1X1, GIF_1X1, PNG_1X1]) {
      const r = await survivor.api.upload(user.token, { bytes, filename: 'x.img', query: 'ProfileImage' });
      expect(r.status, r.text).toBe(201);
    }
    // A replica that delivers takes over once the dead one's lease has run out.
    await replica({ DATABASE_URL: databaseUrl, NOTIFY_WEBHOOK_URL: url });
    const log = await survivor.api.notifications();
    expect(log).toHaveLength(4);
    await hook.waitFor(log.length);
    expect(hook.accepted[0]!.properties.messageId, 'the held message is sent again, first').toBe(hook.held!.properties.messageId);
    expectOnceInOrder(hook.accepted, log);
  });
});

/** Run the CLI to its exit; its code and what it printed. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, CLI, { cwd: ROOT, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm start with a DATABASE_URL it cannot use', () => {
  it.each([
    ['malformed', 'postgres//nowhere', /DATABASE_URL .* is not a URL; give it as postgres:\/\/user:password@host:5432\/database/],
    ['not PostgreSQL', 'mysql://u:p@127.0.0.1:3306/db', /is not a PostgreSQL URL/],
    ['unreachable', 'postgres://u:hunter2@127.0.0.1:1/db', /cannot connect to the database at DATABASE_URL postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db: .*Check that PostgreSQL runs there/s],
  ])('%s: says what is wrong and exits 2', async (_what, databaseUrl, message) => {
    const { code, output } = await runToExit({ DATABASE_URL: databaseUrl });
    expect(output).toMatch(message);
    expect(output).not.toContain('hunter2');
    expect(code).toBe(2);
  });
});

describe('a database that goes away under a running sandbox', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
  });

  it('answers 503 problem+json while it is away, writes nothing half, and carries on when it is back', async () => {
    cluster = await startCluster();
    const sandbox = await replica({ DATABASE_URL: await freshDatabaseUrl(cluster.adminUrl) });
    const user = await sandbox.api.guest();
    const first = await sandbox.api.upload(user.token, { bytes: PNG_1X1, filename: 'a.png', query: 'ProfileImage' });
    expect(first.status).toBe(201);
    const before = { me: await sandbox.api.me(user.token), media: await sandbox.api.media(user.token) };

    await cluster.halt();
    const replies = [
      await sandbox.api.call('GET', '/me', { token: user.token }),
      await sandbox.api.upload(user.token, { bytes: GIF_1X1, filename: 'b.gif', query: 'ProfileImage' }),
      await sandbox.api.call('DELETE', '/me/profileimage', { token: user.token }),
      await sandbox.api.call('POST', '/token?grant_type=guest'),
    ];
    for (const r of replies) {
      expectProblem(r, 503);
      expect(r.json.type).toMatch(/store-unavailable$/);
      expect(r.headers.get('retry-after')).toBe('1');
    }

    await cluster.restart();
    expect(await sandbox.api.me(user.token)).toEqual(before.me);
    expect(await sandbox.api.media(user.token)).toEqual(before.media);
    const after = await sandbox.api.upload(user.token, { bytes: GIF_1X1, filename: 'c.gif', query: 'ProfileImage' });
    expect(after.status, after.text).toBe(201);
  });
});
