// Generates the TypeScript types (`paths`, `components`, ...) from the hand-written spec. The output is
// deterministic, so the drift gate can regenerate in memory and compare byte for byte with the committed copy.
import { readFile } from 'node:fs/promises';
import { SPEC_PATH } from '../spec/paths.ts';

/** The generator's tools are optional peers of the kit: loaded on first use, with a message when missing. */
async function tools() {
  try {
    const [generator, { default: ts }] = await Promise.all([import('openapi-typescript'), import('typescript')]);
    return { openapiTS: generator.default, astToString: generator.astToString, ts };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    throw new Error(
      `generate needs the optional peer dependencies openapi-typescript and typescript (${(err as Error).message.split('\n')[0]}); ` +
        'install them next to profile-contracts: npm install --save-dev openapi-typescript typescript@^5',
    );
  }
}

/** Where the kit keeps its generated types, relative to a repository root. */
export const TYPES_FILE = 'src/generated/profile-service.ts';

const header = (source: string) => `/**
 * generated, do not edit.
 * Source: ${source}. Regenerate with \`npm run generate\`;
 * \`npm run check\` fails when this file and the spec disagree.
 */

`;


export interface GenerateOptions {
  /** The spec to read (default: the kit's own). */
  specPath?: string;
  /** How the header names the source, e.g. `openapi/profile-service.yaml` (the same for every checkout). */
  sourceLabel?: string;
}

/** Render the types for a spec as the text of a TypeScript module. */
export async function generateTypes(options: GenerateOptions = {}): Promise<string> {
  const source = await readFile(options.specPath ?? SPEC_PATH, 'utf8');
  const { openapiTS, astToString, ts } = await tools();
  const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));
  const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());
  const ast = await openapiTS(source, {
    // openapi-typescript types `format: binary` as string; in a multipart body the client sends a Blob.
    transform(schemaObject) {
      if ('format' in schemaObject && schemaObject.format === 'binary') {
        return schemaObject.nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
      }
      return undefined;
    },
  });
  return header(options.sourceLabel ?? 'openapi/profile-service.yaml') + astToString(ast);
}
