// The control API's own document (openapi/sandbox-control.yaml), read for its schemas: the snapshot of
// GET/PUT /_sandbox/state, the SANDBOX_SEED file (and the MSW handlers' seed) and the bodies of the control
// routes are checked against them, so the document and the sandbox cannot drift apart. A failed check is one
// sentence naming the field (`users[0].media[1].additionalType`) and what is allowed there.
//
// The document comes from its generated module (src/generated/sandbox-control.document.ts, kept equal to the
// YAML file by a test), not from the file: the MSW handlers check seeds and snapshots in a browser too.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { controlDocument } from '../generated/sandbox-control.document.ts';
import { createAjv, type Ajv2020 } from '../spec/ajv.ts';
import { deref, isObject, type Json, type JsonObject } from '../spec/data.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; detail: string };

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** A schema of components.schemas, every `$ref` in it resolved. */
export function controlSchema(name: string): JsonObject {
  const doc = controlDocument as JsonObject;
  const resolveAll = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolveAll);
    if (!isObject(node)) return node;
    const target = typeof node.$ref === 'string' ? deref(doc, node as Json, '').node : node;
    if (!isObject(target)) throw new Error(`sandbox-control.yaml: ${String(node.$ref)} points nowhere`);
    return Object.fromEntries(Object.entries(target).filter(([k]) => k !== '$ref').map(([k, v]) => [k, resolveAll(v)]));
  };
  const schema = (doc.components as JsonObject | undefined)?.schemas;
  const found = isObject(schema) ? schema[name] : undefined;
  if (!isObject(found)) throw new Error(`sandbox-control.yaml has no components.schemas.${name}`);
  return resolveAll(found) as JsonObject;
}

/** `/users/0/media/1` → `users[0].media[1]` (the way people write a field of a YAML or JSON file). */
export function fieldName(pointer: string, root = ''): string {
  let out = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  }
  return out || '(the document)';
}

function describe(err: ErrorObject, data: unknown, root: string): string {
  const field = fieldName(err.instancePath, root);
  const at = (pointer: string): unknown => {
    let node: unknown = data;
    for (const raw of pointer.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node;
  };
  const given = JSON.stringify(at(err.instancePath));
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return `${field} has no "${String(p.missingProperty)}"; add it.`;
    case 'additionalProperties': {
      const allowed = Object.keys((err.parentSchema?.properties as object | undefined) ?? {});
      return `${field} has the unknown field "${String(p.additionalProperty)}"; allowed fields: ${allowed.join(', ')}.`;
    }
    case 'enum':
      return `${field} is ${given}; allowed: ${(p.allowedValues as unknown[]).join(', ')}.`;
    case 'const':
      return `${field} is ${given}; it must be ${JSON.stringify(p.allowedValue)}.`;
    case 'type':
      return `${field} is ${given}; it must be of type ${String(p.type)}.`;
    case 'pattern':
      return `${field} is ${given}; it must match ${String(p.pattern)}.`;
    default:
      return `${field} is ${given}; it ${err.message ?? 'is not valid'}.`;
  }
}

/** Check `value` against a schema of the control document; `root` prefixes field names (e.g. the file). */
export function checkControl<T>(schemaName: string, value: unknown, root = ''): Checked<T> {
  let validate = validators.get(schemaName);
  if (!validate) {
    ajv ??= createAjv({ allErrors: false, verbose: true });
    validate = ajv.compile(controlSchema(schemaName));
    validators.set(schemaName, validate);
  }
  if (validate(value)) return { ok: true, value: value as T };
  return { ok: false, detail: describe(validate.errors![0]!, value, root) };
}
