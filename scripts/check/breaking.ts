// Step 5: breaking changes of the working tree's spec against a base (`--base`, CONTRACT_BASE_REF, or HEAD).
//  - Optic (`optic diff base head --check`, breaking-changes standard) finds the changes that break any client.
//    Optic skips its checks when info.version has a major bump; the gate must not be silenced that way, so it
//    diffs copies whose info.version is equal and also sets `skip_when_major_version_changes: false`.
//  - Own rule for what Optic does not check: a response media type that disappears.
//  - Consumer-aware rule: every pact interaction the base spec allowed must still be allowed by the new spec
//    (same engine as step 4). Such a break is an error even where Optic only warns or says nothing.
// Intended breaking changes are accepted, with a reason, in openapi/accepted-breaking-changes.yaml.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { checkPactsAgainstSpec, type InteractionFinding } from './allowed.ts';
import { rel, type CheckContext } from './context.ts';
import { bin, exec, tail } from './exec.ts';
import { CouldNotRun, type Finding } from './model.ts';
import { httpInteractions, loadPacts } from './pacts.ts';
import { deref, escapePointer, findOperation, HTTP_METHODS, isObject, parseSpec, unescapePointer, type JsonObject } from '../../src/spec/document.ts';

export const ACCEPT_FILE = 'openapi/accepted-breaking-changes.yaml';

export interface BreakingOutcome {
  findings: Finding[];
  notes: string[];
}

interface OpticResult {
  name: string;
  error?: string;
  where?: string;
  passed: boolean;
  exempted?: boolean;
  severity: number; // 0 info, 1 warn, 2 error
  location: { jsonPath: string; spec?: string };
}

const FIX_BREAKING = `Keep the old behaviour (add alongside instead of changing or removing), or, if the break is intended and the consumers are ready, accept it with a reason in ${ACCEPT_FILE} (see docs/ci.md).`;

export async function breakingStep(ctx: CheckContext): Promise<BreakingOutcome> {
  const specRel = rel(ctx, ctx.specPath);
  const baseText = await baseSpec(ctx, specRel);
  const notes: string[] = [];
  if (baseText === undefined) {
    return { findings: [], notes: [`${specRel} does not exist at ${ctx.baseRef}: nothing to compare against.`] };
  }
  const dir = join(ctx.tmp, 'breaking');
  await mkdir(dir, { recursive: true });
  const base = parseSpec(baseText);
  const head = parseSpec(await readFile(ctx.specPath, 'utf8'));
  const basePath = join(dir, 'base.yaml');
  await writeFile(basePath, baseText);

  const found: Finding[] = [];
  const usedOps = await pactOperations(ctx, base);
  // What the differs find: Optic's results (with their severity) and the media-type rule (as severe as Optic is set to be).
  const differ: { finding: Finding; severity: number; op?: string }[] = [];
  for (const r of collapse(await optic(ctx, dir, base, head))) {
    differ.push({
      severity: r.severity,
      op: operationOf(r.location.jsonPath).op,
      finding: {
        id: `optic:${slug(r.name)}:${r.location.jsonPath}`,
        artefact: `${specRel} ${r.where ?? r.location.jsonPath}`,
        rule: `optic breaking-changes: ${r.name}`,
        problem: r.error ?? r.name,
        fix: FIX_BREAKING,
      },
    });
  }
  for (const m of removedMediaTypes(base, head, specRel)) differ.push({ ...m, severity: ctx.opticSeverity === 'error' ? 2 : 1 });
  for (const { finding, severity, op } of differ) {
    if (severity >= 2) found.push(finding);
    else if (op && usedOps.has(op)) {
      // The consumer-aware escalation: the differ only warns, but a pact uses this operation.
      found.push({ ...finding, rule: `${finding.rule} (a warning for the differ; an error here because a pact uses ${op})` });
    } else notes.push(`not failing (${severity === 1 ? 'warning' : 'info'}, no pact uses ${op ?? 'it'}): ${finding.artefact}: ${finding.problem} [id ${finding.id}]`);
  }

  const [before, after] = await Promise.all([
    checkPactsAgainstSpec(ctx, basePath, `the base spec (${ctx.baseRef})`),
    checkPactsAgainstSpec(ctx, ctx.specPath, specRel),
  ]);
  found.push(...consumerBreaks(before, after, ctx.baseRef));

  return applyAcceptances(ctx, found, notes);
}

