// Production code carries no test-only switches (issue 9, "faults out of production code"): the mutation
// self-test's faults live in tests/mutants and reach the sandbox only through createSandbox's seams. These
// checks read the sources with the TypeScript parser and fail when a switch creeps back in:
// - no word of the fault vocabulary anywhere in src/ (names, strings or comments);
// - the faults import only the public entries (src/sandbox/index.ts, src/verify/index.ts), and only things
//   production code uses itself, so nothing is exported for the faults alone;
// - MemoryStore offers exactly the Store interface, no back door beside it;
// - only the command entry (main.ts) reads the environment, so no variable can switch behaviour.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/sandbox/store.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const SANDBOX = join(SRC, 'sandbox');

const sources = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** Words of a text, splitting camelCase, snake_case and kebab-case, lower-cased. */
const words = (text: string): string[] =>
  text
    // Node's own Buffer.allocUnsafe is no switch of ours.
    .replace(/\ballocUnsafe(Slow)?\b/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .map((w) => w.toLowerCase());

const SWITCH_WORDS = new Set(['fault', 'faults', 'faulty', 'unsafe', 'mutant', 'mutants', 'mutation', 'sabotage']);

/** What a module exports by name (`default` for a default export), imports, and re-exports from which file. */
function moduleFacts(file: string) {
  const sf = parse(file);
  const exported: string[] = [];
  const imports: { from: string; names: string[] }[] = [];
  const reexports: { from: string; names: string[] }[] = [];
  const target = (spec: ts.Expression) => resolve(dirname(file), (spec as ts.StringLiteral).text);
  for (const node of sf.statements) {
    const modifiers = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
    const isExported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const names = [
        ...(clause?.name ? ['default'] : []),
        ...(clause?.namedBindings && ts.isNamedImports(clause.namedBindings)
          ? clause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text)
          : []),
      ];
      imports.push({ from: target(node.moduleSpecifier), names });
    } else if (ts.isExportDeclaration(node)) {
      const names = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text) : [];
      if (node.moduleSpecifier) reexports.push({ from: target(node.moduleSpecifier), names });
      else exported.push(...names);
    } else if (ts.isExportAssignment(node)) {
      exported.push('default');
    } else if (isExported && isDefault) {
      exported.push('default');
    } else if (isExported && ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) exported.push(d.name.text);
    } else if (isExported && 'name' in node && node.name && ts.isIdentifier(node.name as ts.Node)) {
      exported.push((node.name as ts.Identifier).text);
    }
  }
  return { exported, imports, reexports };
}

describe('production code has no test-only switches', () => {
  it('no name, string or comment in src/ speaks of faults or mutants', () => {
    const hits: string[] = [];
    for (const file of sources(SRC)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (words(line).some((w) => SWITCH_WORDS.has(w))) hits.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('the word check itself catches the shapes a switch would take', () => {
    for (const sample of ['unsafeFaults', 'FAULT_NAMES', 'isFault(name)', "has(opts, 'x')  // fault", 'runMutant', 'mutation-self-test']) {
      expect(words(sample).some((w) => SWITCH_WORDS.has(w)), sample).toBe(true);
    }
    expect(words('defaultRules DEFAULT_MAX_UPLOAD_BYTES').some((w) => SWITCH_WORDS.has(w))).toBe(false);
  });

  it('the faults of tests/mutants reach in only through public entries, using nothing production code does not', () => {
    const facts = new Map(sources(SRC).map((f) => [f, moduleFacts(f)]));
    // Names production code itself imports (re-exports do not count: they are what makes a thing public).
    const usedInSrc = new Set<string>();
    for (const [file, { imports }] of facts) {
      for (const { from, names } of imports) for (const name of names) if (from !== file) usedInSrc.add(`${from}#${name}`);
    }
    // Test data (the image fixtures) may be shared; code may come only from the public entries.
    const allowed = new Set([join(SANDBOX, 'index.ts'), join(SRC, 'verify', 'index.ts'), join(SRC, 'fixtures', 'images.ts')]);
    /** Where the public entry gets a name from (the module it re-exports it from, or itself). */
    const origin = (name: string): string =>
      facts.get(join(SANDBOX, 'index.ts'))!.reexports.find((r) => r.names.includes(name))?.from ?? join(SANDBOX, 'index.ts');
    const problems: string[] = [];
    for (const file of sources(resolve(ROOT, 'tests/mutants'))) {
      for (const { from, names } of moduleFacts(file).imports) {
        if (!from.startsWith(SRC + '/')) continue;
        if (!allowed.has(from)) {
          problems.push(`${relative(ROOT, file)} imports ${relative(ROOT, from)}, not a public entry`);
          continue;
        }
        if (from !== join(SANDBOX, 'index.ts')) continue;
        for (const name of names) {
          const home = origin(name);
          if (!usedInSrc.has(`${home}#${name}`)) {
            problems.push(`${relative(ROOT, file)} uses ${name} (${relative(ROOT, home)}), which no production code uses`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('MemoryStore offers the methods of the Store interface and nothing else', () => {
    const store = parse(join(SANDBOX, 'store.ts'));
    const iface = store.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Store')!;
    const name = (m: ts.TypeElement) => (m.name as ts.Identifier).text;
    const declared = iface.members.map(name).sort();
    // Optional members (e.g. a store's own notification log) are for stores that need them.
    const required = iface.members.filter((m) => !m.questionToken).map(name).sort();
    const klass = store.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === 'MemoryStore')!;
    const isPublic = (m: ts.ClassElement) =>
      !(ts.canHaveModifiers(m) ? (ts.getModifiers(m) ?? []) : []).some((x) => x.kind === ts.SyntaxKind.PrivateKeyword);
    const offered = klass.members.filter((m) => ts.isMethodDeclaration(m) && isPublic(m)).map((m) => (m.name as ts.Identifier).text).sort();
    expect(offered.filter((n) => !declared.includes(n)), 'public methods outside the Store interface').toEqual([]);
    expect(required.filter((n) => !offered.includes(n)), 'Store methods MemoryStore lacks').toEqual([]);
    // And at run time: nothing else reachable on the prototype.
    const runtime = Object.getOwnPropertyNames(MemoryStore.prototype).filter((n) => n !== 'constructor' && n !== 'emit');
    expect(runtime.sort()).toEqual(offered);
  });

  it('only the command entry reads the environment', () => {
    const readers = sources(SANDBOX).filter((f) => /\bprocess\.env\b/.test(readFileSync(f, 'utf8')));
    expect(readers.map((f) => relative(ROOT, f))).toEqual(['src/sandbox/main.ts']);
  });
});
