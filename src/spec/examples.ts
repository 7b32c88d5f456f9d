// Validates every example in the spec against its schema, so the examples Prism serves, docs/mock.md lists and
// consumers copy can never contradict the contract. The drift gate's lint step calls `validateExamples()`; the
// contract tests reuse `createSpecValidator()` to check what the mock answers against the same schemas.
//
// Examples checked: media-type `example`/`examples` (responses, request bodies, under paths, webhooks and
// components), parameter and header `example`/`examples` (including `content` forms), and schema-level
// `examples` (and OpenAPI's `example`) on every schema, nested ones included. Validation uses the kit's one Ajv
// set-up (ajv.ts) in strict mode; local `$ref`s resolve against the spec itself.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.ts';
import { atPointer as resolvePointer, escapePointer as escapeToken, HTTP_METHODS, isObject, type Json, type JsonObject } from './data.ts';
import { SPEC_PATH } from './paths.ts';
import { loadSpec } from './load.ts';

// Schema keywords whose value is a schema, a list of schemas, or a map of schemas (JSON Schema 2020-12).
const SUBSCHEMA = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];
// Values that are data, not schemas: `$ref`-rewriting must not touch them.
const DATA_KEYWORDS = new Set(['examples', 'example', 'const', 'enum', 'default']);

/** JSON pointer ("/a/b") from tokens, as written in `#...` references. */
export const pointer = (tokens: string[]): string => tokens.map((t) => '/' + escapeToken(t)).join('');

/** The JSON pointer of a local `$ref` ("#/components/schemas/Person" → "/components/schemas/Person"). */
const refPointer = (ref: string): string => decodeURIComponent(ref.slice(1));

export interface SpecValidator {
  /** Error messages (empty when valid) for `value` against the schema at JSON pointer `schemaPointer`. */
  validate(schemaPointer: string, value: unknown): string[];
}

/**
 * Ajv validators for schemas anywhere in `spec`, by JSON pointer (e.g. `/components/schemas/Person`).
 *
 * Why the `$defs` rewrite: Ajv resolves `#/components/...` only inside a schema it compiles whole, and the
 * OpenAPI document itself is not a schema (strict mode rightly rejects `openapi`, `paths`, ...). So each
 * requested schema is compiled as `{ $defs: { <id>: schema, ...every schema it references }, $ref: <id> }`,
 * with each local `$ref` rewritten to its `$defs` entry. Strict mode stays on, so a misspelt keyword in the
 * spec is reported instead of silently ignored.
 */
export function createSpecValidator(spec: JsonObject): SpecValidator {
  const ajv = createAjv({ strict: true, allErrors: true, verbose: true });
  const cache = new Map<string, ValidateFunction | Error>();
  // `$defs` names are short ids ("s0", "s1", ...) so that no pointer escaping is needed.
  const ids = new Map<string, string>();
  const idOf = (ptr: string): string => {
    let id = ids.get(ptr);
    if (!id) ids.set(ptr, (id = `s${ids.size}`));
    return id;
  };
  // Where each compiled schema object came from in the spec, so errors can name the spec's schema.
  const origin = new WeakMap<object, string>();
  const defKey = (ptr: string) => `#/$defs/${idOf(ptr)}`;

  function closure(start: string): JsonObject {
    const defs: JsonObject = {};
    const pending = [start];
    while (pending.length > 0) {
      const ptr = pending.pop()!;
      if (idOf(ptr) in defs) continue;
      const target = resolvePointer(spec, ptr);
      if (target === undefined) throw new Error(`$ref "#${ptr}" points at nothing in the spec; fix the reference.`);
      // `names`: the node is a map of names to schemas (`properties`, ...), whose keys are not keywords.
      const rewrite = (node: Json, at: string, names = false): Json => {
        if (Array.isArray(node)) return node.map((n, i) => rewrite(n, `${at}/${i}`));
        if (!isObject(node)) return node;
        const out: JsonObject = {};
        origin.set(out, at);
        for (const [k, v] of Object.entries(node)) {
          const here = `${at}/${escapeToken(k)}`;
          if (names) out[k] = rewrite(v, here);
          else if (k === '$ref' && typeof v === 'string') {
            if (!v.startsWith('#')) throw new Error(`external $ref "${v}" at #${ptr} is not supported; keep the spec in one file.`);
            const refPtr = refPointer(v);
            pending.push(refPtr);
            out[k] = defKey(refPtr);
          } else out[k] = DATA_KEYWORDS.has(k) ? v : rewrite(v, here, SUBSCHEMA_MAPS.includes(k));
        }
        return out;
      };
      defs[idOf(ptr)] = rewrite(target, ptr);
    }
    return defs;
  }

  function compile(schemaPointer: string): ValidateFunction | Error {
    let fn = cache.get(schemaPointer);
    if (!fn) {
      try {
        fn = ajv.compile({ $defs: closure(schemaPointer), $ref: defKey(schemaPointer) });
      } catch (err) {
        fn = new Error(`the schema at #${schemaPointer} cannot be compiled: ${err instanceof Error ? err.message : String(err)}`);
      }
      cache.set(schemaPointer, fn);
    }
    return fn;
  }

  return {
    validate(schemaPointer, value) {
      const fn = compile(schemaPointer);
      if (fn instanceof Error) return [fn.message];
      return fn(value) ? [] : (fn.errors ?? []).map((e) => describeError(e, origin));
    },
  };
}

