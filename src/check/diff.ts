// The gate's own breaking-change rules: pure functions over two parsed specs, for the classes of oasdiff's
// checks that Optic's breaking-changes standard does not cover (docs/ci.md has the table of which does what):
//   request:  a removed parameter or request media type, a narrowed constraint (maxLength, minLength, pattern,
//             minimum/maximum, maxItems/minItems, format, ...) on a parameter or body property, a new security
//             requirement;
//   response: a removed header or media type, a changed or removed format;
//   webhooks: (Optic does not read them) a removed property, a changed type, a required property made optional,
//             an enum widened (warning), a changed format — what the subscriber receives, like a response.
// Each change names the operation it belongs to, so the consumer-aware escalation can see whether a pact uses it.
import { deref, escapePointer, HTTP_METHODS, isObject, type Json, type JsonObject } from '../spec/data.ts';

export type Severity = 'error' | 'warn';

export interface SpecChange {
  /** The class of change, e.g. `request-constraint-narrowed` (the id's first part, the table's row). */
  rule: string;
  severity: Severity;
  /** `METHOD /template` of the operation, or `webhook <name>`. */
  op: string;
  /** JSON pointer in the base spec of what changed, for the finding's id. */
  jsonPath: string;
  /** Where, for people: `POST /media request body › name`. */
  where: string;
  problem: string;
}

/** Constraints that, made stricter, reject values a client sends today. `tighter(before, after)` says whether they did. */
const CONSTRAINTS: { keyword: string; tighter: (before: Json | undefined, after: Json | undefined) => boolean }[] = [
  { keyword: 'maxLength', tighter: (b, a) => lowered(b, a) },
  { keyword: 'maxItems', tighter: (b, a) => lowered(b, a) },
  { keyword: 'maxProperties', tighter: (b, a) => lowered(b, a) },
  { keyword: 'maximum', tighter: (b, a) => lowered(b, a) },
  { keyword: 'exclusiveMaximum', tighter: (b, a) => lowered(b, a) },
  { keyword: 'minLength', tighter: (b, a) => raised(b, a) },
  { keyword: 'minItems', tighter: (b, a) => raised(b, a) },
  { keyword: 'minProperties', tighter: (b, a) => raised(b, a) },
  { keyword: 'minimum', tighter: (b, a) => raised(b, a) },
  { keyword: 'exclusiveMinimum', tighter: (b, a) => raised(b, a) },
  { keyword: 'multipleOf', tighter: (b, a) => a !== undefined && b !== a },
  { keyword: 'pattern', tighter: (b, a) => a !== undefined && b !== a },
  { keyword: 'format', tighter: (b, a) => a !== undefined && b !== a },
  { keyword: 'uniqueItems', tighter: (b, a) => a === true && b !== true },
];

function lowered(before: Json | undefined, after: Json | undefined): boolean {
  return typeof after === 'number' && (typeof before !== 'number' || after < before);
}
function raised(before: Json | undefined, after: Json | undefined): boolean {
  return typeof after === 'number' && (typeof before !== 'number' || after > before);
}

const show = (v: Json | undefined) => (v === undefined ? '(none)' : JSON.stringify(v));

/** A schema with `$ref` followed and `allOf` merged (properties, required), enough to compare two versions. */
interface Flat {
  node: JsonObject;
  properties: Record<string, Json>;
  required: Set<string>;
  /** The `$ref` targets followed, to stop at cycles. */
  refs: string[];
}

function flatten(doc: JsonObject, schema: Json | undefined, depth = 0): Flat | undefined {
  const { node, pointer } = deref(doc, schema, '');
  if (!isObject(node)) return undefined;
  const flat: Flat = {
    node,
    properties: { ...(isObject(node.properties) ? node.properties : {}) },
    required: new Set(Array.isArray(node.required) ? node.required.map(String) : []),
    refs: pointer ? [pointer] : [],
  };
  if (depth < 20 && Array.isArray(node.allOf)) {
    for (const part of node.allOf) {
      const p = flatten(doc, part, depth + 1);
      if (!p) continue;
      Object.assign(flat.properties, p.properties);
      for (const r of p.required) flat.required.add(r);
      flat.refs.push(...p.refs);
      for (const k of ['type', 'format', 'enum'] as const) if (flat.node[k] === undefined && p.node[k] !== undefined) flat.node = { ...flat.node, [k]: p.node[k]! };
    }
  }
  return flat;
}

