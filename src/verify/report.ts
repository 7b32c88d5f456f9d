// Rendering a VerifyResult three ways from the same facts: plain text for the terminal, JUnit XML for CI
// test tabs (one testsuite per suite: pact, spec, sequence, messages), and a Markdown summary for humans
// (CI job summaries, pull-request comments).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, Failure, Suite, VerifyResult } from './types.ts';

export const SUITES: Record<Suite, string> = {
  pact: 'Pact interactions',
  spec: 'Responses against the OpenAPI spec',
  sequence: 'Sequence rules',
  messages: 'Profile Notifications',
};

const ORDER: Suite[] = ['pact', 'spec', 'sequence', 'messages'];

function failureLines(f: Failure, indent: string): string[] {
  const lines = [`${indent}${f.message}`];
  if (f.expected !== undefined) lines.push(`${indent}  expected: ${f.expected}`);
  if (f.actual !== undefined) lines.push(`${indent}  got:      ${f.actual}`);
  return lines;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const count = (list: CheckResult[], s: CheckResult['status']) => list.filter((c) => c.status === s).length;
const ofSuite = (r: VerifyResult, suite: Suite) => r.checks.filter((c) => c.suite === suite);

// SGR colours for a terminal; formatText uses them only when asked (stdout is a TTY).
const RED = (s: string) => `\u001b[31m${s}\u001b[39m`;
const GREEN = (s: string) => `\u001b[32m${s}\u001b[39m`;

/** The terminal view: failures in full, skips grouped by hint, one summary line; colour only when asked. */
export function formatText(r: VerifyResult, colour = false): string {
  const red = colour ? RED : (s: string) => s;
  const out: string[] = [];
  if (r.unreachable) {
    out.push(red(`✗ ${r.unreachable}`));
  }
  for (const c of r.checks.filter((c) => c.status === 'failed')) {
    out.push(red(`✗ [${c.suite}] ${c.name}${c.pending ? ' (pending: does not fail the run)' : ''}`));
    for (const f of c.failures) out.push(...failureLines(f, '    '));
    if (c.hint) out.push(`    hint: ${c.hint}`);
  }
  const skipped = r.checks.filter((c) => c.status === 'skipped');
  const byHint = new Map<string, string[]>();
  for (const c of skipped) byHint.set(c.hint ?? '', [...(byHint.get(c.hint ?? '') ?? []), `[${c.suite}] ${c.name}`]);
  for (const [hint, names] of byHint) {
    out.push(`- skipped ${names.length} check(s)${hint ? `: ${hint}` : ''}`);
    for (const n of names) out.push(`    ${n}`);
  }
  const { passed, failed, skipped: s } = r.counts;
  const verdict = r.unreachable ? red('PROVIDER UNREACHABLE') : r.ok ? (colour ? GREEN('PASSED') : 'PASSED') : red('FAILED');
  out.push(`verify ${verdict} against ${r.providerUrl}: ${passed} passed, ${failed} failed, ${s} skipped in ${seconds(r.durationMs)} s`);
  if (r.reportFiles.length) out.push(`reports: ${r.reportFiles.join(', ')}`);
  return `${out.join('\n')}\n`;
}

const xml = (s: string) =>
  s
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export function toJUnit(r: VerifyResult): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const checks = r.unreachable
    ? [{ suite: 'pact' as const, name: 'provider is reachable', status: 'failed' as const, failures: [{ message: r.unreachable }], durationMs: 0 }]
    : r.checks;
  lines.push(
    `<testsuites name="profile-contracts verify" tests="${checks.length}" failures="${count(checks, 'failed')}" skipped="${count(checks, 'skipped')}" time="${seconds(r.durationMs)}">`,
  );
  for (const suite of ORDER) {
    const list = checks.filter((c) => c.suite === suite);
    if (!list.length) continue;
    const time = list.reduce((t, c) => t + c.durationMs, 0);
    lines.push(
      `  <testsuite name="${xml(SUITES[suite])}" tests="${list.length}" failures="${count(list, 'failed')}" skipped="${count(list, 'skipped')}" errors="0" time="${seconds(time)}">`,
    );
    for (const c of list) {
      const open = `    <testcase classname="verify.${suite}" name="${xml(c.name)}" time="${seconds(c.durationMs)}"`;
      if (c.status === 'passed') {
        lines.push(`${open}/>`);
      } else if (c.status === 'skipped') {
        lines.push(`${open}>`, `      <skipped message="${xml(c.hint ?? 'skipped')}"/>`, '    </testcase>');
      } else {
        const body = [...c.failures.flatMap((f) => failureLines(f, '')), ...(c.hint ? [`hint: ${c.hint}`] : [])].join('\n');
        lines.push(`${open}>`, `      <failure message="${xml(c.failures[0]?.message ?? 'failed')}" type="ContractViolation">${xml(body)}</failure>`, '    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const fence = (s: string) => s.replace(/`/g, 'ˋ');

export function toMarkdown(r: VerifyResult): string {
  const icon = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;
  const verdict = r.unreachable ? '❌ provider unreachable' : r.ok ? '✅ passed' : '❌ failed';
  const out = [
    `# Provider verification: ${verdict}`,
    '',
    `Provider: \`${r.providerUrl}\` · ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped · ${seconds(r.durationMs)} s`,
    '',
  ];
  if (r.unreachable) out.push(`**${r.unreachable}**`, '');
  if (!r.checks.length) return `${out.join('\n').trimEnd()}\n`;
  out.push('| suite | passed | failed | skipped |', '| --- | ---: | ---: | ---: |');
  for (const suite of ORDER) {
    const list = ofSuite(r, suite);
    if (!list.length) continue;
    out.push(`| ${SUITES[suite]} | ${count(list, 'passed')} | ${count(list, 'failed')} | ${count(list, 'skipped')} |`);
  }
  const failed = r.checks.filter((c) => c.status === 'failed');
  if (failed.length) {
    out.push('', '## Failures', '');
    for (const c of failed) {
      out.push(`### ${icon.failed} ${SUITES[c.suite]}: ${md(c.name)}`, '', '```text', ...c.failures.flatMap((f) => failureLines(f, '')).map(fence), '```', '');
      if (c.hint) out.push(`Hint: ${md(c.hint)}`, '');
    }
  }
  const skipped = r.checks.filter((c) => c.status === 'skipped');
  if (skipped.length) {
    out.push('', '## Skipped', '');
    for (const c of skipped) out.push(`- ${SUITES[c.suite]}: ${md(c.name)}${c.hint ? ` — ${md(c.hint)}` : ''}`);
  }
  out.push('', '## All checks', '');
  for (const suite of ORDER) {
    const list = ofSuite(r, suite);
    if (!list.length) continue;
    out.push(`### ${SUITES[suite]}`, '', '| | check |', '| --- | --- |');
    for (const c of list) out.push(`| ${icon[c.status]} | ${md(c.name)} |`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Write `verify.junit.xml` and `verify.md` into `dir`; returns their paths. */
export function writeReports(r: VerifyResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const junit = join(dir, 'verify.junit.xml');
  const summary = join(dir, 'verify.md');
  writeFileSync(junit, toJUnit(r));
  writeFileSync(summary, toMarkdown(r));
  return [junit, summary];
}
