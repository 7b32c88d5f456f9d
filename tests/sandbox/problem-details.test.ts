// Every refusal says what was wrong and how to fix it (docs/contract.md, the problem catalogue in
// src/sandbox/errors.ts): for each problem a consumer can run into, the detail as a client shows it, the fix
// included (the curl form to send, the route to call, the variable to raise). Other tests check which problem
// a request gets; these pin the sentence that tells a person what to do. Against every target where the
// problem comes from the shared operations; the limits and scripted failures need the sandbox's options.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_MINIMAL, PNG_1X1 } from '../../src/fixtures/images.ts';
import { expectProblem, type Guest, type Reply } from './support/http.ts';
import { buildMultipart, type Part } from './support/multipart.ts';
import { beforeFirst, startSandbox, startTarget, type RunningSandbox } from './support/sandbox.ts';
import { TARGETS } from './support/targets.ts';

const LIMIT = 4096;
const PROBLEM = 'urn:profile-contracts:problem:';
const CURL = 'curl -F file=@/path/to/image.jpg';

function expectDetail(r: Reply, status: number, code: string, detail: string | RegExp): void {
  expectProblem(r, status);
  expect(r.json.type, r.text).toBe(`${PROBLEM}${code}`);
  if (typeof detail === 'string') expect(r.json.detail).toBe(detail);
  else expect(r.json.detail).toMatch(detail);
}

describe.each(TARGETS)('problem details ($name)', (target) => {
  let sandbox: RunningSandbox;
  let user: Guest;
  beforeAll(async () => {
    sandbox = await startTarget(target, { maxUploadBytes: LIMIT });
  });
  afterAll(() => sandbox.close());
  beforeFirst(async () => {
    user = await sandbox.api.guest();
  });

  const send = (parts: Part[], query = '') => {
    const { body, contentType } = buildMultipart(parts);
    return sandbox.api.call('POST', `/media${query}`, { token: user.token, body, headers: { 'content-type': contentType } });
  };
  const file = (name = 'file', data: Uint8Array = PNG_1X1): Part => ({ name, filename: 'a.png', contentType: 'image/png', data });

  it('the form of POST /media', async () => {
    expectDetail(await send([{ name: 'name', data: 'x' }]), 400, 'missing-file', 'The multipart body has no part named "file". Send the image as -F file=@/path/to/image.jpg.');
    expectDetail(await send([file(), file()]), 400, 'multiple-files', 'The multipart body has 2 parts named "file"; send exactly one.');
    expectDetail(
      await send([file('avatar')]),
      400,
      'unexpected-file-part',
      'The multipart body has file parts other than "file" ("avatar"); send the file only as the part named "file".',
    );
    expectDetail(
      await send([{ name: 'file', data: 'text' }]),
      400,
      'missing-filename',
      `The "file" part has no filename in its Content-Disposition; send it as a file (-F file=@/path/to/image.jpg), not as a text field.`,
    );
    expectDetail(await send([file('file', new Uint8Array(0))]), 400, 'empty-file', 'The "file" part is empty (0 bytes); send the file\'s contents.');
    expectDetail(await send([file('file', new Uint8Array(LIMIT + 1))]), 413, 'file-too-large', `The file is larger than the upload limit of ${LIMIT} bytes; send a smaller file.`);
    const { body, contentType } = buildMultipart([file()], { omitClosing: true });
    expectDetail(
      await sandbox.api.call('POST', '/media', { token: user.token, body: body.subarray(0, body.length - 10), headers: { 'content-type': contentType } }),
      400,
      'malformed-multipart',
      /^The body is not valid multipart\/form-data \(.+\)\. Send it as multipart\/form-data with a "file" part, e\.g\. curl -F file=@\/path\/to\/image\.jpg\.$/,
    );
  });

  it('a body that is not multipart', async () => {
    const how = `POST /media takes multipart/form-data with a boundary and a "file" part (${CURL} sets both).`;
    expectDetail(
      await sandbox.api.call('POST', '/media', { token: user.token, body: '{}', headers: { 'content-type': 'application/json' } }),
      400,
      'not-multipart',
      `Content-Type "application/json" is not multipart/form-data; ${how}`,
    );
    expectDetail(await sandbox.api.call('POST', '/media', { token: user.token }), 400, 'not-multipart', `The request has no Content-Type; ${how}`);
  });

  it('the AdditionalType of an upload', async () => {
    expectDetail(
      await send([file(), { name: 'additionalType', data: 'Scan' }], '?AdditionalType=ProfileImage'),
      400,
      'conflicting-additional-type',
      'The query parameter AdditionalType=ProfileImage and the form field additionalType=Scan differ; give one, or make them equal.',
    );
    expectDetail(
      await send([file(), { name: 'additionalType', data: 'Selfie' }]),
      400,
      'unknown-additional-type',
      /^The form field additionalType "Selfie" is not known\. Allowed \(exact, case-sensitive\): ProfileImage, .+\.$/,
    );
    expectDetail(
      await send([{ name: 'file', filename: 'notes.pdf', contentType: 'application/pdf', data: PDF_MINIMAL }], '?AdditionalType=ProfileImage'),
      415,
      'not-an-image',
      "A ProfileImage must be a JPEG, PNG, GIF or WebP image (judged by its content, not its declared type); the file's bytes are none of these.",
    );
  });

  it('names over their caps', async () => {
    expectDetail(
      await send([file(), { name: 'name', data: 'n'.repeat(256) }]),
      400,
      'name-too-long',
      'The form field "name" is 256 characters long; the sandbox takes at most 255. Send a shorter name.',
    );
    expectDetail(
      await send([{ name: 'file', filename: `${'f'.repeat(252)}.png`, contentType: 'image/png', data: PNG_1X1 }]),
      400,
      'name-too-long',
      "The file part's filename is 256 characters long; the sandbox takes at most 255. Send a shorter filename.",
    );
  });

  it('what the user does not have', async () => {
    expectDetail(
      await sandbox.api.call('GET', '/me/profileimage', { token: user.token }),
      404,
      'no-profile-image',
      'The current user has no active profile image. Upload one with POST /media?AdditionalType=ProfileImage.',
    );
    expectDetail(
      await sandbox.api.call('GET', '/media/nope', { token: user.token }),
      404,
      'media-not-found',
      'The current user has no media item "nope". List the user\'s media with GET /media.',
    );
  });

  it('routes that do not exist, or not with that method', async () => {
    expectDetail(
      await sandbox.api.call('GET', '/profiles', { token: user.token }),
      404,
      'not-found',
      'There is no route GET /profiles. Routes are case-sensitive; see the spec (openapi/profile-service.yaml) for the paths.',
    );
    expectDetail(await sandbox.api.call('PUT', '/me', { token: user.token }), 405, 'method-not-allowed', /^\/me does not take PUT; use one of: GET\b/);
  });
});

