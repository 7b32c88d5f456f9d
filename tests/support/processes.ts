// Start child processes (Prism, the CLI) for tests and stop exactly those, by their pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './ports.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SPEC = resolve(ROOT, 'openapi/profile-service.yaml');
const PRISM = resolve(ROOT, 'node_modules/.bin/prism');

export interface Running {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Poll `url` until any HTTP answer arrives (or give up after `timeoutMs`). */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answered at ${url} within ${timeoutMs} ms: ${String(last)}`);
}

export async function startProcess(cmd: string, args: string[], port: number, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  let out = '';
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${cmd} exited with ${code} before answering:\n${out}`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForHttp(url), exited]);
  return {
    url,
    port,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** `prism mock` of the spec, with request validation (Prism's default). */
export async function startPrismMock(extra: string[] = []): Promise<Running> {
  const port = await freePort();
  return startProcess(PRISM, ['mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'error', ...extra, SPEC], port);
}

/** `prism proxy --errors`: validates every request and response between a client and `upstream`. */
export async function startPrismProxy(upstream: string, extra: string[] = []): Promise<Running> {
  const port = await freePort();
  return startProcess(PRISM, ['proxy', '-h', '127.0.0.1', '-p', String(port), '--errors', '-v', 'error', ...extra, SPEC, upstream], port);
}
