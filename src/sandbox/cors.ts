// CORS for the sandbox (docs/contract.md §9), so that a web app on another origin can call it from a browser.
// The policy is plain data (`CorsPolicy`, parsed from CORS_ORIGINS by `parseCorsOrigins`) and the header
// lists are constants, so the MSW handlers (`corsHeaders`, no node-only import) answer exactly as the sandbox
// does; http/cors.ts hands the policy to @fastify/cors. By default every origin is reflected with credentials
// allowed; a list narrows it to those origins; `off` sends no CORS headers at all.

/** Request headers a cross-origin page may send. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Prefer'] as const;
/** Response headers a cross-origin page may read (the upload's Location, a download's name and size). */
export const CORS_EXPOSED_HEADERS = ['Location', 'Content-Disposition', 'Content-Length'] as const;
/** Methods the preflight allows: every method the public API and the control routes use. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const;
/** How long a browser may cache a preflight answer, in seconds. */
export const CORS_MAX_AGE_S = 600;

/** `any`: reflect every request's Origin; a list: only these origins; `off`: no CORS headers at all. */
export type CorsPolicy = { origins: 'any' } | { origins: readonly string[] } | { origins: 'off' };

export const DEFAULT_CORS_POLICY: CorsPolicy = { origins: 'any' };

/**
 * CORS_ORIGINS: unset or empty → any origin; `off` → none; else a comma-separated list of origins such as
 * `http://localhost:5173,https://app.example.test` (scheme, host and optional port; no path). Throws an
 * error naming the bad entry and what is allowed.
 */
export function parseCorsOrigins(raw: string | undefined): CorsPolicy {
  const text = raw?.trim() ?? '';
  if (text === '' || text === '*') return DEFAULT_CORS_POLICY;
  if (text === 'off') return { origins: 'off' };
  const origins = text.split(',').map((entry) => entry.trim());
  for (const entry of origins) {
    const url = URL.parse(entry);
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== entry) {
      throw new Error(
        `CORS_ORIGINS entry ${JSON.stringify(entry)} is not an origin; give a comma-separated list of origins ` +
          'like http://localhost:5173 (scheme://host[:port], no path or trailing slash), or `off`, or leave it unset for any origin.',
      );
    }
  }
  return { origins };
}

/** Whether a request from `origin` may read the answer under `policy`. */
export function originAllowed(policy: CorsPolicy, origin: string | undefined): boolean {
  if (origin === undefined || policy.origins === 'off') return false;
  return policy.origins === 'any' || policy.origins.includes(origin);
}

/**
 * The CORS headers of an answer (and, with `preflight`, of the answer to an OPTIONS preflight) for a request
 * from `origin`, as the sandbox sends them; for adapters that do not use @fastify/cors (the MSW handlers).
 */
export function corsHeaders(policy: CorsPolicy, origin: string | undefined, preflight = false): Record<string, string> {
  if (!originAllowed(policy, origin)) return {};
  const headers: Record<string, string> = {
    'access-control-allow-origin': origin!,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
    vary: 'Origin',
  };
  if (preflight) {
    headers['access-control-allow-methods'] = CORS_METHODS.join(', ');
    headers['access-control-allow-headers'] = CORS_ALLOWED_HEADERS.join(', ');
    headers['access-control-max-age'] = String(CORS_MAX_AGE_S);
  }
  return headers;
}
