// The one loader of the spec: YAML (or JSON) text to a plain object, for the sandbox, verify, the example
// validator and the drift gate.
//
// Parsing 600 lines of YAML is the slowest step of the sandbox's cold start, and loading the `yaml` package
// alone takes tens of milliseconds. So `yaml` is required only when something is actually parsed, and
// `loadSpec(path, { cache: true })` keeps the parsed document as JSON in the OS temp folder, keyed by the
// SHA-256 of the spec's text: the file is still read every time and any change to it is a miss. The cache lives
// in a folder per user (never in the kit's own folder, which may be read-only once installed).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isObject, type JsonObject } from './data.ts';
import { SPEC_PATH } from './paths.ts';

const require = createRequire(import.meta.url);

/** Where parsed specs are cached: `<os temp>/profile-contracts-<uid>/`. */
export const CACHE_DIR = join(tmpdir(), `profile-contracts-${process.getuid?.() ?? 'user'}`);

export interface LoadOptions {
  /** Keep the parsed document as JSON in CACHE_DIR and reuse it while the text is unchanged. */
  cache?: boolean;
}

/** Parse spec text (YAML or JSON); throws when the document is not an object. */
export function parseSpec(text: string): JsonObject {
  const { parse } = require('yaml') as typeof import('yaml');
  const doc = parse(text) as unknown;
  if (!isObject(doc)) throw new Error('the spec is not a YAML/JSON object');
  return doc;
}

export async function loadSpec(path: string = SPEC_PATH, options: LoadOptions = {}): Promise<JsonObject> {
  const text = await readFile(path, 'utf8');
  return options.cache ? cached(text) : parseSpec(text);
}

/** The same for callers that cannot wait (a constructor). */
export function loadSpecSync(path: string = SPEC_PATH, options: LoadOptions = {}): JsonObject {
  const text = readFileSync(path, 'utf8');
  return options.cache ? cached(text) : parseSpec(text);
}

function cached(text: string): JsonObject {
  const file = join(CACHE_DIR, `spec-${createHash('sha256').update(text).digest('hex')}.json`);
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (isObject(doc)) return doc;
  } catch {
    // A miss (or an unreadable entry): parse, and try to remember it.
  }
  const doc = parseSpec(text);
  try {
    mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(doc));
    renameSync(partial, file);
  } catch {
    // An unwritable temp folder only costs a parse next time.
  }
  return doc;
}
