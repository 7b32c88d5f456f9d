// Bundles an entry for the browser with esbuild (platform "browser": a node built-in anywhere in the module
// graph fails the build), returning the code and the list of modules it pulled in.
import { build } from 'esbuild';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface Bundle {
  code: string;
  /** Every input module, relative to the repository root. */
  inputs: string[];
}

export async function bundleForBrowser(entry: string, options: { format?: 'esm' | 'iife' } = {}): Promise<Bundle> {
  const result = await build({
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    platform: 'browser',
    format: options.format ?? 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}
