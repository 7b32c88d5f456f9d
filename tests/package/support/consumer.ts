// What the package tests do in the consumer project that tests/package/support/setup.ts installed: run a
// command there as its developer would (the shell's environment, not this test run's npm one), start a
// long-running one and wait for its ready line, list a folder to prove nothing was written into it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { constants } from 'node:os';
import { join, relative } from 'node:path';
import { inject } from 'vitest';
import { consumerEnv } from './env.ts';

export const consumerDir = (): string => inject('consumerDir');
/** The installed kit, inside the consumer's node_modules. */
export const installedKit = (): string => join(consumerDir(), 'node_modules/profile-contracts');

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to its end in the consumer project (or `cwd`), with a deadline so a hang fails the test. */
export function runIn(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd: options.cwd ?? consumerDir(), env: consumerEnv(options.env), timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or 128 + signal, as a shell reports it) once the process has ended. */
  exited: Promise<number>;
}

/** Start a long-running command and resolve once its output contains `ready` (reject if it ends first). */
export async function startIn(cmd: string, args: string[], ready: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Started> {
  const child = spawn(cmd, args, { cwd: consumerDir(), env: consumerEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0))),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} printed no "${ready}" within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(' ')} exited (${code}) before printing "${ready}":\n${out}`));
    });
  });
  return { child, output: () => out, exited };
}

/** SIGTERM by pid (unless already gone) and the exit code. */
export async function stop(started: Started): Promise<number> {
  if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
  return started.exited;
}

/** Every file under `dir` with its size and modification time, sorted: equal listings mean nothing was written. */
export async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const lines = await Promise.all(
    entries.map(async (e) => {
      const path = join(e.parentPath, e.name);
      const s = await stat(path);
      return `${relative(dir, path)} ${e.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`;
    }),
  );
  return lines.sort();
}

/** Whether something accepts HTTP at the URL right now. */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** Poll until nothing answers at `url` (true), or give up after `withinMs` (false). */
export async function becomesFree(url: string, withinMs = 10_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!(await answers(url))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Run a shell script in the consumer project with `sh -e` (or `bash -e`), as CI would. It gets its own process group, so that
 * when it overruns its deadline, everything it started (and only that) is stopped with it.
 */
export function runShell(script: string, env: NodeJS.ProcessEnv = {}, shell = 'sh', timeoutMs = 90_000): Promise<Outcome & { group: number }> {
  return new Promise((resolve) => {
    const child = spawn(shell, ['-ec', script], { cwd: consumerDir(), env: consumerEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n(the script overran ${timeoutMs} ms and was stopped)`;
      process.kill(-child.pid!, 'SIGKILL');
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, group: child.pid! });
    });
  });
}

/** SIGKILL whatever is left of a script's process group (a server a failing test left behind). */
export function killGroup(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // ESRCH: the group is empty, which is the expected case
  }
}
