// verify behind a gateway that needs a subscription key: `--header` reaches the provider on every request
// (state set-up, pact replay, sequences, message set-up), its value never shows in output or reports, and
// without it verify stops at once with one plain message that names the fix.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/verify/main.ts';
import { KEY_HEADER, startGateway, type Gateway } from './gateway.ts';
import { startSandbox, type Provider } from './support.ts';

const KEY = 'key-5f1c0a9e77-do-not-print';

/** Run the CLI, returning its exit code and everything it wrote to stdout and stderr. */
async function cli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const capture = (chunk: unknown) => {
    out += String(chunk);
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { code: await run(argv), out };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('verify through a gateway that requires a subscription key', () => {
  let provider: Provider;
  let gateway: Gateway;

  beforeAll(async () => {
    provider = await startSandbox();
    gateway = await startGateway(provider.url, KEY);
  });
  afterAll(async () => {
    await gateway?.close();
    await provider?.close();
  });

  it('passes with --header, and every request it made carried the key', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'verify-gateway-'));
    gateway.seen.length = 0;
    const { code, out } = await cli([
      '--provider-url', gateway.url,
      '--header', `${KEY_HEADER}: ${KEY}`,
      '--notifications-port', String(provider.notificationsPort),
      '--report-dir', reportDir,
    ]);
    expect(out).toContain('verify PASSED');
    expect(code).toBe(0);
    expect(gateway.seen.length).toBeGreaterThan(50);
    expect(gateway.seen.filter((r) => !r.keyed)).toEqual([]);
    const calls = new Set(gateway.seen.map((r) => `${r.method} ${r.path.split('?')[0]!.replace(/\/media\/[^/]+/, '/media/{id}')}`));
    for (const call of ['POST /token', 'GET /me', 'POST /media', 'GET /media', 'GET /media/{id}/download', 'DELETE /me/profileimage', 'DELETE /media/{id}']) {
      expect(calls).toContain(call);
    }
    expect(out).not.toContain(KEY);
    for (const f of ['verify.junit.xml', 'verify.md']) expect(readFileSync(join(reportDir, f), 'utf8')).not.toContain(KEY);
  });

  it('without --header, stops after one request with one message: what answered, the body line, and the fix', async () => {
    gateway.seen.length = 0;
    const { code, out } = await cli(['--provider-url', gateway.url, '--report-dir', mkdtempSync(join(tmpdir(), 'verify-gateway-'))]);
    expect(code).toBe(1);
    expect(gateway.seen).toHaveLength(1);
    expect(out).toContain(`POST ${gateway.url}/token?grant_type=guest answered 401 (from gateway-stand-in)`);
    expect(out).toContain('Access denied due to missing subscription key');
    expect(out).toContain("--header 'Name: value'");
    expect(out).toContain('0 passed, 1 failed');
    expect(out).not.toMatch(/StepError|\n\s+at /);
    expect(out.split('\n').length).toBeLessThan(12);
  });

  it('with a wrong key, names the header it sent but never its value, even when the gateway echoes it', async () => {
    const wrong = 'wrong-key-3b9d-do-not-print';
    const reportDir = mkdtempSync(join(tmpdir(), 'verify-gateway-'));
    const { code, out } = await cli(['--provider-url', gateway.url, '--header', `${KEY_HEADER}: ${wrong}`, '--report-dir', reportDir]);
    expect(code).toBe(1);
    expect(out).toContain('invalid subscription key [redacted]');
    expect(out).toContain('(ocp-apim-subscription-key) were sent: check their values');
    expect(out).not.toContain(wrong);
    for (const f of ['verify.junit.xml', 'verify.md']) expect(readFileSync(join(reportDir, f), 'utf8')).not.toContain(wrong);
  });

  it('rejects a malformed or reserved --header as a usage error (exit 2)', async () => {
    expect((await cli(['--provider-url', gateway.url, '--header', 'no colon here'])).code).toBe(2);
    expect((await cli(['--provider-url', gateway.url, '--header', 'Bad Name: x'])).code).toBe(2);
    expect((await cli(['--provider-url', gateway.url, '--header', 'Authorization: Bearer x'])).code).toBe(2);
    const twice = await cli(['--provider-url', gateway.url, '--header', `${KEY_HEADER}: a`, '--header', `${KEY_HEADER.toLowerCase()}: b`]);
    expect(twice.code).toBe(2);
    expect(twice.out).toContain('given twice');
  });
});
