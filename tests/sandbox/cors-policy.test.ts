// CORS_ORIGINS and the CORS headers as plain functions (src/sandbox/cors.ts), at their edges: blanks around the
// value, `*`, an `off` policy asked about an empty or odd Origin, and headers of a non-preflight answer.
import { describe, expect, it } from 'vitest';
import { corsHeaders, DEFAULT_CORS_POLICY, originAllowed, parseCorsOrigins } from '../../src/sandbox/cors.ts';

describe('parseCorsOrigins at its edges', () => {
  it('reads the value with blanks around it', () => {
    expect(parseCorsOrigins('  off \t')).toEqual({ origins: 'off' });
    expect(parseCorsOrigins('   ')).toBe(DEFAULT_CORS_POLICY);
    expect(parseCorsOrigins(' http://a.test , https://b.test:8443 ')).toEqual({ origins: ['http://a.test', 'https://b.test:8443'] });
  });

  it('reads * as any origin', () => {
    expect(parseCorsOrigins('*')).toEqual({ origins: 'any' });
    expect(parseCorsOrigins(' * ')).toEqual({ origins: 'any' });
  });
});

describe('an off policy', () => {
  it('allows no origin, not even an empty one or one made of its letters', () => {
    const off = parseCorsOrigins('off');
    for (const origin of ['', 'o', 'off', 'http://a.test']) {
      expect(originAllowed(off, origin), JSON.stringify(origin)).toBe(false);
      expect(corsHeaders(off, origin, true), JSON.stringify(origin)).toEqual({});
    }
  });
});

describe('corsHeaders', () => {
  it('adds the preflight headers only when asked for a preflight', () => {
    const plain = {
      'access-control-allow-origin': 'http://a.test',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'Location, Content-Disposition, Content-Length',
      vary: 'Origin',
    };
    expect(corsHeaders(DEFAULT_CORS_POLICY, 'http://a.test')).toEqual(plain);
    expect(corsHeaders(DEFAULT_CORS_POLICY, 'http://a.test', false)).toEqual(plain);
    expect(corsHeaders(DEFAULT_CORS_POLICY, 'http://a.test', true)).toEqual({
      ...plain,
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
      'access-control-allow-headers': 'Authorization, Content-Type, Prefer',
      'access-control-max-age': '600',
    });
  });
});
