// Child processes of the benchmark: every server and command it starts runs in its own process group, is
// remembered here, and is stopped by its pid (the group it leads) — on success, on error, on Ctrl-C and on the
// overall time limit — so that a run never leaves anything behind. Nothing here matches processes by name.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = resolve(import.meta.dirname, '../..');
export const HOST = '127.0.0.1';

export interface Child {
  name: string;
  pid: number;
  child: ChildProcess;
  /** The last few KiB of its stdout and stderr, for error messages. */
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

const running = new Set<Child>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // A negative pid addresses the process group this child leads (spawned with detached: true), so that
    // grandchildren (npm → sh → tsx → node) go with it.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function startChild(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}: ${cmd} ${args.join(' ')}`);
  let out = '';
  const keep = (d: Buffer): void => {
    out = (out + d.toString()).slice(-8192);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const entry: Child = {
    name,
    pid: child.pid,
    child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid!, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      // The leader may exit before its group; make sure nothing of the group survives it.
      killGroup(child.pid!, 'SIGKILL');
      running.delete(entry);
    },
  };
  running.add(entry);
  exited.then(() => {
    if (child.exitCode !== null || child.signalCode !== null) killGroup(child.pid!, 'SIGKILL');
  });
  return entry;
}

/** Stop every child still running (used on errors, signals and the time limit). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
}

/** Synchronous last resort for process exit: no awaiting possible there. */
export function killAllNow(): void {
  for (const c of running) killGroup(c.pid, 'SIGKILL');
  running.clear();
}

export { freePort } from '../ports.ts';

/** One GET that resolves to the status of any HTTP answer, or rejects when nothing answers. */
function probe(port: number, path: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request({ host: HOST, port, path, method: 'GET', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('probe timed out')));
    req.on('error', fail);
    req.end();
  });
}

/**
 * Wait for the first HTTP answer (any status) on `port`; resolves to the milliseconds since `t0`
 * (a performance.now() taken just before spawning). Polls every 5 ms so the poll adds little to start-up.
 */
export async function firstAnswer(c: Child, port: number, path: string, t0: number, timeoutMs = 30_000): Promise<number> {
  const until = t0 + timeoutMs;
  for (;;) {
    if (c.child.exitCode !== null || c.child.signalCode !== null) {
      throw new Error(`${c.name} exited (${c.child.exitCode ?? c.child.signalCode}) before answering:\n${c.output()}`);
    }
    try {
      await probe(port, path);
      return performance.now() - t0;
    } catch {
      if (performance.now() > until) throw new Error(`${c.name} did not answer on port ${port} within ${timeoutMs} ms:\n${c.output()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

export interface MemoryStatus {
  /** Resident set size now, in bytes. */
  rss: number;
  /** Peak resident set size since the process started ("high water mark"), in bytes. */
  hwm: number;
}

/** VmRSS and VmHWM of a process from /proc (Linux only; undefined elsewhere or once it has gone). */
export function memoryOf(pid: number): MemoryStatus | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN) * 1024;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

let clockTicks: number | undefined;

/** CPU time (user + system) a process has used so far, in ms, from /proc/PID/stat; undefined off Linux. */
export function cpuMsOf(pid: number): number | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  // Fields after the command name (which is in parentheses and may contain spaces): utime is the 12th, stime the 13th.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1000;
}
