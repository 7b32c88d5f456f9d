// The import direction of src/: nothing in src/ reaches into scripts/ or tests/ (or anywhere else outside src/),
// and each layer imports only the layers below it, as named in LAYERS. Imports are read with the TypeScript
// parser (static imports and re-exports, `import type`, `import()` and `typeof import()`), so a commented-out or
// string-embedded path cannot fool it, and an `import()` of a computed specifier fails because its target cannot
// be checked. The checker is fed synthetic violations too, to prove it can fail.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The layers of src/ (a top-level folder, or a top-level file by its name without `.ts`) and the layers each may
 * import besides itself. The flow is openapi → generated → spec → client / notifications / sandbox / mock / msw /
 * verify / broker / check / generate → cli; every sideways edge is listed here on purpose. A new folder in src/
 * fails the test until it has a row.
 */
const LAYERS: Record<string, readonly string[]> = {
  generated: [],
  spec: [],
  // Process helpers for the commands (finding a package's bin, stopping on signals): a base layer like spec.
  tools: [],
  fixtures: ['generated'],
  client: ['generated'],
  notifications: ['generated', 'client'],
  sandbox: ['generated', 'spec', 'tools'],
  mock: ['spec', 'tools'],
  msw: ['generated', 'spec', 'sandbox'],
  verify: ['generated', 'spec', 'tools', 'fixtures', 'client', 'notifications'],
  broker: ['spec', 'verify'],
  generate: ['spec'],
  check: ['spec', 'tools', 'generate'],
  cli: ['spec', 'tools', 'sandbox', 'mock', 'msw', 'verify', 'broker', 'check', 'generate'],
};

interface ImportSite {
  line: number;
  /** The module specifier, or undefined for an `import()` whose specifier is not a string literal. */
  specifier?: string;
}

/** Every import of a module's text: declarations, re-exports, `import()`, `typeof import()`, `import x = require()`. */
export function importsOf(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, spec: ts.Node | undefined) =>
    sites.push({
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      specifier: spec && ts.isStringLiteralLike(spec) ? spec.text : undefined,
    });
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** The layer a path under src/ belongs to; undefined outside src/. */
function layerOf(path: string): string | undefined {
  const rel = relative(join(ROOT, 'src'), path);
  if (rel.startsWith('..') || rel === '') return undefined;
  const [first] = rel.split(sep);
  return first!.replace(/\.ts$/, '');
}

/** Violations of the import direction in `files` (absolute path → text), one readable line each. */
export function violations(files: Map<string, string>, layers: Record<string, readonly string[]> = LAYERS): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file)!;
    const where = (line: number) => `${relative(ROOT, file)}:${line}`;
    if (!(from in layers)) {
      out.push(`${where(1)}: src/${from} is not a layer of LAYERS in tests/architecture/imports.test.ts; add a row saying what it may import`);
      continue;
    }
    for (const site of importsOf(file, text)) {
      if (site.specifier === undefined) {
        out.push(`${where(site.line)}: import() of a computed specifier; import a literal path so that its direction can be checked`);
        continue;
      }
      if (!site.specifier.startsWith('.')) continue; // a package or node: builtin
      const target = resolve(dirname(file), site.specifier);
      const to = layerOf(target);
      if (to === undefined) {
        out.push(`${where(site.line)}: imports ${relative(ROOT, target)}, outside src/; src/ must not depend on scripts/, tests/ or other folders`);
      } else if (to !== from && !layers[from]!.includes(to)) {
        out.push(`${where(site.line)}: ${from} imports ${to} (${site.specifier}); ${from} may import only ${layers[from]!.join(', ') || 'nothing else'}`);
      }
    }
  }
  return out;
}

function sourceFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(m|c)?tsx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, readFileSync(path, 'utf8'));
  }
  return files;
}

describe('the import direction of src/', () => {
  it('has no import out of src/ and none against the layers', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    expect(files.size).toBeGreaterThan(20);
    expect(violations(files)).toEqual([]);
  });
});

describe('the import checker', () => {
  const src = (path: string) => join(ROOT, 'src', path);
  const check = (path: string, text: string) => violations(new Map([[src(path), text]]));

  it('passes imports along the allowed edges, of packages and of builtins', () => {
    const text = [
      "import ts from 'typescript';",
      "import { readFile } from 'node:fs/promises';",
      "import { loadSpec } from '../spec/load.ts';",
      "import type { components } from '../generated/profile-service.ts';",
      "export { x } from './local.ts';",
      "const m = await import('../spec/ajv.ts');",
    ].join('\n');
    expect(check('sandbox/example.ts', text)).toEqual([]);
  });

  it('fails an import of scripts/ or tests/, whatever its form', () => {
    const found = check(
      'sandbox/example.ts',
      [
        "import { freePort } from '../../scripts/ports.ts';",
        "export * from '../../tests/support/browser.ts';",
        "const bench = await import('../../scripts/bench.ts');",
        "type T = typeof import('../../tests/check/support/repo-copy.ts');",
      ].join('\n'),
    );
    expect(found).toEqual([
      expect.stringMatching(/^src\/sandbox\/example\.ts:1: imports scripts\/ports\.ts, outside src\//),
      expect.stringMatching(/^src\/sandbox\/example\.ts:2: imports tests\/support\/browser\.ts, outside src\//),
      expect.stringMatching(/^src\/sandbox\/example\.ts:3: imports scripts\/bench\.ts, outside src\//),
      expect.stringMatching(/^src\/sandbox\/example\.ts:4: imports tests\/check\/support\/repo-copy\.ts, outside src\//),
    ]);
  });

  it('fails a layer importing upward or sideways without an edge in the table', () => {
    expect(check('spec/example.ts', "import { runCheck } from '../check/index.ts';")).toEqual([
      expect.stringMatching(/spec imports check .*spec may import only nothing else/),
    ]);
    expect(check('client/example.ts', "const cli = await import('../cli.ts');")).toEqual([expect.stringMatching(/client imports cli/)]);
    expect(check('sandbox/example.ts', "import type { VerifyResult } from '../verify/index.ts';")).toEqual([
      expect.stringMatching(/sandbox imports verify .*may import only generated, spec, tools/),
    ]);
  });

  it('fails an import() it cannot follow, and a folder that is not in the table', () => {
    expect(check('cli/example.ts', "const name = '../../scripts/check.ts';\nawait import(name);")).toEqual([
      expect.stringMatching(/cli\/example\.ts:2: import\(\) of a computed specifier/),
    ]);
    expect(check('plugins/example.ts', '')).toEqual([expect.stringMatching(/src\/plugins is not a layer/)]);
  });

  it('is not fooled by paths in comments or strings', () => {
    expect(check('sandbox/example.ts', "// import '../../scripts/ports.ts';\nconst s = \"import('../../tests/x.ts')\";")).toEqual([]);
  });
});
