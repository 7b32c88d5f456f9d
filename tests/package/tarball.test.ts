// What the tarball ships: the build, the spec, the pacts, README and docs, and nothing of the repo's own
// machinery; publint and arethetypeswrong find no problem with its manifest and its types.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { installedKit } from './support/consumer.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const files = inject('packedFiles');
const tarball = inject('tarball');

type Manifest = {
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional: boolean }>;
};
const manifest = async (): Promise<Manifest> => JSON.parse(await readFile(join(installedKit(), 'package.json'), 'utf8'));

describe('the tarball', () => {
  it('ships the build, the spec, the pacts, README and the docs', () => {
    expect(files).toContain('dist/cli/bin.js');
    expect(files).toContain('openapi/profile-service.yaml');
    expect(files).toContain('README.md');
    expect(files).toContain('docs/consumers.md');
    expect(files.filter((f) => /^pacts\/.+\.json$/.test(f)).length).toBeGreaterThan(0);
  });

  it('ships nothing else: no sources, tests, scripts, CI or stray files', () => {
    const allowed = /^(dist\/.+\.(js|d\.ts)|openapi\/[^/]+\.yaml|pacts\/[^/]+\.json|docs\/[^/]+\.(md|svg)|README\.md|package\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });

  it('has every file that exports and bin point at', async () => {
    const m = await manifest();
    const targets = Object.values(m.exports).flatMap((t) => (typeof t === 'string' ? [t] : [t.types, t.default]));
    for (const target of [...targets, ...Object.values(m.bin)]) expect(files).toContain(target.replace(/^\.\//, ''));
  });

  it('the bin starts with a node shebang', async () => {
    const first = (await readFile(join(installedKit(), 'dist/cli/bin.js'), 'utf8')).split('\n')[0];
    expect(first).toBe('#!/usr/bin/env node');
  });

  it('needs no tsx or typescript at run time; the tools only `check` and `generate` use are optional peers', async () => {
    const m = await manifest();
    expect(Object.keys(m.dependencies)).not.toContain('tsx');
    expect(Object.keys(m.dependencies)).not.toContain('typescript');
    for (const peer of Object.keys(m.peerDependencies)) expect(m.peerDependenciesMeta[peer]?.optional).toBe(true);
    const js = files.filter((f) => f.endsWith('.js'));
    for (const f of js) {
      const code = (await readFile(join(installedKit(), f), 'utf8')).split('\n').filter((l) => !/^\s*(\/\/|\*)/.test(l));
      // Neither tsx nor a .ts file (an import the build did not rewrite) is loaded by the build, and typescript
      // only on first use by `generate`, whose optional peer it is (never a static import).
      expect(code.filter((l) => /(from|import\()\s*['"](tsx|[^'"]+\.ts)['"]/.test(l)), f).toEqual([]);
      expect(code.filter((l) => /from\s*['"](typescript|openapi-typescript)['"]/.test(l)), f).toEqual([]);
      if (!f.startsWith('dist/generate/')) expect(code.filter((l) => /import\(\s*['"](typescript|openapi-typescript)['"]/.test(l)), f).toEqual([]);
    }
  });

  it('publint finds nothing, warnings included', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'node_modules/publint/src/cli.js'), 'run', tarball, '--strict']);
    expect(stdout).toContain('All good');
  });

  it('arethetypeswrong finds no problem for ES-module consumers (node16 from ESM and bundlers)', async () => {
    // esm-only: the kit is an ES module, so node10 and require() from CommonJS are out of scope. The spec file is
    // data for tools, not a module TypeScript resolves, so it is not a types entry point.
    const attw = join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const args = [attw, tarball, '--profile', 'esm-only', '--exclude-entrypoints', './openapi.yaml', '--format', 'json'];
    const { stdout } = await run(process.execPath, args).catch((err: { stdout: string }) => err);
    const result = JSON.parse(stdout) as { analysis: { problems: { resolutionKind?: string }[]; entrypoints: Record<string, unknown> } };
    // The JSON lists the problems of every resolution kind; the profile's own are node16 from ESM and bundler.
    const inScope = result.analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(inScope).toEqual([]);
    expect(Object.keys(result.analysis.entrypoints)).toEqual(
      expect.arrayContaining(['./client', './sandbox', './verify', './notifications', './types', './package.json']),
    );
  });
});
