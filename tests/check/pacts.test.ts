// Unit tests of the pact helpers the drift gate relies on: multipart part names, the normal form that makes
// two generations of a pact comparable, and the readable first difference.
import { describe, expect, it } from 'vitest';
import { firstDifference, multipartParts, normalisePact } from '../../src/check/pacts.ts';
import type { JsonObject } from '../../src/spec/data.ts';

const body = (boundary: string) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x2d, 0x2d]), // PNG bytes, including "--"
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nme\r\n--${boundary}--\r\n`),
  ]);

const pact = (boundary: string, order: string[]): JsonObject => ({
  interactions: order.map((description) => ({
    type: 'Synchronous/HTTP',
    description,
    request: {
      method: 'POST',
      path: '/media',
      headers: { 'Content-Type': [`multipart/form-data; boundary=${boundary}`] },
      body: { content: body(boundary).toString('base64'), contentType: 'multipart/form-data', encoded: 'base64' },
    },
    response: { status: 201 },
  })),
});

describe('pact helpers', () => {
  it('reads multipart part names and filenames, binary content notwithstanding', () => {
    expect(multipartParts(body('b0und'), 'b0und')).toEqual([
      { name: 'file', filename: 'a.png', contentType: 'image/png' },
      { name: 'name', filename: undefined, contentType: undefined },
    ]);
  });

  it('treats two generations that differ in boundary and interaction order as equal', () => {
    expect(firstDifference(normalisePact(pact('aaaa1111', ['x', 'y'])), normalisePact(pact('bbbb2222', ['y', 'x'])))).toBeUndefined();
  });

  it('still sees a real difference, and says where', () => {
    const a = normalisePact(pact('aaaa1111', ['x']));
    const b = normalisePact(pact('bbbb2222', ['x (edited)']));
    expect(firstDifference(a, b)).toBe('$.interactions[0].description: committed "x", generated now "x (edited)"');
  });
});
