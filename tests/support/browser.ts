// A real headless Chromium for the browser tests (CORS against the sandbox, MSW's service worker, the
// sandbox page). The browser comes from the npm registry (`@sparticuz/chromium`, driven by `puppeteer-core`),
// so `npm ci && npm test` needs nothing installed by hand. Its default flags include
// `--disable-web-security`, which switches CORS off; it is always dropped here, so a server without CORS
// headers really fails a cross-origin test. A test that cannot start the browser fails; it never skips.
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Flags of @sparticuz/chromium's defaults that would make a browser test prove nothing, or that break it. */
const DROPPED = new Set(['--disable-web-security']);

const EXTRA = ['--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The browser's flags: @sparticuz/chromium's defaults minus DROPPED and `drop`, plus EXTRA and `extraArgs`. */
export function browserArgs(drop: readonly string[] = [], extraArgs: readonly string[] = []): string[] {
  const dropped = new Set([...DROPPED, ...drop]);
  return [...chromium.args.filter((a) => !dropped.has(a.split('=')[0]!)), ...EXTRA, ...extraArgs];
}

/**
 * Launch headless Chromium. `drop` removes more default flags (e.g. `--single-process` for service workers);
 * the caller closes the browser.
 */
export async function launchBrowser(options: { drop?: string[]; extraArgs?: string[] } = {}): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  return puppeteer.launch({
    executablePath,
    args: browserArgs(options.drop, options.extraArgs),
    headless: 'shell',
    protocolTimeout: 60_000,
  });
}
