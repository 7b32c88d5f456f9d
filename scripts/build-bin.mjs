// The second step of `npm run build` (after tsc): replace dist/cli/bin.js with one bundled file for the
// `sandbox` path, its dependencies (fastify, Ajv, @fastify/multipart …) inlined. Issue 9's start-up goal: a
// sandbox spends most of its start importing modules, and one pre-linked file skips resolving, reading and
// compiling a few hundred of them. Only the bin is bundled; the library entry points stay tsc's per-file output.
//
// The other commands (mock, verify, check, generate) and the PostgreSQL store stay separate: their imports point
// at tsc's output next to the bin (dist/<dir>/….js), so `sandbox` pays for none of Prism, Pact or pg. Modules
// that find files from import.meta.dirname (the spec, src/spec/paths.ts) sit one folder below dist/ like
// dist/cli/ does, so the bundled paths resolve the same. Plain JavaScript so that the build needs no tsx.
import { build } from 'esbuild';

// Imports that stay outside the bundle, as they appear in the sources (relative to the importing file).
const SEPARATE = /^\.\.?\/.*\b(mock|verify|check|generate)\/main\.ts$|\/store-pg\.ts$/;

/** Keep SEPARATE imports as imports of the tsc output (`.ts` → `.js`, the same relative path). */
const separateModules = {
  name: 'separate-modules',
  setup(b) {
    b.onResolve({ filter: SEPARATE }, (args) => ({ path: args.path.replace(/\.ts$/, '.js'), external: true }));
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
