// Child processes of `npm run bench`. Each runs in its own process group and is remembered here, so that it is
// stopped by its pid (the group it leads: npm → sh → node go together) when done, on error, on Ctrl-C and at
// the time limit. Nothing is matched by name. CPU time and memory of a child come from pidusage (/proc on Linux).
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pidusage from 'pidusage';

export const ROOT = resolve(import.meta.dirname, '../..');
export const HOST = '127.0.0.1';
export { freePort } from '../ports.ts';

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** the last 8 KiB of its stdout and stderr, for error messages */
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

const running = new Set<Child>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** `command` is split on spaces; a leading `node` is this Node, so every figure is measured on one runtime. */
export function startChild(name: string, command: string, env: NodeJS.ProcessEnv = {}): Child {
  const [cmd, ...args] = command.split(' ').filter(Boolean);
  const child = spawn(cmd === 'node' ? process.execPath : cmd!, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}: ${command}`);
  let out = '';
  const keep = (d: Buffer): void => void (out = (out + d.toString()).slice(-8192));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const entry: Child = {
    name,
    pid: child.pid,
    process: child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid!, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      // The leader may exit before the rest of its group.
      killGroup(child.pid!, 'SIGKILL');
      running.delete(entry);
    },
  };
  running.add(entry);
  return entry;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
  pidusage.clear();
}

/** Synchronous last resort on process exit. */
export function killAllNow(): void {
  for (const c of running) killGroup(c.pid, 'SIGKILL');
}

/** Run a command to its end; a run past `limitMs` is stopped and reported as timed out. */
export async function timeCommand(name: string, command: string, limitMs: number, env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; ok: boolean; output: string }> {
  const t0 = performance.now();
  const child = startChild(name, command, env);
  const timer = setTimeout(() => void child.stop(), limitMs);
  const code = await child.exited;
  const ms = performance.now() - t0;
  clearTimeout(timer);
  await child.stop();
  return { ms, ok: code === 0, output: child.output() };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `request` every 5 ms until it resolves to true; resolves to the ms since `t0` (performance.now() taken
 * just before the spawn). Fails when the child exits first or nothing answers in time.
 */
export async function firstAnswer(c: Child, t0: number, request: () => Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  for (;;) {
    if (c.process.exitCode !== null || c.process.signalCode !== null) {
      throw new Error(`${c.name} exited (${c.process.exitCode ?? c.process.signalCode}) before answering:\n${c.output()}`);
    }
    if (await request().catch(() => false)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`${c.name} did not answer within ${timeoutMs} ms:\n${c.output()}`);
    await sleep(5);
  }
}

/** CPU time (user + system, ms) a child has used so far, and its resident memory (bytes). */
export async function usageOf(c: Child): Promise<{ cpuMs: number; rss: number }> {
  const u = await pidusage(c.pid);
  return { cpuMs: u.ctime, rss: u.memory };
}
