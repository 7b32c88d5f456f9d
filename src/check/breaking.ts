// Step 5: breaking changes of the working tree's spec against a base (base.ts says which one and why).
//  - Optic (optic.ts) and the gate's own rules (diff.ts, for what Optic does not check) find the changes that
//    break any client; docs/ci.md has the table of which class each one covers.
//  - Consumer-aware rule: every pact interaction the base spec allowed must still be allowed by the new spec
//    (same engine as step "allowed"). Such a break is an error even where the differs only warn or say nothing,
//    and a differ's warning on an operation some pact uses is an error too.
// Intended breaking changes are accepted, with a reason, in accepted-breaking-changes.yaml next to the spec.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { findOperation, isObject, type JsonObject } from '../spec/data.ts';
import { parseSpec } from '../spec/load.ts';
import { checkPactsAgainstSpec, type InteractionFinding } from './allowed.ts';
import { chooseBase } from './base.ts';
import { rel, type CheckContext } from './context.ts';
import { specChanges, type SpecChange } from './diff.ts';
import { exec, tail } from './exec.ts';
import { CouldNotRun, type Finding } from './model.ts';
import { opticChanges } from './optic.ts';
import { httpInteractions, loadPacts, messageInteractions } from './pacts.ts';

/** The acceptance file's name; it lives next to the spec. */
export const ACCEPT_FILE = 'accepted-breaking-changes.yaml';

export interface BreakingOutcome {
  findings: Finding[];
  notes: string[];
}

const fixBreaking = (ctx: CheckContext) =>
  `Keep the old behaviour (add alongside instead of changing or removing), or, if the break is intended and the consumers are ready, accept it with a reason in ${rel(ctx, ctx.acceptPath)} (see docs/ci.md).`;

export async function breakingStep(ctx: CheckContext): Promise<BreakingOutcome> {
  const specRel = rel(ctx, ctx.specPath);
  if (relative(ctx.root, ctx.specPath).startsWith('..')) {
    return { findings: [], notes: [`${specRel} is not part of this repository, so there is no earlier version of it to compare with.`] };
  }
  const choice = await chooseBase(ctx.root, ctx.base);
  ctx.comparison = { base: choice.ref, how: `${specRel} in the working tree against ${choice.how}` };
  const baseText = await baseSpec(ctx.root, choice.ref, specRel);
  if (baseText === undefined) {
    return { findings: [], notes: [`${specRel} does not exist at ${choice.ref}: nothing to compare against.`] };
  }
  const dir = join(ctx.tmp, 'breaking');
  await mkdir(dir, { recursive: true });
  const base = parseSpec(baseText);
  const head = parseSpec(await readFile(ctx.specPath, 'utf8'));
  const basePath = join(dir, 'base.yaml');
  await writeFile(basePath, baseText);

  const [optic, usedOps, before, after] = await Promise.all([
    opticChanges(ctx.root, dir, base, head, ctx.opticSeverity),
    pactOperations(ctx, base),
    checkPactsAgainstSpec(ctx, basePath, `the base spec (${choice.ref})`),
    checkPactsAgainstSpec(ctx, ctx.specPath, specRel),
  ]);
  const { findings, notes } = judge(ctx, [...optic, ...specChanges(base, head)], usedOps);
  findings.push(...consumerBreaks(ctx, choice.ref, before, after));
  return applyAcceptances(ctx, choice.ref, findings, notes);
}

/**
 * The differs' changes as findings: an error fails; a warning fails only on an operation some pact uses (the
 * consumer-aware escalation) and is a note otherwise. With `--optic-severity warn` every change is a warning.
 */
export function judge(ctx: CheckContext, changes: SpecChange[], usedOps: Set<string>): BreakingOutcome {
  const specRel = rel(ctx, ctx.specPath);
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const change of changes) {
    const finding = toFinding(ctx, specRel, change);
    if (change.severity === 'error' && ctx.opticSeverity === 'error') findings.push(finding);
    else if (usedOps.has(change.op)) {
      findings.push({ ...finding, rule: `${finding.rule} (a warning for the differ; an error here because a pact uses ${change.op})` });
    } else notes.push(`not failing (a warning, no pact uses ${change.op}): ${finding.artefact}: ${finding.problem} [id ${finding.id}]`);
  }
  return { findings, notes };
}

