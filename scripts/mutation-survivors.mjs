// What is left after `npm run mutation:sandbox` (docs/mutation-testing.md): reads Stryker's JSON report and
// prints every mutant no test noticed (survived, or not covered by any test) as `file:line:column mutator:
// original → replacement`, then a table of each file's score. Stryker's own HTML report shows the same one
// mutant at a time; this is the list to work through, or to compare with the equivalent mutants in the docs.
//
//   node scripts/mutation-survivors.mjs [report.json] [--file multipart]   (default reports/mutation/sandbox.json)
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const fileFlag = args.indexOf('--file');
const only = fileFlag >= 0 ? args.splice(fileFlag, 2)[1] : undefined;
const reportPath = args[0] ?? 'reports/mutation/sandbox.json';
const report = JSON.parse(readFileSync(reportPath, 'utf8'));

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const oneLine = (text, max) => text.replace(/\s+/g, ' ').slice(0, max);

const rows = [];
for (const [file, { mutants, source }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const lines = source.split('\n');
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
  rows.push({ file, detected, valid: detected + undetected.length, survived: undetected.filter((m) => m.status === 'Survived').length, noCoverage: undetected.length - undetected.filter((m) => m.status === 'Survived').length });
  if (only && !file.includes(only)) continue;
  for (const m of undetected) {
    const { start, end } = m.location;
    const text = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)} …`;
    const status = m.status === 'NoCoverage' ? ' (no test covers it)' : '';
    console.log(`${file}:${start.line}:${start.column} ${m.mutatorName}${status}: ${oneLine(text, 100)} → ${oneLine(m.replacement ?? '', 70)}`);
  }
}

const pct = (detected, valid) => (valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)}%`);
console.log('\n| File | Mutants | Killed or timed out | Survived | Not covered | Score |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| \`${r.file}\` | ${r.valid} | ${r.detected} | ${r.survived} | ${r.noCoverage} | ${pct(r.detected, r.valid)} |`);
const total = rows.reduce((t, r) => ({ detected: t.detected + r.detected, valid: t.valid + r.valid }), { detected: 0, valid: 0 });
console.log(`| all | ${total.valid} | ${total.detected} | | | ${pct(total.detected, total.valid)} |`);
