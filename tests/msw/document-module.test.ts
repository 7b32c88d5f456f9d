// The generated spec module (the MSW handlers' browser-safe copy of the spec) is what `npm run generate` makes
// of openapi/profile-service.yaml now, byte for byte, and it says the same as the file the sandbox reads.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_MODULE_PATH, generateDocumentModule } from '../../src/generate/document-module.ts';
import { specDocument } from '../../src/generated/profile-service.document.ts';
import { loadSpec } from '../../src/spec/load.ts';

describe('src/generated/profile-service.document.ts', () => {
  it('equals generateDocumentModule() of the spec (run `npm run generate` after a spec change)', async () => {
    expect(await readFile(DOCUMENT_MODULE_PATH, 'utf8')).toBe(await generateDocumentModule());
  });

  it('holds the spec document itself', async () => {
    expect(specDocument).toEqual(await loadSpec());
  });

  it('changes when the spec changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'document-module-'));
    try {
      const text = (await readFile(new URL('../../openapi/profile-service.yaml', import.meta.url), 'utf8')).replace(
        'operationId: getMe',
        'operationId: getMyself',
      );
      await writeFile(join(dir, 'spec.yaml'), text);
      const changed = await generateDocumentModule(join(dir, 'spec.yaml'));
      expect(changed).toContain('"operationId": "getMyself"');
      expect(changed).not.toBe(await readFile(DOCUMENT_MODULE_PATH, 'utf8'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
