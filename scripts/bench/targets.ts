// The three servers `npm run bench` compares, each started as a child process on a free loopback port:
// - the sandbox through its real entry (src/cli.ts sandbox, which starts createSandbox like `npm start`),
// - the Prism mock of the spec (`prism mock -v error`, as `npm run mock` runs it),
// - the bare node:http ceiling (scripts/bench/ceiling.ts).
// Servers are run as `node --import tsx …` rather than through the tsx or npm wrappers so that the pid we hold
// is the server itself: its /proc status is the server's memory, and stopping it stops the server.
// (Start-up through `npm start` and the tsx wrapper is measured separately, see startup.ts.)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { firstAnswer, freePort, HOST, ROOT, startChild, type Child } from './procs.ts';
import { getText, guestToken, uploadProfileImage } from './http.ts';

export const SPEC = resolve(ROOT, 'openapi/profile-service.yaml');
export const PRISM_JS = resolve(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');
const CLI = 'src/cli.ts';

export type TargetName = 'ceiling' | 'sandbox' | 'prism';

export interface Target {
  name: TargetName;
  label: string;
  url: string;
  port: number;
  child: Child;
  /** spawn → first HTTP answer, ms */
  startMs: number;
  /** the bearer token the load test sends */
  token: string;
}

/** True when the sandbox's entry exists (it is being written in parallel with the benchmark). */
export function sandboxAvailable(): boolean {
  return existsSync(resolve(ROOT, 'src/sandbox/main.ts')) && existsSync(resolve(ROOT, 'src/sandbox/index.ts'));
}

export function verifyAvailable(): boolean {
  return existsSync(resolve(ROOT, 'src/verify/main.ts'));
}

async function started(name: TargetName, label: string, child: Child, port: number, probePath: string, t0: number, token = ''): Promise<Target> {
  try {
    const startMs = await firstAnswer(child, port, probePath, t0);
    return { name, label, url: `http://${HOST}:${port}`, port, child, startMs, token };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

/** The sandbox process only, no users yet. */
export async function spawnSandbox(env: Record<string, string> = {}): Promise<Target> {
  const port = await freePort();
  const t0 = performance.now();
  const child = startChild('sandbox', process.execPath, ['--import', 'tsx', CLI, 'sandbox'], { PORT: String(port), HOST, ...env });
  return started('sandbox', 'sandbox', child, port, '/_sandbox/health', t0);
}

/**
 * The sandbox ready for the load test: a guest with PNG_1X1 as its active profile image, so `GET /me` carries
 * `profileImage` and `GET /me/profileimage` answers the same 96 Base64 characters as the ceiling and Prism.
 */
export async function startSandbox(): Promise<Target> {
  const t = await spawnSandbox();
  try {
    t.token = await guestToken(t.url);
    await uploadProfileImage(t.url, t.token, PNG_1X1, 'bench.png', 'image/png');
    return t;
  } catch (err) {
    await t.child.stop();
    throw err;
  }
}

export async function startPrism(): Promise<Target> {
  const port = await freePort();
  const t0 = performance.now();
  const child = startChild('prism', process.execPath, [PRISM_JS, 'mock', '-h', HOST, '-p', String(port), '-v', 'error', SPEC]);
  // Prism answers any path (404 for unknown ones); the token only has to be present, the mock does not check it.
  return started('prism', 'Prism mock', child, port, '/', t0, 'bench-token');
}

/** The ceiling process; `env` may set PERSON_JSON, IMAGE_BASE64 and MAX_UPLOAD_BYTES (see ceiling.ts). */
export async function spawnCeiling(env: Record<string, string> = {}): Promise<Target> {
  const port = await freePort();
  const t0 = performance.now();
  const child = startChild('ceiling', process.execPath, ['--import', 'tsx', 'scripts/bench/ceiling.ts'], { PORT: String(port), ...env });
  return started('ceiling', 'node:http ceiling', child, port, '/', t0, 'bench-token');
}

export function startCeiling(personJson: string): Promise<Target> {
  return spawnCeiling({ PERSON_JSON: personJson, IMAGE_BASE64: toBase64(PNG_1X1) });
}

/**
 * Check that a target answers both benchmarked requests with 200 and the expected kind of body before it is
 * loaded: a benchmark of 401s or 404s would measure nothing. Resolves to the `GET /me` body.
 */
export async function checkTarget(t: Target): Promise<string> {
  const me = await getText(t.url, '/me', t.token);
  const person = me.type.includes('json') ? (JSON.parse(me.text) as { profileId?: string; profileImage?: string }) : {};
  // The sandbox's guest has just uploaded its profile image, so its Person must name it.
  if (me.status !== 200 || !person.profileId || (t.name === 'sandbox' && !person.profileImage)) {
    throw new Error(`${t.label}: GET /me answered ${me.status} ${me.type}: ${me.text.slice(0, 300)}`);
  }
  const img = await getText(t.url, '/me/profileimage', t.token);
  // The sandbox and the ceiling must answer the uploaded PNG's exact Base64; Prism answers the spec's example,
  // which only has to be Base64.
  const expected = t.name === 'prism' ? /^[A-Za-z0-9+/]+={0,2}$/.test(img.text) : img.text === toBase64(PNG_1X1);
  if (img.status !== 200 || !img.type.startsWith('text/plain') || !expected) {
    throw new Error(`${t.label}: GET /me/profileimage answered ${img.status} ${img.type}: ${img.text.slice(0, 300)}`);
  }
  return me.text;
}
