// Temporary, deliberately changed copies of the spec, so the contract tests can prove that each check fires.
// Copies live in a fresh folder under the OS temp dir and are removed by `cleanup()`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { SPEC } from '../../support/processes.ts';

// Deliberately untyped: the mutations reach deep into the OpenAPI document, including into invalid shapes.
export type SpecDoc = any;

const dirs: string[] = [];

/** Write a copy of the spec, changed by `mutate`, and return its path. */
export async function specCopy(mutate: (doc: SpecDoc) => void = () => undefined): Promise<string> {
  const doc = parse(await readFile(SPEC, 'utf8')) as SpecDoc;
  mutate(doc);
  const dir = await mkdtemp(join(tmpdir(), 'profile-contracts-spec-'));
  dirs.push(dir);
  const path = join(dir, 'profile-service.yaml');
  await writeFile(path, stringify(doc, { lineWidth: 0 }));
  return path;
}

export async function cleanup(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
