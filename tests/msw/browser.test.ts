// The MSW handlers in a real browser: headless Chromium loads a page (tests/msw/support/page/app.ts, bundled
// here with esbuild) that registers MSW's service worker, the script exactly as `msw init` writes it, and
// mocks the Profile Service with `setupWorker(...handlers)`. Through the page's file input, as a user would,
// it uploads a ProfileImage and then replaces it: the page lists the old image still and the new one active.
// The test's HTTP server serves only the page and the worker: a request under /profile reaching it would mean
// the mock let it through to the network, and fails the test. Further pages start the handlers from a seed
// (bytes inline) and from the snapshot one of them took, and upload files whose names Chromium itself encodes.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIF_1X1, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { launchBrowser } from '../support/browser.ts';
import { bundleForBrowser, ROOT } from './support/bundle.ts';

const PAGE = `<!doctype html>
<meta charset="utf-8"><title>profile image</title>
<form id="upload"><input type="file" id="file" accept="image/*"><button>Set profile image</button></form>
<output id="status"></output>
<ul id="media"></ul>
<script type="module" src="/app.js"></script>`;

let dir: string;
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
const leaked: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msw-browser-'));
  // `msw init <dir>` writes the worker script a consumer serves from their public folder.
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/msw/cli/index.js'), 'init', dir, '--no-save'], { cwd: ROOT });
  const worker = await readFile(join(dir, 'mockServiceWorker.js'), 'utf8');
  const app = (await bundleForBrowser('tests/msw/support/page/app.ts')).code;
  await writeFile(join(dir, 'avatar.gif'), GIF_1X1);
  await writeFile(join(dir, 'avatar.png'), PNG_1X1);

  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', PAGE],
    '/app.js': ['text/javascript', app],
    '/mockServiceWorker.js': ['text/javascript', worker],
  };
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const file = files[path];
    if (!file) {
      if (path !== '/favicon.ico') leaked.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  // Service workers need the browser's usual process model, which --single-process switches off.
  browser = await launchBrowser({ drop: ['--single-process'] });
  page = await browser.newPage();
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await page.evaluate(() => window.ready);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function setProfileImage(path: string, name: string, on: Page = page): Promise<void> {
  const page = on;
  const input = (await page.$('input#file'))!;
  await input.uploadFile(path);
  await page.$eval('#status', (o) => ((o as HTMLOutputElement).value = ''));
  await page.click('#upload button');
  await page.waitForFunction(() => !['', 'uploading'].includes(document.querySelector('output')!.value));
  expect(await page.$eval('#status', (o) => (o as HTMLOutputElement).value)).toBe(`uploaded ${name}`);
}

const listed = (on: Page = page) =>
  on.$$eval('#media li', (items) => items.map((li) => ({ id: (li as HTMLElement).dataset.id, active: (li as HTMLElement).dataset.active, text: li.textContent })));

describe('setupWorker in headless Chromium', () => {
  it('the page is controlled by MSW\'s service worker', async () => {
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${origin}/mockServiceWorker.js`);
  });

  it('uploads a ProfileImage, replaces it, and shows the old one still listed and the new one active', async () => {
    await setProfileImage(join(dir, 'avatar.gif'), 'avatar.gif');
    const first = await listed();
    expect(first).toEqual([{ id: expect.any(String), active: 'true', text: 'avatar.gif (image/gif) — active' }]);

    await setProfileImage(join(dir, 'avatar.png'), 'avatar.png');
    expect(await listed()).toEqual([
      { id: first[0]!.id, active: 'false', text: 'avatar.gif (image/gif)' },
      { id: expect.any(String), active: 'true', text: 'avatar.png (image/png) — active' },
    ]);

    // The Person notifications the page received say the same: the new image, then the newer one.
    const [, second] = await listed();
    const updates = await page.evaluate(() =>
      window.notifications.filter((n) => n.properties.eventTrigger === 'Update').map((n) => n.body.profileImage),
    );
    expect(updates).toEqual([first[0]!.id, second!.id]);
    expect(leaked).toEqual([]);
  });

  it('the old image is still downloadable, byte for byte, and another user gets 404 for it', async () => {
    const [old] = await listed();
    expect(new Uint8Array(await page.evaluate((id) => window.download(id), old!.id!))).toEqual(GIF_1X1);
    const other = await page.evaluate(async (id) => {
      const base = `${location.origin}/profile`;
      const { token } = await (await fetch(`${base}/token?grant_type=guest`, { method: 'POST' })).json();
      const res = await fetch(`${base}/media/${id}/download`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, type: res.headers.get('content-type') };
    }, old!.id!);
    expect(other).toEqual({ status: 404, type: 'application/problem+json' });
    expect(leaked).toEqual([]);
  });
});

/** A new page of the app, started from `startFrom` (set before the page's own scripts run). */
async function pageFrom(startFrom: unknown): Promise<Page> {
  const fresh = await browser.newPage();
  await fresh.evaluateOnNewDocument((start) => {
    window.startFrom = start as Window['startFrom'];
  }, startFrom as never);
  await fresh.goto(`${origin}/`, { waitUntil: 'load' });
  await fresh.evaluate(() => window.ready);
  return fresh;
}

describe('setupWorker in headless Chromium, from a known state', () => {
  const seed = {
    users: [
      {
        token: 'alice-token',
        media: [
          { base64: toBase64(GIF_1X1), name: 'seeded.gif', identifier: 'seeded-old', additionalType: 'ProfileImage' },
          { base64: toBase64(PNG_1X1), name: 'seeded.png', identifier: 'seeded-active', additionalType: 'ProfileImage', active: true },
        ],
      },
    ],
  };
  let snapshot: unknown;
  let afterReplace: Awaited<ReturnType<typeof listed>>;

  it('starts the handlers from a seed: the page shows its media and its active image, and replacing keeps the old', async () => {
    const seeded = await pageFrom({ seed, token: 'alice-token' });
    try {
      expect(await listed(seeded)).toEqual([
        { id: 'seeded-old', active: 'false', text: 'seeded.gif (image/gif)' },
        { id: 'seeded-active', active: 'true', text: 'seeded.png (image/png) — active' },
      ]);
      await setProfileImage(join(dir, 'avatar.gif'), 'avatar.gif', seeded);
      afterReplace = await listed(seeded);
      expect(afterReplace.map((i) => [i.id, i.active])).toEqual([
        ['seeded-old', 'false'],
        ['seeded-active', 'false'],
        [expect.any(String), 'true'],
      ]);
      snapshot = await seeded.evaluate(() => window.snapshot());
      expect(snapshot).toMatchObject({ format: 'profile-contracts/sandbox-state', users: [{ tokens: ['alice-token'] }] });
    } finally {
      await seeded.close();
    }
  });

  it('starts the handlers from that snapshot: the same media, the same active image, the same bytes', async () => {
    const restored = await pageFrom({ seed: snapshot, token: 'alice-token' });
    try {
      expect(await listed(restored)).toEqual(afterReplace);
      expect(new Uint8Array(await restored.evaluate((id) => window.download(id), 'seeded-active'))).toEqual(PNG_1X1);
      expect(await restored.evaluate(() => window.snapshot())).toEqual(snapshot);
      expect(await restored.evaluate(() => window.notifications)).toEqual([]);
      expect(leaked).toEqual([]);
    } finally {
      await restored.close();
    }
  });

  it("reads the filenames Chromium sends as it encodes them: %22 for a quote, a backslash as it is", async () => {
    const stored = await page.evaluate(async (png) => {
      const base = `${location.origin}/profile`;
      const { token } = await (await fetch(`${base}/token?grant_type=guest`, { method: 'POST' })).json();
      const names: string[] = [];
      for (const filename of ['my "best".png', 'C:\\Users\\me\\photo.png', 'line\nbreak.png']) {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), filename);
        const res = await fetch(`${base}/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
        names.push((await res.json()).name);
      }
      return names;
    }, [...PNG_1X1]);
    expect(stored).toEqual(['my "best".png', 'photo.png', 'linebreak.png']);
  });
});
