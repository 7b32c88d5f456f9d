// Temporary copies of the repository for the drift-gate tests: a template is made once per test file (the
// working tree's tracked and new files, node_modules symlinked, git initialised with everything committed so
// that HEAD holds the original spec as the base), then each case gets its own cheap copy to change.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { DOCUMENT_FILE, generateDocumentModule } from '../../../src/generate/document-module.ts';
import { generateTypes, TYPES_FILE } from '../../../src/generate/index.ts';
import type { CheckReport } from '../../../src/check/index.ts';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../../..');
export const SPEC = 'openapi/profile-service.yaml';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'check-test',
  GIT_AUTHOR_EMAIL: 'check-test@example.invalid',
  GIT_COMMITTER_NAME: 'check-test',
  GIT_COMMITTER_EMAIL: 'check-test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

export interface Copy {
  dir: string;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  /** Replace `from` by `to` in a file; throws when `from` is not there, so a test cannot silently stop testing. */
  replace(path: string, from: string, to: string): Promise<void>;
  /** What `npm run generate` does, in the copy. */
  generate(): Promise<void>;
  /** `tsx src/cli/bin.ts check <args> --json` in the copy; the parsed report and the exit code. */
  check(args: string[], env?: NodeJS.ProcessEnv): Promise<CheckOutcome>;
}

export interface CheckOutcome {
  exitCode: number;
  report: Report;
  stdout: string;
  stderr: string;
}

export type Report = CheckReport;

/** Files of the working tree that git would commit: tracked plus new, not ignored ones. */
async function workingTreeFiles(): Promise<string[]> {
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, maxBuffer: 64 << 20 });
  return stdout.split('\0').filter(Boolean);
}

/** A committed copy of the working tree; remove it with `rm(dir)` when done. */
export async function makeTemplate(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'check-template-'));
  for (const f of await workingTreeFiles()) {
    await mkdir(dirname(join(dir, f)), { recursive: true });
    // A file listed by git may be deleted in the working tree right now (another change in progress).
    await cp(join(ROOT, f), join(dir, f)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const git = (...args: string[]) => run('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV } });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'base: the original spec');
  return dir;
}

export async function copyOf(template: string, name: string): Promise<Copy> {
  const dir = await mkdtemp(join(tmpdir(), `check-${name.replace(/[^a-z0-9]+/gi, '-')}-`));
  await cp(template, dir, { recursive: true, verbatimSymlinks: true });
  const file = (p: string) => join(dir, p);
  const copy: Copy = {
    dir,
    read: (p) => readFile(file(p), 'utf8'),
    write: (p, text) => mkdir(dirname(file(p)), { recursive: true }).then(() => writeFile(file(p), text)),
    async replace(p, from, to) {
      const text = await copy.read(p);
      if (!text.includes(from)) throw new Error(`${p} does not contain the text this case changes:\n${from}`);
      await copy.write(p, text.replace(from, to));
    },
    async generate() {
      await copy.write(TYPES_FILE, await generateTypes({ specPath: file(SPEC) }));
      await copy.write(DOCUMENT_FILE, await generateDocumentModule(file(SPEC)));
    },
    async check(args, env = {}) {
      const reportPath = join(dir, 'reports', 'check-test.json');
      let exitCode = 0;
      let stdout = '';
      let stderr = '';
      try {
        const r = await run(join(dir, 'node_modules/.bin/tsx'), ['src/cli/bin.ts', 'check', ...args, '--json', '--report', reportPath], {
          cwd: dir,
          env: { ...process.env, ...env },
          maxBuffer: 64 << 20,
          timeout: 600_000,
        });
        stdout = r.stdout;
        stderr = r.stderr;
      } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        exitCode = typeof e.code === 'number' ? e.code : -1;
        stdout = e.stdout ?? '';
        stderr = e.stderr ?? '';
      }
      const report = JSON.parse(await readFile(reportPath, 'utf8').catch(() => 'null')) as Report | null;
      if (!report) throw new Error(`check wrote no report (exit ${exitCode}):\n${stdout}\n${stderr}`);
      return { exitCode, report, stdout, stderr };
    },
  };
  return copy;
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Every finding of a report, flattened, for assertions and readable failure messages. */
export function findings(report: Report) {
  return report.steps.flatMap((s) => s.findings.map((f) => ({ step: s.step, ...f })));
}

/**
 * The copies one test file works on: the template is made before the file's tests and everything is removed
 * after them; `fresh(name)` gives a case its own copy, and `slot` lets at most `parallel` cases run at once.
 */
export function repoCopies(parallel: number) {
  let template: string | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    template = await makeTemplate();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([template, ...dirs].map((d) => d && removeDir(d)));
  });
  return {
    slot: limit(parallel),
    async fresh(name: string): Promise<Copy> {
      if (!template) throw new Error('repoCopies: the template is made in beforeAll; call fresh() from a test');
      const copy = await copyOf(template, name);
      dirs.push(copy.dir);
      return copy;
    },
  };
}

/** Runs at most `n` tasks at a time: the cases share 2 cores with other work. */
export function limit(n: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
