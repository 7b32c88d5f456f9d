// `npm start` itself (src/cli/bin.ts sandbox) as a child process: it listens where PORT says, announces its
// URL, applies MAX_UPLOAD_BYTES, starts from SANDBOX_SEED and stops cleanly on SIGTERM. Kept in a file of its
// own because the sandbox's mutation run (stryker.vitest.config.ts) leaves it out: Stryker's mutants are never
// active in a child process, so these tests cost every run seconds and can kill nothing there.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIF_1X1, PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { freePort } from '../support/ports.ts';
import { startProcess } from '../support/processes.ts';
import { Api, expectProblem } from './support/http.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'start-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const start = async (env: Record<string, string>) => {
  const port = await freePort();
  return startProcess('node', ['--import', 'tsx', 'src/cli/bin.ts', 'sandbox'], port, { PORT: String(port), ...env });
};

describe('npm start (src/cli/bin.ts sandbox)', () => {
  it('listens where PORT says, announces its URL, applies MAX_UPLOAD_BYTES and stops cleanly on SIGTERM', async () => {
    const proc = await start({ MAX_UPLOAD_BYTES: '100' });
    try {
      expect(proc.output()).toContain(`sandbox listening on http://127.0.0.1:${proc.port}`);
      const api = new Api(proc.url);
      const { token } = await api.guest();
      const tooLarge = await api.upload(token, { bytes: new Uint8Array(101).fill(1) });
      expectProblem(tooLarge, 413);
      expect(tooLarge.json.type).toBe('urn:profile-contracts:problem:file-too-large');
      expect((await api.upload(token, { bytes: PNG_1X1, filename: 'a.png', query: 'ProfileImage' })).status).toBe(201);
    } finally {
      await proc.stop();
    }
    expect(proc.child.exitCode).toBe(0);
  });

  it('starts from SANDBOX_SEED: fixed tokens, media from files, the marked image active', async () => {
    await writeFile(join(dir, 'cat.png'), PNG_1X1);
    await writeFile(join(dir, 'old.gif'), GIF_1X1);
    const seed = join(dir, 'seed.yaml');
    await writeFile(
      seed,
      [
        'users:',
        '  - token: alice-token',
        '    media:',
        '      - { file: cat.png, identifier: cat, additionalType: ProfileImage, active: true }',
        '      - { file: old.gif, identifier: old, additionalType: ProfileImage }',
      ].join('\n'),
    );
    const proc = await start({ SANDBOX_SEED: seed });
    try {
      const api = new Api(proc.url);
      const me = await api.me('alice-token');
      expect(me.profileImage).toBe('cat');
      expect((await api.media('alice-token')).map((m) => [m.identifier, m.name, m.encodingFormat])).toEqual([
        ['cat', 'cat.png', 'image/png'],
        ['old', 'old.gif', 'image/gif'],
      ]);
      expect((await api.call('GET', '/me/profileimage', { token: 'alice-token' })).text).toBe(toBase64(PNG_1X1));
      expect(await api.notifications()).toEqual([]);
    } finally {
      await proc.stop();
    }
  });
});
