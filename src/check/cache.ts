// Work the gate can skip on an unchanged repository, remembered in the OS temp folder (never in the repository):
// a key is a hash of everything the work reads, so any change to its inputs is a miss, and only results that
// passed are remembered (a failure is always worked out again, with its full findings).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { CACHE_DIR } from '../spec/load.ts';
import { memo, type CheckContext } from './context.ts';
import { exec } from './exec.ts';

/** Bumped when what the gate checks changes, so results of an older gate are not reused. */
const GATE_VERSION = 'check-1';

export function hashOf(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256').update(GATE_VERSION);
  for (const p of parts) hash.update(createHash('sha256').update(p).digest('hex'));
  return hash.digest('hex').slice(0, 32);
}

/** The package.json text of the package a tool's script belongs to (its version is part of a key). */
export async function manifestOf(script: string): Promise<string> {
  for (let dir = dirname(script); dir !== dirname(dir); dir = dirname(dir)) {
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) return text;
  }
  return '';
}

/** Whether work of `kind` under `key` passed before. */
export async function passedBefore(kind: string, key: string | undefined): Promise<boolean> {
  if (!key) return false;
  return readFile(join(CACHE_DIR, `${kind}-${key}.ok`), 'utf8').then(
    () => true,
    () => false,
  );
}

/** Remember that work of `kind` under `key` passed; a failure to write only costs doing it again. */
export async function rememberPass(kind: string, key: string | undefined): Promise<void> {
  if (!key) return;
  const file = join(CACHE_DIR, `${kind}-${key}.ok`);
  try {
    await mkdir(CACHE_DIR, { recursive: true, mode: 0o700 });
    await writeFile(`${file}.${process.pid}.tmp`, '');
    await rename(`${file}.${process.pid}.tmp`, file);
  } catch {
    // an unwritable temp folder: the work runs again next time
  }
}

/**
 * A hash of every input of the project: the content of every file git would commit (tracked and new), except the
 * pacts and documentation, and the Node version; undefined when git cannot list them (then nothing is cached).
 */
export function inputsKey(ctx: CheckContext): Promise<string | undefined> {
  return memo(ctx, 'inputs-key', () => computeInputsKey(ctx));
}

async function computeInputsKey(ctx: CheckContext): Promise<string | undefined> {
  const r = await exec('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ctx.root, timeoutMs: 30_000 });
  if (r.code !== 0) return undefined;
  const pacts = relative(ctx.root, ctx.pactDir);
  const files = r.stdout
    .split('\0')
    .filter((f) => f && !(f === pacts || f.startsWith(`${pacts}/`)) && !f.startsWith('docs/') && !f.endsWith('.md'))
    .sort();
  const hash = createHash('sha256').update(`${GATE_VERSION}\n${process.version}\n`);
  for (const f of files) {
    // A listed file may be deleted in the working tree right now; its absence is part of the state.
    const content = await readFile(join(ctx.root, f)).catch(() => Buffer.from('(deleted)'));
    hash.update(`${f}\0${createHash('sha256').update(content).digest('hex')}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

