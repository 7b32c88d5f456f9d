// The spec, read at start: openapi/profile-service.yaml is parsed once and handed to spec-operations.ts,
// which derives the operations the HTTP adapter registers and the validators for their parameters.
//
// The spec is read through the loader's JSON cache (src/spec/load.ts, in the OS temp folder): the file is still
// read on every start and any change to it is a cache miss, but parsing 600 lines of YAML (the slowest step of a
// cold start) happens once per change of the spec.
import { loadSpec as loadDocument } from '../spec/load.ts';
import { SPEC_PATH } from '../spec/paths.ts';
import { specFromDocument, type LoadedSpec } from './spec-operations.ts';

export type { JsonSchema, LoadedSpec, ParameterViolation, SpecOperation, SpecParameter } from './spec-operations.ts';

export { SPEC_PATH };

let loadedDefault: Promise<LoadedSpec> | undefined;

/** Read the spec and derive its operations (once per process for the kit's spec; every sandbox shares it). */
export function loadSpec(file = SPEC_PATH): Promise<LoadedSpec> {
  if (file !== SPEC_PATH) return buildSpec(file);
  loadedDefault ??= buildSpec(file);
  return loadedDefault;
}

async function buildSpec(file: string): Promise<LoadedSpec> {
  return specFromDocument(await loadDocument(file, { cache: true }));
}
