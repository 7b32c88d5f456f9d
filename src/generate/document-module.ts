// The spec document as a TypeScript module (src/generated/profile-service.document.ts), for code that cannot
// read files at run time: the MSW handlers (src/msw/) run in a browser tab too, where there is no file system
// and no YAML parser worth shipping. The module is the parsed YAML as a JSON literal, so everything derived
// from it (operations, parameter schemas, allowed values) is derived by the same code the sandbox uses on the
// live file. `npm run generate` writes it next to the types; a test fails when the committed copy differs.
import { resolve } from 'node:path';
import { loadSpec } from '../spec/load.ts';
import { SPEC_PATH } from '../spec/paths.ts';

/** Where the kit keeps the module, relative to a repository root. */
export const DOCUMENT_FILE = 'src/generated/profile-service.document.ts';
/** The kit's own copy. */
export const DOCUMENT_MODULE_PATH = resolve(import.meta.dirname, '../..', DOCUMENT_FILE);

const HEADER = `/**
 * generated, do not edit.
 * Source: openapi/profile-service.yaml, as plain data. Regenerate with \`npm run generate\`;
 * the tests fail when this file and the spec disagree.
 */

`;

/** The module's text for the spec at `specPath` (defaults to the kit's spec); deterministic. */
export async function generateDocumentModule(specPath: string = SPEC_PATH): Promise<string> {
  const document = await loadSpec(specPath);
  return `${HEADER}export const specDocument: Readonly<Record<string, any>> = ${JSON.stringify(document, null, 2)};\n`;
}
