// Where the sandbox's start-up time goes, measured inside one process started as
// `node --import tsx scripts/bench/startup-phases.ts`: it reports (as one JSON line) the milliseconds since
// the process began at each step — the script's first line (Node's own start plus the tsx loader), the
// sandbox's modules imported (its libraries, and its own files transpiled by tsx), the factory done (spec
// read, routes registered), the server listening, and its answer to a request sent right then (work the
// sandbox queues after listen() delays that answer). `npm run bench` runs it several times beside the plain
// start-up measurement, once of them under --cpu-prof (see startup.ts and cpuprofile.ts).
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface StartupPhases {
  /** Node's bootstrap and the tsx loader, up to this script's first line */
  scriptStart: number;
  sandboxModules: number;
  createSandbox: number;
  listening: number;
  /** a GET /_sandbox/health sent right after listen() has its answer (work queued after listen delays it) */
  firstAnswer: number;
}

function get(url: string): Promise<number> {
  return new Promise((done, fail) => {
    request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    })
      .on('error', fail)
      .end();
  });
}

async function main(): Promise<void> {
  const at: Partial<StartupPhases> = { scriptStart: performance.now() };
  const { createSandbox } = (await import(pathToFileURL(resolve(ROOT, 'src/sandbox/index.ts')).href)) as typeof import('../../src/sandbox/index.ts');
  at.sandboxModules = performance.now();
  const sandbox = await createSandbox();
  at.createSandbox = performance.now();
  const url = await sandbox.listen(0, '127.0.0.1');
  at.listening = performance.now();
  await get(`${url}/_sandbox/health`);
  at.firstAnswer = performance.now();
  await sandbox.close();
  process.stdout.write(`${JSON.stringify(at)}\n`);
}

await main();
