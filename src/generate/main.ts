// `profile-contracts generate`: writes what is generated from a spec (default: the repository's
// openapi/profile-service.yaml, else the kit's own) into a folder (default: src/generated/), relative to the
// working directory: the TypeScript types, and the spec as a plain-data module (for code without file access,
// such as the MSW handlers in a browser).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultSpecPath, specLabel } from '../spec/paths.ts';
import { CONTROL_DOCUMENT_FILE, DOCUMENT_FILE, generateControlDocumentModule, generateDocumentModule } from './document-module.ts';
import { generateTypes, TYPES_FILE } from './index.ts';

/** The sandbox's control API, a second document of the kit (src/sandbox/control-spec.ts reads it). */
const CONTROL_SPEC_FILE = 'openapi/sandbox-control.yaml';

const USAGE = `usage: profile-contracts generate [options]

Writes the TypeScript types (${TYPES_FILE.split('/').pop()}) and the spec as a module (${DOCUMENT_FILE.split('/').pop()}).

options:
  --spec FILE   the spec (default: openapi/profile-service.yaml here, else the kit's own)
  --out DIR     the folder to write to (default: ${dirname(TYPES_FILE)})
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
  const sourceLabel = specLabel(cwd, specPath);
  const outDir = resolve(cwd, values.out ?? dirname(TYPES_FILE));
  const outputs: [string, Promise<string>, string][] = [
    [join(outDir, TYPES_FILE.split('/').pop()!), generateTypes({ specPath, sourceLabel }), sourceLabel],
    [join(outDir, DOCUMENT_FILE.split('/').pop()!), generateDocumentModule(specPath), sourceLabel],
  ];
  // In the kit's own repository, also the types and the module of the sandbox's control API (openapi/sandbox-control.yaml).
  const control = resolve(cwd, CONTROL_SPEC_FILE);
  if (!values.spec && existsSync(control)) {
    outputs.push([join(outDir, 'sandbox-control.ts'), generateTypes({ specPath: control, sourceLabel: CONTROL_SPEC_FILE }), CONTROL_SPEC_FILE]);
    outputs.push([
      join(outDir, CONTROL_DOCUMENT_FILE.split('/').pop()!),
      generateControlDocumentModule(control),
      CONTROL_SPEC_FILE,
    ]);
  }
  await mkdir(outDir, { recursive: true });
  for (const [path, text, source] of outputs) {
    await writeFile(path, await text);
    process.stdout.write(`wrote ${relative(cwd, path)} from ${source}\n`);
  }
  return 0;
}
