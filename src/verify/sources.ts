// Where the pacts come from: pact folders (`--pact-dir`, repeatable), single pacts (`--pact-url`, a file or
// an http(s) URL such as the one a broker webhook hands over) and, with `--broker-url`, the Pact Broker's
// "pacts for verification". Remote pacts are saved into a temporary folder, so that the rest of verify reads
// files only; each keeps the URL it came from, which the Verifier needs to publish results.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokerRequest, type BrokerAuth } from './broker-client.ts';
import { UsageError } from './pacts.ts';

export interface PactFileRef {
  path: string;
  /** Where a remote pact came from. */
  url?: string;
  /** The broker marked this pact pending: its failures are reported, but do not fail the run. */
  pending?: boolean;
  /** The broker's reasons for including it (selectors matched, pending, WIP), in its words. */
  notices?: string[];
}

function listDir(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new UsageError(`the pact folder ${dir} does not exist; run the consumer tests (npm run test:consumer) or pass --pact-dir`);
  }
  if (names.length === 0) throw new UsageError(`no pact files (*.json) in ${dir}; run the consumer tests (npm run test:consumer) or pass --pact-dir`);
  return names.map((n) => join(dir, n));
}

/** A temporary folder for remote pacts; removed by dispose(). */
export class PactCache {
  private dir?: string;
  private n = 0;

  save(json: unknown, name: string): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'verify-remote-pacts-'));
    const path = join(this.dir, `${String(++this.n).padStart(3, '0')}-${name.replace(/[^\w.-]+/g, '_').slice(0, 80)}.json`);
    writeFileSync(path, JSON.stringify(json));
    return path;
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

const pactName = (json: Record<string, unknown>) =>
  `${String((json.consumer as { name?: unknown } | undefined)?.name ?? 'consumer')}-${String((json.provider as { name?: unknown } | undefined)?.name ?? 'provider')}`;

/** One `--pact-url`: an http(s) URL (fetched with the broker credentials), a file:// URL or a path. */
async function fromUrl(url: string, auth: BrokerAuth, cache: PactCache): Promise<PactFileRef> {
  if (/^https?:\/\//i.test(url)) {
    const { json } = await brokerRequest('GET', url, auth, `the pact at ${url}`);
    return { path: cache.save(json, pactName(json)), url };
  }
  const path = url.startsWith('file:') ? fileURLToPath(url) : resolve(url);
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch {
    throw new UsageError(`--pact-url ${url} is neither an http(s) URL nor an existing file`);
  }
  return { path };
}

export async function gatherPacts(dirs: string[], urls: string[], auth: BrokerAuth, cache: PactCache): Promise<PactFileRef[]> {
  const files: PactFileRef[] = dirs.flatMap((d) => listDir(resolve(d)).map((path) => ({ path })));
  for (const url of urls) files.push(await fromUrl(url, auth, cache));
  return files;
}
