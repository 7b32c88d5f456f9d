// Extra request headers for a provider behind a gateway (`--header 'Ocp-Apim-Subscription-Key: …'`): parsed
// and checked once, added by the gate to every request verify makes, and kept out of everything verify
// writes: their values are replaced in results, reports and log lines, since they are usually secrets.
import { UsageError } from './pacts.ts';
import type { VerifyResult } from './types.ts';

// RFC 9110 token characters: what a header name may consist of.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers verify sets itself per request, or that describe the connection; a gateway key is never one of them.
const RESERVED = new Set(['authorization', 'host', 'content-length', 'content-type', 'transfer-encoding', 'connection']);

export const REDACTED = '[redacted]';

/** `["Name: value", …]` → `{ name: value }` (names lower-cased, as Node keeps them). */
export function parseHeaders(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf(':');
    const name = at > 0 ? item.slice(0, at).trim() : '';
    const value = at > 0 ? item.slice(at + 1).trim() : '';
    if (!name || !TOKEN.test(name) || !value || /[\r\n\0]/.test(value)) {
      throw new UsageError(`--header must look like 'Name: value' (e.g. --header 'Ocp-Apim-Subscription-Key: <key>'); got "${item.slice(0, at > 0 ? at : 40)}${at > 0 ? ': …' : ''}"`);
    }
    const key = name.toLowerCase();
    if (RESERVED.has(key)) throw new UsageError(`--header ${name} is set by verify itself per request; pass only the headers a gateway needs`);
    if (key in out) throw new UsageError(`--header ${name} is given twice; give each header once`);
    out[key] = value;
  }
  return out;
}

/** A function that blanks every given header value out of a text. */
export function redactor(headers: Record<string, string> | undefined): (text: string) => string {
  const secrets = Object.values(headers ?? {})
    .filter((v) => v.length > 0)
    // Longest first, so that a value containing another is blanked whole.
    .sort((a, b) => b.length - a.length);
  if (!secrets.length) return (text) => text;
  return (text) => secrets.reduce((t, s) => t.split(s).join(REDACTED), text);
}

/** The same result with every header value blanked out of its texts. */
export function redactResult(r: VerifyResult, redact: (text: string) => string): VerifyResult {
  const opt = (s: string | undefined) => (s === undefined ? undefined : redact(s));
  return {
    ...r,
    ...(r.unreachable !== undefined ? { unreachable: redact(r.unreachable) } : {}),
    checks: r.checks.map((c) => ({
      ...c,
      name: redact(c.name),
      ...(c.hint !== undefined ? { hint: redact(c.hint) } : {}),
      failures: c.failures.map((f) => ({ message: redact(f.message), expected: opt(f.expected), actual: opt(f.actual) })),
    })),
  };
}
