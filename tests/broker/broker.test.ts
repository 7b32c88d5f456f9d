// verify and the consumer-side commands against a stand-in Pact Broker (tests/broker/standin.ts), with the
// real clients: verify's own HAL client fetches the pacts for verification, the real Pact Verifier publishes
// the results through each pact's links, and the real pact CLI (@pact-foundation/pact-cli) publishes pacts,
// asks can-i-deploy and records deployments. Every call they make is recorded and asserted on.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCanIDeploy, runPublish, runRecordDeployment } from '../../src/broker/main.ts';
import { verify } from '../../src/verify/index.ts';
import { run } from '../../src/verify/main.ts';
import { startSandbox, type Provider } from '../provider/support.ts';
import { freePort } from '../support/ports.ts';
import { startBroker, type StandinPact } from './standin.ts';

const PACTS = resolve(import.meta.dirname, '../../pacts');
const kitPact = (file: string): StandinPact => ({ json: JSON.parse(readFileSync(resolve(PACTS, file), 'utf8')) as StandinPact['json'] });
const HTTP_PACT = kitPact('ProfileImageClient-ProfileService.json');
const MESSAGE_PACT = kitPact('ProfileNotificationSubscriber-ProfileServiceNotifications.json');
const TOKEN = 'broker-token-7c1e';
const REPORTS = mkdtempSync(join(tmpdir(), 'verify-broker-'));

/** A pact of another team whose one interaction fails (a state verify does not know). */
const failing = (consumer: string, extra: Partial<StandinPact>): StandinPact => ({
  json: {
    consumer: { name: consumer },
    provider: { name: 'ProfileService' },
    interactions: [{ type: 'Synchronous/HTTP', description: `${consumer} needs a state nobody knows`, providerStates: [{ name: 'the user has a booking' }], request: { method: 'GET', path: '/me' }, response: { status: 401 } }],
    metadata: { pactSpecification: { version: '4.0' } },
  },
  ...extra,
});