function types(node: JsonObject): string[] {
  const t = node.type;
  return (Array.isArray(t) ? t.map(String) : t === undefined ? [] : [String(t)]).sort();
}

type Side = 'request' | 'response' | 'notification';

interface Walk {
  base: JsonObject;
  head: JsonObject;
  op: string;
  out: SpecChange[];
  seen: Set<string>;
}

/** Compare one schema in its two versions; `where` and `jsonPath` locate it; `side` says who reads the value. */
function compareSchema(w: Walk, side: Side, before: Json | undefined, after: Json | undefined, where: string, jsonPath: string): void {
  const b = flatten(w.base, before);
  const a = flatten(w.head, after);
  if (!b || !a) return;
  // A schema that refers to itself (directly or not) is compared once per pair of references on the way down.
  const pair = `${side}|${b.refs.join(',')}|${a.refs.join(',')}`;
  if (b.refs.length && a.refs.length) {
    if (w.seen.has(pair)) return;
    w.seen.add(pair);
  }
  const add = (rule: string, severity: Severity, problem: string) => w.out.push({ rule, severity, op: w.op, jsonPath, where, problem });

  if (side === 'request') {
    for (const c of CONSTRAINTS) {
      const was = b.node[c.keyword];
      const now = a.node[c.keyword];
      if (c.tighter(was, now)) {
        add('request-constraint-narrowed', 'error', `${c.keyword} is now ${show(now)} (was ${show(was)}): values clients send today may be rejected.`);
      }
    }
  } else {
    const was = b.node.format;
    const now = a.node.format;
    if (was !== undefined && was !== now) {
      add(`${side}-format-changed`, 'error', `format is now ${show(now)} (was ${show(was)}): clients that parse the value as ${show(was)} break.`);
    }
  }
  if (side === 'notification') {
    const [tb, ta] = [types(b.node), types(a.node)];
    if (tb.length && ta.length && tb.join() !== ta.join()) {
      add('notification-type-changed', 'error', `type is now ${ta.join(' | ')} (was ${tb.join(' | ')}): subscribers that read it break.`);
    }
    const [eb, ea] = [b.node.enum, a.node.enum];
    if (Array.isArray(eb)) {
      const added = Array.isArray(ea) ? ea.filter((v) => !eb.some((x) => JSON.stringify(x) === JSON.stringify(v))) : undefined;
      if (added === undefined || added.length) {
        add('notification-enum-widened', 'warn', `the enum now also allows ${added ? added.map((v) => JSON.stringify(v)).join(', ') : 'any value'}: subscribers must cope with values they do not know.`);
      }
    }
  }

  for (const [name, schema] of Object.entries(b.properties)) {
    const here = `${where} › ${name}`;
    const pointer = `${jsonPath}/properties/${escapePointer(name)}`;
    if (!(name in a.properties)) {
      if (side === 'notification') w.out.push({ rule: 'notification-property-removed', severity: 'error', op: w.op, jsonPath: pointer, where: here, problem: `the property "${name}" is removed: subscribers that read it break.` });
      continue;
    }
    if (side === 'notification' && b.required.has(name) && !a.required.has(name)) {
      w.out.push({ rule: 'notification-property-optional', severity: 'error', op: w.op, jsonPath: pointer, where: here, problem: `the property "${name}" is no longer required: subscribers that rely on it break when it is missing.` });
    }
    compareSchema(w, side, schema, a.properties[name], here, pointer);
  }
  if (b.node.items !== undefined && a.node.items !== undefined) compareSchema(w, side, b.node.items, a.node.items, `${where}[]`, `${jsonPath}/items`);
}

interface Operation {
  template: string;
  method: string;
  node: JsonObject;
  /** Parameters of the path item and the operation, the operation's winning (OpenAPI 3.1 §4.8.9), by `in:name`. */
  parameters: Map<string, JsonObject>;
  pointer: string;
}

