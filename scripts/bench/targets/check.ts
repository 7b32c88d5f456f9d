// The drift gate on this (unchanged) repository, as CI runs it: the whole `check` against the same CLI's
// `check --help` (the fixed cost of starting the command), and each step's own time from the JSON report. The
// steps run side by side, so their times overlap and add up to more than the whole. One warm-up run first: the
// gate keeps tsc's build info and the regenerated pacts in the OS temp folder, and an unchanged repository is
// what the figure is about.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, fmt, median, spread, type BenchTarget } from '../api.ts';
import { timeCommand } from '../procs.ts';
import { CLI, ensureBuilt } from '../servers.ts';

const GOAL_S = 11; // a third of the 33 s before issue 14

export const check: BenchTarget = {
  name: 'check',
  title: 'Drift gate',
  async run({ quick, log }) {
    await ensureBuilt();
    const runs = quick ? 1 : 3;
    const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
    const report = join(dir, 'check.json');
    const full = `${CLI} check --json --report ${report}`;
    const help = `${CLI} check --help`;
    const ms = { full: [] as number[], help: [] as number[] };
    const steps = new Map<string, number[]>();
    try {
      for (let i = -1; i < runs; i++) {
        for (const [key, command] of [['full', full], ['help', help]] as const) {
          const r = await timeCommand('check', command, 600_000);
          if (!r.ok) throw new Error(`${command} failed:\n${r.output.slice(-2000)}`);
          if (i < 0) continue; // the warm-up
          ms[key].push(r.ms);
          if (key === 'full') {
            for (const s of (JSON.parse(readFileSync(report, 'utf8')) as { steps: { step: string; ms: number }[] }).steps) {
              steps.set(s.step, [...(steps.get(s.step) ?? []), s.ms]);
            }
          }
          log(`  ${key === 'full' ? 'check' : 'check --help'} ${i + 1}/${runs}: ${(r.ms / 1000).toFixed(2)} s`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const s = { full: median(ms.full) / 1000, help: median(ms.help) / 1000 };
    return {
      comparisons: [
        compare({
          what: 'the drift gate on an unchanged repository',
          subject: '`check`',
          baseline: '`check --help`',
          value: s.full,
          base: s.help,
          unit: 's',
          goal: { text: `check ≤ ${GOAL_S} s (issue 14)`, met: s.full <= GOAL_S },
        }),
      ],
      tables: [
        {
          header: ['step', 's: median (min–max)'],
          rows: [...steps].map(([step, values]) => [step, spread(values.map((x) => x / 1000))]),
        },
      ],
      method: `One warm-up run, then ${runs} run(s) of \`${full.replace(report, '<tmp>')}\` and \`${help}\`, alternating; every run must pass. Steps run side by side, so their times overlap. Ratio ${fmt(s.full / s.help, 2)}×.`,
      data: { ms, steps: Object.fromEntries(steps) },
    };
  },
};
