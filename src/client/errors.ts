// Typed errors of the profile client. Every 4xx/5xx answer of the Profile Service is an RFC 9457
// problem+json body; the client turns it into a ProblemError (or a subclass per status the contract names),
// so callers branch on `instanceof NotFoundError` instead of parsing bodies. Answers that break the contract
// in other ways (bad Base64, a missing header) become UnexpectedResponseError.

/** The RFC 9457 fields the contract requires in every error body. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

export class ProblemError extends Error implements ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** True when the body was a well-formed problem object; false when the fields were filled in from the status. */
  readonly isProblem: boolean;
  /** The body as received (parsed JSON when it was JSON, otherwise the text), for diagnostics. */
  readonly body: unknown;

  constructor(problem: ProblemDetails, options: { isProblem: boolean; body: unknown }) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = new.target.name;
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    if (problem.instance !== undefined) this.instance = problem.instance;
    this.isProblem = options.isProblem;
    this.body = options.body;
  }
}

/** 400: the request was malformed (e.g. no `file` part, an unknown AdditionalType). */
export class BadRequestError extends ProblemError {}
/** 401: the bearer token is missing, malformed or unknown. */
export class UnauthorizedError extends ProblemError {}
/** 404: no such media item for this user (also another user's item), or no active profile image. */
export class NotFoundError extends ProblemError {}
/** 413: the file is larger than the upload limit. */
export class PayloadTooLargeError extends ProblemError {}
/** 415: a ProfileImage whose bytes are not a JPEG, PNG, GIF or WebP image. */
export class UnsupportedMediaTypeError extends ProblemError {}

/** The answer does not have the shape the contract promises (not a problem: a provider bug or a wrong URL). */
export class UnexpectedResponseError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'UnexpectedResponseError';
  }
}

const BY_STATUS: Record<number, typeof ProblemError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  404: NotFoundError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
};

const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Build the typed error for a failed response. A body that is not a problem object still yields a
 * ProblemError (RFC 9457's defaults: type "about:blank", the status text as title) so callers need one path;
 * `isProblem` tells which it was.
 */
export function problemFromResponse(response: Response, body: unknown): ProblemError {
  const status = response.status;
  const ErrorClass = BY_STATUS[status] ?? ProblemError;
  const o = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  const isProblem =
    /^application\/problem\+json\b/i.test(response.headers.get('content-type') ?? '') &&
    o !== undefined &&
    isString(o.type) &&
    isString(o.title) &&
    typeof o.status === 'number' &&
    isString(o.detail);
  const fallbackTitle = response.statusText || `HTTP ${status}`;
  const fallbackDetail =
    typeof body === 'string' && body.length > 0
      ? body.slice(0, 500)
      : `The service answered ${status} without a problem+json body.`;
  return new ErrorClass(
    {
      type: o && isString(o.type) ? o.type : 'about:blank',
      title: o && isString(o.title) ? o.title : fallbackTitle,
      status,
      detail: o && isString(o.detail) ? o.detail : fallbackDetail,
      ...(o && isString(o.instance) ? { instance: o.instance } : {}),
    },
    { isProblem, body },
  );
}
