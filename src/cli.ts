// The kit's one entry point: every npm script calls `node --import tsx src/cli.ts <command>` (one process,
// so signals reach the command directly, and no launcher process to pay for at start-up).
// Commands are loaded lazily so that `npm start` does not pay for Pact or Optic.
import { pathToFileURL } from 'node:url';

type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  sandbox: { summary: 'run the stateful sandbox (npm start)', load: () => import('./sandbox/main.ts') },
  mock: { summary: 'run the stateless Prism mock of the spec (npm run mock)', load: () => import('./mock/main.ts') },
  generate: { summary: 'regenerate src/generated/ from openapi/ (npm run generate)', load: () => import('./generate/main.ts') },
  check: { summary: 'the drift gate: lint, types, pacts, breaking changes (npm run check)', load: () => import('./check/main.ts') },
  verify: { summary: 'verify a running provider against every contract (npm run verify -- --provider-url URL)', load: () => import('./verify/main.ts') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: tsx src/cli.ts <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      // Long-running commands (sandbox, mock) resolve only when they stop.
      process.exitCode = code;
    },
    (err) => {
      console.error(err instanceof Error ? err.stack ?? err.message : err);
      process.exitCode = 1;
    },
  );
}
