// Run a tool of the kit (spectral, tsc, vitest, optic, git) as a child process and collect its output.
// Bounded by a timeout so a hung tool makes the step "could not run" instead of hanging CI.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export function bin(root: string, name: string): string {
  return resolve(root, 'node_modules/.bin', name);
}

export function exec(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ExecResult> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, opts.timeoutMs ?? 300_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
}

/** The last `n` lines of a tool's output, for a finding's problem text. */
export function tail(text: string, n = 15): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-n).join('\n');
}
