// Checks real responses and webhook deliveries against the OpenAPI document, the single source of truth.
// This does what `prism proxy --errors` would do between the verifier and the provider, in process: Prism's
// proxy re-encodes binary bodies as UTF-8 in both directions (uploads and downloads arrive corrupted) and
// answers unauthenticated requests with its own 401 before the provider sees them, which would hide exactly
// the provider behaviour verify exists to check. So the schemas are compiled with Ajv (JSON Schema 2020-12,
// the dialect of OpenAPI 3.1) and each response is judged by status, media type, required headers and body.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, type Ajv2020 } from '../spec/ajv.ts';
import { deref, escapePointer, HTTP_METHODS, type JsonObject } from '../spec/data.ts';
import { SPEC_PATH } from '../spec/paths.ts';
import { loadSpecSync } from '../spec/load.ts';

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  template: string;
  matcher: RegExp;
  pointer: string;
  responses: Json;
}

export interface ResponseToCheck {
  method: string;
  /** The request path as the client sent it (query string allowed), relative to the provider's base URL. */
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SpecVerdict {
  /** `METHOD /template → status`, or undefined when the path is not in the spec. */
  operation?: string;
  violations: string[];
}

function formatErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const at = e.instancePath ? `${where}${e.instancePath.replace(/\//g, '.')}` : where;
    const extra =
      e.keyword === 'enum' ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
    return `${at} ${e.message ?? 'is invalid'}${extra}`;
  });
}

export class SpecChecker {
  private readonly doc: Json;
  private readonly ajv: Ajv2020;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(specPath: string = SPEC_PATH) {
    this.doc = loadSpecSync(specPath) as Json;
    // Not strict: the whole OpenAPI document is registered, with its non-schema objects; the schema keywords
    // themselves are all honoured.
    this.ajv = createAjv();
    this.ajv.addSchema(this.doc, 'spec');
    const paths = (this.doc.paths ?? {}) as Record<string, Json>;
    for (const [template, item] of Object.entries(paths)) {
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      const matcher = new RegExp(`^${pattern}$`);
      for (const method of HTTP_METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          matcher,
          pointer: `#/paths/${escapePointer(template)}/${method}`,
          responses: (op.responses ?? {}) as Json,
        });
      }
    }
  }

  /** Follow a local `$ref` (responses and headers are referenced from components). */
  private deref<T = Json>(value: unknown): { value: T; pointer?: string } {
    const { node, pointer } = deref(this.doc as JsonObject, value as JsonObject, '');
    return { value: node as T, pointer: pointer ? `#${pointer}` : undefined };
  }

  private validator(pointer: string): ValidateFunction {
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `spec${pointer}` });
      this.compiled.set(pointer, fn);
    }
    return fn;
  }

  findOperation(method: string, path: string): Operation | undefined {
    const bare = path.split('?')[0]!;
    return this.operations.find((o) => o.method === method.toUpperCase() && o.matcher.test(bare));
  }

  checkResponse(r: ResponseToCheck): SpecVerdict {
    const op = this.findOperation(r.method, r.path);
    if (!op) return { violations: [`${r.method} ${r.path.split('?')[0]} is not an operation of the spec`] };
    const operation = `${op.method} ${op.template} → ${r.status}`;
    const violations: string[] = [];
    const key = String(r.status);
    const declared = Object.keys(op.responses);
    const responseKey = [key, `${key[0]}XX`, 'default'].find((k) => k in op.responses);
    if (!responseKey) {
      violations.push(`status ${r.status} is not declared for ${op.method} ${op.template} (declared: ${declared.join(', ')})`);
      return { operation, violations };
    }
    const { value: response, pointer: responseRef } = this.deref(op.responses[responseKey]);
    const responsePointer = responseRef ?? `${op.pointer}/responses/${escapePointer(responseKey)}`;
    const header = (name: string) => {
      const v = r.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : v;
    };

    for (const [name, raw] of Object.entries((response.headers ?? {}) as Json)) {
      const { value: h, pointer: hRef } = this.deref(raw);
      const got = header(name);
      if (got === undefined) {
        if (h.required) violations.push(`required header ${name} is missing`);
        continue;
      }
      const schema = (h.schema ?? {}) as Json;
      const value: unknown = schema.type === 'integer' && /^\d+$/.test(got) ? Number(got) : got;
      const schemaPointer = `${hRef ?? `${responsePointer}/headers/${escapePointer(name)}`}/schema`;
      const validate = this.validator(schemaPointer);
      if (!validate(value)) violations.push(...formatErrors(`header ${name}`, validate.errors));
    }

    const contents = (response.content ?? {}) as Json;
    const mediaTypes = Object.keys(contents);
    const contentType = (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaTypes.length === 0) {
      if (r.body.length > 0) violations.push(`the body must be empty, but ${r.body.length} bytes came back`);
      return { operation, violations };
    }
    if (r.body.length === 0) {
      violations.push(`the body is empty; expected ${mediaTypes.join(' or ')}`);
      return { operation, violations };
    }
    if (!mediaTypes.includes(contentType)) {
      violations.push(`Content-Type is "${contentType || '(none)'}"; the spec allows ${mediaTypes.join(', ')}`);
      return { operation, violations };
    }
    const schemaPointer = `${responsePointer}/content/${escapePointer(contentType)}/schema`;
    let body: unknown;
    if (contentType === 'application/json' || contentType.endsWith('+json')) {
      try {
        body = JSON.parse(r.body.toString('utf8'));
      } catch {
        violations.push(`the body is not valid JSON although Content-Type is ${contentType}`);
        return { operation, violations };
      }
    } else if (contentType.startsWith('text/')) {
      body = r.body.toString('utf8');
    } else {
      // Binary media: the spec says only "the exact bytes"; byte equality is a sequence rule.
      return { operation, violations };
    }
    const validate = this.validator(schemaPointer);
    if (!validate(body)) violations.push(...formatErrors('body', validate.errors));
    return { operation, violations };
  }

  /** Check one webhook delivery against `webhooks.profileNotification`. */
  checkNotification(payload: unknown): string[] {
    const validate = this.validator('#/webhooks/profileNotification/post/requestBody/content/application~1json/schema');
    return validate(payload) ? [] : formatErrors('message', validate.errors);
  }
}
