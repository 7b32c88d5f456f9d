// The operations read from a variant OpenAPI document (src/sandbox/spec-operations.ts): which parameters an
// operation has (path-item ones overridden by the operation's own of the same name and location), whether it has
// any to check, the violation its query or path parameters answer with, and the errors a malformed document or
// an unknown schema name raises.
import { describe, expect, it } from 'vitest';
import { specFromDocument } from '../../src/sandbox/spec-operations.ts';

const doc = {
  openapi: '3.1.0',
  paths: {
    '/plain': { get: { operationId: 'plain', responses: {} } },
    '/items/{id}': {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'sort', in: 'query', schema: { type: 'string' } },
      ],
      get: {
        operationId: 'getItem',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
          { name: 'id', in: 'query', schema: { type: 'string', enum: ['a', 'b'] } },
        ],
        responses: {},
      },
    },
    '/search': {
      get: {
        operationId: 'search',
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'kind', in: 'query', schema: { type: 'string', enum: ['x', 'y'] } },
        ],
        responses: {},
      },
    },
    '/things/{thing}': {
      delete: { operationId: 'deleteThing', parameters: [{ name: 'thing', in: 'path', required: true, schema: { type: 'string', minLength: 3 } }], responses: {} },
    },
  },
};
const spec = specFromDocument(doc);
const op = (id: string) => spec.operations.find((o) => o.operationId === id)!;

describe('operations of a variant document', () => {
  it('has no parameters, and none to check, when neither the path item nor the operation declares any', () => {
    expect(op('plain').parameters).toEqual([]);
    expect(op('plain').hasCheckedParameters).toBe(false);
  });

  it("keeps every parameter, the operation's own replacing the path item's of the same name and location", () => {
    expect(op('getItem').parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
      { name: 'sort', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'id', in: 'query', required: false, schema: { type: 'string', enum: ['a', 'b'] } },
    ]);
  });

  it('counts an operation with only path parameters, or only query parameters, as having parameters to check', () => {
    expect(op('deleteThing').hasCheckedParameters).toBe(true);
    expect(op('search').hasCheckedParameters).toBe(true);
  });

  it('checks path parameters against their schema and names the path one that fails', async () => {
    expect(await op('deleteThing').checkParameters({}, { thing: 'abc' })).toBeUndefined();
    expect(await op('deleteThing').checkParameters({}, { thing: 'ab' })).toEqual({
      in: 'path',
      name: 'thing',
      value: 'ab',
      message: 'must NOT have fewer than 3 characters',
    });
    expect(await op('getItem').checkParameters({ id: 'a' }, { id: 'x1' })).toMatchObject({ in: 'path', name: 'id', value: 'x1' });
  });

  it('checks the query first and reports its violation with the allowed values', async () => {
    expect(await op('getItem').checkParameters({ id: 'c' }, { id: 'x1' })).toEqual({
      in: 'query',
      name: 'id',
      value: 'c',
      message: 'must be equal to one of the allowed values',
      allowed: ['a', 'b'],
    });
    expect(await op('search').checkParameters({}, {})).toEqual({ in: 'query', name: 'q', value: undefined, message: 'is required' });
  });

  it('reports a first error for the one parameter that fails first, a missing one before a wrong one', async () => {
    expect(await op('search').checkParameters({ kind: 'z' }, {})).toMatchObject({ in: 'query', name: 'q', message: 'is required' });
  });

  it('reports a query that is not an object at all with an empty name', async () => {
    expect(await op('search').checkParameters('q=1', {})).toEqual({ in: 'query', name: '', value: undefined, message: 'must be object' });
  });
});

describe('a malformed document or an unknown schema', () => {
  it('refuses an operation without an operationId, naming it', () => {
    expect(() => specFromDocument({ paths: { '/x': { post: { responses: {} } } } })).toThrow('openapi: POST /x has no operationId');
  });

  it('says which schema does not exist, also in a document without components or schemas', () => {
    expect(() => spec.schema('Missing')).toThrow('openapi: components.schemas.Missing does not exist');
    expect(() => specFromDocument({ paths: {}, components: {} }).schema('Missing')).toThrow('openapi: components.schemas.Missing does not exist');
  });
});
