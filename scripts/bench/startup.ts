// Start-up to first answer: from spawning the command to the first HTTP answer on its port (polled every
// 5 ms), median of several runs, variants interleaved. The sandbox is measured three ways, because what a
// user waits for includes the launchers: the process itself (`node --import tsx src/cli.ts sandbox`), the
// npm script's command (`tsx src/cli.ts sandbox`, which adds tsx's launcher process) and `npm start` (which
// adds npm). The Prism mock is measured as `prism mock -v error`, the command `npm run mock` wraps.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { firstAnswer, freePort, HOST, ROOT, startChild } from './procs.ts';
import { summarize, type Summary } from './stats.ts';
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
      label: 'sandbox process',
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
