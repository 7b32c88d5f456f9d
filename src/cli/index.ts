// The kit's command line as a library function: `main(argv)` picks the command and returns its exit code; it
// never exits the process (src/cli/bin.ts does that). The repo's npm scripts run the same entry
// (`node --import tsx src/cli/bin.ts <command>`) and the package's `profile-contracts` bin runs the build of it.
// Commands are loaded lazily, one module each, so that `sandbox` does not pay for Pact or Optic.

export interface Command {
  summary: string;
  load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

export const COMMANDS: Record<string, Command> = {
  sandbox: { summary: 'run the stateful sandbox (npm start)', load: () => import('../sandbox/main.ts') },
  mock: { summary: 'run the stateless Prism mock of the spec (npm run mock)', load: () => import('../mock/main.ts') },
  verify: { summary: 'verify a running provider against every contract (--provider-url URL)', load: () => import('../verify/main.ts') },
  check: { summary: 'the drift gate: lint, types, pacts, breaking changes', load: () => import('../check/main.ts') },
  generate: { summary: 'regenerate the TypeScript types from the spec', load: () => import('../generate/main.ts') },
  publish: { summary: "publish the kit's pacts to a Pact Broker (version, branch from git)", load: async () => ({ run: (await import('../broker/main.ts')).runPublish }) },
  'can-i-deploy': { summary: 'ask a Pact Broker whether a version can be deployed', load: async () => ({ run: (await import('../broker/main.ts')).runCanIDeploy }) },
  'record-deployment': { summary: 'record a deployment in a Pact Broker', load: async () => ({ run: (await import('../broker/main.ts')).runRecordDeployment }) },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(17)} ${c.summary}`);
  return (
    `usage: profile-contracts <command> [options]\n\ncommands:\n${lines.join('\n')}\n\n` +
    `Run \`profile-contracts <command> --help\` for a command's options and environment variables.\n`
  );
}

/** Run one command; resolves with its exit code (2 for a usage error). Long-running commands resolve when they stop. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? process.stdout : process.stderr).write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(', ')}.\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}
