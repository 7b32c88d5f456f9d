// `npm run mock` end to end: starts the mock through the real entry (`tsx src/cli/bin.ts mock`, PORT = a free port)
// and runs the seed document's curl examples verbatim against it, then the error paths and the scenario
// selection consumers rely on. Every JSON body the mock returns is checked against the spec's schemas.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpecValidator, type SpecValidator } from '../../src/spec/examples.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { freePort } from '../support/ports.ts';
import { ROOT, startProcess, type Running } from '../support/processes.ts';

// The seed's three curl examples, copied character for character from the how-to page.
const SEED_GET = 'curl -X GET "{{ profileService }}/me/profileimage"   -H "Authorization: Bearer <token>"';
const SEED_DELETE = 'curl -X DELETE "{{ profileService }}/me/profileimage"   -H "Authorization: Bearer <token>"';
const SEED_UPLOAD =
  'curl -X POST "{{ profileService }}/media?AdditionalType=ProfileImage"   -H "Authorization: Bearer <token>"   -H "Accept: application/json"   -F "file=@/path/to/profile.jpg"';

interface CurlResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let mock: Running;
let workDir: string;
let pngPath: string;
let schemas: SpecValidator;

/**
 * Run a curl command line through bash, with `{{ profileService }}` set to the mock's URL and the seed's
 * placeholder file path set to a real PNG. Only output options are appended, so the request is the seed's.
 */
function curl(line: string): Promise<CurlResult> {
  const command = line.replaceAll('{{ profileService }}', mock.url).replaceAll('/path/to/profile.jpg', pngPath);
  return new Promise((done, fail) => {
    execFile('bash', ['-c', `${command} --silent --show-error --include --max-time 20`], { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) return fail(new Error(`${command} failed: ${String(err)}\n${stderr}`));
      // Skip any interim "100 Continue" block: the last header block is the response.
      const blocks = stdout.split('\r\n\r\n');
      let i = 0;
      while (/^HTTP\/\S+ 1\d\d/.test(blocks[i] ?? '') && i < blocks.length - 1) i++;
      const [statusLine, ...headerLines] = blocks[i]!.split('\r\n');
      const headers: Record<string, string> = {};
      for (const h of headerLines) {
        const colon = h.indexOf(':');
        headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
      }
      done({ status: Number(statusLine!.split(' ')[1]), headers, body: blocks.slice(i + 1).join('\r\n\r\n') });
    });
  });
}

const bearer = { Authorization: 'Bearer any-token' };

/** A multipart body with the PNG fixture in the `file` part. */
function pngUpload(): FormData {
  const form = new FormData();
  // Copy into a fresh ArrayBuffer-backed view: Blob takes no SharedArrayBuffer-typed bytes.
  form.set('file', new Blob([new Uint8Array(PNG_1X1)], { type: 'image/png' }), 'profile.png');
  return form;
}

/** `value` against the spec's schema at `pointer`: the mock must answer what the contract says. */
function expectSchema(pointer: string, value: unknown): void {
  expect(schemas.validate(pointer, value), `${JSON.stringify(value)} against #${pointer}`).toEqual([]);
}

async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await res.json()) as Record<string, unknown>;
  expectSchema('/components/schemas/Problem', problem);
  expect(problem.status).toBe(status);
  return problem;
}

