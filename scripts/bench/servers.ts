// The servers `npm run bench` compares, each a child process on a free loopback port, and the few requests
// the targets send them through the public API:
// - the sandbox through the kit's CLI as users install it (`node dist/cli/bin.js sandbox`, rebuilt when src/ is newer);
//   BENCH_CLI names another CLI command, e.g. `node --import tsx src/cli/bin.ts` (the sources, no build);
// - the bare node:http baseline (bare-server.mjs, under plain node);
// - the Prism mock of the spec (`prism mock -v error`, as `npm run mock` runs it).
// A server counts as started when `POST /token?grant_type=guest` answers 200: the first request any user sends.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PNG_1X1 } from '../../src/fixtures/images.ts';
import { firstAnswer, freePort, HOST, ROOT, startChild, timeCommand, type Child } from './procs.ts';

const PACKAGED_CLI = 'node dist/cli/bin.js';
export const CLI = process.env.BENCH_CLI ?? PACKAGED_CLI;
export const CLI_LABEL = CLI === PACKAGED_CLI ? 'packaged CLI' : 'BENCH_CLI';
const PRISM = 'node node_modules/@stoplight/prism-cli/dist/index.js';

export interface Server {
  label: string;
  url: string;
  port: number;
  child: Child;
  /** spawn → first 200 to POST /token?grant_type=guest, ms */
  startMs: number;
}

/** True when dist/cli/bin.js is missing or older than a file in src/ (e.g. after `git merge`). */
function buildIsStale(): boolean {
  const bin = resolve(ROOT, 'dist/cli/bin.js');
  if (!existsSync(bin)) return true;
  const built = statSync(bin).mtimeMs;
  return readdirSync(resolve(ROOT, 'src'), { recursive: true }).some((f) => statSync(resolve(ROOT, 'src', String(f))).mtimeMs > built);
}

/** The packaged CLI is what users run; build it when it is missing or stale, so the benchmark measures the sources. */
export async function ensureBuilt(): Promise<void> {
  if (CLI !== PACKAGED_CLI || !buildIsStale()) return;
  const build = await timeCommand('build', 'npm run build', 300_000);
  if (!build.ok || !existsSync(resolve(ROOT, 'dist/cli/bin.js'))) {
    throw new Error(`npm run build did not produce dist/cli/bin.js (or set BENCH_CLI to another CLI command):\n${build.output.slice(-2000)}`);
  }
}

const tokenAnswered = (url: string) => async (): Promise<boolean> => (await fetch(`${url}/token?grant_type=guest`, { method: 'POST' })).status === 200;

/** Spawn `command(port)` with PORT set and wait for its first answer. */
export async function launch(label: string, command: (port: number) => string, env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const t0 = performance.now();
  const child = startChild(label, command(port), { PORT: String(port), HOST, ...env });
  try {
    return { label, url, port, child, startMs: await firstAnswer(child, t0, tokenAnswered(url)) };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

export const sandboxCommand = (): string => `${CLI} sandbox`;
export const bareCommand = 'node scripts/bench/bare-server.mjs';
export const prismCommand = (port: number): string => `${PRISM} mock -h ${HOST} -p ${port} -v error openapi/profile-service.yaml`;

export async function startSandbox(env: NodeJS.ProcessEnv = {}): Promise<Server> {
  await ensureBuilt();
  return launch('sandbox', sandboxCommand, env);
}

export const startBare = (env: NodeJS.ProcessEnv = {}): Promise<Server> => launch('node:http', () => bareCommand, env);
export const startPrism = (): Promise<Server> => launch('Prism mock', prismCommand);

async function expect(res: Response, status: number, what: string): Promise<Response> {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return res;
}

export async function guestToken(url: string): Promise<string> {
  const res = await expect(await fetch(`${url}/token?grant_type=guest`, { method: 'POST' }), 200, 'POST /token?grant_type=guest');
  return ((await res.json()) as { token: string }).token;
}

/** A multipart/form-data body with one `file` part, built once so timing is the server's work, not the encoding. */
export function multipart(bytes: Uint8Array, filename: string, type: string): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const boundary = `bench-${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    body: new Uint8Array(Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)])),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A file of `size` bytes that starts like a PNG: the sandbox judges images by their magic bytes only. */
export function pngFile(size: number): Buffer {
  const file = Buffer.alloc(size, 7);
  file.set(PNG_1X1);
  return file;
}

export const UPLOAD_PATH = '/media?AdditionalType=ProfileImage';

export async function uploadProfileImage(url: string, token: string, bytes: Uint8Array): Promise<void> {
  const { body, contentType } = multipart(bytes, 'bench.png', 'image/png');
  const headers = { authorization: `Bearer ${token}`, 'content-type': contentType };
  await expect(await fetch(`${url}${UPLOAD_PATH}`, { method: 'POST', headers, body }), 201, `POST ${UPLOAD_PATH}`);
}

export async function getText(url: string, path: string, token: string): Promise<string> {
  return (await expect(await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } }), 200, `GET ${path}`)).text();
}
