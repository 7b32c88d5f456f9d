// The `profile-contracts` bin as a consumer project runs it: through npx and directly from node_modules/.bin.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { answers, becomesFree, consumerDir, installedKit, runIn, startIn, stop } from './support/consumer.ts';

const COMMANDS = ['sandbox', 'mock', 'verify', 'check', 'generate', 'publish', 'can-i-deploy', 'record-deployment'];
// check and generate join the build when their modules move from scripts/ into src/ (the TEMPORARY mapping in
// src/cli/index.ts); until then their --help is exercised from the checkout by tests/check and tests/contract.
const built = (name: string) => inject('packedFiles').includes(`dist/${name}/main.js`);
const bin = () => join(consumerDir(), 'node_modules/.bin/profile-contracts');

describe('npx profile-contracts', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await runIn('npx', ['profile-contracts', '--help']);
    expect(r.code).toBe(0);
    for (const name of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('without a command prints the usage on stderr and exits 2; an unknown command names the known ones', async () => {
    const none = await runIn('npx', ['profile-contracts']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: profile-contracts <command>');
    const unknown = await runIn('npx', ['profile-contracts', 'serve']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "serve"; the commands are sandbox, mock, verify, check, generate, publish, can-i-deploy, record-deployment');
  });

  for (const name of COMMANDS) {
    it.skipIf(!built(name) && (name === 'check' || name === 'generate'))(`${name} --help prints its usage and exits 0`, async () => {
      const r = await runIn('npx', ['profile-contracts', name, '--help']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage: /);
    });
  }
});

describe('profile-contracts sandbox', () => {
  it('through npx: answers POST /token?grant_type=guest with a token; SIGTERM to npx stops it', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const sandbox = await startIn('npx', ['profile-contracts', 'sandbox'], `sandbox listening on ${url}`, { PORT: String(port) });
    try {
      const res = await fetch(`${url}/token?grant_type=guest`, { method: 'POST' });
      expect(res.status).toBe(200);
      expect((await res.json()) as { token: string }).toMatchObject({ token: expect.stringMatching(/.+/) });
    } finally {
      await stop(sandbox);
    }
    // npx hands the signal to its shell only; the sandbox notices the shell is gone and stops (no port left held).
    expect(await becomesFree(`${url}/_sandbox/health`)).toBe(true);
  });

  it('run directly from node_modules/.bin: SIGTERM by pid stops it with exit code 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const sandbox = await startIn(bin(), ['sandbox'], `sandbox listening on ${url}`, { PORT: String(port) });
    expect(await answers(`${url}/_sandbox/health`)).toBe(true);
    expect(await stop(sandbox)).toBe(0);
    expect(sandbox.output()).toContain('sandbox stopping (SIGTERM)');
    expect(await answers(`${url}/_sandbox/health`)).toBe(false);
  });
  it('with DATABASE_URL, the bundled bin loads the PostgreSQL store: an unreachable one exits 2, password hidden', async () => {
    // Port 1 on loopback refuses at once; what matters is that the store module is found next to the bundle.
    const r = await runIn(bin(), ['sandbox'], { env: { PORT: '0', DATABASE_URL: 'postgres://kit:secret@127.0.0.1:1/sandbox' } });
    expect(r.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('cannot connect to the database at DATABASE_URL postgres://kit:***@127.0.0.1:1/sandbox');
    expect(r.stderr).not.toContain('secret');
  });
});

describe('profile-contracts mock', () => {
  it('finds Prism where npm hoisted it, and prints a ready line also with LOG_LEVEL=warn', async () => {
    // The consumer's install put Prism at the top of its node_modules, not inside the kit's folder.
    expect(existsSync(join(consumerDir(), 'node_modules/@stoplight/prism-cli/package.json'))).toBe(true);
    expect(existsSync(join(installedKit(), 'node_modules/.bin/prism'))).toBe(false);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const mock = await startIn(bin(), ['mock'], `listening at ${url}`, { PORT: String(port), LOG_LEVEL: 'warn' });
    try {
      const res = await fetch(`${url}/me`, { headers: { Authorization: 'Bearer any-token' } });
      expect(res.status).toBe(200);
      expect(mock.output()).not.toContain('Prism is listening'); // Prism's own banner is an info line
    } finally {
      // Prism's exit code after SIGTERM, passed through (128 + 15 when it dies of the signal).
      expect([0, 143]).toContain(await stop(mock));
    }
    expect(await answers(url)).toBe(false);
  });
});