beforeAll(async () => {
  schemas = createSpecValidator(await loadSpec());
  workDir = await mkdtemp(join(tmpdir(), 'profile-contracts-mock-'));
  pngPath = join(workDir, 'profile.png');
  await writeFile(pngPath, PNG_1X1);
  const port = await freePort();
  mock = await startProcess(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/cli/bin.ts', 'mock'], port, { PORT: String(port), LOG_LEVEL: 'warn' });
});

afterAll(async () => {
  await mock?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('npm run mock', () => {
  it('prints the URL it serves', async () => {
    // The entry prints its line once it sees the port accept connections, a moment after this suite's own
    // readiness probe may have got through: wait for the line (bounded), do not race it.
    const line = `listening at ${mock.url}`;
    for (let i = 0; i < 100 && !mock.output().includes(line); i++) await new Promise((r) => setTimeout(r, 50));
    expect(mock.output()).toContain(line);
  });
});

describe("the seed's curl examples, verbatim", () => {
  it('GET /me/profileimage → 200 text/plain with the Base64 of an image', async () => {
    const res = await curl(SEED_GET);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expectSchema('/components/schemas/Base64', res.body);
    // The Base64 decodes to a PNG (magic bytes), i.e. the mock serves the image, not any string.
    expect(Buffer.from(res.body, 'base64').subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('DELETE /me/profileimage → 204 with an empty body', async () => {
    const res = await curl(SEED_DELETE);
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
  });

  it('POST /media?AdditionalType=ProfileImage with -F file=@<png> → 201, a MediaObject and its Location', async () => {
    const res = await curl(SEED_UPLOAD);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const media = JSON.parse(res.body) as { identifier: string; additionalType?: string };
    expectSchema('/components/schemas/MediaObject', media);
    expect(media.additionalType).toBe('ProfileImage');
    expect(res.headers.location).toBe(`/media/${media.identifier}`);
  });

  it('without the Authorization header → 401, WWW-Authenticate: Bearer, a problem', async () => {
    const res = await curl(SEED_GET.replace('   -H "Authorization: Bearer <token>"', ''));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectSchema('/components/schemas/Problem', JSON.parse(res.body));
  });
});

describe('request validation', () => {
  it('an upload without a token → 401 problem with WWW-Authenticate: Bearer', async () => {
    const form = pngUpload();
    const res = await fetch(`${mock.url}/media?AdditionalType=ProfileImage`, { method: 'POST', body: form });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectProblem(res, 401);
  });

  it('an unknown AdditionalType (wrong case) → 400 problem; Prism names the allowed values in sl-violations', async () => {
    const form = pngUpload();
    const res = await fetch(`${mock.url}/media?AdditionalType=profileimage`, { method: 'POST', headers: bearer, body: form });
    await expectProblem(res, 400);
    // The body is the spec's first 400 example; what Prism really rejected is in this header.
    expect(res.headers.get('sl-violations')).toMatch(/additionaltype.*ProfileImage, TravelerProfileImage/i);
  });

  it('an upload without a `file` part → 400 problem', async () => {
    const form = new FormData();
    form.set('name', 'profile.png');
    const res = await fetch(`${mock.url}/media?AdditionalType=ProfileImage`, { method: 'POST', headers: bearer, body: form });
    await expectProblem(res, 400);
    expect(res.headers.get('sl-violations')).toMatch(/required property 'file'/);
  });
});

describe('scenario selection with Prefer', () => {
  it('GET /me serves the first example (a Person with a profile image) by default', async () => {
    const res = await fetch(`${mock.url}/me`, { headers: bearer });
    expect(res.status).toBe(200);
    const person = (await res.json()) as { profileImage?: string };
    expectSchema('/components/schemas/Person', person);
    expect(person.profileImage).toBeTruthy();
  });

  it('Prefer: example=personWithoutProfileImage → a Person without profileImage', async () => {
    const res = await fetch(`${mock.url}/me`, { headers: { ...bearer, Prefer: 'example=personWithoutProfileImage' } });
    expect(res.status).toBe(200);
    const person = (await res.json()) as Record<string, unknown>;
    expectSchema('/components/schemas/Person', person);
    expect(person).not.toHaveProperty('profileImage');
  });

  it('Prefer: example=personWithEmptyProfileImage → profileImage is ""', async () => {
    const res = await fetch(`${mock.url}/me`, { headers: { ...bearer, Prefer: 'example=personWithEmptyProfileImage' } });
    const person = (await res.json()) as Record<string, unknown>;
    expectSchema('/components/schemas/Person', person);
    expect(person.profileImage).toBe('');
  });

  it('Prefer: example=replacedAndActiveImage on GET /media → the replaced and the active image, both ProfileImage', async () => {
    const res = await fetch(`${mock.url}/media`, { headers: { ...bearer, Prefer: 'example=replacedAndActiveImage' } });
    const list = (await res.json()) as Array<{ additionalType?: string }>;
    for (const item of list) expectSchema('/components/schemas/MediaObject', item);
    expect(list.map((m) => m.additionalType)).toEqual(['ProfileImage', 'ProfileImage']);
  });

  it('Prefer: code=404 on GET /me/profileimage → 404 problem (no profile image)', async () => {
    const res = await fetch(`${mock.url}/me/profileimage`, { headers: { ...bearer, Prefer: 'code=404' } });
    const problem = await expectProblem(res, 404);
    expect(problem.type).toBe('urn:profile-contracts:problem:no-profile-image');
  });

  it('Prefer: code=404 on DELETE /me/profileimage → 404 problem', async () => {
    const res = await fetch(`${mock.url}/me/profileimage`, { method: 'DELETE', headers: { ...bearer, Prefer: 'code=404' } });
    await expectProblem(res, 404);
  });

  it('an unknown example name → 404 problem that names the missing example', async () => {
    const res = await fetch(`${mock.url}/me`, { headers: { ...bearer, Prefer: 'example=noSuchExample' } });
    const problem = await expectProblem(res, 404);
    expect(problem.detail).toContain('noSuchExample');
  });
});
