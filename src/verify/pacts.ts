// Reading the pact folder and replaying it with the Pact Verifier.
// The Verifier gets filtered copies of the pacts (HTTP interactions always, message interactions only when a
// notifications port lets verify see real deliveries), so that skipped message checks show as skipped rather
// than failed. Its JSON result is turned into one CheckResult per interaction, in plain words.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PactFileRef } from './sources.ts';
import type { CheckResult, Failure } from './types.ts';

export type InteractionKind = 'http' | 'message' | 'unsupported';

export interface PactInteraction {
  file: string;
  consumer: string;
  provider: string;
  description: string;
  kind: InteractionKind;
  /** The interaction's `type` as the pact file spells it. */
  type: string;
  states: string[];
  /** From a pact the broker marked pending: a failure is reported but does not fail the run. */
  pending: boolean;
  /** The `params` of each state, in the same order (empty objects where a pact gives none). */
  stateParams: Record<string, unknown>[];
}

interface PactFile extends PactFileRef {
  json: Record<string, unknown>;
  /** Which array holds the interactions: V4 and HTTP V2/V3 `interactions`, V3 message pacts `messages`. */
  key: 'interactions' | 'messages';
  items: Record<string, unknown>[];
}

export class UsageError extends Error {}

function kindOf(item: Record<string, unknown>, key: PactFile['key']): { kind: InteractionKind; type: string } {
  if (key === 'messages') return { kind: 'message', type: 'Asynchronous/Messages' };
  const type = typeof item.type === 'string' ? item.type : 'Synchronous/HTTP';
  if (type === 'Synchronous/HTTP') return { kind: 'http', type };
  if (type === 'Asynchronous/Messages') return { kind: 'message', type };
  return { kind: 'unsupported', type };
}

function statesOf(item: Record<string, unknown>): { states: string[]; stateParams: Record<string, unknown>[] } {
  if (Array.isArray(item.providerStates)) {
    const list = item.providerStates as { name?: unknown; params?: unknown }[];
    return {
      states: list.map((s) => String(s?.name ?? '')),
      stateParams: list.map((s) => (s?.params && typeof s.params === 'object' ? (s.params as Record<string, unknown>) : {})),
    };
  }
  if (typeof item.providerState === 'string') return { states: [item.providerState], stateParams: [{}] };
  return { states: [], stateParams: [] };
}

export function loadPacts(refs: PactFileRef[]): { files: PactFile[]; interactions: PactInteraction[] } {
  const files: PactFile[] = [];
  const interactions: PactInteraction[] = [];
  for (const ref of refs) {
    const path = ref.path;
    const shown = ref.url ?? path;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`${shown} is not valid JSON (${(err as Error).message}); regenerate it (npm run test:consumer for the kit's own pacts)`);
    }
    const key = Array.isArray(json.messages) ? 'messages' : 'interactions';
    const items = (Array.isArray(json[key]) ? json[key] : []) as Record<string, unknown>[];
    files.push({ ...ref, json, key, items });
    const consumer = String((json.consumer as { name?: unknown } | undefined)?.name ?? '?');
    const provider = String((json.provider as { name?: unknown } | undefined)?.name ?? '?');
    for (const item of items) {
      interactions.push({ file: shown, consumer, provider, description: String(item.description ?? ''), pending: !!ref.pending, ...kindOf(item, key), ...statesOf(item) });
    }
  }
  return { files, interactions };
}

