// The spec as the mocks use it, derived from the parsed OpenAPI document: the list of operations the HTTP
// adapters register (method, path, operationId, whether it needs the bearer token, whether it takes a
// multipart body) and Ajv validators for their query and path parameters. Enums such as grant_type and
// AdditionalType are therefore checked against the spec itself, and the allowed values in error messages are
// read from it; the mocks keep no copy of them, so they cannot drift apart.
//
// This module does no I/O and imports nothing node-only, so the MSW handlers can use it in a browser (fed the
// generated src/generated/profile-service.document.ts), while the sandbox feeds it the live file (spec.ts).
// Ajv is loaded and the validators compiled lazily, on the first request that needs one (or by warmUp()):
// compiling costs more than the rest of the start, and GET /me needs none, so the first answer comes sooner.
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { deref as follow, inlineRefs, type JsonObject } from '../spec/data.ts';

export type JsonSchema = Record<string, unknown>;
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
type Method = Uppercase<(typeof HTTP_METHODS)[number]>;

export interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface ParameterViolation {
  in: 'query' | 'path';
  name: string;
  /** The value sent (undefined when missing). */
  value: unknown;
  /** Ajv's message, e.g. "must be equal to one of the allowed values". */
  message: string;
  /** The schema's enum, when it has one, for "allowed: …" in the error. */
  allowed?: readonly unknown[];
}

export interface SpecOperation {
  operationId: string;
  method: Method;
  /** The spec's path template, e.g. /media/{identifier}. */
  path: string;
  /** The same path in fastify's syntax, e.g. /media/:identifier. */
  routePath: string;
  /** True unless the operation says `security: []`. */
  secured: boolean;
  /** True when the request body is multipart/form-data (the upload). */
  multipart: boolean;
  parameters: SpecParameter[];
  /** True when the operation has query or path parameters to check. */
  hasCheckedParameters: boolean;
  /** Check the request's query and path parameters; undefined when they conform. */
  checkParameters(query: unknown, params: unknown): Promise<ParameterViolation | undefined>;
}

export interface LoadedSpec {
  document: Readonly<Record<string, any>>;
  operations: SpecOperation[];
  /** A named schema of components.schemas with its $refs resolved. */
  schema(name: string): JsonSchema;
  /** A validator for a named schema of components.schemas. */
  validator(name: string): Promise<ValidateFunction>;
  /** Compile every validator now (call when idle, e.g. right after listen). */
  warmUp(): Promise<void>;
}

let ajvInstance: Promise<Ajv2020> | undefined;
function ajv(): Promise<Ajv2020> {
  ajvInstance ??= import('../spec/ajv.ts').then(({ createAjv }) => createAjv({ allErrors: false }));
  return ajvInstance;
}

/** A validator compiled on first use. */
function lazy(schema: JsonSchema): () => Promise<ValidateFunction> {
  let compiled: Promise<ValidateFunction> | undefined;
  return () => (compiled ??= ajv().then((a) => a.compile(schema)));
}

/** `node` with its local `#/...` $refs inlined at any depth (src/spec's inlineRefs, typed for this file's reads). */
function inlined(root: Record<string, any>, node: unknown): any {
  return inlineRefs(root as JsonObject, node as JsonObject);
}

function objectSchema(params: SpecParameter[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

function violation(
  where: 'query' | 'path',
  errors: ErrorObject[] | null | undefined,
  data: Record<string, unknown>,
  params: SpecParameter[],
): ParameterViolation {
  const err = errors?.[0];
  const name =
    err?.keyword === 'required'
      ? String((err.params as { missingProperty: string }).missingProperty)
      : (err?.instancePath.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
  const schema = params.find((p) => p.name === name)?.schema;
  const allowed = Array.isArray(schema?.enum) ? (schema.enum as unknown[]) : undefined;
  return {
    in: where,
    name,
    value: data?.[name],
    message: err?.keyword === 'required' ? 'is required' : (err?.message ?? 'is invalid'),
    ...(allowed ? { allowed } : {}),
  };
}

/** The operations and schemas of a parsed OpenAPI document (the kit's spec, or any variant of it). */
export function specFromDocument(document: Readonly<Record<string, any>>): LoadedSpec {
  const globalSecured = Array.isArray(document.security) && document.security.length > 0;

  const operations: SpecOperation[] = [];
  // Only the parts read here are resolved (parameters in full, the rest one $ref deep): inlining whole path
  // items would copy every response schema, the larger share of a sandbox's start-up work, for nothing.
  const shallow = (node: unknown): any => follow(document as JsonObject, node as JsonObject, '').node;
  for (const [path, rawItem] of Object.entries<Record<string, any>>(document.paths ?? {})) {
    const item = shallow(rawItem);
    for (const method of HTTP_METHODS) {
      const op = shallow(item[method]);
      if (!op) continue;
      if (typeof op.operationId !== 'string') throw new Error(`openapi: ${method.toUpperCase()} ${path} has no operationId`);
      // Operation parameters override path-item parameters of the same name and location (OpenAPI 3.1 §4.8.9).
      const byKey = new Map<string, SpecParameter>();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((raw) => inlined(document, raw))) {
        byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.required === true, schema: p.schema ?? {} });
      }
      const parameters = [...byKey.values()];
      const queryParams = parameters.filter((p) => p.in === 'query');
      const pathParams = parameters.filter((p) => p.in === 'path');
      const checkQuery = queryParams.length > 0 ? lazy(objectSchema(queryParams)) : undefined;
      const checkPath = pathParams.length > 0 ? lazy(objectSchema(pathParams)) : undefined;
      const secured = Array.isArray(op.security) ? op.security.length > 0 : globalSecured;
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase() as Method,
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        secured,
        multipart: Object.hasOwn(shallow(op.requestBody)?.content ?? {}, 'multipart/form-data'),
        parameters,
        hasCheckedParameters: checkQuery !== undefined || checkPath !== undefined,
        async checkParameters(query, params) {
          if (checkQuery) {
            const check = await checkQuery();
            if (!check(query ?? {})) return violation('query', check.errors, query as Record<string, unknown>, queryParams);
          }
          if (checkPath) {
            const check = await checkPath();
            if (!check(params ?? {})) return violation('path', check.errors, params as Record<string, unknown>, pathParams);
          }
          return undefined;
        },
      });
    }
  }

  const validators = new Map<string, () => Promise<ValidateFunction>>();
  const loaded: LoadedSpec = {
    document,
    operations,
    schema(name) {
      const s = document.components?.schemas?.[name];
      if (!s) throw new Error(`openapi: components.schemas.${name} does not exist`);
      return inlined(document, s);
    },
    validator(name) {
      let v = validators.get(name);
      if (!v) {
        v = lazy(loaded.schema(name));
        validators.set(name, v);
      }
      return v();
    },
    async warmUp() {
      for (const op of operations) if (op.hasCheckedParameters) await op.checkParameters({}, {});
    },
  };
  return loaded;
}
