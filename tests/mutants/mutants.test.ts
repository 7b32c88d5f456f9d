// The mutation self-test (`npm run test:mutants`): verify is only worth something if it fails a provider that
// breaks the contract. The sandbox is started once per deliberate fault of src/sandbox/faults.ts (switched on
// only through the test-only `unsafeFaults` option) and verify must fail each one, while the healthy sandbox
// passes. The listing of mutants, what killed each, and the kill rate are printed and written to
// reports/mutants.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS, FAULT_NAMES, type FaultName } from '../../src/sandbox/faults.ts';
import { verify, type VerifyResult } from '../../src/verify/index.ts';
import { startSandbox } from '../provider/support.ts';

const REPORT = resolve(import.meta.dirname, '../../reports/mutants.md');

/** What happened to each mutant: the checks that failed (killers), or none (it survived). */
const outcomes = new Map<FaultName, string[]>();

async function verifyWith(faults: FaultName[]): Promise<VerifyResult> {
  const provider = await startSandbox(faults);
  try {
    // A shorter wait per delivery than the CLI's default: the sandbox delivers at once, a missing message
    // is still given 3 s.
    return await verify({ providerUrl: provider.url, notificationsPort: provider.notificationsPort, reportDir: false, messageTimeoutMs: 3000 });
  } finally {
    await provider.close();
  }
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
    lines.push(`| ${fault} | ${FAULTS[fault]} | ${killers.length ? 'killed' : '**SURVIVED**'} | ${by.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}

describe('mutation self-test: verify fails the sandbox with each deliberate fault', () => {
  afterAll(() => {
    const text = listing();
    process.stdout.write(`\n--mutants\n${text}\n`);
    mkdirSync(resolve(REPORT, '..'), { recursive: true });
    writeFileSync(REPORT, text);
  });

  it('has at least 12 distinct faults across the rules', () => {
    expect(new Set(FAULT_NAMES).size).toBeGreaterThanOrEqual(12);
    expect(new Set(Object.values(FAULTS)).size).toBe(FAULT_NAMES.length);
  });

  it('passes the healthy sandbox (so every kill below is the fault, not noise)', async () => {
    const result = await verifyWith([]);
    expect(result.checks.filter((c) => c.status === 'failed').map((c) => c.name)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  for (const fault of FAULT_NAMES) {
    it(`kills ${fault}: ${FAULTS[fault]}`, async () => {
      const result = await verifyWith([fault]);
      const killers = result.checks.filter((c) => c.status === 'failed').map((c) => `[${c.suite}] ${c.name}`);
      outcomes.set(fault, killers);
      expect(result.ok, `verify passed a sandbox with the fault "${fault}" (${FAULTS[fault]})`).toBe(false);
      expect(result.exitCode).toBe(1);
      expect(killers.length).toBeGreaterThan(0);
    });
  }
});
