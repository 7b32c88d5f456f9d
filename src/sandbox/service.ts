// The public operations of the spec, apart from any transport: one function per operationId that takes the
// already-authenticated caller, the request's parameters and (for the upload) a way to read its form, runs
// the domain rules through the store, and returns the answer as plain data `{ status, headers, body }`.
// The fastify sandbox and the MSW handlers (src/msw/) are two thin adapters around this one module, so
// they answer every request alike: same bodies, same headers, same problem+json (thrown as ProblemError).
//
// Also here, because both adapters need them exactly alike: bearer-token authentication, the problem a
// bad parameter is, the 404/405 for a request no operation serves, and the checks that tie the handlers to
// the spec's operations. Nothing here is node-only (no Buffer unless present, Web Crypto's randomUUID), so
// the MSW handlers can run it in a browser tab.
import { defaultRules, type AdditionalType, type MediaItem, type Outcome, type Rules, type UploadInput, type UserState } from './domain.ts';
import { details, ProblemError } from './errors.ts';
import { checkMediaCount, checkNames, resolveLimits, type Limits } from './limits.ts';
import { toBase64 } from './base64.ts';
import { fileBaseName, namesNoFile } from './names.ts';
import { sniffFormat } from './sniff.ts';
import type { LoadedSpec, ParameterViolation, SpecOperation } from './spec-operations.ts';
import type { MaybePromise, Store } from './store.ts';

/** The default upload limit, 10 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The upload limit an adapter was given, or its default; anything but a positive integer stops the start. */
export function checkedMaxUploadBytes(value: number | undefined): number {
  const max = value ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (!Number.isSafeInteger(max) || max < 1) throw new Error(`maxUploadBytes must be a positive integer number of bytes, got ${value}`);
  return max;
}

/** `defaultRules` with some replaced; a name that is no rule, or a rule that is no function, stops the start. */
export function rulesWith(overrides: Partial<Rules> = {}): Rules {
  const rules: Rules = { ...defaultRules };
  for (const [name, rule] of Object.entries(overrides)) {
    if (!Object.hasOwn(defaultRules, name)) {
      throw new Error(`rules.${name} is not a domain rule; the rules are: ${Object.keys(defaultRules).join(', ')}`);
    }
    if (typeof rule !== 'function') throw new Error(`rules.${name} must be a function, got ${typeof rule}`);
    Object.assign(rules, { [name]: rule });
  }
  return rules;
}

/** The multipart form of POST /media, as each adapter's parser reads it. */
export interface UploadForm {
  file: Uint8Array;
  filename: string;
  name?: string;
  additionalType?: string;
}

/** What a multipart reader saw of the upload's parts; `settleUploadForm` decides what it makes. */
export interface FormFacts {
  /** The bytes of the first `file` part, when it fit the limit. */
  file?: Uint8Array;
  filename?: string;
  /** How many file parts were named `file`. */
  fileParts: number;
  /** A file part passed the upload limit. */
  tooLarge: boolean;
  /** A text (not file) part was named `file`. */
  textFile: boolean;
  /** Names of file parts other than `file`. */
  otherFiles: string[];
  /** The `name` and `additionalType` text fields. */
  fields: Record<string, string>;
  /** The first problem with a text field (too long, given twice). */
  fieldProblem?: ProblemError;
}

/** The upload form the facts describe, or the problem that rules it out (the same order in every adapter). */
export function settleUploadForm(facts: FormFacts, maxUploadBytes: number): UploadForm {
  const { file, filename, fileParts, fields } = facts;
  if (facts.tooLarge) throw new ProblemError('file-too-large', details.fileTooLarge(maxUploadBytes), { connection: 'close' });
  if (fileParts > 1) throw new ProblemError('multiple-files', details.multipleFiles(fileParts));
  if (facts.otherFiles.length > 0) throw new ProblemError('unexpected-file-part', details.unexpectedFilePart(facts.otherFiles));
  if (facts.fieldProblem) throw facts.fieldProblem;
  if (fileParts === 0) {
    throw facts.textFile ? new ProblemError('missing-filename', details.missingFilename()) : new ProblemError('missing-file', details.missingFile());
  }
  // A filename that names no file once its path is dropped (`..`, `.`, `photos/`) is no filename: both adapters
  // refuse it alike, whatever their multipart parser makes of it.
  if (filename === undefined || namesNoFile(filename)) throw new ProblemError('missing-filename', details.missingFilename(filename));
  if (!file || file.length === 0) throw new ProblemError('empty-file', details.emptyFile());
  return {
    file,
    filename,
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.additionalType !== undefined ? { additionalType: fields.additionalType } : {}),
  };
}

