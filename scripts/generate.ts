// Generates the TypeScript types in src/generated/ from the hand-written spec in openapi/.
// The output is deterministic, so `npm run check` can regenerate to a temporary place and
// compare byte for byte with the committed copy.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { DOCUMENT_MODULE_PATH, generateDocumentModule } from '../src/generate/document-module.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC_PATH = resolve(ROOT, 'openapi/profile-service.yaml');
export const TYPES_PATH = resolve(ROOT, 'src/generated/profile-service.ts');

const HEADER = `/**
 * generated, do not edit.
 * Source: openapi/profile-service.yaml. Regenerate with \`npm run generate\`;
 * \`npm run check\` fails when this file and the spec disagree.
 */

`;

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

/** Render the types for the spec at `specPath` (defaults to the project's spec). */
export async function generateTypes(specPath: string = SPEC_PATH): Promise<string> {
  const source = await readFile(specPath, 'utf8');
  const ast = await openapiTS(source, {
    // openapi-typescript types `format: binary` as string; in a multipart body the client sends a Blob.
    transform(schemaObject) {
      if ('format' in schemaObject && schemaObject.format === 'binary') {
        return schemaObject.nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
      }
      return undefined;
    },
  });
  return HEADER + astToString(ast);
}

export async function run(_argv: string[] = []): Promise<number> {
  const out = await generateTypes();
  await mkdir(dirname(TYPES_PATH), { recursive: true });
  await writeFile(TYPES_PATH, out);
  console.log(`wrote ${TYPES_PATH.slice(ROOT.length + 1)} from openapi/profile-service.yaml`);
  await writeFile(DOCUMENT_MODULE_PATH, await generateDocumentModule());
  console.log(`wrote ${DOCUMENT_MODULE_PATH.slice(ROOT.length + 1)} from openapi/profile-service.yaml`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await run(process.argv.slice(2));
}