/** Write copies of the pacts holding only the interactions of the wanted kinds; returns the folder and files. */
export function writeSelection(files: PactFile[], kinds: InteractionKind[]): { dir: string; paths: string[]; files: PactFile[]; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'verify-pacts-'));
  const paths: string[] = [];
  const written: PactFile[] = [];
  for (const [n, f] of files.entries()) {
    const kept = f.items.filter((item) => kinds.includes(kindOf(item, f.key).kind));
    if (kept.length === 0) continue;
    // Numbered: pacts from several folders or URLs may share a file name.
    const path = join(dir, `${n}-${basename(f.path)}`);
    writeFileSync(path, JSON.stringify({ ...f.json, [f.key]: kept }, null, 2));
    paths.push(path);
    written.push(f);
  }
  return { dir, paths, files: written, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Plain Verifier options the child process passes on (no functions: they cannot cross the process line). */
export type VerifierOptions = Record<string, string | number | boolean | string[] | undefined>;

/** What the parent sends the Verifier process. */
export interface ChildConfig {
  callbackUrl: string;
  contextHeader: string;
  /** Every provider state named by the pacts (each gets a handler that calls back). */
  states: string[];
  /** Message interaction descriptions (each gets a message provider that calls back). */
  messages: string[];
  options: VerifierOptions;
}

export interface ChildResult {
  raw: string;
}

export interface PactRun {
  /** One entry per interaction the Verifier ran, in its order: description, outcome and mismatches. */
  ran: { description: string; ok: boolean; durationMs: number; failures: Failure[] }[];
  /** Set when the Verifier could not run at all. */
  crashed?: string;
  /** The Verifier's own terminal output (ANSI colours included). */
  output: string;
}

/** What the Verifier process calls back for. */
export interface Callbacks {
  handlers: Record<string, { setup: (params?: Record<string, unknown>) => Promise<unknown>; teardown: () => Promise<unknown> }>;
  replayHeaders(hasAuthorization: boolean): Promise<{ context: string; authorization?: string }>;
  messages: Record<string, () => Promise<unknown>>;
}

/** The shape of the Verifier's JSON result (pactffi_verifier_json), as far as verify reads it. */
interface VerifierJson {
  interactionResults?: { description?: string; duration?: string; result?: string }[];
  errors?: { interaction?: string; mismatch?: { type?: string; message?: string; mismatches?: Record<string, unknown>[] } }[];
}

const text = (v: unknown) => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

function describeMismatch(m: Record<string, unknown>): Failure {
  const type = String(m.type ?? 'Mismatch');
  const where =
    type === 'StatusMismatch' ? 'status' : type === 'HeaderMismatch' ? `header ${String(m.key ?? '')}` : type === 'MetadataMismatch' ? `metadata ${String(m.key ?? '')}` : `${type.replace(/Mismatch$/, '').toLowerCase()} ${String(m.path ?? '')}`.trim();
  return { message: `${where}: ${String(m.mismatch ?? m.description ?? 'does not match')}`, expected: text(m.expected), actual: text(m.actual) };
}

// The child is TypeScript beside this file in the repository and JavaScript beside it in dist/.
const CHILD = fileURLToPath(new URL(`./verifier-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

/** Serve the Verifier process's callbacks on a loopback port. */
async function callbackServer(cb: Callbacks): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', async () => {
      const q = JSON.parse(body || '{}') as { name?: string; params?: Record<string, unknown>; action?: string; description?: string; hasAuthorization?: boolean };
      let reply: unknown;
      try {
        if (req.url === '/state') {
          const handler = cb.handlers[q.name ?? ''];
          const values = handler ? await (q.action === 'teardown' ? handler.teardown() : handler.setup(q.params)) : undefined;
          reply = values ? { values } : {};
        } else if (req.url === '/filter') reply = await cb.replayHeaders(!!q.hasAuthorization);
        else reply = { result: await cb.messages[q.description ?? '']!() };
      } catch (err) {
        reply = { error: (err as Error)?.message ?? String(err) };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

/**
 * The Pact Verifier's process, started ahead of need: loading Pact takes a while, and that can overlap with
 * verify's own set-up. Its output is captured, never printed here. `stop()` ends it unused.
 */
export class VerifierProcess {
  private readonly child: ChildProcess;
  private output = '';
  private readonly exited: Promise<number | null>;

  constructor() {
    // The broker settings reach the Verifier only as options: variables the Pact tools would read on their own
    // (PACT_BROKER_BASE_URL adds a second pact source, …_PUBLISH_VERIFICATION_RESULTS publishes) are left out.
    const env: NodeJS.ProcessEnv = { PACT_DO_NOT_TRACK: 'true' };
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PACT_BROKER_')) env[k] ??= v;
    const execArgv = CHILD.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
    this.child = fork(CHILD, [], { env, execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child.stdout!.on('data', (c: Buffer) => (this.output += c.toString('utf8')));
    this.child.stderr!.on('data', (c: Buffer) => (this.output += c.toString('utf8')));
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  async run(config: Omit<ChildConfig, 'callbackUrl'>, cb: Callbacks): Promise<PactRun> {
    const callbacks = await callbackServer(cb);
    let raw: string;
    try {
      raw = await new Promise<string>((resolve) => {
        this.child.once('message', (m: ChildResult) => resolve(m.raw));
        this.exited.then((code) => resolve(`the Pact Verifier process ended (exit ${code}) without a result`));
        this.child.send({ ...config, options: { logLevel: 'error', timeout: 30_000, ...config.options }, callbackUrl: callbacks.url } satisfies ChildConfig);
      });
      await this.exited;
    } finally {
      await callbacks.close();
    }
    return parseRun(raw, this.output);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    await this.exited;
  }
}

function parseRun(raw: string, output: string): PactRun {
  let json: VerifierJson;
  try {
    json = JSON.parse(raw) as VerifierJson;
  } catch {
    return { ran: [], crashed: `the Pact Verifier could not run: ${raw}`, output };
  }
  // Errors name their interaction "Verifying a pact between C and P [Given S] - description".
  const errors = (json.errors ?? []).map((e) => ({ label: e.interaction ?? '', mismatch: e.mismatch, used: false }));
  const ran = (json.interactionResults ?? []).map((r) => {
    const description = r.description ?? '';
    const failures: Failure[] = [];
    if (r.result !== 'OK') {
      const e = errors.find((x) => !x.used && x.label.endsWith(` - ${description}`));
      if (e) {
        e.used = true;
        const m = e.mismatch;
        if (m?.mismatches?.length) failures.push(...m.mismatches.map(describeMismatch));
        else failures.push({ message: m?.message ?? 'the interaction failed' });
      } else failures.push({ message: `the Pact Verifier reports "${r.result ?? 'no result'}" for this interaction` });
    }
    const ms = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(r.duration ?? '');
    const durationMs = ms ? Number(ms[1]) * (ms[2] === 's' ? 1000 : 1) : 0;
    return { description, ok: r.result === 'OK', durationMs, failures };
  });
  return { ran, output };
}

/**
 * Turn interactions and a run into results. `extra` adds verify's own story per description (state set-up,
 * message production); when it `supersedes`, Pact's mismatches for that interaction are left out.
 */
export function pactResults(
  interactions: PactInteraction[],
  run: PactRun | undefined,
  extra: Map<string, { failures: Failure[]; supersedes: boolean }>,
  skippedHint: (i: PactInteraction) => string | undefined,
): CheckResult[] {
  const pending = [...(run?.ran ?? [])];
  return interactions.map((i) => {
    const hint = skippedHint(i);
    const name = `${i.consumer} → ${i.provider}: ${i.description}`;
    if (hint !== undefined || !run) return { suite: 'pact', name, status: 'skipped', failures: [], hint, durationMs: 0 };
    const at = pending.findIndex((r) => r.description === i.description);
    const result = at >= 0 ? pending.splice(at, 1)[0] : undefined;
    const story = extra.get(i.description);
    const verifier = result ? result.failures : run.crashed ? [] : [{ message: 'the Pact Verifier did not replay this interaction' }];
    const failures = [...(story?.failures ?? []), ...(run.crashed ? [{ message: run.crashed }] : []), ...(story?.supersedes ? [] : verifier)];
    const isPending = i.pending && failures.length > 0;
    return {
      suite: 'pact',
      name,
      status: failures.length ? 'failed' : 'passed',
      failures,
      ...(isPending ? { pending: true, hint: 'the broker marked this pact pending: its failure is reported, but does not fail the run' } : {}),
      durationMs: result?.durationMs ?? 0,
    };
  });
}