export interface OperationRequest {
  /** The caller; undefined only on operations with `security: []`. */
  user: UserState | undefined;
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, unknown>>;
  /** The request's Content-Type header (the upload must be multipart/form-data). */
  contentType: string | undefined;
  /** Read the upload's form; throws a ProblemError naming what is wrong with the body. */
  readForm(): Promise<UploadForm>;
}

export interface OperationResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export type Operation = (req: OperationRequest) => MaybePromise<OperationResponse>;

export interface ServiceOptions {
  store: Store;
  rules: Rules;
  spec: LoadedSpec;
  /** Name, filename, per-user and store-wide caps (limits.ts); defaults when left out. */
  limits?: Limits;
}

const TOKEN_LIFETIME_S = 3600;
const REFRESH_LIFETIME_S = 30 * 24 * 3600;
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

const newId = (): string => globalThis.crypto.randomUUID();
const now = (): string => new Date().toISOString();

/**
 * `attachment; filename="..."` as docs/contract.md writes it (always quoted, `"` and `\` escaped, non-ASCII
 * replaced by `?`), plus RFC 8187 `filename*` with the exact UTF-8 name when it is not plain ASCII.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&');
  let header = `attachment; filename="${fallback}"`;
  if (/[^\x20-\x7e]/.test(name)) {
    const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    header += `; filename*=UTF-8''${encoded}`;
  }
  return header;
}

/** `fn` of a value: at once when it is there, once it is when it is a promise. */
function andThen<T, U>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

function unauthorized(why: 'missing' | 'malformed' | 'unknown'): never {
  throw new ProblemError('unauthorized', details.unauthorized(why), {
    'www-authenticate': why === 'unknown' ? 'Bearer error="invalid_token"' : 'Bearer',
  });
}

/**
 * The caller named by an `Authorization: Bearer <token>` header, or the catalogue's 401, thrown. Synchronous
 * while the store's lookups are (MemoryStore's), so that the common request costs no promise; with a store
 * that answers later (PgStore) it is a promise, rejected with the same 401.
 */
export function authenticate(store: Store, header: string | undefined): MaybePromise<UserState> {
  const match = header === undefined ? null : BEARER.exec(header);
  if (!match) return unauthorized(header === undefined ? 'missing' : 'malformed');
  return andThen(store.profileIdForToken(match[1]!), (profileId) =>
    profileId === undefined ? unauthorized('unknown') : andThen(store.user(profileId), (user) => user ?? unauthorized('unknown')),
  );
}

/** Which problem a bad parameter is, by the parameter's name in the spec. */
const PARAMETER_PROBLEMS: Record<string, (v: ParameterViolation) => ProblemError> = {
  grant_type: (v) => new ProblemError('unsupported-grant-type', details.unsupportedGrantType(v.value, v.allowed ?? [])),
  AdditionalType: (v) =>
    new ProblemError('unknown-additional-type', details.unknownAdditionalType(v.value, v.allowed ?? [], 'AdditionalType')),
  identifier: (v) => new ProblemError('media-not-found', details.mediaNotFound(String(v.value ?? ''))),
};

/** The problem for a query or path parameter that breaks its schema in the spec. */
export function parameterProblem(bad: ParameterViolation): ProblemError {
  if (Array.isArray(bad.value)) {
    const why = `is given ${bad.value.length} times; give it once`;
    return new ProblemError('invalid-parameter', details.invalidParameter(bad.in, bad.name, why, bad.allowed));
  }
  return (
    PARAMETER_PROBLEMS[bad.name]?.(bad) ??
    new ProblemError('invalid-parameter', details.invalidParameter(bad.in, bad.name, bad.message, bad.allowed))
  );
}

