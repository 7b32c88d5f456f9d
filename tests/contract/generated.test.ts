// The committed types in src/generated/ are exactly what `npm run generate` makes from the spec, binary fields
// are typed as Blob (what a multipart client sends), and the generator really depends on the spec.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTypes, TYPES_FILE } from '../../src/generate/index.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { cleanup, specCopy } from './support/spec-copy.ts';

afterAll(cleanup);

const TYPES_PATH = resolve(import.meta.dirname, '../..', TYPES_FILE);

describe('src/generated/profile-service.ts', () => {
  it('equals generateTypes() of the spec, byte for byte (run `npm run generate` after a spec change)', async () => {
    const committed = await readFile(TYPES_PATH, 'utf8');
    expect(await generateTypes()).toBe(committed);
  });

  it('starts with the "generated, do not edit" header', async () => {
    expect(await readFile(TYPES_PATH, 'utf8')).toMatch(/^\/\*\*\n \* generated, do not edit\./);
  });

  it('types every `format: binary` schema of the spec as Blob, and nothing binary as string', async () => {
    const spec = await loadSpec();
    const schemas = (spec.components as { schemas: Record<string, { format?: string; properties?: Record<string, { format?: string }> }> }).schemas;
    // The binary places in the spec: whole schemas and object properties (MediaUpload.file, Binary).
    const binary: string[] = [];
    for (const [name, s] of Object.entries(schemas)) {
      if (s.format === 'binary') binary.push(name);
      for (const [prop, p] of Object.entries(s.properties ?? {})) if (p.format === 'binary') binary.push(prop);
    }
    expect(binary.sort()).toEqual(['Binary', 'file']);
    const types = await readFile(TYPES_PATH, 'utf8');
    for (const name of binary) expect(types, name).toMatch(new RegExp(`\\b${name}: Blob;`));
    // openapi-typescript's default for binary is string; the Format comment must always sit above a Blob.
    const afterFormat = [...types.matchAll(/Format: binary\n(?:\s+\*.*\n)*?\s+\*\/\n\s+(\w+)\??: (\w+)/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(afterFormat.sort()).toEqual(['Binary: Blob', 'file: Blob']);
  });
});

describe('generateTypes() of a changed spec', () => {
  it('differs from the committed types and shows the change', async () => {
    const path = await specCopy((doc) => {
      doc.components.schemas.Person.properties.nickname = { type: 'string', description: 'A new optional property.' };
      doc.components.schemas.MediaObject.properties.thumbnail = { type: 'string', format: 'binary' };
    });
    const changed = await generateTypes({ specPath: path });
    expect(changed).not.toBe(await readFile(TYPES_PATH, 'utf8'));
    expect(changed).toMatch(/nickname\?: string;/);
    expect(changed).toMatch(/thumbnail\?: Blob;/);
  });

  it('is deterministic: the same spec twice gives the same output', async () => {
    const path = await specCopy();
    expect(await generateTypes({ specPath: path })).toBe(await generateTypes({ specPath: path }));
  });
});
