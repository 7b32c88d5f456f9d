// Wall time of whole commands: `npm run verify -- --provider-url <sandbox>` and `npm test`. Each runs as a
// child process group with a time limit; its exit code is kept, because the time of a run that failed is
// not the time of the job it was meant to do.
import { performance } from 'node:perf_hooks';
import { startChild } from './procs.ts';
import { summarize, type Summary } from './stats.ts';

export interface CommandRun {
  ms: number;
  exitCode: number | null;
  timedOut: boolean;
  tail: string;
}

export async function timeCommand(name: string, cmd: string, args: string[], limitMs: number, env: Record<string, string> = {}): Promise<CommandRun> {
  const t0 = performance.now();
  const child = startChild(name, cmd, args, env);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void child.stop();
  }, limitMs);
  const exitCode = await child.exited;
  const ms = performance.now() - t0;
  clearTimeout(timer);
  await child.stop();
  return { ms, exitCode, timedOut, tail: child.output().slice(-2000) };
}

export interface CommandSummary {
  command: string;
  ms: Summary;
  runs: CommandRun[];
  /** every run exited 0 */
  ok: boolean;
}

export async function timeRepeated(
  name: string,
  command: string,
  cmd: string,
  args: string[],
  runs: number,
  limitMs: number,
  log: (line: string) => void,
): Promise<CommandSummary> {
  const all: CommandRun[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await timeCommand(name, cmd, args, limitMs);
    all.push(r);
    log(`  ${command} ${i + 1}/${runs}: ${(r.ms / 1000).toFixed(2)} s, exit ${r.timedOut ? 'timed out' : r.exitCode}`);
  }
  return { command, ms: summarize(all.map((r) => r.ms)), runs: all, ok: all.every((r) => r.exitCode === 0 && !r.timedOut) };
}