/** One Ajv error as "<where in the value> <what is wrong> (schema #<pointer of the failing keyword in the spec>)". */
function describeError(e: ErrorObject, origin: WeakMap<object, string>): string {
  const where = e.instancePath === '' ? '(the whole value)' : e.instancePath;
  let what = e.message ?? 'is invalid';
  if (e.keyword === 'enum') what += `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'additionalProperties') what += `: "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  const from = isObject(e.parentSchema) ? origin.get(e.parentSchema) : undefined;
  return `${where} ${what} (schema #${from !== undefined ? `${from}/${e.keyword}` : e.schemaPath.slice(1)})`;
}

interface ExampleCase {
  /** JSON pointer of the example value in the spec. */
  at: string;
  schema: string;
  value: Json;
}

/** Collect every example in the spec with the pointer of the schema it must satisfy. */
function collectExamples(spec: JsonObject): { cases: ExampleCase[]; problems: string[] } {
  const cases: ExampleCase[] = [];
  const problems: string[] = [];

  const schemaNode = (node: Json, at: string[]): void => {
    if (!isObject(node)) return;
    if (Array.isArray(node.examples)) node.examples.forEach((v, i) => cases.push({ at: pointer([...at, 'examples', String(i)]), schema: pointer(at), value: v }));
    if ('example' in node) cases.push({ at: pointer([...at, 'example']), schema: pointer(at), value: node.example! });
    for (const k of SUBSCHEMA) if (k in node) schemaNode(node[k]!, [...at, k]);
    for (const k of SUBSCHEMA_LISTS) if (Array.isArray(node[k])) (node[k] as Json[]).forEach((s, i) => schemaNode(s, [...at, k, String(i)]));
    for (const k of SUBSCHEMA_MAPS) if (isObject(node[k])) for (const [name, s] of Object.entries(node[k] as JsonObject)) schemaNode(s, [...at, k, name]);
  };

  // A media type, parameter or header: `schema` plus `example` or named `examples`.
  const holder = (node: Json, at: string[]): void => {
    if (!isObject(node) || '$ref' in node) return; // referenced components are visited where they are defined
    if (isObject(node.schema)) {
      const schema = pointer([...at, 'schema']);
      if ('example' in node) cases.push({ at: pointer([...at, 'example']), schema, value: node.example! });
      if (isObject(node.examples)) {
        for (const [name, ex] of Object.entries(node.examples)) {
          let example = ex;
          let where = [...at, 'examples', name];
          if (isObject(ex) && typeof ex.$ref === 'string') {
            example = resolvePointer(spec, refPointer(ex.$ref)) ?? null;
            if (!isObject(example)) {
              problems.push(`${pointer(where)}: $ref "${ex.$ref}" points at no Example object; fix the reference.`);
              continue;
            }
          }
          if (!isObject(example)) continue;
          if ('value' in example) cases.push({ at: pointer([...where, 'value']), schema, value: example.value! });
          else if (!('externalValue' in example)) problems.push(`${pointer(where)}: the example has no \`value\`; add one.`);
        }
      }
      schemaNode(node.schema, [...at, 'schema']);
    }
    if (isObject(node.content)) for (const [type, media] of Object.entries(node.content)) mediaType(media, [...at, 'content', type]);
  };
  const mediaType = (node: Json, at: string[]): void => {
    holder(node, at);
    if (isObject(node) && isObject(node.encoding))
      for (const [field, enc] of Object.entries(node.encoding))
        if (isObject(enc) && isObject(enc.headers)) for (const [h, header] of Object.entries(enc.headers)) holder(header, [...at, 'encoding', field, 'headers', h]);
  };
  const response = (node: Json, at: string[]): void => {
    if (!isObject(node) || '$ref' in node) return;
    if (isObject(node.headers)) for (const [h, header] of Object.entries(node.headers)) holder(header, [...at, 'headers', h]);
    if (isObject(node.content)) for (const [type, media] of Object.entries(node.content)) mediaType(media, [...at, 'content', type]);
  };
  const requestBody = (node: Json, at: string[]): void => {
    if (isObject(node) && !('$ref' in node) && isObject(node.content))
      for (const [type, media] of Object.entries(node.content)) mediaType(media, [...at, 'content', type]);
  };
  const parameters = (list: Json | undefined, at: string[]): void => {
    if (Array.isArray(list)) list.forEach((p, i) => holder(p, [...at, String(i)]));
  };
  const pathItem = (node: Json, at: string[]): void => {
    if (!isObject(node)) return;
    parameters(node.parameters, [...at, 'parameters']);
    for (const method of HTTP_METHODS) {
      const op = node[method];
      if (!isObject(op)) continue;
      parameters(op.parameters, [...at, method, 'parameters']);
      requestBody(op.requestBody!, [...at, method, 'requestBody']);
      if (isObject(op.responses)) for (const [code, r] of Object.entries(op.responses)) response(r, [...at, method, 'responses', code]);
      if (isObject(op.callbacks))
        for (const [name, cb] of Object.entries(op.callbacks))
          if (isObject(cb)) for (const [expr, item] of Object.entries(cb)) pathItem(item, [...at, method, 'callbacks', name, expr]);
    }
  };

  for (const section of ['paths', 'webhooks'] as const) {
    const items = spec[section];
    if (isObject(items)) for (const [key, item] of Object.entries(items)) pathItem(item, [section, key]);
  }
  const c = isObject(spec.components) ? spec.components : {};
  const each = (name: string, fn: (node: Json, at: string[]) => void) => {
    if (isObject(c[name])) for (const [key, node] of Object.entries(c[name] as JsonObject)) fn(node, ['components', name, key]);
  };
  each('schemas', schemaNode);
  each('responses', response);
  each('parameters', holder);
  each('headers', holder);
  each('requestBodies', requestBody);
  each('pathItems', pathItem);
  return { cases, problems };
}

/**
 * Validate every example in the spec at `specPath` against its schema. Returns one readable message per
 * failing example ("#/json/pointer/of/the/example: <what is wrong>"); an empty list means all are valid.
 */
export async function validateExamples(specPath: string = SPEC_PATH): Promise<string[]> {
  const spec = await loadSpec(specPath);
  const { cases, problems } = collectExamples(spec);
  const validator = createSpecValidator(spec);
  const messages = [...problems];
  for (const c of cases) {
    const errors = validator.validate(c.schema, c.value);
    if (errors.length > 0) messages.push(`#${c.at}: ${errors.join('; ')}`);
  }
  return messages;
}

/** How many examples the spec holds (so a test can tell "all valid" from "none found"). */
export async function countExamples(specPath: string = SPEC_PATH): Promise<number> {
  return collectExamples(await loadSpec(specPath)).cases.length;
}
