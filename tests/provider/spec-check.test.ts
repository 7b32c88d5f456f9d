// The spec gate's judge (src/verify/spec.ts) on hand-made responses: what the contract leaves free passes,
// what it pins fails with a violation that names the place. No server needed.
import { describe, expect, it } from 'vitest';
import { SpecChecker } from '../../src/verify/spec.ts';

const checker = new SpecChecker();
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const person = { profileId: 'p-1', identificationLevel: 'Guest', createdDateTime: '2026-11-28T13:00:00Z', lastModified: '2026-11-28T13:00:00Z' };
const problem = (status: number) => ({ type: 'urn:x', title: 'T', status, detail: 'Anything at all.' });
const media = { identifier: 'any-format', name: 'a.png', encodingFormat: 'image/png', contentSize: 70, dateCreated: '2026-11-28T13:05:00Z' };
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('what the contract leaves free passes', () => {
  it.each([
    ['extra Person fields', { ...person, givenName: 'Ada', loyaltyTier: 'gold' }],
    ['profileImage ""', { ...person, profileImage: '' }],
    ['profileImage missing', person],
    ['profileImage set', { ...person, profileImage: 'whatever-id-format' }],
  ])('GET /me 200 with %s', (_label, body) => {
    expect(checker.checkResponse({ method: 'GET', path: '/me', status: 200, headers: JSON_TYPE, body: json(body) }).violations).toEqual([]);
  });

  it('a problem with any detail text and extra members', () => {
    const verdict = checker.checkResponse({
      method: 'GET',
      path: '/media/x',
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      body: json({ ...problem(404), instance: '/media/x', traceId: 't' }),
    });
    expect(verdict).toEqual({ operation: 'GET /media/{identifier} → 404', violations: [] });
  });

  it('an upload with an absolute Location and a query string on the path', () => {
    const verdict = checker.checkResponse({
      method: 'POST',
      path: '/media?AdditionalType=ProfileImage',
      status: 201,
      headers: { ...JSON_TYPE, location: 'https://host/test/profile/media/any-format' },
      body: json({ ...media, additionalType: 'ProfileImage' }),
    });
    expect(verdict.violations).toEqual([]);
  });

  it('a download of any bytes with its headers, and a 204 without a body', () => {
    const download = checker.checkResponse({
      method: 'GET',
      path: '/media/m/download',
      status: 200,
      headers: { 'content-type': 'image/gif', 'content-length': '3', 'content-disposition': 'attachment; filename="a.gif"' },
      body: Buffer.from([0xff, 0x00, 0xfe]),
    });
    expect(download.violations).toEqual([]);
    expect(checker.checkResponse({ method: 'DELETE', path: '/me/profileimage', status: 204, headers: {}, body: Buffer.alloc(0) }).violations).toEqual([]);
  });
});

describe('what the contract pins fails, naming the place', () => {
  it('profileImage: null', () => {
    const v = checker.checkResponse({ method: 'GET', path: '/me', status: 200, headers: JSON_TYPE, body: json({ ...person, profileImage: null }) });
    expect(v.violations).toEqual(['body.profileImage must be string']);
  });

  it('a status the operation does not declare (5xx included)', () => {
    expect(checker.checkResponse({ method: 'POST', path: '/media', status: 200, headers: JSON_TYPE, body: json(media) }).violations).toEqual([
      'status 200 is not declared for POST /media (declared: 201, 400, 401, 413, 415)',
    ]);
    expect(checker.checkResponse({ method: 'GET', path: '/me', status: 500, headers: {}, body: Buffer.alloc(0) }).violations[0]).toMatch(/^status 500 is not declared/);
  });

  it('a 201 upload without Location', () => {
    const v = checker.checkResponse({ method: 'POST', path: '/media', status: 201, headers: JSON_TYPE, body: json(media) });
    expect(v.violations).toEqual(['required header Location is missing']);
  });

  it('a 401 without WWW-Authenticate: Bearer, or as plain JSON', () => {
    const basic = checker.checkResponse({ method: 'GET', path: '/me', status: 401, headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Basic' }, body: json(problem(401)) });
    expect(basic.violations).toEqual(['header WWW-Authenticate must match pattern "^Bearer"']);
    const plain = checker.checkResponse({ method: 'GET', path: '/me', status: 401, headers: { ...JSON_TYPE, 'www-authenticate': 'Bearer' }, body: json({ error: 'no' }) });
    expect(plain.violations).toEqual(['Content-Type is "application/json"; the spec allows application/problem+json']);
  });

  it('a problem without detail', () => {
    const { detail: _d, ...partial } = problem(404);
    const v = checker.checkResponse({ method: 'GET', path: '/me/profileimage', status: 404, headers: { 'content-type': 'application/problem+json' }, body: json(partial) });
    expect(v.violations).toEqual(["body must have required property 'detail'"]);
  });

  it('Base64 that is base64url or has a line break', () => {
    for (const text of ['iVBO-_w==', 'iVBORw0K\n']) {
      const v = checker.checkResponse({ method: 'GET', path: '/me/profileimage', status: 200, headers: { 'content-type': 'text/plain' }, body: Buffer.from(text) });
      expect(v.violations[0]).toMatch(/^body must match pattern/);
    }
  });

  it('a 204 with a body, a 200 without one, and a list item with a bad date', () => {
    expect(checker.checkResponse({ method: 'DELETE', path: '/media/x', status: 204, headers: {}, body: Buffer.from('ok') }).violations).toEqual([
      'the body must be empty, but 2 bytes came back',
    ]);
    expect(checker.checkResponse({ method: 'GET', path: '/media', status: 200, headers: JSON_TYPE, body: Buffer.alloc(0) }).violations).toEqual([
      'the body is empty; expected application/json',
    ]);
    expect(checker.checkResponse({ method: 'GET', path: '/media', status: 200, headers: JSON_TYPE, body: json([{ ...media, dateCreated: 'yesterday' }]) }).violations).toEqual([
      'body.0.dateCreated must match format "date-time"',
    ]);
  });

  it('a webhook message without identifier or with an unknown eventTrigger', () => {
    const properties = { messageId: 'm', entityName: 'Person', eventTrigger: 'Update', profileId: 'p-1', identifier: 'p-1' };
    expect(checker.checkNotification({ properties, body: person })).toEqual([]);
    expect(checker.checkNotification({ properties: { ...properties, identifier: undefined, eventTrigger: 'Changed' }, body: person })).toEqual([
      "message.properties must have required property 'identifier'",
      'message.properties.eventTrigger must be equal to one of the allowed values (Create, Update, Delete)',
    ]);
  });
});
