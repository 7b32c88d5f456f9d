// The Prefer header at its edges (src/sandbox/prefer.ts): the wording of each refusal, values that JavaScript's
// Number() would read as a declared status but that are not three digits, an operation that declares no error,
// and declaredErrors over operations shaped unlike the project's spec (no content, an example without a value,
// headers other than WWW-Authenticate).
import { describe, expect, it } from 'vitest';
import { findOperation, type JsonObject } from '../../src/spec/data.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { declaredErrors, parsePrefer, type PreferTarget } from '../../src/sandbox/prefer.ts';

const doc = await loadSpec();
const getMe: PreferTarget = { label: 'GET /me', errors: declaredErrors(doc, findOperation(doc, 'GET', '/me')!.operation) };
const detail = (header: string, target: PreferTarget = getMe): string => {
  const r = parsePrefer(header, target);
  if (r.ok) throw new Error(`${header} was accepted`);
  return r.detail;
};

describe('parsePrefer at its edges', () => {
  it('says how to write the header when a part is not name=value or names an unknown preference', () => {
    expect(detail('=401')).toContain('Send e.g. `Prefer: code=404` or `Prefer: delay=500` (comma-separated to combine).');
    expect(detail('return=minimal')).toBe(
      'The Prefer header asks for "return", which the sandbox does not know. Allowed: code, delay ' +
        "(and Prism's example, dynamic, which are ignored). Send e.g. `Prefer: code=404` or `Prefer: delay=500` (comma-separated to combine).",
    );
  });

  it('refuses a name that does not start the part', () => {
    for (const bad of ['1code=401', '-code=401', '_code=401']) expect(parsePrefer(bad, getMe).ok, bad).toBe(false);
  });

  it('takes only three digits as a status, not what Number() would read as one', () => {
    for (const bad of ['0x191', '0401', '401.0', '401e0', '" 401"']) {
      expect(detail(`code=${bad}`), bad).toContain('is not an error status that GET /me declares in the spec. Allowed: 401.');
    }
  });

  it('says so when the operation declares no error status at all', () => {
    const none: PreferTarget = { label: 'GET /nothing', errors: new Map() };
    expect(detail('code=404', none)).toBe('Prefer: code=404 is not an error status that GET /nothing declares in the spec. Allowed: (none).');
  });

  it('names the refused delay, or says it has no value', () => {
    expect(detail('delay')).toBe('Prefer: delay without a value is not allowed; give a whole number of milliseconds from 0 to 10000.');
    expect(detail('delay=soon')).toBe('Prefer: delay=soon is not allowed; give a whole number of milliseconds from 0 to 10000.');
    expect(detail('delay=10001')).toMatch(/^Prefer: delay=10001 is not allowed;/);
  });
});

describe('declaredErrors over operations unlike the spec', () => {
  const errorsOf = (responses: JsonObject) => declaredErrors(doc, { responses });

  it('answers a declared error without content with about:blank and a title naming the status', () => {
    const e = errorsOf({ '404': { description: 'not found' } }).get(404)!;
    expect(e.problem).toEqual({
      type: 'about:blank',
      title: 'Status 404',
      status: 404,
      detail: 'Answered 404 because the request sent `Prefer: code=404`; nothing was changed. Remove the Prefer header to get the real answer.',
    });
    expect(e.headers).toEqual({});
  });

  it('uses the example when its type or title is missing only for what is missing', () => {
    const e = errorsOf({ '409': { content: { 'application/problem+json': { example: { title: 'Conflict' } } } } }).get(409)!;
    expect(e.problem).toMatchObject({ type: 'about:blank', title: 'Conflict' });
    const t = errorsOf({ '409': { content: { 'application/problem+json': { example: { type: 'urn:x' } } } } }).get(409)!;
    expect(t.problem).toMatchObject({ type: 'urn:x', title: 'Status 409' });
  });

  it('skips examples without a value and falls back to the media example', () => {
    const media = { examples: { external: { externalValue: 'https://example.org/p.json' } }, example: { type: 'urn:fallback', title: 'Fallback' } };
    const e = errorsOf({ '422': { content: { 'application/problem+json': media } } }).get(422)!;
    expect(e.problem).toMatchObject({ type: 'urn:fallback', title: 'Fallback' });
  });

  it('adds WWW-Authenticate only when the response declares it, whatever other headers it declares', () => {
    const e = errorsOf({ '429': { description: 'slow down', headers: { 'Retry-After': { schema: { type: 'integer' } } } } }).get(429)!;
    expect(e.headers).toEqual({});
    const a = errorsOf({ '401': { description: 'who?', headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } } }).get(401)!;
    expect(a.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });
});
