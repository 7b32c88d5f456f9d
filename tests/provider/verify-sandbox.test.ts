// Provider verification against the sandbox: `verify` passes the real sandbox (so the committed pacts are
// satisfiable), writes well-formed reports, skips (never fails) message checks without a notifications port,
// does not fail a correct provider over the details the contract leaves free, and fails a broken one in
// plain words. The CLI's exit codes are checked through `run(argv)`.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify, type VerifyResult } from '../../src/verify/index.ts';
import { run } from '../../src/verify/main.ts';
import { MESSAGE_RULES } from '../../src/verify/messages.ts';
import { SEQUENCE_RULES } from '../../src/verify/sequences.ts';
import { fault, faultOptions } from '../mutants/faults.ts';
import { freePort } from '../support/ports.ts';
import { startSandbox, startVariantProvider, type Provider } from './support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PACT_DIR = resolve(ROOT, 'pacts');

/** What the committed pacts hold, read independently of verify's own loader. */
function committedInteractions(): { description: string; type: string }[] {
  return readdirSync(PACT_DIR)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => (JSON.parse(readFileSync(join(PACT_DIR, f), 'utf8')) as { interactions: { description: string; type: string }[] }).interactions);
}

const failedNames = (r: VerifyResult) => r.checks.filter((c) => c.status === 'failed').map((c) => `[${c.suite}] ${c.name}: ${c.failures.map((f) => f.message).join('; ')}`);

