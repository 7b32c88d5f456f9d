// Pacts of other consumer teams: `--pact-dir` (repeatable) and `--pact-url` (a path or an http URL) bring in
// any consumer's pact; a state parameter of the catalogue is honoured; a provider state verify does not know,
// or a parameter a state does not take, fails its interaction with the catalogue in the message.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_STATES } from '../../src/fixtures/provider-states.ts';
import { verify, type VerifyResult } from '../../src/verify/index.ts';
import { STATE_CATALOGUE } from '../../src/verify/states.ts';
import { freePort } from '../support/ports.ts';
import { startSandbox, type Provider } from './support.ts';

const KIT_PACTS = resolve(import.meta.dirname, '../../pacts');

const get = (description: string, state: { name: string; params?: Record<string, unknown> }, status: number, body: Record<string, unknown>) => ({
  type: 'Synchronous/HTTP',
  description,
  providerStates: [state],
  request: {
    method: 'GET',
    path: '/media/placeholder',
    headers: { Authorization: ['Bearer consumer-token'] },
    generators: { path: { type: 'ProviderState', expression: '/media/${mediaId}' } },
  },
  response: { status, body: { content: body, contentType: 'application/json', encoded: false } },
});

/** A V4 pact a booking team might write against the catalogue of docs/provider.md. */
const BOOKING_PACT = {
  consumer: { name: 'BookingApp' },
  provider: { name: 'ProfileService' },
  interactions: [
    get('the booking app reads a scan', { name: HTTP_STATES.mediaItem, params: { additionalType: 'Scan' } }, 200, { additionalType: 'Scan', encodingFormat: 'image/jpeg' }),
    get('the booking app relies on an unknown state', { name: 'the user has a booking' }, 200, {}),
    get('the booking app passes a parameter the state does not take', { name: HTTP_STATES.mediaItem, params: { colour: 'blue' } }, 200, {}),
  ],
  metadata: { pactSpecification: { version: '4.0' } },
};

const pactChecks = (r: VerifyResult) => r.checks.filter((c) => c.suite === 'pact');
const check = (r: VerifyResult, description: string) => pactChecks(r).find((c) => c.name === `BookingApp → ProfileService: ${description}`)!;

describe("verify with other consumers' pacts", () => {
  let provider: Provider;
  let dir: string;
  let server: http.Server;
  let pactUrl: string;

  beforeAll(async () => {
    provider = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), 'booking-pacts-'));
    writeFileSync(join(dir, 'BookingApp-ProfileService.json'), JSON.stringify(BOOKING_PACT));
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(BOOKING_PACT)));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    pactUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pacts/provider/ProfileService/consumer/BookingApp/latest`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    await provider?.close();
  });

  it('takes two pact folders: the kit pacts still pass, the booking pact is judged on its own', async () => {
    const result = await verify({ providerUrl: provider.url, pactDir: [KIT_PACTS, dir], reportDir: false });
    const kit = pactChecks(result).filter((c) => c.name.startsWith('ProfileImageClient'));
    expect(kit.length).toBeGreaterThan(10);
    expect(kit.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(check(result, 'the booking app reads a scan').status).toBe('passed');

    const unknown = check(result, 'the booking app relies on an unknown state');
    expect(unknown.status).toBe('failed');
    const message = unknown.failures[0]!.message;
    expect(message).toContain('provider state "the user has a booking" is not one verify can set up');
    for (const s of STATE_CATALOGUE.filter((s) => s.kind === 'http')) expect(message).toContain(`"${s.name}"`);
    expect(message).toContain('(params: additionalType)');

    const badParam = check(result, 'the booking app passes a parameter the state does not take');
    expect(badParam.status).toBe('failed');
    expect(badParam.failures[0]!.message).toContain('takes only the params additionalType; "colour" is not one of them');
    expect(result.exitCode).toBe(1);
  });

  it('takes a pact by http URL alone (as a broker webhook hands it over), and by path', async () => {
    for (const source of [pactUrl, join(dir, 'BookingApp-ProfileService.json')]) {
      const result = await verify({ providerUrl: provider.url, pactUrls: [source], reportDir: false });
      expect(pactChecks(result).map((c) => c.name.split(':')[0])).toEqual(Array(3).fill('BookingApp → ProfileService'));
      expect(check(result, 'the booking app reads a scan').status).toBe('passed');
    }
  });

  it('fails a --pact-url that answers nothing with one message and exit code 4', async () => {
    const gone = pactUrl.replace(/:\d+\//, `:${await freePort()}/`);
    await expect(verify({ providerUrl: provider.url, pactUrls: [gone], reportDir: false })).rejects.toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(/does not answer \(ECONNREFUSED\)/),
    });
  });
});

describe('the provider-state catalogue in docs/provider.md', () => {
  it('lists every state verify knows, with every parameter and value it hands back', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/provider.md'), 'utf8');
    for (const s of STATE_CATALOGUE) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${s.name}\` |`));
      expect(row, s.name).toBeDefined();
      for (const name of [...Object.keys(s.params), ...Object.keys(s.values)]) expect(row).toContain(`\`${name}\``);
    }
  });
});
