// The Prefer header as a pure module (src/sandbox/prefer.ts): what each operation's declared errors are,
// read from the spec, and how every kind of header is read or refused with the allowed values.
import { describe, expect, it } from 'vitest';
import { findOperation } from '../../src/spec/data.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { declaredErrors, MAX_PREFER_DELAY_MS, parsePrefer, type PreferTarget } from '../../src/sandbox/prefer.ts';

const doc = await loadSpec();
const target = (method: string, path: string): PreferTarget => ({
  label: `${method} ${path}`,
  errors: declaredErrors(doc, findOperation(doc, method, path)!.operation),
});
const getMe = target('GET', '/me');
const upload = target('POST', '/media');
const profileImage = target('GET', '/me/profileimage');

describe('declared errors come from the spec', () => {
  it('lists exactly the 4xx/5xx statuses an operation declares', () => {
    expect([...getMe.errors.keys()]).toEqual([401]);
    expect([...upload.errors.keys()].sort()).toEqual([400, 401, 413, 415]);
    expect([...target('POST', '/token').errors.keys()]).toEqual([400]);
  });

  it("takes type and title from the response's example and says the answer was asked for", () => {
    const e = profileImage.errors.get(404)!;
    expect(e.problem).toMatchObject({ type: 'urn:profile-contracts:problem:no-profile-image', title: 'No profile image', status: 404 });
    expect(e.problem.detail).toContain('Prefer: code=404');
    expect(e.problem.detail).toContain('nothing was changed');
    expect(e.headers).toEqual({});
  });

  it('gives a forced 401 the WWW-Authenticate header the spec declares for it', () => {
    expect(getMe.errors.get(401)!.headers).toEqual({ 'www-authenticate': 'Bearer' });
  });
});

describe('parsePrefer', () => {
  it('reads no header as no preference', () => {
    expect(parsePrefer(undefined, getMe)).toEqual({ ok: true, value: {} });
    expect(parsePrefer('', getMe)).toEqual({ ok: true, value: {} });
  });

  it('reads code and delay, alone, combined, quoted, in any case, and across several headers', () => {
    expect(parsePrefer('code=401', getMe)).toEqual({ ok: true, value: { code: 401 } });
    expect(parsePrefer('delay=250', getMe)).toEqual({ ok: true, value: { delayMs: 250 } });
    expect(parsePrefer('code=415, delay=0', upload)).toEqual({ ok: true, value: { code: 415, delayMs: 0 } });
    expect(parsePrefer('Code="413"', upload)).toEqual({ ok: true, value: { code: 413 } });
    expect(parsePrefer(['code=400', 'delay=5'], upload)).toEqual({ ok: true, value: { code: 400, delayMs: 5 } });
  });

  it("accepts Prism's example= and dynamic= and ignores them", () => {
    expect(parsePrefer('example=noImage, dynamic=true, code=401', getMe)).toEqual({ ok: true, value: { code: 401 } });
  });

  it('refuses a status the operation does not declare, listing the declared ones', () => {
    const r = parsePrefer('code=500', upload);
    expect(r).toEqual({ ok: false, detail: expect.stringContaining('Allowed: 400, 401, 413, 415.') });
    expect((r as { detail: string }).detail).toContain('POST /media');
    expect(parsePrefer('code=404', getMe)).toMatchObject({ ok: false, detail: expect.stringContaining('Allowed: 401.') });
  });

  it('lists the allowed statuses in ascending order, whatever order the target declares them in', () => {
    const reversed: PreferTarget = { label: 'POST /media', errors: new Map([...upload.errors].sort(([a], [b]) => b - a)) };
    expect([...reversed.errors.keys()]).toEqual([415, 413, 401, 400]);
    expect(parsePrefer('code=500', reversed)).toMatchObject({ ok: false, detail: expect.stringContaining('Allowed: 400, 401, 413, 415.') });
  });

  it('refuses a success status and a code that is not three digits', () => {
    expect(parsePrefer('code=200', getMe)).toEqual({
      ok: false,
      detail: 'Prefer: code=200 is not an error status that GET /me declares in the spec. Allowed: 401.',
    });
    expect(parsePrefer('code=4010', getMe).ok).toBe(false);
    expect(parsePrefer('code=abc', getMe).ok).toBe(false);
    expect(parsePrefer('code', getMe)).toMatchObject({ ok: false, detail: expect.stringContaining('code without a value') });
  });

  it(`bounds the delay at ${MAX_PREFER_DELAY_MS} ms and refuses what is not a whole number`, () => {
    expect(parsePrefer(`delay=${MAX_PREFER_DELAY_MS}`, getMe)).toEqual({ ok: true, value: { delayMs: MAX_PREFER_DELAY_MS } });
    for (const bad of [`delay=${MAX_PREFER_DELAY_MS + 1}`, 'delay=-1', 'delay=1.5', 'delay=', 'delay=1e3', 'delay=9999999']) {
      expect(parsePrefer(bad, getMe), bad).toMatchObject({ ok: false, detail: expect.stringContaining(`from 0 to ${MAX_PREFER_DELAY_MS}`) });
    }
  });

  it('refuses unknown preferences, naming the allowed ones', () => {
    expect(parsePrefer('cod=401', getMe)).toMatchObject({ ok: false, detail: expect.stringContaining('Allowed: code, delay') });
    expect(parsePrefer('return=minimal', getMe).ok).toBe(false);
  });

  it('refuses a preference given twice and parts that are not name=value', () => {
    expect(parsePrefer('code=401, code=401', getMe)).toMatchObject({ ok: false, detail: expect.stringContaining('more than once') });
    expect(parsePrefer('delay=1, delay=2', getMe).ok).toBe(false);
    for (const bad of ['code=401; foo=bar', '=401', 'code==401', 'code=4 01', '"code"=401']) {
      expect(parsePrefer(bad, getMe).ok, bad).toBe(false);
    }
  });
});
