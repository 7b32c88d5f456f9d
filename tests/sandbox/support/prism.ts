// Reading Prism 5.14's verdict on one proxied exchange.
//
// How `prism proxy --errors` signals a violation (read from @stoplight/prism-http-server and prism-http, and
// pinned by the negative checks in conformance.test.ts):
//  - every request or response violation puts the header `sl-violations` (a JSON array of
//    {location: ['request'|'response', …], severity, code, message}) on the answer;
//  - a response violation of severity Error (wrong body schema, wrong media type, an undeclared 2xx status,
//    a missing required header) replaces the upstream answer by Prism's own 500 problem+json of type
//    https://stoplight.io/prism/errors#VIOLATIONS with the violations under `validation`;
//  - a response violation of severity Warning (an undeclared 4xx/5xx status) only adds the header and passes
//    the upstream answer through unchanged — so the header, not the status, is the one reliable signal;
//  - a request violation is never forwarded: Prism answers it itself, without the header, with its own
//    problem+json — 401 (UNAUTHORIZED) for missing credentials, 422 (UNPROCESSABLE_ENTITY) with the
//    violations under `validation` for the rest — and an unknown path or method gets Prism's own 404/405.
// So a conforming exchange has no header, and an error answer whose type is not one of Prism's.
import { expect } from 'vitest';
import { PRISM_PROBLEM, type Reply } from './http.ts';

export interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

/** The violations Prism reported for this exchange: the header's, and those in a problem Prism answered itself. */
export function violations(reply: Reply): Violation[] {
  const found: Violation[] = [];
  const header = reply.headers.get('sl-violations');
  if (header !== null) {
    // Prism truncates a long list and prefixes it, so a failed parse still counts as a violation.
    try {
      found.push(...(JSON.parse(header) as Violation[]));
    } catch {
      found.push({ location: ['unknown'], severity: 'Error', message: header });
    }
  }
  if (PRISM_PROBLEM.test(reply.json?.type ?? '') && Array.isArray(reply.json.validation)) {
    for (const v of reply.json.validation as Violation[]) if (!found.some((f) => f.message === v.message)) found.push(v);
  }
  return found;
}

/**
 * The exchange went through Prism without any violation and the answer is the upstream's own: no
 * `sl-violations` header, the expected status, and for errors a problem type that is not one of Prism's.
 */
export function expectConforms(label: string, reply: Reply, status: number): void {
  const found = violations(reply);
  expect(found, `${label}: Prism reported violations`).toEqual([]);
  expect(reply.status, `${label}: ${reply.text}`).toBe(status);
  if (status >= 400) {
    expect(reply.json?.type, `${label}: the problem came from Prism, not the sandbox`).not.toMatch(PRISM_PROBLEM);
  }
}