function toFinding(ctx: CheckContext, specRel: string, c: SpecChange): Finding {
  const optic = c.rule.startsWith('optic: ');
  return {
    id: optic ? `optic:${slug(c.rule.slice('optic: '.length))}:${c.jsonPath}` : `${c.rule}:${c.jsonPath}`,
    artefact: `${specRel} ${c.where}`,
    rule: optic ? `optic breaking-changes: ${c.rule.slice('optic: '.length)}` : c.rule,
    problem: c.problem,
    fix: fixBreaking(ctx),
  };
}

async function baseSpec(root: string, ref: string, specRel: string): Promise<string | undefined> {
  const verify = await exec('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, timeoutMs: 30_000 });
  if (verify.code !== 0) {
    throw new CouldNotRun(
      `the base ref "${ref}" does not exist in this clone.`,
      'Fetch it (in GitHub Actions: actions/checkout with `fetch-depth: 0`), or pass another one with --base REF / CONTRACT_BASE_REF.',
    );
  }
  // `./` makes the path relative to the working directory, so the repository may be a subfolder of the clone.
  const show = await exec('git', ['show', `${ref}:./${specRel}`], { cwd: root, timeoutMs: 30_000 });
  if (show.code === 0) return show.stdout;
  if (/does not exist|exists on disk, but not in/.test(show.stderr)) return undefined;
  throw new CouldNotRun(`git show ${ref}:${specRel} failed:\n${tail(show.stderr)}`, 'Check that the repository and the base ref are readable.');
}

/** `METHOD /template` of every operation some pact interaction uses (matched in the base spec), and `webhook <name>` for messages. */
export async function pactOperations(ctx: CheckContext, base: JsonObject): Promise<Set<string>> {
  const ops = new Set<string>();
  for (const pact of await loadPacts(ctx.pactDir, rel(ctx, ctx.pactDir))) {
    for (const i of httpInteractions(pact)) {
      const op = findOperation(base, String(i.request.method), String(i.request.path));
      if (op) ops.add(`${op.method.toUpperCase()} ${op.template}`);
    }
    if (messageInteractions(pact).length > 0) for (const name of Object.keys(isObject(base.webhooks) ? base.webhooks : {})) ops.add(`webhook ${name}`);
  }
  return ops;
}

/** Interactions the base spec allowed and the new spec does not: the change breaks what a consumer uses. */
export function consumerBreaks(ctx: CheckContext, baseRef: string, before: InteractionFinding[], after: InteractionFinding[]): Finding[] {
  const known = new Set(before.map((f) => f.key));
  return after
    .filter((f) => !known.has(f.key))
    .map((f) => ({
      id: `consumer:${f.artefact} › ${f.rule}`,
      artefact: f.artefact,
      rule: `consumer-aware: a pact interaction allowed at ${baseRef} is no longer allowed (${f.rule})`,
      problem: f.problem,
      fix: `A consumer relies on this. Keep the spec compatible with the pact, or agree the change with the consumer team, update their pact in the same change, and accept the break in ${rel(ctx, ctx.acceptPath)}.`,
    }));
}

interface Acceptance {
  id: string;
  reason: string;
}

async function applyAcceptances(ctx: CheckContext, baseRef: string, found: Finding[], notes: string[]): Promise<BreakingOutcome> {
  const path = ctx.acceptPath;
  const label = rel(ctx, path);
  let accepted: Acceptance[] = [];
  if (existsSync(path)) {
    const doc = parse(await readFile(path, 'utf8')) as unknown;
    const list = isObject(doc) && Array.isArray(doc.accepted) ? doc.accepted : doc === null ? [] : undefined;
    const valid = list?.every((a) => isObject(a) && typeof a.id === 'string' && typeof a.reason === 'string' && a.reason.trim().length > 0);
    if (!list || !valid) {
      throw new CouldNotRun(
        `${label} is not a list of accepted changes.`,
        'Write it as `accepted:` followed by items `- id: <the id the check printed>` / `reason: <why this break is intended>` (a non-empty reason).',
        label,
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
    notes.push(`${label}: "${a.id}" matches no breaking change against ${baseRef} any more; remove it.`);
  }
  return { findings, notes };
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
