// Step 2: the committed generated types equal what `npm run generate` makes from the spec now, and the whole
// project type-checks (`tsc --noEmit`) — so a spec change that breaks the client or sandbox code shows up here.
// tsc runs incrementally, its build info kept in the OS temp folder per repository, so an unchanged project is
// checked in a fraction of the time of a cold run.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_DIR } from '../spec/load.ts';
import { DOCUMENT_FILE, generateDocumentModule } from '../generate/document-module.ts';
import { generateTypes } from '../generate/index.ts';
import { rel, type CheckContext } from './context.ts';
import { exec, tail, tool } from './exec.ts';
import { CouldNotRun, type Finding } from './model.ts';

const MAX_TSC_FINDINGS = 20;

export async function typesStep(ctx: CheckContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  // The types always; the spec-as-module where the repository keeps one (the kit does, for the MSW handlers).
  const generated: [string, () => Promise<string>][] = [[ctx.typesPath, () => generateTypes({ specPath: ctx.specPath, sourceLabel: rel(ctx, ctx.specPath) })]];
  const documentPath = join(ctx.root, DOCUMENT_FILE);
  if (existsSync(documentPath)) generated.push([documentPath, () => generateDocumentModule(ctx.specPath)]);
  for (const [path, generate] of generated) {
    const [fresh, committed] = await Promise.all([generate(), readFile(path, 'utf8').catch(() => undefined)]);
    if (committed === fresh) continue;
    findings.push({
      artefact: rel(ctx, path),
      rule: 'generated files are up to date with the spec',
      problem:
        committed === undefined
          ? 'The file is missing.'
          : `It differs from what the spec generates now, first at ${firstDifferentLine(committed, fresh)}.`,
      fix: 'Run `npm run generate` and commit src/generated/ together with the spec change.',
    });
  }

  await mkdir(CACHE_DIR, { recursive: true, mode: 0o700 });
  const buildInfo = join(CACHE_DIR, `tsc-${createHash('sha256').update(ctx.root).digest('hex').slice(0, 16)}.tsbuildinfo`);
  const tsc = await exec(tool(ctx.root, 'tsc'), ['--noEmit', '--pretty', 'false', '--incremental', '--tsBuildInfoFile', buildInfo], {
    cwd: ctx.root,
    timeoutMs: 300_000,
  });
  if (tsc.timedOut) throw new CouldNotRun('tsc --noEmit did not finish within 5 minutes.', 'Run `npx tsc --noEmit` locally to see why.');
  if (tsc.code !== 0) {
    const errors = tsc.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    if (errors.length === 0) {
      throw new CouldNotRun(`tsc --noEmit failed without type errors:\n${tail(tsc.stdout + tsc.stderr)}`, 'Run `npx tsc --noEmit` to see why.');
    }
    for (const line of errors.slice(0, MAX_TSC_FINDINGS)) {
      const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
      findings.push({
        artefact: m ? `${m[1]}:${m[2]}` : '(tsc)',
        rule: `tsc --noEmit ${m?.[4] ?? ''}`.trim(),
        problem: m?.[5] ?? line,
        fix: 'Adapt the code to the (regenerated) types, or, if the spec change was not intended, revert it.',
      });
    }
    if (errors.length > MAX_TSC_FINDINGS) {
      findings.push({
        artefact: '(tsc)',
        rule: 'tsc --noEmit',
        problem: `and ${errors.length - MAX_TSC_FINDINGS} more type errors`,
        fix: 'Run `npx tsc --noEmit` for the full list.',
      });
    }
  }
  return findings;
}

function firstDifferentLine(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) {
      return `line ${i + 1}: committed ${JSON.stringify((al[i] ?? '(end of file)').trim())}, generated ${JSON.stringify((bl[i] ?? '(end of file)').trim())}`;
    }
  }
  return 'the end of the file';
}
