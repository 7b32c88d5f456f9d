// CORS in a real browser (docs/contract.md §9): a page served from another origin (another port on 127.0.0.1)
// gets a guest token, uploads a Blob through FormData as a ProfileImage, reads the exposed Location, and reads
// the image back byte-exact. The same page against a sandbox started with CORS off must fail, which proves the
// browser really enforces CORS here (tests/support/browser.ts drops Chromium's --disable-web-security).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { launchBrowser } from '../support/browser.ts';

/** What the page reports back from its cross-origin calls. */
interface Outcome {
  uploadStatus: number;
  location: string | null;
  bytes: number[];
  base64: string;
  contentType: string | null;
  contentLength: string | null;
  disposition: string | null;
  person: { profileImage?: string };
}

/** Runs in the browser: the calls a web app on another origin makes against the sandbox at `base`. */
async function useSandbox(base: string, bytes: number[]): Promise<Outcome> {
  const { token } = await (await fetch(`${base}/token?grant_type=guest`, { method: 'POST' })).json();
  const auth = { Authorization: `Bearer ${token}` };
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'avatar.png');
  const upload = await fetch(`${base}/media?AdditionalType=ProfileImage`, { method: 'POST', headers: auth, body: form, credentials: 'include' });
  const location = upload.headers.get('Location');
  const download = await fetch(`${base}${location}/download`, { headers: auth });
  const back = [...new Uint8Array(await download.arrayBuffer())];
  const base64 = await (await fetch(`${base}/me/profileimage`, { headers: { ...auth, Prefer: 'delay=0' } })).text();
  const person = await (await fetch(`${base}/me`, { headers: auth })).json();
  return {
    uploadStatus: upload.status,
    location,
    bytes: back,
    base64,
    contentType: download.headers.get('Content-Type'),
    contentLength: download.headers.get('Content-Length'),
    disposition: download.headers.get('Content-Disposition'),
    person,
  };
}

let browser: Browser;
let pageServer: Server;
let pageOrigin: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // The web app's origin: a plain page on its own port, so every call to the sandbox is cross-origin.
  pageServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>'));
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => pageServer?.close(resolve));
});

async function withSandbox<T>(options: SandboxOptions, run: (base: string, page: Page) => Promise<T>): Promise<T> {
  const sandbox: Sandbox = await createSandbox(options);
  const base = await sandbox.listen(0, '127.0.0.1');
  const page = await browser.newPage();
  try {
    await page.goto(pageOrigin);
    return await run(base, page);
  } finally {
    await page.close();
    await sandbox.close();
  }
}

describe('a web app on another origin', () => {
  it('uploads a Blob as ProfileImage, reads Location, and reads the image back byte-exact', async () => {
    const outcome = await withSandbox({}, (base, page) => page.evaluate(useSandbox, base, [...PNG_1X1]));
    expect(outcome.uploadStatus).toBe(201);
    expect(outcome.location).toMatch(/^\/media\/[0-9a-f-]{36}$/);
    expect(outcome.bytes).toEqual([...PNG_1X1]);
    expect(outcome.base64).toBe(toBase64(PNG_1X1));
    expect(outcome.contentType).toBe('image/png');
    expect(outcome.contentLength).toBe(String(PNG_1X1.length));
    expect(outcome.disposition).toBe('attachment; filename="avatar.png"');
    expect(outcome.person.profileImage).toBe(outcome.location!.split('/').pop());
  });

  it('works when CORS_ORIGINS lists its origin', async () => {
    const outcome = await withSandbox({ cors: { origins: [pageOrigin] } }, (base, page) => page.evaluate(useSandbox, base, [...PNG_1X1]));
    expect(outcome.bytes).toEqual([...PNG_1X1]);
  });

  it('fails against a sandbox without CORS, so the browser really enforces it', async () => {
    await withSandbox({ cors: { origins: 'off' } }, async (base, page) => {
      await expect(page.evaluate(useSandbox, base, [...PNG_1X1])).rejects.toThrow(/Failed to fetch/);
    });
  });

  it('fails when CORS_ORIGINS lists only other origins', async () => {
    await withSandbox({ cors: { origins: ['http://127.0.0.1:1'] } }, async (base, page) => {
      await expect(page.evaluate(useSandbox, base, [...PNG_1X1])).rejects.toThrow(/Failed to fetch/);
    });
  });
});
