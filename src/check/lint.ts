// Step 1: the spec lints clean (Spectral with the house ruleset, zero errors and warnings) and every example in
// it validates against its schema (src/spec/examples.ts). The ruleset is the repository's .spectral.yaml, else
// the kit's own.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateExamples } from '../spec/examples.ts';
import { rel, type CheckContext } from './context.ts';
import { exec, tail, tool } from './exec.ts';
import { CouldNotRun, type Finding } from './model.ts';

interface SpectralResult {
  code: string;
  message: string;
  path: (string | number)[];
  severity: number;
  range?: { start: { line: number } };
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const RULESET = '.spectral.yaml';

export async function lintStep(ctx: CheckContext): Promise<Finding[]> {
  const spec = rel(ctx, ctx.specPath);
  const ruleset = [resolve(ctx.root, RULESET), resolve(import.meta.dirname, '../..', RULESET)].find((p) => existsSync(p));
  if (!ruleset) {
    throw new CouldNotRun(`${RULESET} is missing, so the spec cannot be linted.`, `Restore ${RULESET} (the house ruleset).`);
  }
  const r = await exec(tool(ctx.root, 'spectral'), ['lint', ctx.specPath, '--ruleset', ruleset, '--format', 'json', '--quiet'], {
    cwd: ctx.root,
    timeoutMs: 120_000,
  });
  let results: SpectralResult[];
  try {
    results = JSON.parse(r.stdout.trim() || '[]') as SpectralResult[];
  } catch {
    throw new CouldNotRun(`spectral did not produce a JSON report (exit ${r.code}):\n${tail(r.stderr || r.stdout)}`, 'Run `npm run lint:spec` to see why Spectral fails.');
  }
  const findings: Finding[] = results
    // Zero errors and warnings is the bar (`lint:spec` uses --fail-severity=warn); info and hints are advice.
    .filter((x) => x.severity <= 1)
    .map((x) => ({
      artefact: `${spec}:${(x.range?.start.line ?? 0) + 1} (${x.path.join('.')})`,
      rule: `spectral ${x.code} (${SEVERITY[x.severity]})`,
      problem: x.message,
      fix: 'Change the spec so that this rule passes (see .spectral.yaml for what it asks), then `npm run lint:spec`.',
    }));

  for (const problem of await validateExamples(ctx.specPath)) {
    findings.push({
      artefact: spec,
      rule: 'every example validates against its schema',
      problem,
      fix: 'Correct the example (or the schema, if the example shows the intended behaviour).',
    });
  }
  return findings;
}
