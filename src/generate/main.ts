// `profile-contracts generate`: writes the generated types for a spec (default: the repository's
// openapi/profile-service.yaml, else the kit's own) to a file (default: src/generated/profile-service.ts),
// both relative to the working directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultSpecPath, specLabel } from '../spec/document.ts';
import { generateTypes, TYPES_FILE } from './index.ts';

const USAGE = `usage: profile-contracts generate [options]

Writes the TypeScript types generated from the spec.

options:
  --spec FILE   the spec (default: openapi/profile-service.yaml here, else the kit's own)
  --out FILE    where to write the types (default: ${TYPES_FILE})
  -h, --help    this help
`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { spec: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 64;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const cwd = process.cwd();
  const specPath = values.spec ? resolve(cwd, values.spec) : defaultSpecPath(cwd);
  const out = resolve(cwd, values.out ?? TYPES_FILE);
  const sourceLabel = specLabel(cwd, specPath);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, await generateTypes({ specPath, sourceLabel }));
  process.stdout.write(`wrote ${relative(cwd, out)} from ${sourceLabel}\n`);
  return 0;
}
