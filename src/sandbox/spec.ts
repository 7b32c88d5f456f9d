// The spec, read at start: openapi/profile-service.yaml is parsed once and handed to spec-operations.ts,
// which derives the operations the HTTP adapter registers and the validators for their parameters.
//
// The parsed YAML is cached as JSON under the OS temp folder, keyed by the SHA-256 of the spec's text: the
// file is still read on every start and any change to it is a cache miss, but parsing 600 lines of YAML (the
// slowest step of a cold start) happens once.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { specFromDocument, type LoadedSpec } from './spec-operations.ts';

export type { JsonSchema, LoadedSpec, ParameterViolation, SpecOperation, SpecParameter } from './spec-operations.ts';

export const SPEC_PATH = resolve(import.meta.dirname, '../../openapi/profile-service.yaml');
// In the OS temp folder (one per user), never inside the kit's own folder, which may be read-only or shared.
const CACHE_DIR = join(tmpdir(), `profile-contracts-${process.getuid?.() ?? 'user'}`, 'spec-cache');

/** The spec as a plain object: from the JSON cache when the text is unchanged, else parsed with `yaml`. */
async function readDocument(file: string): Promise<Record<string, any>> {
  const text = readFileSync(file, 'utf8');
  const key = createHash('sha256').update(text).digest('hex');
  const cached = join(CACHE_DIR, `spec-${key}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    // A miss (or an unreadable cache entry): parse, and try to remember it; failing to write is harmless.
  }
  const { parse } = await import('yaml');
  const document = parse(text) as Record<string, any>;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(document));
    renameSync(partial, cached);
  } catch {
    // read-only checkout: parse again next time
  }
  return document;
}

let loadedDefault: Promise<LoadedSpec> | undefined;

/** Read the spec and derive its operations (once per process for the kit's spec; every sandbox shares it). */
export function loadSpec(file = SPEC_PATH): Promise<LoadedSpec> {
  if (file !== SPEC_PATH) return buildSpec(file);
  loadedDefault ??= buildSpec(file);
  return loadedDefault;
}

async function buildSpec(file: string): Promise<LoadedSpec> {
  return specFromDocument(await readDocument(file));
}
