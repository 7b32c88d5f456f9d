// Run a tool of the drift gate (spectral, tsc, vitest, optic, git) as a child process and collect its output.
// Bounded by a timeout so a hung tool makes the step "could not run" instead of hanging CI.
// Tools are found where npm put them: the checked repository's own copy first (its node_modules, or a parent's
// when hoisted), else the kit's (they are its dependencies), and run with this Node directly, without a shim.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { MissingToolError, packageBin } from '../tools/package-bin.ts';
import { CouldNotRun } from './model.ts';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The package and bin name of each tool. */
const TOOLS = {
  tsc: ['typescript', 'tsc'],
  spectral: ['@stoplight/spectral-cli', 'spectral'],
  optic: ['@useoptic/optic', 'optic'],
  vitest: ['vitest', 'vitest'],
} as const;
export type Tool = keyof typeof TOOLS;

/** `[node, script]` for a tool, resolved from `root` first (its own version) and from the kit second. */
export function tool(root: string, name: Tool): [string, string] {
  const [pkg, binName] = TOOLS[name];
  try {
    return [process.execPath, packageBin(pkg, binName, join(root, 'package.json'))];
  } catch (err) {
    if (!(err instanceof MissingToolError)) throw err;
  }
  try {
    return [process.execPath, packageBin(pkg, binName)];
  } catch (err) {
    if (err instanceof MissingToolError) throw new CouldNotRun(err.message, `Install it next to the kit: \`npm install --save-dev ${pkg}\`.`);
    throw err;
  }
}

/** Run a tool by name (see `tool`) or a command on the PATH (git). */
export function exec(
  cmd: string | [string, string],
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ExecResult> {
  const [file, argv] = typeof cmd === 'string' ? [cmd, args] : [cmd[0], [cmd[1], ...args]];
  return new Promise((done, fail) => {
    const child = spawn(file, argv, {
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
