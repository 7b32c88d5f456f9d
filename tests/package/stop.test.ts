// Starting and stopping the sandbox and the mock in a consumer's CI: the start/stop block of docs/consumers.md,
// run verbatim, leaves nothing listening; and the older `npm start & … kill %1` pattern, whose signal reaches
// npm and not the server, no longer leaves the port taken either.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { answers, becomesFree, consumerDir, killGroup, runShell } from './support/consumer.ts';

const DOC = resolve(import.meta.dirname, '../../docs/consumers.md');
const MARKER = '<!-- tests/package/stop.test.ts runs this block verbatim';

/** The sh block right after the marker in docs/consumers.md. */
async function documentedBlock(): Promise<string> {
  const text = await readFile(DOC, 'utf8');
  const at = text.indexOf(MARKER);
  expect(at, 'docs/consumers.md lost its tested start/stop block').toBeGreaterThan(-1);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  return block![1]!;
}

// The consumer's `npm test`: proves the tests between start and stop really reach the sandbox.
const CONSUMER_TEST = `
const res = await fetch(process.env.PROFILE_SERVICE_URL + '/token?grant_type=guest', { method: 'POST' });
if (res.status !== 200) { console.error('the sandbox answered ' + res.status); process.exit(1); }
console.log('consumer tests reached the sandbox');
`;

beforeAll(async () => {
  await writeFile(join(consumerDir(), 'consumer-test.mjs'), CONSUMER_TEST);
});

describe('docs/consumers.md: the CI start/stop block', () => {
  it('runs, reaches the sandbox, ends with exit code 0 and leaves the port free', async () => {
    const port = await freePort();
    const block = await documentedBlock();
    expect(block).toContain('export PORT=4010\n');
    const r = await runShell(block.replace('export PORT=4010\n', `export PORT=${port}\n`));
    try {
      expect(r.stdout).toContain('consumer tests reached the sandbox');
      expect(r.stdout).toContain('sandbox stopping (SIGTERM)');
      expect(r.code).toBe(0);
      // Free when the block ends: `wait` returned only after the sandbox had closed its port.
      expect(await answers(`http://127.0.0.1:${port}/_sandbox/health`)).toBe(false);
    } finally {
      killGroup(r.group);
    }
  });
});

// bash, as GitHub Actions' `run:` steps use: dash has no job control in scripts, so `kill %1` fails there outright.
describe('a signal to npm stops the server npm started', () => {
  it('`npm start & … kill %1` (npm start = profile-contracts sandbox): the sandbox stops', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/_sandbox/health`;
    const r = await runShell(`npm start &\nuntil curl -sf ${url} >/dev/null; do sleep 0.1; done\nkill %1\n`, { PORT: String(port) }, 'bash');
    try {
      expect(r.code).toBe(0);
      expect(await becomesFree(url)).toBe(true);
    } finally {
      killGroup(r.group);
    }
  });

  it('`npm run mock & … kill %1`: Prism stops with the mock', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/me`;
    const r = await runShell(`npm run mock &\nuntil curl -s -o /dev/null ${url}; do sleep 0.1; done\nkill %1\n`, { PORT: String(port), LOG_LEVEL: 'warn' }, 'bash');
    try {
      expect(r.code).toBe(0);
      expect(await becomesFree(url)).toBe(true);
    } finally {
      killGroup(r.group);
    }
  });
});
