// The second step of `npm run build` (after tsc): replace dist/cli/bin.js with one bundled file for the
// `sandbox` path, its dependencies (fastify, Ajv, @fastify/multipart …) inlined. Issue 9's start-up goal: a
// sandbox spends most of its start importing modules, and one pre-linked file skips resolving, reading and
// compiling a few hundred of them. Only the bin is bundled; the library entry points stay tsc's per-file output.
//
// The other commands (mock, verify, check, generate) and the PostgreSQL store stay separate: their imports point
// at tsc's output next to the bin (dist/<dir>/….js), so `sandbox` pays for none of Prism, Pact or pg. Modules
// that find files from import.meta.dirname (the spec, src/spec/paths.ts) sit one folder below dist/ like
// dist/cli/ does, so the bundled paths resolve the same. Plain JavaScript so that the build needs no tsx.
import { join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

// Imports that stay outside the bundle, as they appear in the sources (relative to the importing file).
const SEPARATE = /^\.\.?\/.*\b(mock|verify|check|generate)\/main\.ts$|\/store-pg\.ts$/;

/**
 * Keep SEPARATE imports as imports of the tsc output: the source file they name, moved from src/ to dist/ and
 * `.ts` → `.js`, written relative to the bundle in dist/cli/ (an import from src/sandbox/ must not resolve
 * against dist/cli/).
 */
const separateModules = {
  name: 'separate-modules',
  setup(b) {
    b.onResolve({ filter: SEPARATE }, (args) => {
      const source = resolve(args.resolveDir, args.path);
      const built = join(ROOT, 'dist', relative(join(ROOT, 'src'), source)).replace(/\.ts$/, '.js');
      let path = relative(join(ROOT, 'dist', 'cli'), built).split(sep).join('/');
      if (!path.startsWith('.')) path = `./${path}`;
      return { path, external: true };
    });
  },
};

await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/cli/bin.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Inlined CommonJS packages call require() for Node's built-ins; an ES module has no require of its own.
  banner: { js: "import { createRequire as __kitRequire } from 'node:module';\nconst require = __kitRequire(import.meta.url);" },
  plugins: [separateModules],
  logLevel: 'warning',
});