/** Run a command, capturing what it writes; resolves to its exit code and output. */
async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const write = (chunk: unknown) => ((out += String(chunk)), true);
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(write);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(write);
  try {
    return { code: await fn(), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('verify with pacts from a Pact Broker', () => {
  let provider: Provider;
  beforeAll(async () => {
    provider = await startSandbox();
  });
  afterAll(() => provider?.close());

  it('takes both providers\' pacts, verifies them and publishes the results through the links the real Verifier follows', async () => {
    const broker = await startBroker({ token: TOKEN, pacts: [HTTP_PACT, MESSAGE_PACT] });
    try {
      const result = await verify({
        providerUrl: provider.url,
        notificationsPort: provider.notificationsPort,
        reportDir: false,
        broker: { url: broker.url, token: TOKEN },
        providerVersion: '1.4.2',
        providerBranch: 'main',
        publish: true,
      });
      expect(result.checks.filter((c) => c.status === 'failed')).toEqual([]);
      expect(result.exitCode).toBe(0);
      const pactChecks = result.checks.filter((c) => c.suite === 'pact');
      expect(pactChecks.length).toBe((HTTP_PACT.json.interactions as unknown[]).length + (MESSAGE_PACT.json.interactions as unknown[]).length);

      const calls = broker.calls.map((c) => `${c.method} ${c.path}`);
      // verify's client, once per provider: index, the resource, the query.
      for (const p of ['ProfileService', 'ProfileServiceNotifications']) {
        expect(calls).toContain(`GET /pacts/provider/${p}/for-verification`);
        expect(calls).toContain(`POST /pacts/provider/${p}/for-verification`);
      }
      const query = broker.calls.find((c) => c.method === 'POST' && c.path.endsWith('/for-verification'))!.body;
      expect(query).toEqual({
        consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }, { matchingBranch: true }],
        providerVersionBranch: 'main',
        includePendingStatus: false,
      });
      // The Verifier: the provider's branch version, then one result per pact.
      expect(calls).toContain('GET /pacticipants/ProfileService');
      expect(calls).toContain('PUT /pacticipants/ProfileService/branches/main/versions/1.4.2');
      expect(calls).toContain('PUT /pacticipants/ProfileServiceNotifications/branches/main/versions/1.4.2');
      expect(broker.verifications).toHaveLength(2);
      for (const v of broker.verifications) expect(v.body).toMatchObject({ success: true, providerApplicationVersion: '1.4.2' });
      expect(broker.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    } finally {
      await broker.close();
    }
  });

  it('without a notifications port asks only for the HTTP provider, and notes the skipped notification pacts', async () => {
    const broker = await startBroker({ pacts: [HTTP_PACT, MESSAGE_PACT] });
    try {
      const result = await verify({ providerUrl: provider.url, reportDir: false, broker: { url: broker.url } });
      expect(result.exitCode).toBe(0);
      expect(broker.calls.some((c) => c.path.includes('ProfileServiceNotifications'))).toBe(false);
      const note = result.checks.find((c) => c.name === 'the pacts of ProfileServiceNotifications from the broker')!;
      expect(note.status).toBe('skipped');
      expect(note.hint).toMatch(/--notifications-port/);
      expect(broker.verifications).toEqual([]);
    } finally {
      await broker.close();
    }
  });

  it('reports a failing pending pact without failing the run, and includes WIP pacts only when asked', async () => {
    const broker = await startBroker({ pacts: [HTTP_PACT, failing('PendingApp', { pending: true }), failing('WipApp', { pending: true, wip: true })] });
    try {
      const pending = await verify({ providerUrl: provider.url, reportDir: false, broker: { url: broker.url, enablePending: true } });
      const p = pending.checks.find((c) => c.name.startsWith('PendingApp'))!;
      expect(p).toMatchObject({ status: 'failed', pending: true });
      expect(pending.checks.some((c) => c.name.startsWith('WipApp'))).toBe(false);
      expect(pending.exitCode).toBe(0);

      const wip = await verify({ providerUrl: provider.url, reportDir: false, broker: { url: broker.url, enablePending: true, includeWipPactsSince: '2026-01-01' } });
      expect(wip.checks.find((c) => c.name.startsWith('WipApp'))).toMatchObject({ status: 'failed', pending: true });
      expect(wip.exitCode).toBe(0);
      const last = broker.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/for-verification')).at(-1)!;
      expect(last.body).toMatchObject({ includePendingStatus: true, includeWipPactsSince: '2026-01-01' });

      // Without pending status from the broker, the same failure fails the run.
      const strict = await verify({ providerUrl: provider.url, reportDir: false, broker: { url: broker.url } });
      expect(strict.exitCode).toBe(1);
    } finally {
      await broker.close();
    }
  });

  it('verifies the one pact a webhook names (--pact-url) and publishes its result, with custom selectors from the CLI', async () => {
    const broker = await startBroker({ token: TOKEN, pacts: [HTTP_PACT] });
    try {
      const pactUrl = `${broker.url}/pacts/provider/ProfileService/consumer/ProfileImageClient/pact-version/`;
      const listed = await fetch(`${broker.url}/pacts/provider/ProfileService/for-verification`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
      const href = ((await listed.json()) as { _embedded: { pacts: { _links: { self: { href: string } } }[] } })._embedded.pacts[0]!._links.self.href;
      expect(href.startsWith(pactUrl)).toBe(true);
      broker.calls.length = 0;
      const { code } = await capture(() =>
        run(['--provider-url', provider.url, '--pact-url', href, '--broker-token', TOKEN, '--publish', '--provider-version', '2.0.0', '--provider-branch', 'feat/x', '--report-dir', REPORTS]),
      );
      expect(code).toBe(0);
      expect(broker.verifications).toHaveLength(1);
      expect(broker.calls.map((c) => `${c.method} ${c.path}`)).toContain('PUT /pacticipants/ProfileService/branches/feat%2Fx/versions/2.0.0');

      broker.calls.length = 0;
      const { code: selected } = await capture(() =>
        run(['--provider-url', provider.url, '--broker-url', broker.url, '--broker-token', TOKEN, '--consumer-version-selectors', '[{"branch":"release"}]', '--report-dir', REPORTS]),
      );
      expect(selected).toBe(0);
      expect(broker.calls.find((c) => c.method === 'POST')!.body).toMatchObject({ consumerVersionSelectors: [{ branch: 'release' }] });
    } finally {
      await broker.close();
    }
  });

  it('gives one plain message and its exit code when the broker is unreachable (4), refuses the credentials (5) or has no pacts (6)', async () => {
    const broker = await startBroker({ token: TOKEN, pacts: [] });
    try {
      const port = await freePort();
      const cases: [string[], number, RegExp][] = [
        [['--broker-url', `http://127.0.0.1:${port}`], 4, /does not answer \(ECONNREFUSED\)/],
        [['--broker-url', broker.url, '--broker-token', 'wrong'], 5, /refused the credentials: GET .* answered 401.*a token \(--broker-token/],
        [['--broker-url', broker.url, '--broker-token', TOKEN], 6, /has no pacts for ProfileService matching the consumer version selectors/],
        [['--broker-url', broker.url, '--broker-token', TOKEN, '--consumer-version-selectors', '{"mainBranch":true}'], 2, /must be a JSON array/],
      ];
      for (const [args, exit, message] of cases) {
        const { code, out } = await capture(() => run(['--provider-url', provider.url, ...args]));
        expect(code, out).toBe(exit);
        expect(out).toMatch(message);
        expect(out).not.toMatch(/\n\s+at /);
      }
    } finally {
      await broker.close();
    }
  });

  it('reads PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN like the other Pact tools', async () => {
    const broker = await startBroker({ token: TOKEN, pacts: [HTTP_PACT] });
    vi.stubEnv('PACT_BROKER_BASE_URL', broker.url);
    vi.stubEnv('PACT_BROKER_TOKEN', TOKEN);
    try {
      const { code } = await capture(() => run(['--provider-url', provider.url, '--report-dir', REPORTS]));
      expect(code).toBe(0);
      expect(broker.calls.length).toBeGreaterThan(3);
      expect(broker.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
      await broker.close();
    }
  });
});

describe('publish, can-i-deploy and record-deployment through the pact CLI', () => {
  it('publishes the kit pacts with version and branch, answers can-i-deploy yes (0) and no (1), and records a deployment', async () => {
    const yes = await startBroker({ token: TOKEN });
    const no = await startBroker({ token: TOKEN, deployable: false });
    try {
      const auth = ['--broker-token', TOKEN];
      const published = await capture(() => runPublish(['--broker-url', yes.url, ...auth, '--consumer-app-version', '3.1.0', '--branch', 'main']));
      expect(published.code, published.out).toBe(0);
      expect(yes.published).toHaveLength(2);
      for (const body of yes.published) expect(body).toMatchObject({ pacticipantVersionNumber: '3.1.0', branch: 'main' });
      expect(yes.published.map((b) => b.pacticipantName).sort()).toEqual(['ProfileImageClient', 'ProfileNotificationSubscriber']);

      const can = await capture(() => runCanIDeploy(['--broker-url', yes.url, ...auth, '--pacticipant', 'ProfileService', '--version', '1.4.2', '--to-environment', 'production']));
      expect(can.code).toBe(0);
      const matrix = yes.calls.find((c) => c.path === '/matrix')!;
      expect(matrix.query).toMatchObject({ 'q[][pacticipant]': ['ProfileService'], 'q[][version]': ['1.4.2'], environment: ['production'] });
      const cannot = await capture(() => runCanIDeploy(['--broker-url', no.url, ...auth, '--pacticipant', 'ProfileService', '--version', '1.4.2', '--to-environment', 'production']));
      expect(cannot.code).toBe(1);

      const recorded = await capture(() => runRecordDeployment(['--broker-url', yes.url, ...auth, '--pacticipant', 'ProfileService', '--version', '1.4.2', '--environment', 'production']));
      expect(recorded.code).toBe(0);
      expect(yes.deployments).toEqual(['ProfileService 1.4.2 → production']);
      expect(yes.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    } finally {
      await yes.close();
      await no.close();
    }
  });

  it('answers refused credentials (5), an unreachable broker (4) and missing flags (2) before the pact CLI runs', async () => {
    const broker = await startBroker({ token: TOKEN });
    try {
      const refused = await capture(() => runPublish(['--broker-url', broker.url, '--broker-token', 'nope', '--consumer-app-version', '1']));
      expect(refused.code).toBe(5);
      expect(refused.out).toMatch(/refused the credentials/);
      expect(broker.published).toEqual([]);
      const port = await freePort();
      const down = await capture(() => runCanIDeploy(['--broker-url', `http://127.0.0.1:${port}`, '--pacticipant', 'ProfileService', '--version', '1', '--to-environment', 'production']));
      expect(down.code).toBe(4);
      expect((await capture(() => runRecordDeployment(['--broker-url', broker.url, '--pacticipant', 'ProfileService']))).code).toBe(2);
    } finally {
      await broker.close();
    }
  });
});
