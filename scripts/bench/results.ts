// Everything one run of `npm run bench` measured, in one object: the report is rendered from it, and it is
// written as JSON (bench-results.json) so that a later run can be compared with this one.
import type { LoadSummary } from './load.ts';
import type { Machine } from './machine.ts';
import type { StartupBreakdown, StartupSummary } from './startup.ts';
import type { OversizeResult, UploadSummary } from './uploads.ts';
import type { CommandSummary } from './walltime.ts';

export interface BenchOptions {
  quick: boolean;
  skipSuite: boolean;
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  startupRuns: number;
  uploads: number;
  uploadBytes: number;
  oversizeSizes: number[];
  oversizeRepeats: number;
  limitBytes: number;
  verifyRuns: number;
}

export interface BenchResults {
  command: string;
  startedAt: string;
  finishedAt: string;
  totalS: number;
  options: BenchOptions;
  machine: Machine;
  /** load average when the run ended, beside the one at its start: how busy the shared machine was */
  loadAverageEnd: number[];
  load: LoadSummary[];
  uploads?: UploadSummary;
  oversize?: OversizeResult[];
  startup: StartupSummary[];
  startupBreakdown?: StartupBreakdown;
  verify?: CommandSummary;
  suite?: CommandSummary;
  /** why the sandbox measurements are missing, when they are */
  sandboxNote?: string;
  verifyNote?: string;
  suiteNote?: string;
  /** phases that failed, with their error */
  failures: string[];
}
