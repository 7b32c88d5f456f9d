// The drift gate's caches (src/check/cache.ts) skip work only while its inputs are unchanged: a changed input is
// always a miss, and a failure is never remembered. Checked on the keys themselves in a scratch git repository
// (every input the types and pacts steps read, and what they deliberately leave out), and end to end on the
// lint step: a spec that passed, then broken, is linted again and fails.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashOf, inputsKey, passedBefore, rememberPass } from '../../src/check/cache.ts';
import type { CheckContext } from '../../src/check/context.ts';
import { lintStep } from '../../src/check/lint.ts';
import { SPEC_PATH } from '../../src/spec/paths.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
let repo: string;

const context = (root: string): CheckContext => ({
  root,
  specPath: join(root, 'openapi/profile-service.yaml'),
  pactDir: join(root, 'pacts'),
  typesPath: join(root, 'src/generated/profile-service.ts'),
  acceptPath: join(root, 'openapi/accepted-breaking-changes.yaml'),
  opticSeverity: 'error',
  tmp: root,
  memo: new Map(),
});

/** The inputs key of the repository as it is now (a new context each time: no memo carried over). */
const key = () => inputsKey(context(repo));

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(repo, path, '..'), { recursive: true });
  await writeFile(join(repo, path), text);
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'check-cache-'));
  await exec('git', ['init', '-q'], { cwd: repo });
  await write('.gitignore', 'node_modules/\n');
  await write('src/a.ts', 'export const a = 1;\n');
  await write('openapi/profile-service.yaml', await readFile(SPEC_PATH, 'utf8'));
  await write('pacts/web-app.json', '{}\n');
  await write('docs/guide.md', '# guide\n');
  await exec('git', ['add', '-A'], { cwd: repo });
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('the inputs key (types and pacts steps)', () => {
  it('is the same for an unchanged repository', async () => {
    expect(await key()).toMatch(/^[0-9a-f]{32}$/);
    expect(await key()).toBe(await key());
  });

  it.each([
    ['a tracked source file changes', () => write('src/a.ts', 'export const a = 2;\n')],
    ['the spec changes', async () => write('openapi/profile-service.yaml', `${await readFile(SPEC_PATH, 'utf8')}# edited\n`)],
    ['a new file appears that git would commit', () => write('src/b.ts', 'export const b = 1;\n')],
    ['a tracked file is deleted in the working tree', () => unlink(join(repo, 'src/a.ts'))],
  ])('changes when %s', async (_what, change) => {
    const before = await key();
    await change();
    expect(await key()).not.toBe(before);
  });

  it.each([
    ['the committed pacts change (the pacts step compares them, it does not cache them)', () => write('pacts/web-app.json', '{"changed":true}\n')],
    ['documentation changes', () => write('docs/guide.md', '# guide, edited\n')],
    ['an ignored file changes', () => write('node_modules/x/index.js', `${randomUUID()}\n`)],
  ])('stays when %s', async (_what, change) => {
    const before = await key();
    await change();
    expect(await key()).toBe(before);
  });

  it('is undefined outside a git repository, so nothing is cached there', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'check-cache-nogit-'));
    try {
      expect(await inputsKey(context(plain))).toBeUndefined();
      expect(await passedBefore('tsc', undefined)).toBe(false);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});

describe('remembered passes', () => {
  it('are found under their own key only', async () => {
    const k = hashOf(randomUUID());
    expect(await passedBefore('lint', k)).toBe(false);
    await rememberPass('lint', k);
    expect(await passedBefore('lint', k)).toBe(true);
    expect(await passedBefore('tsc', k), 'another kind of work').toBe(false);
    expect(await passedBefore('lint', hashOf(randomUUID()))).toBe(false);
  });

  it('are keyed by every part and their order', () => {
    expect(hashOf('spec', 'ruleset')).toBe(hashOf('spec', 'ruleset'));
    expect(hashOf('spec', 'ruleset')).not.toBe(hashOf('spec!', 'ruleset'));
    expect(hashOf('spec', 'ruleset')).not.toBe(hashOf('ruleset', 'spec'));
    expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
  });
});

describe('the lint step end to end', { timeout: 120_000 }, () => {
  it('lints a spec again once it changed: a pass is not reused for a spec that now breaks a rule', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'check-cache-lint-'));
    try {
      const ctx = context(dir);
      await mkdir(join(dir, 'openapi'));
      await copyFile(join(ROOT, '.spectral.yaml'), join(dir, '.spectral.yaml'));
      // The kit's own spec passes (and is remembered, if it was not already).
      await writeFile(ctx.specPath, await readFile(SPEC_PATH, 'utf8'));
      expect(await lintStep(ctx)).toEqual([]);
      // The same spec with one operation's operationId removed: a ruleset violation, found although the
      // previous spec passed and was remembered.
      const broken = (await readFile(SPEC_PATH, 'utf8')).replace(/^(\s+)operationId: .*\n/m, '');
      expect(broken).not.toBe(await readFile(SPEC_PATH, 'utf8'));
      await writeFile(ctx.specPath, broken);
      const findings = await lintStep({ ...ctx, memo: new Map() });
      expect(findings.map((f) => f.problem).join('\n')).toMatch(/operationId/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
