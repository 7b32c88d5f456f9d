// The `Prefer` request header (docs/contract.md §9, Prism's convention), as plain functions so that the sandbox and
// the MSW handlers read it alike: `code=NNN` asks for one of the error statuses the operation declares in the
// spec, answered with that response's problem example and no change to any state; `delay=MS` (0 to
// MAX_PREFER_DELAY_MS) holds the answer back. Prism's `example=` and `dynamic=` are accepted and ignored, so
// requests written for the Prism mock work unchanged. Anything else, an undeclared status, a delay out of range,
// a preference given twice or a header that is not `name=value` pairs, is refused with a detail that says
// what is allowed. No I/O and no node-only import, so the MSW handlers can use it in a browser tab.
import { deref, isObject, type Json, type JsonObject } from '../spec/data.ts';
import type { Problem } from './errors.ts';

/** The longest `Prefer: delay=MS` the sandbox honours, in milliseconds. */
export const MAX_PREFER_DELAY_MS = 10_000;

/** Preferences the sandbox acts on, and Prism's, which it accepts without acting on them. */
const KNOWN = ['code', 'delay'] as const;
const IGNORED = ['example', 'dynamic'] as const;

export interface Preference {
  /** The declared error status to answer with. */
  code?: number;
  /** How long to hold the answer back, in ms. */
  delayMs?: number;
}

export type PreferOutcome = { ok: true; value: Preference } | { ok: false; detail: string };

/** A declared error answer of one operation: its status, its example problem and the headers it needs. */
export interface DeclaredError {
  status: number;
  problem: Problem;
  headers: Record<string, string>;
}

/** What `parsePrefer` needs to know about the operation: how to name it and which errors it declares. */
export interface PreferTarget {
  /** e.g. "GET /me", for messages. */
  label: string;
  errors: ReadonlyMap<number, DeclaredError>;
}

const HOW = 'Send e.g. `Prefer: code=404` or `Prefer: delay=500` (comma-separated to combine)';

/**
 * Read the Prefer header(s) of a request for `target`. Several headers count as one comma-separated list
 * (RFC 9110 §5.3); RFC 7240 parameters after `;` are not used by any preference here and are refused.
 */
export function parsePrefer(header: string | readonly string[] | undefined, target: PreferTarget): PreferOutcome {
  if (header === undefined) return { ok: true, value: {} };
  const text = typeof header === 'string' ? header : header.join(',');
  const value: Preference = {};
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const match = /^([A-Za-z][A-Za-z0-9_-]*)\s*(?:=\s*(?:"([^"]*)"|([^\s";]*)))?$/.exec(item);
    if (!match) {
      return { ok: false, detail: `The Prefer header part ${JSON.stringify(item)} is not of the form name=value. ${HOW}.` };
    }
    const name = match[1]!.toLowerCase();
    const given = match[2] ?? match[3];
    if ((IGNORED as readonly string[]).includes(name)) continue;
    if (!(KNOWN as readonly string[]).includes(name)) {
      return {
        ok: false,
        detail: `The Prefer header asks for "${name}", which the sandbox does not know. Allowed: ${KNOWN.join(', ')} (and Prism's ${IGNORED.join(', ')}, which are ignored). ${HOW}.`,
      };
    }
    if (seen.has(name)) return { ok: false, detail: `The Prefer header gives "${name}" more than once; give it once.` };
    seen.add(name);
    if (name === 'code') {
      const allowed = [...target.errors.keys()].sort((a, b) => a - b);
      const code = given !== undefined && /^\d{3}$/.test(given) ? Number(given) : undefined;
      if (code === undefined || !target.errors.has(code)) {
        const what = given === undefined ? 'code without a value' : `code=${given}`;
        return {
          ok: false,
          detail: `Prefer: ${what} is not an error status that ${target.label} declares in the spec. Allowed: ${allowed.join(', ') || '(none)'}.`,
        };
      }
      value.code = code;
    } else {
      const delay = given !== undefined && /^\d{1,6}$/.test(given) ? Number(given) : undefined;
      if (delay === undefined || delay > MAX_PREFER_DELAY_MS) {
        const what = given === undefined ? 'delay without a value' : `delay=${given}`;
        return {
          ok: false,
          detail: `Prefer: ${what} is not allowed; give a whole number of milliseconds from 0 to ${MAX_PREFER_DELAY_MS}.`,
        };
      }
      value.delayMs = delay;
    }
  }
  return { ok: true, value };
}

/**
 * The 4xx/5xx responses an operation declares (`operation` is its object in the spec), each with the problem
 * its first example shows, so that a forced answer is the one the spec documents. The detail is replaced by
 * one saying why this answer came, so nobody mistakes it for a real rejection.
 */
export function declaredErrors(doc: JsonObject, operation: JsonObject): Map<number, DeclaredError> {
  const errors = new Map<number, DeclaredError>();
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const [key, raw] of Object.entries(responses)) {
    if (!/^[45]\d\d$/.test(key)) continue;
    const status = Number(key);
    const response = deref(doc, raw, '').node;
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    const media = content['application/problem+json'];
    const example = firstExample(doc, isObject(media) ? media : {});
    const problem: Problem = {
      type: typeof example?.type === 'string' ? example.type : 'about:blank',
      title: typeof example?.title === 'string' ? example.title : `Status ${status}`,
      status,
      detail:
        `Answered ${status} because the request sent \`Prefer: code=${status}\`; nothing was changed. ` +
        'Remove the Prefer header to get the real answer.',
    };
    const headers: Record<string, string> = {};
    const declaredHeaders = isObject(response) && isObject(response.headers) ? response.headers : {};
    if (Object.keys(declaredHeaders).some((h) => h.toLowerCase() === 'www-authenticate')) headers['www-authenticate'] = 'Bearer';
    errors.set(status, { status, problem, headers });
  }
  return errors;
}

function firstExample(doc: JsonObject, media: JsonObject): JsonObject | undefined {
  const examples = isObject(media.examples) ? Object.values(media.examples) : [];
  for (const entry of examples as Json[]) {
    const example = deref(doc, entry, '').node;
    if (isObject(example) && isObject(example.value)) return example.value;
  }
  return isObject(media.example) ? media.example : undefined;
}