function operations(doc: JsonObject): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const [template, raw] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const item = deref(doc, raw, '').node;
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const node = item[method];
      if (!isObject(node)) continue;
      const parameters = new Map<string, JsonObject>();
      for (const p of [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(node.parameters) ? node.parameters : [])]) {
        const param = deref(doc, p, '').node;
        if (isObject(param)) parameters.set(`${String(param.in)}:${String(param.name).toLowerCase()}`, param);
      }
      out.set(`${method.toUpperCase()} ${template}`, { template, method, node, parameters, pointer: `/paths/${escapePointer(template)}/${method}` });
    }
  }
  return out;
}

/** Media types of a request body or response, by name. */
function content(doc: JsonObject, holder: Json | undefined): JsonObject {
  const node = deref(doc, holder, '').node;
  return isObject(node) && isObject(node.content) ? node.content : {};
}

function headers(doc: JsonObject, response: Json | undefined): Map<string, { name: string; header: JsonObject }> {
  const node = deref(doc, response, '').node;
  const out = new Map<string, { name: string; header: JsonObject }>();
  if (!isObject(node) || !isObject(node.headers)) return out;
  for (const [name, raw] of Object.entries(node.headers)) {
    const header = deref(doc, raw, '').node;
    if (isObject(header)) out.set(name.toLowerCase(), { name, header });
  }
  return out;
}

/** Security alternatives of an operation: each a map of scheme → scopes; `[{}]` when none is needed. */
function security(doc: JsonObject, op: JsonObject): Map<string, string[]>[] {
  const list = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  const alternatives = list.filter(isObject).map((req) => new Map(Object.entries(req).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : []])));
  return alternatives.length ? alternatives : [new Map()];
}

/** Whether a client that satisfies `have` also satisfies `need` (every scheme and scope of `need` is in `have`). */
function satisfies(have: Map<string, string[]>, need: Map<string, string[]>): boolean {
  return [...need].every(([scheme, scopes]) => have.has(scheme) && scopes.every((s) => have.get(scheme)!.includes(s)));
}

const describeSecurity = (alt: Map<string, string[]>) =>
  alt.size === 0 ? 'none' : [...alt].map(([s, scopes]) => (scopes.length ? `${s} (${scopes.join(', ')})` : s)).join(' + ');

