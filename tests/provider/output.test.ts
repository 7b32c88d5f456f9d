// What verify prints: by default one line stands for the Pact Verifier's own (long, red) output, --verbose
// shows it in full, colour only on a terminal, and verify() without a log prints nothing at all, which is
// what the mutation self-test relies on. Run as a real process, so that output written straight to the file
// descriptor (as the Verifier's native core does) would be seen too.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify, type VerifyResult } from '../../src/verify/index.ts';
import { formatText } from '../../src/verify/report.ts';
import { fault, faultOptions } from '../mutants/faults.ts';
import { startSandbox, type Provider } from './support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ESC = '\u001b[';

/** `verify` in a process of its own (stdout is a pipe, not a terminal); resolves to its exit code and output. */
async function verifyProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = "const { run } = await import('./src/verify/main.ts'); process.exitCode = await run(process.argv.slice(1));";
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('verify output', () => {
  let broken: Provider;
  beforeAll(async () => {
    broken = await startSandbox(faultOptions(fault('upload-status-200')));
  });
  afterAll(() => broken?.close());

  it("summarises the Pact Verifier's output in one line by default, without colour when stdout is not a terminal", async () => {
    const { code, stdout } = await verifyProcess(['--provider-url', broken.url, '--report-dir', mkdtempSync(join(tmpdir(), 'verify-output-'))]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Pact Verifier: replayed \d+ interaction\(s\), \d+ matched, [1-9]\d* did not \(its full output: --verbose\)/);
    expect(stdout).not.toContain('Verifying a pact between');
    expect(stdout).not.toContain('FAILED)');
    expect(stdout).not.toContain(ESC);
    expect(stdout).toContain('✗ [sequence] an upload answers 201');
  });

  it('shows the full native output with --verbose, still without colour off a terminal', async () => {
    const { code, stdout } = await verifyProcess(['--provider-url', broken.url, '--verbose', '--report-dir', mkdtempSync(join(tmpdir(), 'verify-output-'))]);
    expect(code).toBe(1);
    expect(stdout).toContain('Verifying a pact between ProfileImageClient and ProfileService');
    expect(stdout).toContain('(FAILED)');
    expect(stdout).not.toContain(ESC);
  });

  let quiet: VerifyResult | undefined;

  it('prints nothing at all from verify() without a log, even for a failing provider', async () => {
    const { code, stdout, stderr } = await verifyProcess(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--verbose');
    expect(stderr).toBe('');
    const writes: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
      writes.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      quiet = await verify({ providerUrl: broken.url, reportDir: false });
      expect(quiet.ok).toBe(false);
    } finally {
      process.stdout.write = original;
    }
    expect(writes).toEqual([]);
  });

  it('colours the terminal report only when asked', () => {
    expect(formatText(quiet!)).not.toContain(ESC);
    expect(formatText(quiet!, true)).toContain(`${ESC}31m✗ [sequence]`);
  });
});