/**
 * A path template as an exact, case-sensitive matcher of a request path, one capture group per parameter;
 * both spellings are accepted, the spec's `/media/{identifier}` and the router's `/media/:identifier`.
 */
export function templatePattern(template: string): RegExp {
  const literal = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`^${literal.replace(/\{[^}]+\}|:[^/]+/g, '([^/]+)')}$`);
}

/**
 * The paths an adapter serves and with which methods, to answer a request that no route serves: 405 with
 * `Allow` when the path is served with other methods, else 404. Each adapter adds what it registers.
 */
export class RouteTable {
  private readonly routes = new Map<string, { pattern: RegExp; methods: string[] }>();

  add(path: string, methods: string | readonly string[]): void {
    const entry = this.routes.get(path) ?? { pattern: templatePattern(path), methods: [] };
    entry.methods.push(...[methods].flat());
    this.routes.set(path, entry);
  }

  unrouted(method: string, path: string): ProblemError {
    for (const { pattern, methods } of this.routes.values()) {
      if (!pattern.test(path)) continue;
      if (methods.includes(method)) break;
      return new ProblemError('method-not-allowed', details.methodNotAllowed(method, path, methods), { allow: methods.join(', ') });
    }
    return new ProblemError('not-found', details.notFound(method, path));
  }
}

/** Pair every spec operation with its handler; a missing handler or one without an operation stops the start. */
export function routesFor<H>(spec: LoadedSpec, handlers: Record<string, H>, adapter: string): { op: SpecOperation; handler: H }[] {
  const operationIds = new Set(spec.operations.map((o) => o.operationId));
  const orphans = Object.keys(handlers).filter((id) => !operationIds.has(id));
  if (orphans.length > 0) throw new Error(`${adapter} handlers without a spec operation: ${orphans.join(', ')}`);
  return spec.operations.map((op) => {
    const handler = handlers[op.operationId];
    if (!handler) throw new Error(`the spec's operation ${op.operationId} (${op.method} ${op.path}) has no ${adapter} handler`);
    return { op, handler };
  });
}

const isMultipart = (contentType: string | undefined): boolean => /^multipart\/form-data\s*(;|$)/i.test(contentType ?? '');

