// The page at GET /_sandbox/ in Chromium: it shows the users, their media with thumbnails that really load,
// which image is active, and the notification log, and it follows changes made through the API while it is
// open. With SANDBOX_PAGE_SCREENSHOT=<file> it also saves a screenshot (docs/sandbox-page.png was made so).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { PDF_MINIMAL } from '../../src/fixtures/images.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { Api, type Guest } from '../sandbox/support/http.ts';
import { launchBrowser } from '../support/browser.ts';

let browser: Browser;
let sandbox: Sandbox;
let api: Api;
let page: Page;
/** A blank page that draws the test images. */
let scratch: Page;

/** A PNG drawn by the browser (a coloured tile with a letter), so the thumbnails show something to see. */
async function tile(colour: string, letter: string): Promise<Uint8Array> {
  const dataUrl = await scratch.evaluate(
    (c, l) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 96;
      const g = canvas.getContext('2d')!;
      g.fillStyle = c;
      g.fillRect(0, 0, 96, 96);
      g.fillStyle = '#fff';
      g.font = 'bold 56px sans-serif';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(l, 48, 52);
      return canvas.toDataURL('image/png');
    },
    colour,
    letter,
  );
  return new Uint8Array(Buffer.from(dataUrl.split(',')[1]!, 'base64'));
}

const activeOf = (profileId: string) =>
  page.$eval(`section[data-profile-id="${profileId}"]`, (s) => s.querySelector('figure.active')?.getAttribute('data-identifier') ?? null);

beforeAll(async () => {
  browser = await launchBrowser();
  sandbox = await createSandbox();
  api = new Api(await sandbox.listen(0, '127.0.0.1'));
  scratch = await browser.newPage();
  page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 760 });
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('GET /_sandbox/', () => {
  let alice: Guest;
  let bob: Guest;
  const ids: string[] = [];

  it('shows the users, their media with loaded thumbnails, the active image and the notification log', async () => {
    alice = await api.guest();
    bob = await api.guest();
    for (const [colour, letter] of [['#2e90fa', 'A'], ['#f79009', 'B']] as const) {
      const r = await api.upload(alice.token, { bytes: await tile(colour, letter), filename: `${letter}.png`, query: 'ProfileImage' });
      ids.push(r.json.identifier);
    }
    await api.upload(alice.token, { bytes: PDF_MINIMAL, filename: 'terms.pdf', query: 'Document' });
    await api.upload(bob.token, { bytes: await tile('#12b76a', 'C'), filename: 'C.png', query: 'ProfileImage' });

    const response = await page.goto(`${api.base}/_sandbox/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    await page.waitForSelector(`section[data-profile-id="${bob.profileId}"] img`);

    const sections = await page.$$eval('section.user', (all) => all.map((s) => s.getAttribute('data-profile-id')));
    expect(sections).toEqual([alice.profileId, bob.profileId]);
    expect(await activeOf(alice.profileId)).toBe(ids[1]);
    expect(await page.$eval(`section[data-profile-id="${alice.profileId}"]`, (s) => s.querySelectorAll('figure').length)).toBe(3);
    // Every thumbnail really loaded (bytes served and decoded by the browser), the PDF shows its type.
    await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete && img.naturalWidth === 96));
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(3);
    expect(await page.$eval(`section[data-profile-id="${alice.profileId}"]`, (s) => s.textContent)).toContain('application/pdf');
    const log = await api.notifications();
    const rows = await page.$$eval('#notifications tr', (trs) => trs.map((tr) => tr.children[1]!.textContent));
    expect(rows).toEqual(log.map((m) => m.properties.eventTrigger));
  });

  it('follows changes made while it is open', async () => {
    const r = await api.upload(alice.token, { bytes: await tile('#7a5af8', 'D'), filename: 'D.png', query: 'ProfileImage' });
    await page.waitForFunction(
      (pid, id) => document.querySelector(`section[data-profile-id="${pid}"] figure.active`)?.getAttribute('data-identifier') === id,
      {},
      alice.profileId,
      r.json.identifier,
    );
    // Replace, not delete: the older images are still shown.
    expect(await page.$eval(`section[data-profile-id="${alice.profileId}"]`, (s) => s.querySelectorAll('figure').length)).toBe(4);
    await api.call('DELETE', '/me/profileimage', { token: bob.token });
    await page.waitForFunction((pid) => !document.querySelector(`section[data-profile-id="${pid}"] figure.active`), {}, bob.profileId);
    const log = await api.notifications();
    await page.waitForFunction((n) => document.querySelectorAll('#notifications tr').length === n, {}, log.length);

    const file = process.env.SANDBOX_PAGE_SCREENSHOT;
    if (file) await page.screenshot({ path: file as `${string}.png`, fullPage: true });
  });
});
