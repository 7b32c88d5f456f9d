// Defaults resolve against the caller's working directory, never the kit's install folder: verify writes its
// reports to ./reports and looks for ./pacts, the sandbox keeps its spec cache in the OS temp folder, and after
// running the commands the installed package folder is exactly as npm left it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { consumerDir, installedKit, listing, runIn, startIn, stop, type Started } from './support/consumer.ts';

let before: string[];
let sandbox: Started;
let url: string;
let work: string;
const bin = () => join(consumerDir(), 'node_modules/.bin/profile-contracts');

beforeAll(async () => {
  before = await listing(installedKit());
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  sandbox = await startIn(bin(), ['sandbox'], `sandbox listening on ${url}`, { PORT: String(port) });
  // A folder of the consumer's own, inside its project so that npx finds the bin from there.
  work = await mkdtemp(join(consumerDir(), 'work-'));
});

afterAll(async () => {
  if (sandbox) await stop(sandbox);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('from a consumer project', () => {
  it('verify reads pacts from ./pacts by default: none there is a usage error naming that folder', async () => {
    const r = await runIn('npx', ['profile-contracts', 'verify', '--provider-url', url], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(work, 'pacts'));
  });

  it("verify with the kit's shipped pacts passes against the sandbox and writes its reports to ./reports", async () => {
    const pacts = join(installedKit(), 'pacts');
    const r = await runIn('npx', ['profile-contracts', 'verify', '--provider-url', url, '--pact-dir', pacts], { cwd: work, timeoutMs: 180_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(work, 'reports/verify.junit.xml'))).toBe(true);
    expect(existsSync(join(work, 'reports/verify.md'))).toBe(true);
  });

  it.skipIf(!inject('packedFiles').includes('dist/check/main.js'))('check writes its report under the working directory', async () => {
    const r = await runIn('npx', ['profile-contracts', 'check', '--only', 'lint'], { cwd: work, timeoutMs: 180_000 });
    expect(r.code, r.stdout + r.stderr).not.toBeNull();
    expect(existsSync(join(work, 'reports'))).toBe(true);
  });

  it('nothing was written inside the installed package folder (no reports, no caches)', async () => {
    expect(await listing(installedKit())).toEqual(before);
  });
});
