// Where an npm package's executable lives, wherever npm put the package: next to the kit (hoisted into the
// caller's node_modules, the usual case once the kit is installed) or nested inside the kit's own folder.
// Node's own resolution from this module finds both, which a fixed `node_modules/.bin/<name>` path does not.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The tool's package is not installed: the message says which package and how to add it. */
export class MissingToolError extends Error {}

/**
 * The package.json of `pkg` as Node resolves it from `from` (default: the kit), also when the package does not
 * export it.
 */
function manifestPath(pkg: string, from: string): string {
  const require = createRequire(from);
  try {
    return require.resolve(`${pkg}/package.json`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      throw new MissingToolError(`${pkg} is not installed; add it next to profile-contracts: npm install --save-dev ${pkg}`);
    }
  }
  // `exports` hides package.json: walk up from the package's entry to the folder that holds it.
  for (let dir = dirname(require.resolve(pkg)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    try {
      if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === pkg) return candidate;
    } catch {
      // no package.json at this level: keep walking up
    }
  }
  throw new MissingToolError(`cannot find the package.json of ${pkg}; reinstall it: npm install --save-dev ${pkg}`);
}

/**
 * Absolute path of the JavaScript file behind `pkg`'s executable `name` (run it with process.execPath), resolved
 * from the file `from` (default: this module, i.e. the kit's own dependencies).
 */
export function packageBin(pkg: string, name: string, from: string = import.meta.url): string {
  const manifest = manifestPath(pkg, from);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
  const file = typeof bin === 'string' ? bin : bin?.[name];
  if (!file) throw new MissingToolError(`${pkg} declares no "${name}" executable; reinstall it: npm install --save-dev ${pkg}`);
  return join(dirname(manifest), file);
}
