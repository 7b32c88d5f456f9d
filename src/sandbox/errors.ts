// The sandbox's one catalogue of errors. Every 4xx/5xx body the sandbox sends is built here, as RFC 9457
// problem+json with `type` urn:profile-contracts:problem:<code> (the codes the spec's examples use), a
// `title`, the `status` and a `detail` that says what was wrong and how to fix it. Handlers throw a
// ProblemError; the HTTP adapter turns it into a response, so no other module writes an error body.

export const PROBLEM_TYPE_PREFIX = 'urn:profile-contracts:problem:';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

interface Entry {
  status: number;
  title: string;
}

/** code → status and title; the detail is written where the problem is found, with the specifics. */
export const CATALOGUE = {
  'unauthorized': { status: 401, title: 'Unauthorized' },
  'unsupported-grant-type': { status: 400, title: 'Unsupported grant type' },
  'invalid-parameter': { status: 400, title: 'Invalid parameter' },
  'missing-file': { status: 400, title: 'Missing file part' },
  'multiple-files': { status: 400, title: 'More than one file part' },
  'unexpected-file-part': { status: 400, title: 'Unexpected file part' },
  'missing-filename': { status: 400, title: 'File part without a filename' },
  'empty-file': { status: 400, title: 'Empty file' },
  'invalid-field': { status: 400, title: 'Invalid form field' },
  'unknown-additional-type': { status: 400, title: 'Unknown AdditionalType' },
  'conflicting-additional-type': { status: 400, title: 'Conflicting AdditionalType' },
  'malformed-multipart': { status: 400, title: 'Malformed multipart body' },
  'not-multipart': { status: 400, title: 'Not multipart/form-data' },
  'bad-request': { status: 400, title: 'Bad request' },
  'no-profile-image': { status: 404, title: 'No profile image' },
  'media-not-found': { status: 404, title: 'Media not found' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'file-too-large': { status: 413, title: 'File too large' },
  'not-an-image': { status: 415, title: 'Profile image is not an image' },
  'headers-too-large': { status: 431, title: 'Request headers too large' },
  'invalid-prefer': { status: 400, title: 'Invalid Prefer header' },
  'name-too-long': { status: 400, title: 'Name too long' },
  'invalid-control-request': { status: 400, title: 'Invalid control request' },
  'invalid-state': { status: 400, title: 'Invalid state document' },
  'store-full': { status: 507, title: 'Sandbox store full' },
  'too-many-media': { status: 507, title: 'Too many media items' },
  'internal-error': { status: 500, title: 'Internal error' },
  'store-unavailable': { status: 503, title: 'Store unavailable' },
} as const satisfies Record<string, Entry>;

export type ProblemCode = keyof typeof CATALOGUE;

export function problem(code: ProblemCode, detail: string): Problem {
  const { status, title } = CATALOGUE[code];
  return { type: PROBLEM_TYPE_PREFIX + code, title, status, detail };
}

/** Thrown by handlers and rules; carries the problem and any headers the response needs (Allow, WWW-Authenticate). */
export class ProblemError extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, detail: string, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.problem = problem(code, detail);
    this.headers = headers;
  }

  /**
   * An answer whose status is chosen by the caller rather than the catalogue: `Prefer: code=NNN` (the problem
   * the spec's example shows) and scripted failures (any 4xx/5xx a consumer team asks for).
   */
  static answering(p: Problem, headers: Record<string, string> = {}): ProblemError {
    const err = new ProblemError('internal-error', p.detail, headers);
    (err as { problem: Problem }).problem = p;
    return err;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The details, kept together so that the wording of every fix lives in this one file. */
export const details = {
  unauthorized: (why: 'missing' | 'malformed' | 'unknown') =>
    `${
      why === 'missing'
        ? 'The request has no Authorization header.'
        : why === 'malformed'
          ? 'The Authorization header is not of the form "Bearer <token>".'
          : 'The bearer token is not known (it was never issued, or the sandbox was reset).'
    } Send a valid token as \`Authorization: Bearer <token>\`; get one from POST /token?grant_type=guest.`,
  unsupportedGrantType: (given: unknown, allowed: readonly unknown[]) =>
    `${given === undefined ? 'grant_type is missing.' : `grant_type ${JSON.stringify(given)} is not supported.`} ` +
    `grant_type must be one of: ${allowed.join(', ')}. Use POST /token?grant_type=guest.`,
  unknownAdditionalType: (given: unknown, allowed: readonly unknown[], where: string) =>
    `${where} ${JSON.stringify(given)} is not known. Allowed (exact, case-sensitive): ${allowed.join(', ')}.`,
  conflictingAdditionalType: (query: string, form: string) =>
    `The query parameter AdditionalType=${query} and the form field additionalType=${form} differ; give one, or make them equal.`,
  invalidParameter: (where: string, name: string, message: string, allowed?: readonly unknown[]) =>
    `The ${where} parameter "${name}" ${message}.${allowed ? ` Allowed: ${allowed.join(', ')}.` : ''} See the spec (openapi/profile-service.yaml).`,
  missingFile: () =>
    'The multipart body has no part named "file". Send the image as -F file=@/path/to/image.jpg.',
  multipleFiles: (n: number) => `The multipart body has ${n} parts named "file"; send exactly one.`,
  unexpectedFilePart: (names: string[]) =>
    `The multipart body has file parts other than "file" (${names.map((n) => JSON.stringify(n)).join(', ')}); send the file only as the part named "file".`,
  missingFilename: (given?: string) =>
    given === undefined
      ? 'The "file" part has no filename in its Content-Disposition; send it as a file (-F file=@/path/to/image.jpg), not as a text field.'
      : `The "file" part has no filename once the folders of ${JSON.stringify(given)} are dropped; send the file's own name. ` +
        'A backslash is a folder separator and escapes nothing: send a quote in a filename as %22, as browsers and curl do.',
  emptyFile: () => 'The "file" part is empty (0 bytes); send the file\'s contents.',
  invalidField: (name: string, why: string) => `The form field "${name}" ${why}.`,
  malformedMultipart: (why: string) =>
    `The body is not valid multipart/form-data (${why}). Send it as multipart/form-data with a "file" part, e.g. curl -F file=@/path/to/image.jpg.`,
  notMultipart: (contentType: string | undefined) =>
    `${contentType ? `Content-Type "${contentType}" is not multipart/form-data` : 'The request has no Content-Type'}; ` +
    'POST /media takes multipart/form-data with a boundary and a "file" part (curl -F file=@/path/to/image.jpg sets both).',
  noProfileImage: () =>
    'The current user has no active profile image. Upload one with POST /media?AdditionalType=ProfileImage.',
  mediaNotFound: (id: string) =>
    `The current user has no media item ${JSON.stringify(id)}. List the user's media with GET /media.`,
  notFound: (method: string, path: string) =>
    `There is no route ${method} ${path}. Routes are case-sensitive; see the spec (openapi/profile-service.yaml) for the paths.`,
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    `${path} does not take ${method}; use one of: ${allowed.join(', ')}.`,
  fileTooLarge: (limit: number) =>
    `The file is larger than the upload limit of ${limit} bytes; send a smaller file.`,
  notAnImage: () =>
    'A ProfileImage must be a JPEG, PNG, GIF or WebP image (judged by its content, not its declared type); the file\'s bytes are none of these.',
  headersTooLarge: () =>
    'The request headers are larger than the server accepts (16 KiB); send fewer or shorter headers.',
  badRequest: (why: string) => `The request could not be read: ${why}. Check its syntax and headers.`,
  invalidPrefer: (why: string) => why,
  nameTooLong: (what: 'name' | 'filename', length: number, limit: number) =>
    `The ${what === 'name' ? 'form field "name"' : 'file part\'s filename'} is ${length} characters long; the sandbox takes at most ${limit}. Send a shorter ${what}.`,
  storeFull: (stored: number, adding: number, limit: number) =>
    `Storing these ${adding} bytes would take the sandbox past its store limit of ${limit} bytes (${stored} bytes are stored now); ` +
    'nothing was stored and nothing already stored was lost. Delete media, reset the sandbox (POST /_sandbox/reset) or start it with a larger MAX_STORE_BYTES.',
  snapshotTooLarge: (bodyLimit: number, maxStoreBytes: number) =>
    `The snapshot is larger than ${bodyLimit} bytes, the most PUT /_sandbox/state reads for a store limit of ${maxStoreBytes} bytes ` +
    '(its bytes as Base64 in JSON); nothing was restored and nothing stored was changed. Restore a smaller snapshot, or start the sandbox with a larger MAX_STORE_BYTES.',
  tooManyMedia: (limit: number) =>
    `The current user already has ${limit} media items, the most the sandbox keeps per user; nothing was stored. ` +
    'Delete some (DELETE /media/{identifier}), reset the sandbox (POST /_sandbox/reset) or start it with a larger MAX_MEDIA_PER_USER.',
  scripted: (status: number, remaining: number) =>
    `Answered ${status} because a scripted failure (POST /_sandbox/failures) asked for it; nothing was changed. ` +
    `${remaining} more request(s) of this operation will be answered by that script.`,
  internal: () => 'The sandbox failed unexpectedly; this is a bug in the sandbox, please report it with the request.',
  storeUnavailable: (why: string) =>
    `The sandbox's database is not reachable (${why}); nothing was changed. Retry once it is back (check DATABASE_URL and the PostgreSQL server).`,
};

/** A complete HTTP/1.1 response for the rare places that only have a raw socket (client errors). */
export function rawProblemResponse(p: Problem): string {
  const body = JSON.stringify(p);
  return (
    `HTTP/1.1 ${p.status} ${p.title}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}