async function baseSpec(ctx: CheckContext, specRel: string): Promise<string | undefined> {
  const verify = await exec('git', ['rev-parse', '--verify', '--quiet', `${ctx.baseRef}^{commit}`], { cwd: ctx.root, timeoutMs: 30_000 });
  if (verify.code !== 0) {
    throw new CouldNotRun(
      `the base ref "${ctx.baseRef}" does not exist in this clone.`,
      'Fetch it (in GitHub Actions: actions/checkout with `fetch-depth: 0`), or pass another one with --base REF / CONTRACT_BASE_REF.',
    );
  }
  const show = await exec('git', ['show', `${ctx.baseRef}:${specRel}`], { cwd: ctx.root, timeoutMs: 30_000 });
  if (show.code === 0) return show.stdout;
  if (/does not exist|exists on disk, but not in/.test(show.stderr)) return undefined;
  throw new CouldNotRun(`git show ${ctx.baseRef}:${specRel} failed:\n${tail(show.stderr)}`, 'Check that the repository and the base ref are readable.');
}

async function optic(ctx: CheckContext, dir: string, base: JsonObject, head: JsonObject): Promise<OpticResult[]> {
  // Equal info.version in both copies, so that a major bump cannot switch the breaking-change checks off.
  const version = isObject(base.info) ? base.info.version : undefined;
  const same = (doc: JsonObject): JsonObject => ({ ...doc, info: { ...(isObject(doc.info) ? doc.info : {}), version: version ?? '0.0.0' } });
  // Written without YAML aliases: Optic 1.0.9 crashes on them ("Cannot read properties of undefined").
  await writeFile(join(dir, 'optic-base.yaml'), stringify(same(base), { aliasDuplicateObjects: false }));
  await writeFile(join(dir, 'optic-head.yaml'), stringify(same(head), { aliasDuplicateObjects: false }));
  const standard = { ruleset: [{ 'breaking-changes': { skip_when_major_version_changes: false, severity: ctx.opticSeverity } }] };
  await writeFile(join(dir, 'optic-standard.yml'), stringify(standard));
  const r = await exec(bin(ctx.root, 'optic'), ['diff', 'optic-base.yaml', 'optic-head.yaml', '--check', '--standard', 'optic-standard.yml'], {
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
  return details.completed.flatMap((c) => c.comparison.results).filter((x) => !x.passed && !x.exempted);
}

/** Drop results nested under another result (a removed status code need not also list its removed properties). */
function collapse(results: OpticResult[]): OpticResult[] {
  const paths = results.map((r) => r.location.jsonPath);
  return results.filter((r) => !paths.some((p) => p !== r.location.jsonPath && r.location.jsonPath.startsWith(`${p}/`)));
}

function operationOf(jsonPath: string): { op?: string } {
  const [, root, path, method] = jsonPath.split('/');
  if (root !== 'paths' || !path || !method) return {};
  return { op: `${method.toUpperCase()} ${unescapePointer(path)}` };
}

/** `METHOD /template` of every operation some pact interaction uses (matched in the base spec). */
async function pactOperations(ctx: CheckContext, base: JsonObject): Promise<Set<string>> {
  const ops = new Set<string>();
  for (const pact of await loadPacts(ctx.pactDir, rel(ctx, ctx.pactDir))) {
    for (const i of httpInteractions(pact)) {
      const op = findOperation(base, String(i.request.method), String(i.request.path));
      if (op) ops.add(`${op.method.toUpperCase()} ${op.template}`);
    }
  }
  return ops;
}

/** A response media type the base declares and the new spec drops (Optic does not check this). */
function removedMediaTypes(base: JsonObject, head: JsonObject, specRel: string): { finding: Finding; op: string }[] {
  const out: { finding: Finding; op: string }[] = [];
  const basePaths = isObject(base.paths) ? base.paths : {};
  for (const [template, rawItem] of Object.entries(basePaths)) {
    const item = deref(base, rawItem, '').node;
    if (!isObject(item)) continue;
    for (const m of HTTP_METHODS) {
      const op = item[m];
      if (!isObject(op) || !isObject(op.responses)) continue;
      const headOp = findTemplateOperation(head, template, m);
      if (!headOp || !isObject(headOp.responses)) continue; // a removed operation is Optic's finding
      for (const [status, rawResponse] of Object.entries(op.responses)) {
        const headResponse = headOp.responses[status];
        if (headResponse === undefined) continue; // a removed status code is Optic's finding
        const before = mediaTypes(base, rawResponse);
        const after = mediaTypes(head, headResponse);
        for (const mt of before.filter((t) => !after.includes(t))) {
          const jsonPath = `/paths/${escapePointer(template)}/${m}/responses/${status}/content/${escapePointer(mt)}`;
          out.push({
            op: `${m.toUpperCase()} ${template}`,
            finding: {
              id: `media-type-removed:${jsonPath}`,
              artefact: `${specRel} ${m.toUpperCase()} ${template} response ${status}`,
              rule: 'response media types are not removed',
              problem: `The ${status} response no longer offers ${mt} (now: ${after.join(', ') || 'no content'}); clients that read ${mt} break.`,
              fix: FIX_BREAKING,
            },
          });
        }
      }
    }
  }
  return out;
}

function findTemplateOperation(doc: JsonObject, template: string, method: string): JsonObject | undefined {
  const item = deref(doc, isObject(doc.paths) ? doc.paths[template] : undefined, '').node;
  return isObject(item) && isObject(item[method]) ? item[method] : undefined;
}

function mediaTypes(doc: JsonObject, response: unknown): string[] {
  const node = deref(doc, response as JsonObject, '').node;
  return isObject(node) && isObject(node.content) ? Object.keys(node.content) : [];
}

/** Interactions the base spec allowed and the new spec does not: the change breaks what a consumer uses. */
function consumerBreaks(before: InteractionFinding[], after: InteractionFinding[], baseRef: string): Finding[] {
  const known = new Set(before.map((f) => f.key));
  return after
    .filter((f) => !known.has(f.key))
    .map((f) => ({
      id: `consumer:${f.artefact} › ${f.rule}`,
      artefact: f.artefact,
      rule: `consumer-aware: a pact interaction allowed at ${baseRef} is no longer allowed (${f.rule})`,
      problem: f.problem,
      fix: `A consumer relies on this. Keep the spec compatible with the pact, or agree the change with the consumer team, update their pact in the same change, and accept the break in ${ACCEPT_FILE}.`,
    }));
}

interface Acceptance {
  id: string;
  reason: string;
}

async function applyAcceptances(ctx: CheckContext, found: Finding[], notes: string[]): Promise<BreakingOutcome> {
  const path = resolve(ctx.root, ACCEPT_FILE);
  let accepted: Acceptance[] = [];
  if (existsSync(path)) {
    const doc = parse(await readFile(path, 'utf8')) as unknown;
    const list = isObject(doc) && Array.isArray(doc.accepted) ? doc.accepted : doc === null ? [] : undefined;
    const valid = list?.every((a) => isObject(a) && typeof a.id === 'string' && typeof a.reason === 'string' && a.reason.trim().length > 0);
    if (!list || !valid) {
      throw new CouldNotRun(
        `${ACCEPT_FILE} is not a list of accepted changes.`,
        'Write it as `accepted:` followed by items `- id: <the id the check printed>` / `reason: <why this break is intended>` (a non-empty reason).',
        ACCEPT_FILE,
      );
    }
    accepted = list as unknown as Acceptance[];
  }
  const used = new Set<string>();
  const findings = found.map((f) => {
    const a = accepted.find((x) => x.id === f.id);
    if (!a) return f;
    used.add(a.id);
    return { ...f, acceptedBecause: a.reason };
  });
  for (const a of accepted.filter((x) => !used.has(x.id))) {
    notes.push(`${ACCEPT_FILE}: "${a.id}" matches no breaking change against ${ctx.baseRef} any more; remove it.`);
  }
  return { findings, notes };
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
