// Optic (`optic diff base head --check`, its breaking-changes standard) as one of the gate's differs. Optic skips
// its checks when info.version has a major bump; the gate must not be silenced that way, so it diffs copies whose
// info.version is equal and also sets `skip_when_major_version_changes: false`. Its results become SpecChanges,
// the same shape as the gate's own rules (diff.ts), so both are reported, escalated and accepted alike.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { isObject, unescapePointer, type JsonObject } from '../spec/data.ts';
import type { SpecChange } from './diff.ts';
import { exec, tail, tool } from './exec.ts';
import { CouldNotRun } from './model.ts';

interface OpticResult {
  name: string;
  error?: string;
  where?: string;
  passed: boolean;
  exempted?: boolean;
  severity: number; // 0 info, 1 warn, 2 error
  location: { jsonPath: string };
}

/**
 * Optic's breaking changes from `base` to `head`, run in `dir` (a private temporary folder) with the Optic that
 * `root` (or the kit) has installed. `severity` is what Optic gives a breaking change (`error` or `warn`).
 */
export async function opticChanges(root: string, dir: string, base: JsonObject, head: JsonObject, severity: 'error' | 'warn'): Promise<SpecChange[]> {
  // Equal info.version in both copies, so that a major bump cannot switch the breaking-change checks off.
  const version = isObject(base.info) ? base.info.version : undefined;
  const same = (doc: JsonObject): JsonObject => ({ ...doc, info: { ...(isObject(doc.info) ? doc.info : {}), version: version ?? '0.0.0' } });
  // Written without YAML aliases: Optic 1.0.9 crashes on them ("Cannot read properties of undefined").
  await writeFile(join(dir, 'optic-base.yaml'), stringify(same(base), { aliasDuplicateObjects: false }));
  await writeFile(join(dir, 'optic-head.yaml'), stringify(same(head), { aliasDuplicateObjects: false }));
  const standard = { ruleset: [{ 'breaking-changes': { skip_when_major_version_changes: false, severity } }] };
  await writeFile(join(dir, 'optic-standard.yml'), stringify(standard));
  const r = await exec(tool(root, 'optic'), ['diff', 'optic-base.yaml', 'optic-head.yaml', '--check', '--standard', 'optic-standard.yml'], {
    cwd: dir,
    // CI=true makes Optic write its structured results to ci-run-details.json in the working directory;
    // telemetry and the update check would otherwise reach the network.
    env: { CI: 'true', OPTIC_TELEMETRY_LEVEL: 'off', NO_UPDATE_NOTIFIER: '1' },
    timeoutMs: 120_000,
  });
  const detailsPath = join(dir, 'ci-run-details.json');
  if (!existsSync(detailsPath)) {
    throw new CouldNotRun(`optic diff wrote no results (exit ${r.code}):\n${tail(r.stdout + r.stderr)}`, 'Run `npx optic diff <base> <head> --check` by hand to see why.');
  }
  const details = JSON.parse(await readFile(detailsPath, 'utf8')) as {
    completed: { comparison: { results: OpticResult[] } }[];
    failed: { error: string }[];
  };
  if (details.failed.length > 0) {
    throw new CouldNotRun(`optic diff failed: ${details.failed.map((f) => f.error).join('; ')}`, 'Make sure both specs are valid OpenAPI (`npm run lint:spec`).');
  }
  const results = details.completed.flatMap((c) => c.comparison.results).filter((x) => !x.passed && !x.exempted);
  return collapse(results).map(toChange);
}

/** Drop results nested under another result (a removed status code need not also list its removed properties). */
function collapse(results: OpticResult[]): OpticResult[] {
  const paths = results.map((r) => r.location.jsonPath);
  return results.filter((r) => !paths.some((p) => p !== r.location.jsonPath && r.location.jsonPath.startsWith(`${p}/`)));
}

function toChange(r: OpticResult): SpecChange {
  const [, root, path, method] = r.location.jsonPath.split('/');
  const op = root === 'paths' && path && method ? `${method.toUpperCase()} ${unescapePointer(path)}` : r.location.jsonPath;
  // A response enum that gains a value is a warning (oasdiff's view): clients must tolerate unknown values, but
  // nothing they do today stops working. Optic rates it like a removal.
  const widened = /^cannot add enum option/.test(r.error ?? '');
  return {
    rule: widened ? 'response-enum-widened' : `optic: ${r.name}`,
    severity: widened || r.severity < 2 ? 'warn' : 'error',
    op,
    jsonPath: r.location.jsonPath,
    where: r.where ?? r.location.jsonPath,
    problem: r.error ?? r.name,
  };
}
