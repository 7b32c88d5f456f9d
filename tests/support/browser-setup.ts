// vitest globalSetup for browser tests: unpack @sparticuz/chromium once, before the test workers start, so
// that parallel workers do not race to extract the same binary into the temp folder.
import chromium from '@sparticuz/chromium';

export default async function setup(): Promise<void> {
  await chromium.executablePath();
}
