// The spec document as a TypeScript module (src/generated/profile-service.document.ts), for code that cannot
// read files at run time (and the sandbox's control document the same way, sandbox-control.document.ts): the MSW handlers (src/msw/) run in a browser tab too, where there is no file system
// and no YAML parser worth shipping. The module is the parsed YAML as a JSON literal, so everything derived
// from it (operations, parameter schemas, allowed values) is derived by the same code the sandbox uses on the
// live file. `npm run generate` writes it next to the types; a test fails when the committed copy differs.
import { resolve } from 'node:path';
import { loadSpec } from '../spec/load.ts';
import { CONTROL_SPEC_PATH, SPEC_PATH } from '../spec/paths.ts';

/** Where the kit keeps the module, relative to a repository root. */
export const DOCUMENT_FILE = 'src/generated/profile-service.document.ts';
/** The kit's own copy. */
export const DOCUMENT_MODULE_PATH = resolve(import.meta.dirname, '../..', DOCUMENT_FILE);

/** The sandbox's control API as a module too (src/sandbox/control-spec.ts checks seeds and snapshots against it). */
export const CONTROL_DOCUMENT_FILE = 'src/generated/sandbox-control.document.ts';
export const CONTROL_DOCUMENT_MODULE_PATH = resolve(import.meta.dirname, '../..', CONTROL_DOCUMENT_FILE);

const header = (source: string) => `/**
 * generated, do not edit.
 * Source: ${source}, as plain data. Regenerate with \`npm run generate\`;
 * the tests fail when this file and the spec disagree.
 */

`;

export interface DocumentModuleOptions {
  /** The exported constant (default `specDocument`). */
  exportName?: string;
  /** How the header names the source (default `openapi/profile-service.yaml`). */
  sourceLabel?: string;
  /** The part of the document to keep (default all of it). */
  select?: (document: Record<string, unknown>) => unknown;
}

/** The module's text for the spec at `specPath` (defaults to the kit's spec); deterministic. */
export async function generateDocumentModule(specPath: string = SPEC_PATH, options: DocumentModuleOptions = {}): Promise<string> {
  const document = await loadSpec(specPath);
  const name = options.exportName ?? 'specDocument';
  const kept = options.select ? options.select(document) : document;
  return `${header(options.sourceLabel ?? 'openapi/profile-service.yaml')}export const ${name}: Readonly<Record<string, any>> = ${JSON.stringify(kept, null, 2)};\n`;
}

/**
 * The control document's module (`controlDocument`), from the kit's openapi/sandbox-control.yaml by default:
 * only its schemas, which is all that seeds and snapshots are checked against (the routes stay in the sandbox).
 */
export function generateControlDocumentModule(controlPath: string = CONTROL_SPEC_PATH): Promise<string> {
  return generateDocumentModule(controlPath, {
    exportName: 'controlDocument',
    sourceLabel: 'openapi/sandbox-control.yaml (components.schemas)',
    select: (document) => ({ components: { schemas: (document.components as Record<string, unknown> | undefined)?.schemas } }),
  });
}
