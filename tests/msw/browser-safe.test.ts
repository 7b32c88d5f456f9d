// `profile-contracts/msw` must run in a browser: its module graph may hold nothing node-only. esbuild bundles
// it for the browser platform, where `node:fs` & co. cannot be resolved, and the list of bundled modules must
// not name the server side of the kit (fastify, busboy, the YAML loader, the file-reading spec loader).
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from './support/bundle.ts';

describe('the browser bundle of src/msw/index.ts', () => {
  it('builds for the browser platform and pulls in no server-side module', async () => {
    const { inputs, code } = await bundleForBrowser('src/msw/index.ts');
    expect(inputs).toContain('src/msw/index.ts');
    expect(inputs).toContain('src/generated/profile-service.document.ts');
    expect(inputs).toContain('src/sandbox/domain.ts');
    // Seeds and snapshots: the same checks as the sandbox's, against the control document's generated module.
    for (const shared of ['src/sandbox/seed-document.ts', 'src/sandbox/snapshot.ts', 'src/sandbox/base64.ts', 'src/sandbox/control-spec.ts', 'src/generated/sandbox-control.document.ts']) {
      expect(inputs).toContain(shared);
    }
    const serverSide = inputs.filter((i) =>
      /node_modules\/(fastify|@fastify|busboy|@fastify\/busboy|yaml|pino)\/|src\/sandbox\/(spec|http|index|main|seed)\.ts$|src\/spec\/(load|paths)\.ts$/.test(i),
    );
    expect(serverSide).toEqual([]);
    expect(code).not.toMatch(/from\s*["']node:/);
  });

  it('fails on a node-only import (the check has teeth)', async () => {
    await expect(bundleForBrowser('src/sandbox/spec.ts')).rejects.toThrow(/node:crypto|node:fs|node:path/);
    // The sandbox's seed-file reader is the node-only half; the checks it shares live in seed-document.ts.
    await expect(bundleForBrowser('src/sandbox/seed.ts')).rejects.toThrow(/node:fs|node:path/);
  });
});
