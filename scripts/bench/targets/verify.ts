// The wall time of a whole provider verification against the sandbox, as a provider build runs it (every pact,
// the spec checks, the stateful rules and the webhook's messages), against the same CLI's `verify --help`: the
// fixed cost of starting the command, so the ratio is what the verification itself adds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, fmt, median, spread, type BenchTarget } from '../api.ts';
import { freePort, HOST, timeCommand } from '../procs.ts';
import { CLI, startSandbox } from '../servers.ts';

const GOAL_S = 10;

export const verify: BenchTarget = {
  name: 'verify',
  title: 'Provider verification',
  async run({ quick, log }) {
    const runs = quick ? 1 : 3;
    const notificationsPort = await freePort();
    const sandbox = await startSandbox({ NOTIFY_WEBHOOK_URL: `http://${HOST}:${notificationsPort}/` });
    const reports = mkdtempSync(join(tmpdir(), 'bench-verify-'));
    const full = `${CLI} verify --provider-url ${sandbox.url} --notifications-port ${notificationsPort} --report-dir ${reports}`;
    const help = `${CLI} verify --help`;
    const ms = { full: [] as number[], help: [] as number[] };
    try {
      for (let i = 0; i < runs; i++) {
        for (const [key, command] of [['full', full], ['help', help]] as const) {
          const r = await timeCommand('verify', command, 120_000);
          if (!r.ok) throw new Error(`${command} failed:\n${r.output.slice(-2000)}`);
          ms[key].push(r.ms);
          log(`  ${key === 'full' ? 'verify' : 'verify --help'} ${i + 1}/${runs}: ${(r.ms / 1000).toFixed(2)} s`);
        }
      }
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
    const s = { full: median(ms.full) / 1000, help: median(ms.help) / 1000 };
    return {
      comparisons: [
        compare({
          what: 'provider verification against the sandbox',
          subject: '`verify`',
          baseline: '`verify --help`',
          value: s.full,
          base: s.help,
          unit: 's',
          goal: { text: `verify < ${GOAL_S} s (issue 6)`, met: s.full < GOAL_S },
        }),
      ],
      tables: [
        {
          header: ['command', 's: median (min–max)'],
          rows: [
            [`\`${CLI} verify --provider-url <sandbox> --notifications-port <port>\``, spread(ms.full.map((x) => x / 1000))],
            [`\`${help}\``, spread(ms.help.map((x) => x / 1000))],
          ],
        },
      ],
      method: `${runs} run(s) of each, alternating, against one sandbox started with \`NOTIFY_WEBHOOK_URL\` pointing at verify's notifications port; every run must pass. Ratio ${fmt(s.full / s.help, 2)}×.`,
      data: ms,
    };
  },
};
