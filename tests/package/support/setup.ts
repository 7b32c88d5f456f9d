// Global setup of tests/package: build the kit, `npm pack` it, and install the tarball into a temporary ES-module
// project in the OS temp folder, once per test run. The install (about 30 s) is cached by the tarball's hash and
// this file's text: an unchanged kit reuses the installed project, any change to what ships installs afresh.
// npm's ignore-scripts=true means prepack/prepare never run, so the build runs here explicitly.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { consumerEnv } from './env.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
// One cache per checkout, so that test runs in two clones (or worktrees) never remove each other's project.
const CACHE = join(tmpdir(), `profile-contracts-package-tests-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`);
const MARKER = '.installed';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The consumer project with the kit installed from its tarball. */
    consumerDir: string;
    tarball: string;
    /** Every path in the tarball, as `npm pack` lists it (package/ prefix removed). */
    packedFiles: string[];
  }
}

/** Versions the consumer's own tooling is pinned to: the kit's, from its lockfile, so the install is offline-friendly. */
async function lockedVersion(name: string): Promise<string> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
  return lock.packages[`node_modules/${name}`]!.version;
}

async function buildAndPack(dest: string): Promise<{ tarball: string; files: string[] }> {
  await rm(join(ROOT, 'dist'), { recursive: true, force: true });
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: ROOT, env: consumerEnv() });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(dest, info!.filename), files: info!.files.map((f) => f.path) };
}

async function install(dir: string, tarballName: string): Promise<void> {
  const project = join(dir, 'project');
  await mkdir(project, { recursive: true });
  const manifest = {
    name: 'consumer-app',
    private: true,
    type: 'module',
    // The consumer's own scripts, as docs/consumers.md suggests writing them; `test` stands for their tests.
    scripts: { start: 'profile-contracts sandbox', mock: 'profile-contracts mock', test: 'node consumer-test.mjs' },
    devDependencies: {
      'profile-contracts': `file:../${tarballName}`,
      typescript: await lockedVersion('typescript'),
      '@types/node': await lockedVersion('@types/node'),
      // The optional peer that profile-contracts/msw needs, as a consumer who mocks with MSW has it.
      msw: await lockedVersion('msw'),
    },
  };
  await writeFile(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The same policy as the kit's own .npmrc: no dependency install scripts.
  await writeFile(join(project, '.npmrc'), 'ignore-scripts=true\n');
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project, env: consumerEnv(), maxBuffer: 16 * 1024 * 1024 });
  await writeFile(join(dir, MARKER), new Date().toISOString());
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const packDir = await mkdtemp(join(tmpdir(), 'profile-contracts-pack-'));
  const { tarball, files } = await buildAndPack(packDir);
  const key = createHash('sha256')
    .update(await readFile(tarball))
    .update(await readFile(import.meta.filename))
    .digest('hex')
    .slice(0, 16);
  const dir = join(CACHE, key);
  if (!existsSync(join(dir, MARKER))) {
    await mkdir(CACHE, { recursive: true });
    // Older installs are of kits that no longer exist: remove them so the temp folder does not fill up.
    for (const old of await readdir(CACHE)) await rm(join(CACHE, old), { recursive: true, force: true });
    const partial = await mkdtemp(join(CACHE, `${key}.partial-`));
    await cp(tarball, join(partial, 'profile-contracts.tgz'));
    await install(partial, 'profile-contracts.tgz');
    await rename(partial, dir);
  }
  project.provide('consumerDir', join(dir, 'project'));
  project.provide('tarball', join(dir, 'profile-contracts.tgz'));
  project.provide('packedFiles', files.map((f) => f.replace(/^package\//, '')));
  return () => rm(packDir, { recursive: true, force: true });
}
