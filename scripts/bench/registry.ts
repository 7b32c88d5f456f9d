// The targets of `npm run bench`, in the order they run and appear in docs/BENCHMARKS.md. To add one: a file in
// targets/ exporting a BenchTarget (see api.ts), and one line here.
import type { BenchTarget } from './api.ts';
import { msw } from './targets/msw.ts';
import { oversize } from './targets/oversize.ts';
import { postgres } from './targets/postgres.ts';
import { startup } from './targets/startup.ts';
import { teams } from './targets/teams.ts';
import { throughput } from './targets/throughput.ts';
import { uploads } from './targets/uploads.ts';
import { verify } from './targets/verify.ts';

export const TARGETS: BenchTarget[] = [startup, throughput, uploads, oversize, teams, msw, verify, postgres];
