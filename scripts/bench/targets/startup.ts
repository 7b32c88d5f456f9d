// Start-up to first answer (issue 9): the packaged CLI's sandbox against a bare node:http server, both spawned
// the same way (plain `node`, PORT set) and timed from the spawn to the first 200 of POST /token?grant_type=guest.
// Variants alternate round by round; figures are medians. `npm start` (npm's own start-up on top of the repo's
// start command) and the Prism mock are reported beside them.
import { compare, fmt, median, spread, type BenchTarget } from '../api.ts';
import { bareCommand, CLI, CLI_LABEL, ensureBuilt, launch, prismCommand, sandboxCommand } from '../servers.ts';

const GOAL = 3;

export const startup: BenchTarget = {
  name: 'startup',
  title: 'Start-up to first answer',
  async run({ quick, log }) {
    await ensureBuilt();
    const variants = [
      { label: `sandbox (${CLI_LABEL})`, shown: sandboxCommand(), command: sandboxCommand },
      { label: 'bare node:http', shown: bareCommand, command: () => bareCommand },
      { label: '`npm start`', shown: 'npm start', command: () => 'npm start --silent' },
      { label: 'Prism mock', shown: 'prism mock -v error openapi/profile-service.yaml', command: prismCommand },
    ];
    const rounds = quick ? 3 : 7;
    const ms = variants.map(() => [] as number[]);
    // Round 0 warms the file cache and this process's fetch; it is not counted.
    for (let round = 0; round <= rounds; round++) {
      for (const [i, v] of variants.entries()) {
        const server = await launch(v.label, v.command);
        await server.child.stop();
        if (round > 0) ms[i]!.push(server.startMs);
        log(`  ${round === 0 ? 'warm-up' : `round ${round}/${rounds}`} ${v.label.padEnd(24)} ${server.startMs.toFixed(0)} ms`);
      }
    }
    const [sandbox, bare, npm, prism] = ms.map(median) as [number, number, number, number];
    const vs = (label: string, value: number, goal?: boolean) =>
      compare({
        what: 'start-up to first answer',
        subject: label,
        baseline: 'bare node:http',
        value,
        base: bare,
        unit: 'ms',
        ...(goal ? { goal: { text: `≤ ${GOAL}× (issue 9)`, met: value / bare <= GOAL } } : {}),
      });
    return {
      comparisons: [vs(`\`${CLI} sandbox\``, sandbox, true), vs('`npm start`', npm), vs('Prism mock', prism)],
      tables: [
        {
          header: ['what', 'command', 'ms: median (min–max)', '÷ bare node:http'],
          rows: variants.map((v, i) => [
            v.label,
            `\`${v.shown}\``,
            spread(ms[i]!),
            fmt(median(ms[i]!) / bare, 2),
          ]),
        },
      ],
      method:
        `Each command is spawned with \`PORT\` set and polled every 5 ms with \`POST /token?grant_type=guest\` until it ` +
        `answers 200; the time from the spawn is the figure. ${rounds} rounds, the four commands alternating in every round, ` +
        `after one uncounted warm-up round (so these are warm starts: the files are in the page cache). The packaged CLI ` +
        `(\`node dist/cli/bin.js\`) is built with \`npm run build\` first when it is missing or older than \`src/\`; \`BENCH_CLI\` measures another CLI ` +
        `command${CLI_LABEL === 'BENCH_CLI' ? `, and this run used \`BENCH_CLI='${CLI}'\` instead of the packaged CLI` : ''}.`,
      data: { cli: CLI, rounds, variants: variants.map((v, i) => ({ label: v.label, ms: ms[i] })), medians: { sandbox, bare, npm, prism } },
    };
  },
};
