// Unit tests of the typed client's own logic, over a fake fetch: error mapping, strict Base64, the
// download's file name, what goes on the wire for uploads and tokens, and the "no image" rule.
import { describe, expect, it } from 'vitest';
import {
  activeProfileImageId,
  BadRequestError,
  createProfileClient,
  decodeStrictBase64,
  hasProfileImage,
  NotFoundError,
  PayloadTooLargeError,
  ProblemError,
  problemFromResponse,
  UnauthorizedError,
  UnexpectedResponseError,
  UnsupportedMediaTypeError,
} from '../../src/client/index.ts';
import { GIF_1X1, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';

const BASE = 'http://127.0.0.1:1';

/** A client whose fetch records each request and answers with `respond(request)`. */
function fakeClient(respond: (req: Request) => Response | Promise<Response>, token: string | null = 'tkn') {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    requests.push(req.clone());
    return respond(req);
  };
  return { client: createProfileClient({ baseUrl: BASE, ...(token ? { token } : {}), fetch }), requests };
}

const problem = (status: number, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: `urn:test:${status}`, title: `T${status}`, status, detail: `D${status}`, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
  });

describe('problem+json errors', () => {
  it.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
    [404, NotFoundError],
    [413, PayloadTooLargeError],
    [415, UnsupportedMediaTypeError],
  ])('maps %i to its own error class with the problem fields', async (status, ErrorClass) => {
    const { client } = fakeClient(() => problem(status, { instance: '/me' }));
    const err = await client.getPerson().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErrorClass);
    expect(err).toBeInstanceOf(ProblemError);
    expect(err).toMatchObject({ status, type: `urn:test:${status}`, title: `T${status}`, detail: `D${status}`, instance: '/me', isProblem: true });
  });

  it('still gives a ProblemError, flagged isProblem=false, for a non-problem error body', async () => {
    const { client } = fakeClient(() => new Response('{"error":"nope"}', { status: 500, statusText: 'Internal Server Error', headers: { 'Content-Type': 'application/json' } }));
    const err = await client.listMedia().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect(err).not.toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ status: 500, type: 'about:blank', title: 'Internal Server Error', isProblem: false, body: { error: 'nope' } });
  });

  it('does not call a JSON body with problem fields a problem unless the content type says so', () => {
    const res = new Response(null, { status: 404, headers: { 'Content-Type': 'application/json' } });
    const err = problemFromResponse(res, { type: 'x', title: 'y', status: 404, detail: 'z' });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.isProblem).toBe(false);
  });

  it('throws on an error status even with an empty body (e.g. 404 on DELETE)', async () => {
    const { client } = fakeClient(() => new Response(null, { status: 404 }));
    await expect(client.deleteMedia('x')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('Base64 of the profile image', () => {
  it('decodes standard padded Base64 to the exact bytes', async () => {
    const { client } = fakeClient(() => new Response(toBase64(PNG_1X1), { headers: { 'Content-Type': 'text/plain' } }));
    expect(Buffer.from(await client.getProfileImageBytes()).equals(Buffer.from(PNG_1X1))).toBe(true);
  });

  it.each([
    ['base64url', toBase64(GIF_1X1).replace(/\+/g, '-').replace(/\//g, '_') + '-_'],
    ['unpadded', 'iVBORw0KGgo'],
    ['line breaks', 'iVBORw0K\nGgo='],
  ])('rejects %s with UnexpectedResponseError', async (_name, text) => {
    const { client } = fakeClient(() => new Response(text, { headers: { 'Content-Type': 'text/plain' } }));
    await expect(client.getProfileImageBytes()).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('decodeStrictBase64 accepts "" and refuses garbage', () => {
    expect(decodeStrictBase64('')).toEqual(new Uint8Array());
    expect(decodeStrictBase64('QUJD')).toEqual(new Uint8Array([65, 66, 67]));
    expect(decodeStrictBase64('QUJD!')).toBeUndefined();
  });
});

describe('downloadMedia', () => {
  const download = (disposition: string | null) =>
    fakeClient(
      () =>
        new Response(GIF_1X1.slice(), {
          headers: { 'Content-Type': 'image/gif', ...(disposition ? { 'Content-Disposition': disposition } : {}) },
        }),
    ).client.downloadMedia('m1');

  it('returns the bytes, the content type and the file name', async () => {
    const d = await download('attachment; filename="old profile.gif"');
    expect(Buffer.from(d.bytes).equals(Buffer.from(GIF_1X1))).toBe(true);
    expect(d).toMatchObject({ contentType: 'image/gif', filename: 'old profile.gif' });
  });

  it('prefers the RFC 8187 filename* form', async () => {
    expect((await download(`attachment; filename="a.gif"; filename*=UTF-8''%C3%A4.gif`)).filename).toBe('ä.gif');
  });

  it('leaves filename undefined without Content-Disposition or with a garbled one, keeping the bytes', async () => {
    expect((await download(null)).filename).toBeUndefined();
    const garbled = await download('attachment; filename="unterminated');
    expect(garbled.filename).toBeUndefined();
    expect(garbled.bytes).toHaveLength(GIF_1X1.length);
  });

  it('rejects a download without Content-Type', async () => {
    const { client } = fakeClient(() => {
      const res = new Response(GIF_1X1.slice());
      res.headers.delete('content-type');
      return res;
    });
    await expect(client.downloadMedia('m1')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });
});

describe('requests on the wire', () => {
  const created = () =>
    new Response(JSON.stringify({ identifier: 'm1', name: 'p.png', encodingFormat: 'image/png', contentSize: 70, dateCreated: '2026-11-28T13:05:00Z' }), {
      status: 201,
      headers: { 'Content-Type': 'application/json' },
    });

  it('setProfileImage sends one `file` part with the file name and AdditionalType=ProfileImage', async () => {
    const { client, requests } = fakeClient(created);
    await client.setProfileImage(new Blob([PNG_1X1.slice()], { type: 'image/png' }), 'p.png');
    const req = requests[0]!;
    const url = new URL(req.url);
    expect(req.method).toBe('POST');
    expect(url.pathname).toBe('/media');
    expect(url.searchParams.getAll('AdditionalType')).toEqual(['ProfileImage']);
    expect(req.headers.get('authorization')).toBe('Bearer tkn');
    expect(req.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await req.formData();
    expect([...(form as unknown as Map<string, unknown>).keys()]).toEqual(['file']);
    const file = form.get('file') as File;
    expect(file.name).toBe('p.png');
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(PNG_1X1))).toBe(true);
  });

  it('uploadMedia sends no AdditionalType when none is given, and a `name` part when one is', async () => {
    const { client, requests } = fakeClient(created);
    await client.uploadMedia(new Blob(['%PDF']), { filename: 'n.pdf', name: 'My notes' });
    const req = requests[0]!;
    expect(new URL(req.url).search).toBe('');
    const form = await req.formData();
    expect(form.get('name')).toBe('My notes');
    expect(form.getAll('file')).toHaveLength(1);
  });

  it('createGuestToken asks for grant_type=guest and never sends the configured token', async () => {
    const { client, requests } = fakeClient(
      () => new Response(JSON.stringify({ token: 't', tokenType: 'Bearer', expiresIn: 1 }), { headers: { 'Content-Type': 'application/json' } }),
    );
    expect((await client.createGuestToken()).token).toBe('t');
    expect(new URL(requests[0]!.url).searchParams.get('grant_type')).toBe('guest');
    expect(requests[0]!.headers.has('authorization')).toBe(false);
  });

  it('a client without a token sends no Authorization header', async () => {
    const { client, requests } = fakeClient(() => problem(401), null);
    await expect(client.getPerson()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(requests[0]!.headers.has('authorization')).toBe(false);
  });

  it('escapes identifiers in the path', async () => {
    const { client, requests } = fakeClient(() => problem(404));
    await expect(client.getMedia('a/b c')).rejects.toBeInstanceOf(NotFoundError);
    expect(new URL(requests[0]!.url).pathname).toBe('/media/a%2Fb%20c');
  });
});

describe('the "no profile image" rule', () => {
  it('treats missing and "" alike, and a non-empty id as the active image', () => {
    expect(activeProfileImageId({})).toBeUndefined();
    expect(activeProfileImageId({ profileImage: '' })).toBeUndefined();
    expect(activeProfileImageId({ profileImage: 'img-1' })).toBe('img-1');
    expect(hasProfileImage({ profileImage: '' })).toBe(false);
    expect(hasProfileImage({ profileImage: 'img-1' })).toBe(true);
  });

  it('getActiveProfileImageId reads it from GET /me', async () => {
    const person = { profileId: 'p', identificationLevel: 'Guest', createdDateTime: 'x', lastModified: 'x', profileImage: '' };
    const { client } = fakeClient(() => new Response(JSON.stringify(person), { headers: { 'Content-Type': 'application/json' } }));
    expect(await client.getActiveProfileImageId()).toBeUndefined();
  });
});
