// The mutation self-test (`npm run test:mutants`): verify is only worth something if it fails a provider that
// breaks the contract. The sandbox is started once per deliberate fault of faults.ts (each applied through
// createSandbox's `rules` or `plugins` seam) and verify must fail each one, while the healthy sandbox passes.
// The listing of mutants, what killed each, and the kill rate are printed and written to reports/mutants.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verify, type VerifyResult } from '../../src/verify/index.ts';
import { startSandbox } from '../provider/support.ts';
import { FAULTS, type Fault } from './faults.ts';

const REPORT = resolve(import.meta.dirname, '../../reports/mutants.md');

/** What happened to each mutant: the checks that failed (killers), or none (it survived). */
const outcomes = new Map<Fault, string[]>();

async function verifyWith(overrides: Fault['overrides']): Promise<VerifyResult> {
  const provider = await startSandbox(overrides);
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
    lines.push(`| ${fault.name} | ${fault.rule} | ${killers.length ? 'killed' : '**SURVIVED**'} | ${by.replace(/\|/g, '\\|')} |`);
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
    expect(FAULTS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(FAULTS.map((f) => f.name)).size).toBe(FAULTS.length);
    expect(new Set(FAULTS.map((f) => f.rule)).size).toBe(FAULTS.length);
  });

  it('passes the healthy sandbox (so every kill below is the fault, not noise)', async () => {
    const result = await verifyWith({});
    expect(result.checks.filter((c) => c.status === 'failed').map((c) => c.name)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  for (const fault of FAULTS) {
    it(`kills ${fault.name}: ${fault.rule}`, async () => {
      const result = await verifyWith(fault.overrides);
      const killers = result.checks.filter((c) => c.status === 'failed').map((c) => `[${c.suite}] ${c.name}`);
      outcomes.set(fault, killers);
      expect(result.ok, `verify passed a sandbox with the fault "${fault.name}" (${fault.rule})`).toBe(false);
      expect(result.exitCode).toBe(1);
      expect(killers.length).toBeGreaterThan(0);
    });
  }
});
