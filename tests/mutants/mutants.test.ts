// The mutation self-test (`npm run test:mutants`): verify is only worth something if it fails a provider that
// breaks the contract. The sandbox is started once per deliberate fault of faults.ts (each applied through
// createSandbox's `rules`, `plugins` or `store` seam) and verify must fail each one, while the healthy sandbox
// passes; a fault with `caughtOnlyBy` must be failed by exactly that check, which proves the check catches
// what no other does. The listing of mutants, what killed each, the kill rate and which sequence and message
// checks have such a fault of their own are printed and written to reports/mutants.md.
// The verify runs happen in a few child processes (verify-child.ts) whose stdout is dropped: the Pact Verifier's
// native report of every deliberate failure would otherwise fill the test output.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_RULES, SEQUENCE_RULES, type VerifyResult } from '../../src/verify/index.ts';
import { FAULTS, HEALTHY, type Fault } from './faults.ts';
// Only the type: importing the child's module would run it.
import type { ChildMessage } from './verify-child.ts';

const REPORT = resolve(import.meta.dirname, '../../reports/mutants.md');

/** What happened to each mutant: the checks that failed (killers), or none (it survived). */
const outcomes = new Map<Fault, string[]>();

/** Every sequence and message check of verify, as the listing names them. */
const CHECKS = [...Object.values(SEQUENCE_RULES).map((n) => `[sequence] ${n}`), ...Object.values(MESSAGE_RULES).map((n) => `[messages] ${n}`)];

const CHILD = resolve(import.meta.dirname, 'verify-child.ts');

function deferred() {
  let resolve!: (r: VerifyResult) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<VerifyResult>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/**
 * How many children share the verify runs (39 of them, 3 to 8 s each at load 15): one per core of the CI
 * machine, since a run keeps a core busy (the sandbox, the Pact Verifier and verify's checks in one process).
 */
const CHILDREN = 2;

/**
 * verify against the healthy sandbox and each faulty one, in CHILDREN quiet child processes started at once
 * (the names dealt out in turn); the map holds each run's result as it arrives.
 */
function verifyAll(names: string[]): { runs: Map<string, Promise<VerifyResult>>; stop: () => void } {
  const waiting = new Map(names.map((name) => [name, deferred()]));
  const children = Array.from({ length: CHILDREN }, (_, i) => names.filter((_, n) => n % CHILDREN === i))
    .filter((share) => share.length > 0)
    .map((share) => {
      const child = fork(CHILD, share, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('message', (message) => {
        const { name, result } = message as ChildMessage;
        waiting.get(name)?.resolve(result);
      });
      const failAll = (why: string) => {
        for (const name of share) waiting.get(name)!.reject(new Error(`no verify result for ${name}: ${why}\n${stderr}`));
      };
      child.on('error', (err) => failAll(err.message));
      child.on('exit', (code) => failAll(`the verify child exited with ${code}`));
      return child;
    });
  // Settled promises ignore the later reject; unawaited ones must not count as unhandled.
  for (const w of waiting.values()) w.promise.catch(() => undefined);
  const runs = new Map([...waiting].map(([name, w]) => [name, w.promise]));
  // A run cut short (a failed or interrupted test file) must not leave a child running.
  return { runs, stop: () => children.forEach((child) => child.exitCode === null && child.kill()) };
}

function listing(): string {
  const killed = [...outcomes.values()].filter((k) => k.length > 0).length;
  const rate = outcomes.size ? Math.round((100 * killed) / outcomes.size) : 0;
  const lines = [
    `# Mutation self-test: ${killed}/${outcomes.size} mutants killed (${rate}%)`,
    '',
    '| mutant | broken rule | result | killed by |',
    '| --- | --- | --- | --- |',
  ];
  for (const [fault, killers] of outcomes) {
    const by = killers.length ? `${killers.slice(0, 3).join('; ')}${killers.length > 3 ? `; +${killers.length - 3} more` : ''}` : '—';
    lines.push(`| ${fault.name} | ${fault.rule} | ${killers.length ? 'killed' : '**SURVIVED**'} | ${by.replace(/\|/g, '\\|')} |`);
  }
  // A check is proved on its own when a fault's only killer is that check.
  const proved = new Set([...outcomes.values()].filter((k) => k.length === 1).map((k) => k[0]!));
  const missing = CHECKS.filter((c) => !proved.has(c));
  lines.push('', `Sequence and message checks with a fault that only they catch: ${CHECKS.length - missing.length}/${CHECKS.length}.`);
  if (missing.length) lines.push('Not yet:', ...missing.map((c) => `- ${c}`));
  return `${lines.join('\n')}\n`;
}

describe('mutation self-test: verify fails the sandbox with each deliberate fault', () => {
  let runs: Map<string, Promise<VerifyResult>>;
  let stop = () => {};
  beforeAll(() => {
    ({ runs, stop } = verifyAll([HEALTHY, ...FAULTS.map((f) => f.name)]));
  });
  afterAll(() => {
    stop();
    const text = listing();
    process.stdout.write(`\n--mutants\n${text}\n`);
    mkdirSync(resolve(REPORT, '..'), { recursive: true });
    writeFileSync(REPORT, text);
  });

  it('has at least 12 distinct faults across the rules', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(FAULTS.map((f) => f.name)).size).toBe(FAULTS.length);
    expect(new Set(FAULTS.map((f) => f.rule)).size).toBe(FAULTS.length);
  });

  it('has for every sequence and message check a fault that only that check may catch', () => {
    const claimed = new Set(FAULTS.map((f) => f.caughtOnlyBy));
    expect(CHECKS.filter((c) => !claimed.has(c))).toEqual([]);
  });

  it('passes the healthy sandbox (so every kill below is the fault, not noise)', async () => {
    const result = await runs.get(HEALTHY)!;
    expect(result.checks.filter((c) => c.status === 'failed').map((c) => c.name)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  for (const fault of FAULTS) {
    it(`kills ${fault.name}: ${fault.rule}`, async () => {
      const result = await runs.get(fault.name)!;
      const killers = result.checks.filter((c) => c.status === 'failed').map((c) => `[${c.suite}] ${c.name}`);
      outcomes.set(fault, killers);
      expect(result.ok, `verify passed a sandbox with the fault "${fault.name}" (${fault.rule})`).toBe(false);
      expect(result.exitCode).toBe(1);
      expect(killers.length).toBeGreaterThan(0);
      if (fault.caughtOnlyBy) expect(killers, `only ${fault.caughtOnlyBy} may fail the fault "${fault.name}"`).toEqual([fault.caughtOnlyBy]);
    });
  }
});
