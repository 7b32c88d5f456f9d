// What a benchmark target is, and what it hands back. A target measures its subject and a baseline side by
// side in the same run (alternating rounds, so a slow moment of the shared machine hits both alike) and reports
// each figure as a ratio against that baseline, because on a shared 2-core machine only ratios are stable.
// Add a target: one file in scripts/bench/targets/ exporting a BenchTarget, and one line in registry.ts.

export interface Context {
  /** short runs for trying a target out (`--quick`); the figures are then only indicative */
  quick: boolean;
  log: (line: string) => void;
}

/** One figure: the subject against its baseline. */
export interface Comparison {
  what: string;
  subject: string;
  baseline: string;
  value: number;
  base: number;
  unit: string;
  /** value ÷ base unless the target says otherwise (then `what` says which way) */
  ratio: number;
  /** the goal an issue set for this figure, if any, and whether this run met it */
  goal?: { text: string; met: boolean };
}

export interface Table {
  header: string[];
  rows: string[][];
}

export interface Result {
  comparisons: Comparison[];
  /** details shown under the target's heading */
  tables: Table[];
  /** how it was measured, Markdown, shown under the tables */
  method: string;
  /** raw figures, for reports/bench.json */
  data: unknown;
}

export interface BenchTarget {
  /** the name `npm run bench -- --only NAME` takes */
  name: string;
  title: string;
  run: (ctx: Context) => Promise<Result>;
}

export function compare(c: Omit<Comparison, 'ratio'> & { ratio?: number }): Comparison {
  return { ...c, ratio: c.ratio ?? c.value / c.base };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** "median (min–max)": the spread shows how noisy the machine was. */
export function spread(values: readonly number[], digits = 3): string {
  return `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;
}

/** Three significant figures: more than the run-to-run noise allows. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return value.toLocaleString('en-US', { maximumFractionDigits: decimals });
}

export const MiB = 1024 * 1024;