/** Every change of the gate's own rules from `base` to `head`. */
export function specChanges(base: JsonObject, head: JsonObject): SpecChange[] {
  const out: SpecChange[] = [];
  const headOps = operations(head);
  for (const [name, op] of operations(base)) {
    const now = headOps.get(name);
    if (!now) continue; // a removed operation is Optic's finding
    const w: Walk = { base, head, op: name, out, seen: new Set() };

    for (const [key, param] of op.parameters) {
      const label = `${String(param.in)} parameter "${String(param.name)}"`;
      const pointer = `${op.pointer}/parameters/${escapePointer(key)}`;
      const after = now.parameters.get(key);
      if (!after) {
        out.push({ rule: 'request-parameter-removed', severity: 'error', op: name, jsonPath: pointer, where: `${name} ${label}`, problem: `The ${label} is removed: clients that send it may be rejected or silently ignored.` });
        continue;
      }
      compareSchema(w, 'request', param.schema, after.schema, `${name} ${label}`, pointer);
    }

    const bodyBefore = content(base, op.node.requestBody);
    const bodyAfter = content(head, now.node.requestBody);
    for (const [type, media] of Object.entries(bodyBefore)) {
      const pointer = `${op.pointer}/requestBody/content/${escapePointer(type)}`;
      if (!(type in bodyAfter)) {
        if (Object.keys(bodyAfter).length === 0 && now.node.requestBody === undefined) continue; // body dropped: Optic's and the pacts' concern
        out.push({ rule: 'request-media-type-removed', severity: 'error', op: name, jsonPath: pointer, where: `${name} request body`, problem: `The request body no longer accepts ${type} (now: ${Object.keys(bodyAfter).join(', ') || 'none'}); clients that send ${type} break.` });
        continue;
      }
      compareSchema(w, 'request', isObject(media) ? media.schema : undefined, isObject(bodyAfter[type]) ? (bodyAfter[type] as JsonObject).schema : undefined, `${name} request body (${type})`, `${pointer}/schema`);
    }

    const secBefore = security(base, op.node);
    const secAfter = security(head, now.node);
    for (const alt of secBefore) {
      if (secAfter.some((need) => satisfies(alt, need))) continue;
      out.push({
        rule: 'security-requirement-added',
        severity: 'error',
        op: name,
        jsonPath: `${op.pointer}/security`,
        where: `${name} security`,
        problem: `A client authorised with ${describeSecurity(alt)} is no longer enough: the operation now needs ${secAfter.map(describeSecurity).join(' or ')}.`,
      });
    }

    const responsesBefore = isObject(op.node.responses) ? op.node.responses : {};
    const responsesAfter = isObject(now.node.responses) ? now.node.responses : {};
    for (const [status, response] of Object.entries(responsesBefore)) {
      if (!(status in responsesAfter)) continue; // a removed status code is Optic's finding
      const at = `${name} response ${status}`;
      const pointer = `${op.pointer}/responses/${escapePointer(status)}`;
      const headersAfter = headers(head, responsesAfter[status]);
      for (const [key, { name: header, header: h }] of headers(base, response)) {
        if (headersAfter.has(key)) continue;
        const required = h.required === true;
        out.push({
          rule: 'response-header-removed',
          severity: required ? 'error' : 'warn',
          op: name,
          jsonPath: `${pointer}/headers/${escapePointer(header)}`,
          where: `${at} header ${header}`,
          problem: `The ${required ? 'required' : 'optional'} response header ${header} is removed: clients that read it break.`,
        });
      }
      const typesAfter = content(head, responsesAfter[status]);
      for (const [type, media] of Object.entries(content(base, response))) {
        const mediaPointer = `${pointer}/content/${escapePointer(type)}`;
        if (!(type in typesAfter)) {
          out.push({ rule: 'response-media-type-removed', severity: 'error', op: name, jsonPath: mediaPointer, where: at, problem: `The ${status} response no longer offers ${type} (now: ${Object.keys(typesAfter).join(', ') || 'no content'}); clients that read ${type} break.` });
          continue;
        }
        compareSchema(w, 'response', isObject(media) ? media.schema : undefined, isObject(typesAfter[type]) ? (typesAfter[type] as JsonObject).schema : undefined, `${at} (${type})`, `${mediaPointer}/schema`);
      }
    }
  }
  out.push(...webhookChanges(base, head));
  return out;
}

/** Webhooks: the provider sends, the subscriber reads, so they are compared as responses are (Optic skips them). */
function webhookChanges(base: JsonObject, head: JsonObject): SpecChange[] {
  const out: SpecChange[] = [];
  const after = isObject(head.webhooks) ? head.webhooks : {};
  for (const [name, rawItem] of Object.entries(isObject(base.webhooks) ? base.webhooks : {})) {
    const op = `webhook ${name}`;
    const item = deref(base, rawItem, '').node;
    const itemAfter = deref(head, after[name], '').node;
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const before = item[method];
      if (!isObject(before)) continue;
      const pointer = `/webhooks/${escapePointer(name)}/${method}`;
      const now = isObject(itemAfter) ? itemAfter[method] : undefined;
      if (!isObject(now)) {
        out.push({ rule: 'notification-removed', severity: 'error', op, jsonPath: pointer, where: op, problem: `The webhook "${name}" (${method.toUpperCase()}) is removed: subscribers stop receiving it.` });
        continue;
      }
      const w: Walk = { base, head, op, out, seen: new Set() };
      const typesAfter = content(head, now.requestBody);
      for (const [type, media] of Object.entries(content(base, before.requestBody))) {
        const mediaPointer = `${pointer}/requestBody/content/${escapePointer(type)}`;
        if (!(type in typesAfter)) {
          out.push({ rule: 'notification-media-type-removed', severity: 'error', op, jsonPath: mediaPointer, where: op, problem: `The webhook no longer sends ${type} (now: ${Object.keys(typesAfter).join(', ') || 'nothing'}).` });
          continue;
        }
        compareSchema(w, 'notification', isObject(media) ? media.schema : undefined, isObject(typesAfter[type]) ? (typesAfter[type] as JsonObject).schema : undefined, `${op} (${type})`, `${mediaPointer}/schema`);
      }
    }
  }
  return out;
}
