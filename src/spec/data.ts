// The OpenAPI document as plain data, for every part of the kit that reads it (the sandbox, the MSW handlers,
// verify, the example validator, the drift gate): JSON pointers, local `$ref`s, and which operation a concrete
// request path belongs to. One place, so the parts cannot read the one source of truth differently. No I/O and
// nothing node-only here (the MSW handlers run in a browser): where the spec is lives in paths.ts, loading it
// in load.ts, Ajv in ajv.ts.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON Pointer (RFC 6901) escaping of one segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function atPointer(doc: Json, pointer: string): Json | undefined {
  if (pointer === '' || pointer === '#') return doc;
  let node: Json | undefined = doc;
  for (const raw of pointer.replace(/^#/, '').split('/').slice(1)) {
    const key = unescapePointer(raw);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Follow local `$ref`s until a node without one; returns the node and the pointer it lives at. */
export function deref(doc: JsonObject, node: Json | undefined, pointer: string): { node: Json | undefined; pointer: string } {
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
    if (seen.has(node.$ref)) break;
    seen.add(node.$ref);
    pointer = node.$ref.slice(1);
    node = atPointer(doc, pointer);
  }
  return { node, pointer };
}

/**
 * A copy of `node` with every local `$ref` replaced by what it points at, at any depth (for schemas handed to a
 * validator or read field by field). Throws on a reference that points nowhere, an external one, or a cycle.
 */
export function inlineRefs(doc: JsonObject, node: Json | undefined, depth = 0): Json | undefined {
  if (depth > 50) throw new Error('openapi: $ref nesting deeper than 50, is there a cycle?');
  if (Array.isArray(node)) return node.map((n) => inlineRefs(doc, n, depth + 1) as Json);
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    if (!node.$ref.startsWith('#/')) throw new Error(`openapi: only local $refs are supported, got ${node.$ref}`);
    const target = deref(doc, node, '').node;
    if (target === undefined) throw new Error(`openapi: $ref ${node.$ref} points nowhere`);
    return inlineRefs(doc, target, depth + 1);
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = inlineRefs(doc, v, depth + 1) as Json;
  return out;
}

export interface OperationRef {
  /** The path template as written in the spec, e.g. `/media/{identifier}`. */
  template: string;
  method: string;
  operation: JsonObject;
  pointer: string;
}

/** The spec operation that serves `method path` (path templates match one segment per parameter). */
export function findOperation(doc: JsonObject, method: string, path: string): OperationRef | undefined {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const m = method.toLowerCase();
  const cleanPath = path.split('?')[0]!;
  // Prefer literal matches over templated ones, as OpenAPI prescribes.
  const templates = Object.keys(paths).sort((a, b) => a.split('{').length - b.split('{').length);
  for (const template of templates) {
    const pattern = new RegExp(
      '^' + template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+') + '/?$',
    );
    if (!pattern.test(cleanPath)) continue;
    const item = deref(doc, paths[template], `/paths/${escapePointer(template)}`);
    if (!isObject(item.node)) continue;
    const op = item.node[m];
    if (isObject(op)) return { template, method: m, operation: op, pointer: `${item.pointer}/${m}` };
  }
  return undefined;
}

/** All `(METHOD, template)` operations of the spec, e.g. `GET /media/{identifier}`. */
export function listOperations(doc: JsonObject): string[] {
  const out: string[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const m of HTTP_METHODS) if (isObject(item[m])) out.push(`${m.toUpperCase()} ${template}`);
  }
  return out;
}
