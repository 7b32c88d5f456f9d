// The `npm run mock` entry itself (src/mock/main.ts): how the environment becomes Prism's command line, that
// bad settings are refused with a fix, and that stopping the entry stops Prism (no orphan holding the port).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSpecValidator } from '../../src/spec/examples.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { prismArgs, settingsFrom } from '../../src/mock/main.ts';
import { freePort } from '../support/ports.ts';
import { ROOT, SPEC, startProcess } from '../support/processes.ts';

const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

describe('settings from the environment', () => {
  it('defaults to 127.0.0.1:4010, log level info, static examples, with request validation left on', () => {
    const s = settingsFrom({});
    expect(s).toEqual({ host: '127.0.0.1', port: 4010, logLevel: 'info', dynamic: false });
    expect(prismArgs(s, SPEC)).toEqual(['mock', '-h', '127.0.0.1', '-p', '4010', '-v', 'info', SPEC]);
    // Validation is Prism's default; a flag that turns it off or only reports (--errors is about responses) must not appear.
    expect(prismArgs(s, SPEC).join(' ')).not.toMatch(/--errors|--ignoreExamples/);
  });

  it('passes HOST, PORT, LOG_LEVEL and MOCK_DYNAMIC=1 on to Prism', () => {
    const s = settingsFrom({ HOST: '0.0.0.0', PORT: '5055', LOG_LEVEL: 'debug', MOCK_DYNAMIC: '1' });
    expect(prismArgs(s, SPEC)).toEqual(['mock', '-h', '0.0.0.0', '-p', '5055', '-v', 'debug', '--dynamic', SPEC]);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT="abc".*1 to 65535/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL="verbose".*trace, debug, info, warn, error, fatal, silent/],
    [{ MOCK_DYNAMIC: 'yes' }, /MOCK_DYNAMIC="yes".*MOCK_DYNAMIC=1/],
  ])('refuses %o with a message that says how to fix it', (env, message) => {
    expect(() => settingsFrom(env)).toThrow(message);
  });

  it('the real entry exits 2 with that message on a bad PORT, without starting Prism', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = execFile(TSX, ['src/cli/bin.ts', 'mock'], { cwd: ROOT, env: { ...process.env, PORT: 'abc' }, timeout: 30_000 }, (_err, _out, err) =>
        done({ code: child.exitCode, stderr: err }),
      );
    });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT="abc" is not a port number');
  });
});

describe('a running mock started through `tsx src/cli/bin.ts mock`', () => {
  it('serves dynamic bodies with MOCK_DYNAMIC=1, quiet with LOG_LEVEL=silent, and stops Prism on SIGINT', async () => {
    const port = await freePort();
    const mock = await startProcess(TSX, ['src/cli/bin.ts', 'mock'], port, { PORT: String(port), MOCK_DYNAMIC: '1', LOG_LEVEL: 'silent' });
    try {
      const res = await fetch(`${mock.url}/me`, { headers: { Authorization: 'Bearer any-token' } });
      expect(res.status).toBe(200);
      const person = (await res.json()) as { profileId: string };
      // Generated from the schema: valid, but not the spec's example Person.
      expect(createSpecValidator(await loadSpec()).validate('/components/schemas/Person', person)).toEqual([]);
      expect(person.profileId).not.toBe('3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c');
      expect(mock.output()).toContain(`at ${mock.url} (dynamic bodies)`);
      // -v silent reached Prism: its own "listening" banner is not printed.
      expect(mock.output()).not.toContain('Prism is listening');
    } finally {
      const exited = new Promise<number | null>((done) => mock.child.once('exit', (code) => done(code)));
      mock.child.kill('SIGINT');
      // 128 + SIGINT (2): Prism was stopped by the forwarded signal and the entry reported it.
      expect(await exited).toBe(130);
    }
    // Prism is gone with the entry: nothing listens on the port any more.
    await expect(fetch(mock.url, { signal: AbortSignal.timeout(5000) })).rejects.toThrow();
  });
});
