// The one Ajv set-up for the spec's schemas: JSON Schema 2020-12 (the dialect of OpenAPI 3.1) with ajv-formats,
// and OpenAPI's own formats and keywords known, so every part of the kit judges a value by the same rules.
// Importing this module loads Ajv (tens of milliseconds): the sandbox imports it lazily, on first use. Nothing
// node-only: the MSW handlers use it in a browser too.
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats, { type FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS: the default import is its module.exports, the plugin itself, at run time, but
// TypeScript under NodeNext (the build) types it as the whole module; the cast is valid under both resolutions.
const addFormats = formats as unknown as FormatsPlugin;

export type { Ajv2020 };

export interface AjvOptions {
  /**
   * Reject unknown keywords (default false). An OpenAPI document carries keywords plain JSON Schema does not
   * know; strict mode on a schema lifted out of it reports a misspelt keyword instead of ignoring it.
   */
  strict?: boolean;
  /** Collect every error instead of stopping at the first (default true: reports list them all). */
  allErrors?: boolean;
  /** Keep the failing schema in each error (default false), to name the spec's schema in messages. */
  verbose?: boolean;
}

/** OpenAPI formats that annotate a type without constraining the value any further here. */
const OPENAPI_FORMATS = ['binary', 'int32', 'int64', 'float', 'double', 'password'];
/** OpenAPI schema keywords that are annotations (known, so strict mode accepts them). */
const OPENAPI_KEYWORDS = ['discriminator', 'xml', 'externalDocs', 'example'];

export function createAjv(options: AjvOptions = {}): Ajv2020 {
  const strict = options.strict ?? false;
  const ajv = new Ajv2020({
    strict,
    // Strict about keywords, lenient about type inference across `allOf`/tuples, which the spec relies on.
    ...(strict ? { strictTypes: false, strictTuples: false } : {}),
    allErrors: options.allErrors ?? true,
    verbose: options.verbose ?? false,
  });
  addFormats(ajv);
  for (const f of OPENAPI_FORMATS) ajv.addFormat(f, true);
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  return ajv;
}
