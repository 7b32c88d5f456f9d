// The report as people read it: findings grouped by artefact (each place once, every problem in it listed under
// it), skipped steps marked as such, and a summary that says what was compared with what.
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/index.ts';
import type { StepResult } from '../../src/check/model.ts';
import { formatStep, summary } from '../../src/check/report.ts';

const finding = (artefact: string, rule: string) => ({ artefact, rule, problem: `${rule} broke`, fix: 'fix it' });

describe('the text report', () => {
  it('lists each artefact once, with every problem found in it', () => {
    const step: StepResult = {
      step: 'breaking',
      title: 'no breaking change against the base',
      kind: 'breaking',
      status: 'fail',
      findings: [finding('spec.yaml GET /a', 'rule one'), finding('pacts/x.json › "i"', 'rule two'), finding('spec.yaml GET /a', 'rule three')],
      notes: [],
      ms: 1200,
    };
    const text = formatStep(step);
    expect(text.match(/spec\.yaml GET \/a/g)).toHaveLength(1);
    expect(text).toMatch(/✖ spec\.yaml GET \/a\n {6}rule: {4}rule one\n.*\n.*\n {6}rule: {4}rule three/);
    expect(text).toMatch(/✖ breaking: 3 failure\(s\) \(1\.2 s\)/);
  });

  it('marks a skipped step and does not count it as a failure; the summary says what was compared', () => {
    const skipped: StepResult = { step: 'types', title: 't', kind: 'drift', status: 'skipped', findings: [], notes: ['skipped: no types.'], ms: 0 };
    expect(formatStep(skipped)).toBe('- types: skipped (0.0 s)\n  note: skipped: no types.\n');
    const report: CheckReport = { ok: true, exitCode: 0, baseRef: 'HEAD', compared: 'spec.yaml in the working tree against HEAD (--base)', steps: [skipped] };
    expect(summary(report, 'reports/check.json')).toBe(
      '\ncheck clean: spec, types and pacts agree, and nothing breaks a consumer; base HEAD; exit 0; report reports/check.json\ncompared spec.yaml in the working tree against HEAD (--base)\n',
    );
  });
});