describe('verify against the healthy sandbox, with notifications', () => {
  let provider: Provider;
  let reportDir: string;
  let result: VerifyResult;

  beforeAll(async () => {
    provider = await startSandbox();
    reportDir = mkdtempSync(join(tmpdir(), 'verify-report-'));
    result = await verify({ providerUrl: provider.url, notificationsPort: provider.notificationsPort, reportDir });
  });
  afterAll(() => provider?.close());

  it('passes: every check passed, none failed or skipped, exit code 0', () => {
    expect(failedNames(result)).toEqual([]);
    expect(result.counts.skipped).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.exitCode).toBe(0);
  });

  it('replays every interaction of the committed pacts, HTTP and message', () => {
    const expected = committedInteractions();
    expect(expected.some((i) => i.type === 'Asynchronous/Messages')).toBe(true);
    const pact = result.checks.filter((c) => c.suite === 'pact');
    expect(pact).toHaveLength(expected.length);
    for (const i of expected) expect(pact.some((c) => c.name.endsWith(`: ${i.description}`) && c.status === 'passed')).toBe(true);
  });

  it('runs every sequence rule and message rule, and checks responses of every operation against the spec', () => {
    const names = (suite: string) => result.checks.filter((c) => c.suite === suite).map((c) => c.name);
    expect(names('sequence').sort()).toEqual(Object.values(SEQUENCE_RULES).sort());
    expect(names('messages').sort()).toEqual(Object.values(MESSAGE_RULES).sort());
    for (const op of ['POST /token → 200', 'GET /me → 200', 'GET /me → 401', 'POST /media → 201', 'GET /media → 200', 'GET /media/{identifier}/download → 200', 'DELETE /me/profileimage → 204', 'GET /me/profileimage → 404']) {
      expect(names('spec')).toContain(op);
    }
  });

  it('writes a well-formed JUnit report with one testcase per check', () => {
    const xml = readFileSync(join(reportDir, 'verify.junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as {
      testsuites: { '@_tests': string; '@_failures': string; testsuite: { '@_name': string; testcase: { '@_name': string; failure?: unknown }[] }[] };
    };
    expect(Number(doc.testsuites['@_tests'])).toBe(result.checks.length);
    expect(Number(doc.testsuites['@_failures'])).toBe(0);
    const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(result.checks.length);
    expect(cases.every((c) => c.failure === undefined)).toBe(true);
    expect(doc.testsuites.testsuite.map((s) => s['@_name'])).toEqual([
      'Pact interactions',
      'Responses against the OpenAPI spec',
      'Sequence rules',
      'Profile Notifications',
    ]);
  });

  it('writes a Markdown summary with the verdict and a row per suite', () => {
    const md = readFileSync(join(reportDir, 'verify.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('# Provider verification: ✅ passed');
    expect(md).toContain(`${result.counts.passed} passed, 0 failed, 0 skipped`);
    expect(md).toMatch(/\| Pact interactions \| \d+ \| 0 \| 0 \|/);
    expect(md).toMatch(new RegExp(`\\| Profile Notifications \\| ${Object.keys(MESSAGE_RULES).length} \\| 0 \\| 0 \\|`));
    expect(md).not.toContain('## Failures');
  });
});

describe('verify without a notifications port', () => {
  it('skips the message pacts and message rules with a hint, and still passes', async () => {
    const provider = await startSandbox();
    try {
      const result = await verify({ providerUrl: provider.url, reportDir: false });
      expect(failedNames(result)).toEqual([]);
      expect(result.exitCode).toBe(0);
      const skipped = result.checks.filter((c) => c.status === 'skipped');
      const messagePacts = committedInteractions().filter((i) => i.type === 'Asynchronous/Messages');
      expect(skipped).toHaveLength(messagePacts.length + Object.values(MESSAGE_RULES).length);
      for (const c of skipped) expect(c.hint).toMatch(/--notifications-port/);
      expect(result.checks.filter((c) => c.suite === 'messages').every((c) => c.status === 'skipped')).toBe(true);
    } finally {
      await provider.close();
    }
  });
});

describe('verify and the freedom the contract leaves', () => {
  it('passes a correct provider with extra fields, profileImage "", other identifiers, absolute Locations, other error texts, repeated deliveries and a base path', async () => {
    const provider = await startVariantProvider();
    try {
      // The variant really does differ: check its answers first, so this test cannot pass vacuously.
      const token = ((await (await fetch(`${provider.url}/token?grant_type=guest`, { method: 'POST' })).json()) as { token: string }).token;
      const me = (await (await fetch(`${provider.url}/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
      expect(me).toMatchObject({ profileImage: '', loyaltyTier: 'none' });
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], { type: 'image/png' }), 'p.png');
      const up = await fetch(`${provider.url}/media?AdditionalType=ProfileImage`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(up.status).toBe(201);
      expect(up.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/test\/profile\/media\/m-.+-v2$/);
      expect(new URL(provider.url).pathname).toBe('/test/profile');

      const result = await verify({ providerUrl: provider.url, notificationsPort: provider.notificationsPort, reportDir: false });
      expect(failedNames(result)).toEqual([]);
      expect(result.counts.skipped).toBe(0);
      expect(result.exitCode).toBe(0);
    } finally {
      await provider.close();
    }
  });
});

describe('verify against a broken provider', () => {
  it('fails, naming the rule, what was expected and what came back, in every report', async () => {
    const provider = await startSandbox(faultOptions(fault('wrong-base64')));
    const reportDir = mkdtempSync(join(tmpdir(), 'verify-report-'));
    try {
      const result = await verify({ providerUrl: provider.url, notificationsPort: provider.notificationsPort, reportDir });
      expect(result.ok).toBe(false);
      expect(result.exitCode).toBe(1);
      const rule = result.checks.find((c) => c.name === SEQUENCE_RULES.base64)!;
      expect(rule.status).toBe('failed');
      const failure = rule.failures.find((f) => f.message.startsWith('GET /me/profileimage must be the Base64'))!;
      expect(failure.expected).toBe('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==');
      expect(failure.actual).toMatch(/^200 \(text\/plain/);
      expect(failure.actual).not.toContain(failure.expected);

      const xml = readFileSync(join(reportDir, 'verify.junit.xml'), 'utf8');
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).toContain(`<testcase classname="verify.sequence" name="${SEQUENCE_RULES.base64.replace(/'/g, '&apos;')}"`);
      expect(xml).toMatch(/<failure message="GET \/me\/profileimage must be the Base64/);
      const md = readFileSync(join(reportDir, 'verify.md'), 'utf8');
      expect(md.split('\n')[0]).toBe('# Provider verification: ❌ failed');
      expect(md).toContain('## Failures');
      expect(md).toContain('expected: iVBORw0KGgo');
    } finally {
      await provider.close();
    }
  });
});

describe('npm run verify: exit codes', () => {
  it('exits 0 against the healthy sandbox and 1 against a broken one', async () => {
    const good = await startSandbox();
    const bad = await startSandbox(faultOptions(fault('upload-status-200')));
    const reportDir = mkdtempSync(join(tmpdir(), 'verify-report-'));
    try {
      expect(await run(['--provider-url', good.url, '--report-dir', reportDir])).toBe(0);
      expect(await run(['--provider-url', bad.url, '--report-dir', reportDir])).toBe(1);
      expect(readFileSync(join(reportDir, 'verify.md'), 'utf8')).toContain('POST /media → 200');
    } finally {
      await good.close();
      await bad.close();
    }
  });

  it('exits 1 with one plain failure when the URL answers but the API is not there (a missing path prefix)', async () => {
    const provider = await startSandbox();
    try {
      const result = await verify({ providerUrl: `${provider.url}/wrong/prefix`, reportDir: false });
      expect(result.exitCode).toBe(1);
      expect(result.checks).toHaveLength(1);
      expect(result.checks[0]!.failures[0]!.message).toMatch(/answered 404: the Profile Service API does not seem to be at this URL/);
      expect(result.checks[0]!.hint).toMatch(/path prefix/);
    } finally {
      await provider.close();
    }
  });

  it('exits 3 when nothing answers at the provider URL, and still writes the reports', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'verify-report-'));
    const port = await freePort();
    expect(await run(['--provider-url', `http://127.0.0.1:${port}`, '--report-dir', reportDir])).toBe(3);
    const xml = readFileSync(join(reportDir, 'verify.junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('does not answer');
  });

  it('exits 2 on usage errors: no --provider-url, an unknown flag, a bad port, an empty pact folder, a taken port', async () => {
    const provider = await startSandbox();
    const empty = mkdtempSync(join(tmpdir(), 'no-pacts-'));
    const notJson = mkdtempSync(join(tmpdir(), 'bad-pacts-'));
    writeFileSync(join(notJson, 'broken.json'), '{ not json');
    try {
      expect(await run([])).toBe(2);
      expect(await run(['--provider-url', provider.url, '--frobnicate'])).toBe(2);
      expect(await run(['--provider-url', provider.url, '--notifications-port', 'eighty'])).toBe(2);
      expect(await run(['--provider-url', provider.url, '--pact-dir', empty])).toBe(2);
      expect(await run(['--provider-url', provider.url, '--pact-dir', join(empty, 'missing')])).toBe(2);
      expect(await run(['--provider-url', provider.url, '--pact-dir', notJson])).toBe(2);
      // The sandbox's own port is taken by definition.
      expect(await run(['--provider-url', provider.url, '--notifications-port', new URL(provider.url).port])).toBe(2);
      expect(existsSync(join(empty, 'verify.md'))).toBe(false);
    } finally {
      await provider.close();
    }
  });
});
