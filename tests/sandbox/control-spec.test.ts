// The control API's own document (openapi/sandbox-control.yaml): lint-clean under the house Spectral ruleset,
// its generated types (src/generated/sandbox-control.ts) and module (sandbox-control.document.ts, what seeds and
// snapshots are checked against) up to date, and every route it describes served by the sandbox.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONTROL_DOCUMENT_MODULE_PATH, generateControlDocumentModule } from '../../src/generate/document-module.ts';
import { generateTypes } from '../../src/generate/index.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { CONTROL_SPEC_PATH } from '../../src/spec/paths.ts';
import { loadSpec } from '../../src/spec/load.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('openapi/sandbox-control.yaml', () => {
  it('passes Spectral with the house ruleset, warnings included', async () => {
    const run = promisify(execFile)(
      resolve(ROOT, 'node_modules/.bin/spectral'),
      ['lint', 'openapi/sandbox-control.yaml', '--ruleset', '.spectral.yaml', '--fail-severity=warn'],
      { cwd: ROOT },
    );
    await expect(run).resolves.toMatchObject({ stdout: expect.stringContaining('No results') });
  });

  it('has its generated types committed and current (run `npm run generate` after a change)', async () => {
    const committed = await readFile(resolve(ROOT, 'src/generated/sandbox-control.ts'), 'utf8');
    expect(await generateTypes({ specPath: CONTROL_SPEC_PATH, sourceLabel: 'openapi/sandbox-control.yaml' })).toBe(committed);
  });

  it('has its document module committed and current (run `npm run generate` after a change)', async () => {
    expect(await readFile(CONTROL_DOCUMENT_MODULE_PATH, 'utf8')).toBe(await generateControlDocumentModule());
  });

  it('describes only routes the sandbox serves', async () => {
    const doc = await loadSpec(CONTROL_SPEC_PATH);
    const described = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => k !== 'parameters')
        .map((method) => ({ method: method.toUpperCase(), url: path.replace(/\{([^}]+)\}/g, ':$1') })),
    );
    expect(described.length).toBeGreaterThanOrEqual(13);
    const sandbox = await createSandbox();
    try {
      for (const route of described) expect(sandbox.app.hasRoute(route), `${route.method} ${route.url}`).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