/** The operations, one per operationId of the spec. */
export function createOperations({ store, rules, spec, limits = resolveLimits() }: ServiceOptions): Record<string, Operation> {
  // A user's state object is immutable, so the JSON of GET /me is made once per change.
  const personJson = new WeakMap<UserState, string>();
  function personBody(user: UserState): string {
    let body = personJson.get(user);
    if (body === undefined) {
      body = JSON.stringify(rules.personView(user));
      personJson.set(user, body);
    }
    return body;
  }

  /** Commit a transition for the caller, or throw its rejection. */
  async function commit<T>(user: UserState, rule: (s: UserState) => Outcome<T>): Promise<T> {
    const outcome = await store.apply(user.profileId, rule, { maxStoreBytes: limits.maxStoreBytes });
    if (!outcome.ok) {
      throw new ProblemError(outcome.code, outcome.detail, outcome.code === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {});
    }
    return outcome.value;
  }

  function mediaOf(req: OperationRequest): MediaItem {
    const identifier = req.params.identifier!;
    const item = rules.findMedia(req.user!, identifier);
    if (!item) throw new ProblemError('media-not-found', details.mediaNotFound(identifier));
    return item;
  }

  /** The form field `additionalType` must be a spec value and, when the query has one too, equal to it. */
  const allowedTypes = (spec.schema('AdditionalType').enum as string[] | undefined) ?? [];
  async function resolveAdditionalType(fromQuery: AdditionalType | undefined, fromForm: string | undefined): Promise<AdditionalType | undefined> {
    if (fromForm === undefined) return fromQuery;
    const checkAdditionalType = await spec.validator('AdditionalType');
    if (!checkAdditionalType(fromForm)) {
      throw new ProblemError('unknown-additional-type', details.unknownAdditionalType(fromForm, allowedTypes, 'The form field additionalType'));
    }
    if (fromQuery !== undefined && fromQuery !== fromForm) {
      throw new ProblemError('conflicting-additional-type', details.conflictingAdditionalType(fromQuery, fromForm));
    }
    return fromForm as AdditionalType;
  }

  const json = (status: number, value: unknown, headers: Record<string, string> = {}): OperationResponse => ({
    status,
    headers: { 'content-type': JSON_TYPE, ...headers },
    body: JSON.stringify(value),
  });
  const text = (value: string): OperationResponse => ({ status: 200, headers: { 'content-type': TEXT_TYPE }, body: value });
  const noContent: OperationResponse = { status: 204, headers: {} };

  return {
    async createToken() {
      const profileId = newId();
      const token = newId();
      const issued = Date.now();
      await store.addUser(rules.createGuest({ profileId, now: new Date(issued).toISOString() }), token);
      const expires = Math.floor(issued / 1000) + TOKEN_LIFETIME_S;
      return json(200, {
        token,
        tokenType: 'Bearer',
        expiresIn: expires,
        expiresInDate: new Date(expires * 1000).toISOString(),
        refreshToken: newId(),
        refreshTokenExpiresInDate: new Date((Math.floor(issued / 1000) + REFRESH_LIFETIME_S) * 1000).toISOString(),
      });
    },

    getMe(req) {
      return { status: 200, headers: { 'content-type': JSON_TYPE }, body: personBody(req.user!) };
    },

    getProfileImage(req) {
      const item = rules.activeImage(req.user!);
      if (!item) throw new ProblemError('no-profile-image', details.noProfileImage());
      return text(toBase64(item.bytes));
    },

    async deleteProfileImage(req) {
      await commit(req.user!, (s) => rules.deleteProfileImage(s, now()));
      return noContent;
    },

    listMedia(req) {
      return json(200, req.user!.media.map((m) => rules.mediaView(m)));
    },

    async uploadMedia(req) {
      if (!isMultipart(req.contentType)) throw new ProblemError('not-multipart', details.notMultipart(req.contentType));
      const form = await req.readForm();
      const additionalType = await resolveAdditionalType(req.query.AdditionalType as AdditionalType | undefined, form.additionalType);
      // Only the filename is a path on the sender's machine; the name part is free text, kept as given.
      const fileName = fileBaseName(form.filename) || 'file';
      const tooLong = checkNames({ filename: fileName, ...(form.name !== undefined ? { name: form.name } : {}) }, limits);
      if (tooLong) throw new ProblemError(tooLong.code, tooLong.detail);
      const name = form.name || fileName;
      const input: UploadInput = {
        identifier: newId(),
        name,
        bytes: form.file,
        encodingFormat: sniffFormat(form.file),
        ...(additionalType !== undefined ? { additionalType } : {}),
        now: now(),
      };
      // The time is read again inside the rule, when the store applies it: a store that waits for a lock
      // (PgStore) then still stamps changes in the order they were applied.
      const item = await commit(req.user!, (s) => {
        const full = checkMediaCount(s, limits);
        return full ? { ok: false, ...full } : rules.upload(s, { ...input, now: now() });
      });
      return json(201, rules.mediaView(item), { location: `/media/${encodeURIComponent(item.identifier)}` });
    },

    getMedia(req) {
      return json(200, rules.mediaView(mediaOf(req)));
    },

    async deleteMedia(req) {
      const identifier = req.params.identifier!;
      await commit(req.user!, (s) => rules.deleteMedia(s, identifier, now()));
      return noContent;
    },

    getMediaBase64(req) {
      return text(toBase64(mediaOf(req).bytes));
    },

    downloadMedia(req) {
      const item = mediaOf(req);
      return {
        status: 200,
        headers: {
          'content-type': item.encodingFormat,
          'content-length': String(item.bytes.byteLength),
          'content-disposition': contentDisposition(item.name),
        },
        body: item.bytes,
      };
    },
  };
}
