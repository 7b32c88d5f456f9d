// Start-up to first answer: from spawning the command to the first HTTP answer on its port (polled every
// 5 ms), median of several runs, variants interleaved. The sandbox is measured three ways, because what a
// user waits for includes the launchers: the process itself (`node --import tsx src/cli.ts sandbox`, the npm
// script's command), the same through the `tsx` launcher (which adds a second process) and `npm start` (which
// adds npm). The Prism mock is measured as `prism mock -v error`, the command `npm run mock` wraps.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { profilesProject, readProfile, selfTimeByOrigin, type ProfileEntry } from './cpuprofile.ts';
import { firstAnswer, freePort, HOST, ROOT, startChild } from './procs.ts';
import { summarize, type Summary } from './stats.ts';
import type { StartupPhases } from './startup-phases.ts';
import { PRISM_JS, SPEC } from './targets.ts';

export interface StartupVariant {
  key: string;
  label: string;
  command: string;
  probePath: string;
  spawn: (port: number) => { cmd: string; args: string[]; env: Record<string, string> };
}

const TSX_CLI = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');

export function startupVariants(withSandbox: boolean): StartupVariant[] {
  const sandboxEnv = (port: number): Record<string, string> => ({ PORT: String(port), HOST });
  const sandbox: StartupVariant[] = [
    {
      key: 'sandbox-node',
      label: 'sandbox process (the npm script)',
      command: 'node --import tsx src/cli.ts sandbox',
      probePath: '/_sandbox/health',
      spawn: (port) => ({ cmd: process.execPath, args: ['--import', 'tsx', 'src/cli.ts', 'sandbox'], env: sandboxEnv(port) }),
    },
    {
      key: 'sandbox-tsx',
      label: 'sandbox via tsx',
      command: 'tsx src/cli.ts sandbox',
      probePath: '/_sandbox/health',
      spawn: (port) => ({ cmd: process.execPath, args: [TSX_CLI, 'src/cli.ts', 'sandbox'], env: sandboxEnv(port) }),
    },
    {
      key: 'sandbox-npm',
      label: 'sandbox via npm start',
      command: 'npm start',
      probePath: '/_sandbox/health',
      spawn: (port) => ({ cmd: 'npm', args: ['start', '--silent'], env: sandboxEnv(port) }),
    },
  ];
  const prism: StartupVariant = {
    key: 'prism',
    label: 'Prism mock',
    command: 'prism mock -v error openapi/profile-service.yaml',
    probePath: '/',
    spawn: (port) => ({ cmd: process.execPath, args: [PRISM_JS, 'mock', '-h', HOST, '-p', String(port), '-v', 'error', SPEC], env: {} }),
  };
  return withSandbox ? [...sandbox, prism] : [prism];
}

export interface StartupSummary {
  key: string;
  label: string;
  command: string;
  ms: Summary;
}

export async function measureStartup(variants: StartupVariant[], runs: number, log: (line: string) => void): Promise<StartupSummary[]> {
  const times = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  for (let round = 0; round < runs; round++) {
    for (const v of variants) {
      const port = await freePort();
      const { cmd, args, env } = v.spawn(port);
      const t0 = performance.now();
      const child = startChild(v.key, cmd, args, env);
      try {
        const ms = await firstAnswer(child, port, v.probePath, t0);
        times.get(v.key)!.push(ms);
        log(`  start-up ${round + 1}/${runs} ${v.label.padEnd(22)} ${ms.toFixed(0)} ms`);
      } finally {
        await child.stop();
      }
    }
  }
  return variants.map((v) => ({ key: v.key, label: v.label, command: v.command, ms: summarize(times.get(v.key)!) }));
}

export interface StartupBreakdown {
  runs: number;
  /** `node -e 0`, spawn to exit: Node's own start and stop */
  nodeBare: Summary;
  /** `node --import tsx -e 0`, spawn to exit: the same plus the tsx loader */
  nodeTsx: Summary;
  /** from startup-phases.ts, ms since the process began */
  scriptStart: Summary;
  sandboxModules: Summary;
  createSandbox: Summary;
  listening: Summary;
  firstAnswer: Summary;
  /** self time by origin in one start under --cpu-prof (main thread), largest first */
  profile: ProfileEntry[];
  profileTotalMs: number;
}

async function runToExit(args: string[], extraEnv: Record<string, string> = {}): Promise<{ ms: number; out: string }> {
  const t0 = performance.now();
  const child = startChild('startup-phases', process.execPath, args, extraEnv);
  const code = await child.exited;
  const ms = performance.now() - t0;
  await child.stop();
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}:\n${child.output()}`);
  return { ms, out: child.output() };
}

/** Where the sandbox's start-up goes: Node itself, the tsx loader, importing, the factory, listening. */
export async function measureStartupBreakdown(runs: number): Promise<StartupBreakdown> {
  const bare: number[] = [];
  const tsx: number[] = [];
  const phases: StartupPhases[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push((await runToExit(['-e', '0'])).ms);
    tsx.push((await runToExit(['--import', 'tsx', '-e', '0'])).ms);
    const { out } = await runToExit(['--import', 'tsx', 'scripts/bench/startup-phases.ts']);
    phases.push(JSON.parse(out.trim().split('\n').pop()!) as StartupPhases);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-cpuprof-'));
  let profile: ProfileEntry[] = [];
  try {
    await runToExit(['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', 'scripts/bench/startup-phases.ts']);
    const main = readdirSync(dir)
      .map((f) => readProfile(join(dir, f)))
      .find(profilesProject);
    if (main) profile = selfTimeByOrigin(main);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pick = (k: keyof StartupPhases): Summary => summarize(phases.map((p) => p[k]));
  return {
    runs,
    nodeBare: summarize(bare),
    nodeTsx: summarize(tsx),
    scriptStart: pick('scriptStart'),
    sandboxModules: pick('sandboxModules'),
    createSandbox: pick('createSandbox'),
    listening: pick('listening'),
    firstAnswer: pick('firstAnswer'),
    profile,
    profileTotalMs: profile.reduce((a, b) => a + b.ms, 0),
  };
}
