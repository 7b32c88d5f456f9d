// A consumer's TypeScript against the installed kit's declarations, under the two resolutions consumers use:
// `module: NodeNext` (Node's own rules, the kit's exports map) and `moduleResolution: Bundler`. skipLibCheck is
// off, so an error inside the kit's .d.ts fails too; the @ts-expect-error lines prove the types are not `any`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consumerDir, runIn } from './support/consumer.ts';

const CONSUMER = `import { createProfileClient, NotFoundError, activeProfileImageId, type MediaObject } from 'profile-contracts/client';
import type { components, paths } from 'profile-contracts/types';

type Person = components['schemas']['Person'];
export type GetMe = paths['/me']['get'];

export async function activeImage(baseUrl: string, token: string): Promise<string | undefined> {
  const client = createProfileClient({ baseUrl, token });
  const person: Person = await client.getPerson();
  const media: MediaObject[] = await client.listMedia();
  // @ts-expect-error: the client has no such method
  await client.noSuchMethod();
  // @ts-expect-error: identifier is a string
  const wrong: number = media[0]!.identifier;
  void wrong;
  return activeProfileImageId(person);
}

export const isMissing = (err: unknown): boolean => err instanceof NotFoundError;
`;

const BASE = { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, lib: ['ES2023', 'DOM'], types: ['node'] };
const CONFIGS = {
  NodeNext: { ...BASE, module: 'NodeNext', moduleResolution: 'NodeNext' },
  Bundler: { ...BASE, module: 'ESNext', moduleResolution: 'Bundler' },
};

describe('a consumer type-checks against profile-contracts/client and /types', () => {
  for (const [name, compilerOptions] of Object.entries(CONFIGS)) {
    it(`under ${name}`, async () => {
      const dir = consumerDir();
      await writeFile(join(dir, 'consumer.ts'), CONSUMER);
      await writeFile(join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2));
      // The consumer project's own TypeScript (installed there from the registry, pinned like the kit's).
      const r = await runIn(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${name}.json`]);
      expect(r.stdout + r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  }
});