describe('problem details of the sandbox\'s own options', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ limits: { maxMediaPerUser: 1, maxStoreBytes: 200 } });
  });
  afterAll(() => sandbox.close());

  it('a full user and a full store: 507 saying nothing was stored and how to make room', async () => {
    const user = await sandbox.api.guest();
    expect((await sandbox.api.upload(user.token, { bytes: PNG_1X1, filename: 'a.png' })).status).toBe(201);
    expectDetail(
      await sandbox.api.upload(user.token, { bytes: PNG_1X1, filename: 'b.png' }),
      507,
      'too-many-media',
      'The current user already has 1 media items, the most the sandbox keeps per user; nothing was stored. ' +
        'Delete some (DELETE /media/{identifier}), reset the sandbox (POST /_sandbox/reset) or start it with a larger MAX_MEDIA_PER_USER.',
    );
    const other = await sandbox.api.guest();
    const big = new Uint8Array(200 - PNG_1X1.length + 1).fill(0x41);
    expectDetail(
      await sandbox.api.upload(other.token, { bytes: big, filename: 'big.bin' }),
      507,
      'store-full',
      `Storing these ${big.length} bytes would take the sandbox past its store limit of 200 bytes (${PNG_1X1.length} bytes are stored now); ` +
        'nothing was stored and nothing already stored was lost. Delete media, reset the sandbox (POST /_sandbox/reset) or start it with a larger MAX_STORE_BYTES.',
    );
  });

  it('a scripted failure says it was asked for, and how many requests it will still answer', async () => {
    const user = await sandbox.api.guest();
    const add = await sandbox.api.call('POST', '/_sandbox/failures', {
      body: JSON.stringify({ operationId: 'getMe', status: 503, count: 2 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(add.status, add.text).toBe(201);
    const first = await sandbox.api.call('GET', '/me', { token: user.token });
    expectProblem(first, 503);
    expect(first.json).toEqual({
      type: `${PROBLEM}scripted-failure`,
      title: 'Service Unavailable',
      status: 503,
      detail: 'Answered 503 because a scripted failure (POST /_sandbox/failures) asked for it; nothing was changed. 1 more request(s) of this operation will be answered by that script.',
    });
    const second = await sandbox.api.call('GET', '/me', { token: user.token });
    expect(second.json.detail).toContain(' 0 more request(s) of this operation');
    expect((await sandbox.api.call('GET', '/me', { token: user.token })).status).toBe(200);
  });
});
