// The check report rendered for people: a block per step with its findings, a one-line summary, and GitHub
// Actions workflow commands so that each failure shows up as an annotation on the pull request.
import type { CheckReport } from './index.ts';
import type { Finding, StepResult } from './model.ts';

export function formatStep(r: StepResult): string {
  const mark = { pass: '✔', fail: '✖', error: '⚠', skipped: '-' }[r.status];
  const what = { pass: 'ok', fail: `${r.findings.filter((f) => !f.acceptedBecause).length} failure(s)`, error: 'could not run', skipped: 'skipped' }[r.status];
  const lines = [`${mark} ${r.step}: ${what} (${(r.ms / 1000).toFixed(1)} s)`];
  // Grouped by artefact: each file or place that is wrong once, with every problem found in it.
  const groups = new Map<string, Finding[]>();
  for (const f of r.findings) groups.set(f.artefact, [...(groups.get(f.artefact) ?? []), f]);
  for (const [artefact, list] of groups) {
    lines.push(`  ${list.every((f) => f.acceptedBecause) ? 'accepted' : '✖'} ${artefact}`);
    for (const f of list) {
      lines.push(`      ${f.acceptedBecause ? 'accepted' : 'rule:   '} ${f.rule}`);
      lines.push(`      problem: ${indent(f.problem)}`);
      if (f.acceptedBecause) lines.push(`      reason:  ${f.acceptedBecause}`);
      else lines.push(`      fix:     ${f.fix}`);
      if (f.id) lines.push(`      id:      ${f.id}`);
    }
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text.split('\n').join('\n               ');
}

export function summary(report: CheckReport, reportPath: string): string {
  const failed = report.steps.filter((s) => s.status === 'fail' || s.status === 'error').map((s) => `${s.step} (${s.status === 'error' ? 'could not run' : s.kind})`);
  const verdict = report.ok ? 'clean: spec, types and pacts agree, and nothing breaks a consumer' : `failed: ${failed.join(', ')}`;
  const compared = report.compared ? `\ncompared ${report.compared}` : '';
  return `\ncheck ${verdict}; base ${report.baseRef}; exit ${report.exitCode}; report ${reportPath}${compared}\n`;
}

export function annotations(results: StepResult[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return results
    .flatMap((r) =>
      r.findings
        .filter((f) => !f.acceptedBecause)
        .map((f) => `::error title=${esc(`check › ${r.step}: ${f.rule}`).replace(/[:,]/g, ' ')}::${esc(`${f.artefact}: ${f.problem}\nFix: ${f.fix}${f.id ? `\nid: ${f.id}` : ''}`)}\n`),
    )
    .join('');
}
