// Summarises a V8 .cpuprofile (as written by `node --cpu-prof`) into self time per origin — an npm package,
// a project file, a group of Node internals, the garbage collector — so the report can say where a start-up
// spends its time without anyone opening a profiler.
import { readFileSync } from 'node:fs';
import { ROOT } from './procs.ts';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  origin: string;
  ms: number;
}

/** Where a frame comes from, at the granularity a reader can act on. */
export function originOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url;
  if (!url) {
    if (frame.functionName === '(garbage collector)') return 'garbage collector';
    if (frame.functionName === '(idle)') return 'idle (waiting: I/O, the loader thread)';
    if (frame.functionName === '(program)') return 'V8/native (parsing, compiling)';
    return `native: ${frame.functionName || 'anonymous'}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm: ${pkg[1]}`;
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/deps/cjs-module-lexer')) return 'node: module loading';
  if (url.startsWith('node:')) return 'node: other internals';
  const local = url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
  return `project: ${local.split('?')[0]}`;
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** Self time per origin, largest first, in milliseconds. */
export function selfTimeByOrigin(profile: CpuProfile): ProfileEntry[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    let node = nodes.get(id);
    // WebAssembly frames (e.g. Node's CJS export lexer) are counted where they were called from.
    while (node?.callFrame.url.startsWith('wasm://')) node = nodes.get(parents.get(node.id) ?? -1);
    if (!node) return;
    const origin = originOf(node.callFrame);
    totals.set(origin, (totals.get(origin) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].map(([origin, ms]) => ({ origin, ms })).sort((a, b) => b.ms - a.ms);
}

/** True when the profile ran the project's code (the main thread, not a loader worker). */
export function profilesProject(profile: CpuProfile): boolean {
  return profile.nodes.some((n) => n.callFrame.url.includes('/src/sandbox/'));
}
