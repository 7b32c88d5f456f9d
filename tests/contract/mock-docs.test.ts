// docs/mock.md lists every named response example of the spec in the row of its operation and status, so a
// consumer team can find each scenario it can pick from the mock with `Prefer: example=<name>`.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.ts';
import { ROOT } from '../support/processes.ts';
import type { SpecDoc } from './support/spec-copy.ts';

describe('docs/mock.md', () => {
  it('lists every named response example in the row of its operation and status', async () => {
    const doc = await readFile(resolve(ROOT, 'docs/mock.md'), 'utf8');
    const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
    const spec = (await loadSpec()) as SpecDoc;
    const missing: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries<SpecDoc>(spec.paths)) {
      for (const [method, op] of Object.entries<SpecDoc>(item)) {
        if (!op?.responses) continue;
        for (const [status, ref] of Object.entries<SpecDoc>(op.responses)) {
          const response = ref.$ref ? spec.components.responses[ref.$ref.split('/').pop()] : ref;
          for (const media of Object.values<SpecDoc>(response.content ?? {})) {
            for (const name of Object.keys(media.examples ?? {})) {
              checked++;
              const row = rows.find((r) => r.startsWith(`| \`${method.toUpperCase()} ${path}\` (\`${op.operationId}\`) | ${status} |`));
              if (!row?.includes(`\`${name}\``)) missing.push(`${method.toUpperCase()} ${path} ${status} ${name}`);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing, 'add these to the "Named examples per operation" table').toEqual([]);
  });
});
