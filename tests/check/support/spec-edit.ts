// Semantic edits of the spec for the drift-gate tests: parse, change one thing, write back. Each helper throws
// when the thing it changes is not in the spec, so a spec rewrite cannot turn a case into a silent no-op.
import { parse, stringify } from 'yaml';
import { SPEC, type Copy } from './repo-copy.ts';

// eslint-style loose typing on purpose: the spec is arbitrary YAML, each edit states its own expectations.
export type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function at(doc: Doc, ...path: string[]): Doc {
  let node: Doc = doc;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(key in node)) {
      throw new Error(`the spec has no ${path.join(' › ')} (missing "${key}"); update this test case to the spec`);
    }
    node = node[key];
  }
  return node;
}

/** Rename a key while keeping its position (YAML output order stays readable). */
export function renameKey(obj: Doc, from: string, to: string): void {
  if (!(from in obj)) throw new Error(`no key "${from}" to rename (have: ${Object.keys(obj).join(', ')})`);
  const entries = Object.entries(obj).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) obj[k] = v;
}

export async function editSpec(copy: Copy, edit: (doc: Doc) => void): Promise<void> {
  const doc = parse(await copy.read(SPEC)) as Doc;
  edit(doc);
  await copy.write(SPEC, stringify(doc, { aliasDuplicateObjects: false }));
}
