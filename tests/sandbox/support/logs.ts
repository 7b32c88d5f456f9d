// The sandbox's request log as a user sees it: the JSON lines its logger (pino) writes to standard output.
import { vi } from 'vitest';

export interface LogLine {
  level: number;
  msg?: string;
  err?: { message?: string; type?: string };
  [key: string]: unknown;
}

/**
 * Collect the JSON log lines written to standard output from now until `stop()`. Start it before
 * createSandbox: pino chooses where it writes when the logger is made (a replaced `process.stdout.write` is
 * written to through `process.stdout`). Other output passes through unchanged.
 */
export function captureLogLines(): { lines: LogLine[]; stop: () => void } {
  const lines: LogLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const logged = text.split('\n').filter((l) => l.startsWith('{"level":'));
    if (logged.length === 0) return write(chunk, ...rest);
    for (const l of logged) lines.push(JSON.parse(l) as LogLine);
    return true;
  }) as typeof process.stdout.write);
  return { lines, stop: () => spy.mockRestore() };
}
