// Step 1: the spec lints clean (Spectral with the house ruleset, zero errors and warnings) and every example in
// it validates against its schema (scripts/spec-examples.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rel, type CheckContext } from './context.ts';
import { bin, exec, tail } from './exec.ts';
import { CouldNotRun, type Finding } from './model.ts';

interface SpectralResult {
  code: string;
  message: string;
  path: (string | number)[];
  severity: number;
  range?: { start: { line: number } };
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

export async function lintStep(ctx: CheckContext): Promise<Finding[]> {
  const spec = rel(ctx, ctx.specPath);
  const ruleset = resolve(ctx.root, '.spectral.yaml');
  if (!existsSync(ruleset)) {
    throw new CouldNotRun('.spectral.yaml is missing, so the spec cannot be linted.', 'Restore .spectral.yaml (the house ruleset).');
  }
  const r = await exec(bin(ctx.root, 'spectral'), ['lint', ctx.specPath, '--ruleset', ruleset, '--format', 'json', '--quiet'], {
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

  const examplesModule = resolve(ctx.root, 'scripts/spec-examples.ts');
  if (!existsSync(examplesModule)) {
    throw new CouldNotRun('scripts/spec-examples.ts is missing, so the examples cannot be validated.', 'Restore scripts/spec-examples.ts (validateExamples).');
  }
  const mod = (await import(pathToFileURL(examplesModule).href)) as { validateExamples(specPath?: string): Promise<string[]> };
  for (const problem of await mod.validateExamples(ctx.specPath)) {
    findings.push({
      artefact: spec,
      rule: 'every example validates against its schema',
      problem,
      fix: 'Correct the example (or the schema, if the example shows the intended behaviour).',
    });
  }
  return findings;
}
