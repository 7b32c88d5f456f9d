// The PostgreSQL store: users, tokens and media in one database that several sandbox replicas share, kept
// across restarts (DATABASE_URL; docs/consumers.md "A shared sandbox"). Client: node-postgres (`pg`).
//
// Atomic per user across replicas: `apply` opens a transaction, locks the user's row (SELECT … FOR UPDATE),
// runs the pure domain rule on the state loaded under that lock, writes the difference, and commits. Two
// replicas changing one user therefore queue on the row lock exactly as two requests queue in the memory
// store, and each change is applied on top of the previous one. The change's Profile Notifications are
// written to the outbox table in the same transaction (store-pg-outbox.ts delivers them), so a change and
// its messages are committed together or not at all.
//
// Reads are cheap: each user row carries a version bumped by every change; a replica keeps recently read
// states in a bounded cache and, when the version in the row is the one it holds, loads nothing more; when
// another replica changed the user, it reloads the rows but fetches only the bytes of items it does not hold.
// Versions come from one sequence and never repeat, so a cached state can never be mistaken for a newer one,
// even after a reset or a restore brings the same profileId back.
//
// When the database cannot be reached, every operation throws the catalogue's 503 `store-unavailable`;
// since each change is one transaction, a change that fails this way has written nothing.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { MediaItem, NotificationDraft, Outcome, UserState } from './domain.ts';
import { details, ProblemError } from './errors.ts';
import type { NotificationLog, NotifierOptions, ProfileNotification } from './notifier.ts';
import { checkStoreBytes } from './limits.ts';
import type { StoredUser } from './snapshot.ts';
import type { ApplyLimits, CommitListener, Store } from './store.ts';
import { migrate } from './store-pg-migrations.ts';
import { OutboxDelivery, type DeliveryOptions } from './store-pg-outbox.ts';

export interface PgStoreOptions {
  /** Connections per replica (default 10). */
  poolSize?: number;
  /** How long to wait for a connection before answering 503 (default 5 s). */
  connectTimeoutMs?: number;
  /** Bytes of user state one replica caches (default 64 MiB). */
  cacheBytes?: number;
}

/** Connection failures (rather than bugs in a query): these become 503 store-unavailable. */
function isUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  // SQLSTATE 08 connection exception, 57P0x operator intervention (shutdown), 53 insufficient resources
  if (/^(08|57P0|53)/.test(code)) return true;
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    message,
  );
}

function unavailable(err: unknown): ProblemError {
  const why = (err as Error)?.message || String(err);
  return new ProblemError('store-unavailable', details.storeUnavailable(why), { 'retry-after': '1' });
}

/** Describe a DATABASE_URL for messages without its password. */
export function redactUrl(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return JSON.stringify(url.replace(/:[^:@/]*@/, ':***@'));
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Check a DATABASE_URL's form: postgres:// or postgresql://, a host and a database name. */
export function checkDatabaseUrl(url: string): void {
  const parsed = URL.parse(url);
  const fix = 'give it as postgres://user:password@host:5432/database';
  if (!parsed) throw new Error(`DATABASE_URL ${redactUrl(url)} is not a URL; ${fix}.`);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL ${redactUrl(url)} is not a PostgreSQL URL (scheme ${parsed.protocol}); ${fix}.`);
  }
  if (!parsed.hostname) throw new Error(`DATABASE_URL ${redactUrl(url)} names no host; ${fix}.`);
  if (parsed.pathname.length <= 1) throw new Error(`DATABASE_URL ${redactUrl(url)} names no database; ${fix}.`);
}

interface UserRow {
  profile_id: string;
  identification_level: UserState['identificationLevel'];
  created_date_time: string;
  last_modified: string;
  active_image_id: string | null;
  version: string;
}

interface MediaRow {
  /** `seq:rev`: which stored version of the item this row is (rev counts in-place changes) */
  key: string;
  identifier: string;
  name: string;
  encoding_format: string;
  content_size: number;
  date_created: string;
  additional_type: MediaItem['additionalType'] | null;
  /** null when the reader already holds this version of the item (see mediaSelect) */
  bytes: Buffer | null;
}

const USER_COLUMNS = 'profile_id, identification_level, created_date_time, last_modified, active_image_id, version';

/**
 * The media columns of a read, bytes only for item versions the reader does not hold yet: `held` lists the
 * keys it holds, so a state refreshed after another replica's change fetches the new item's bytes, not all.
 */
const mediaSelect = (held: string) => `m.seq::text || ':' || m.rev::text AS m_key, m.identifier AS m_identifier,
  m.name AS m_name, m.encoding_format AS m_encoding_format, m.content_size AS m_content_size,
  m.date_created AS m_date_created, m.additional_type AS m_additional_type,
  CASE WHEN m.seq::text || ':' || m.rev::text = ANY(${held}) THEN NULL ELSE m.bytes END AS m_bytes`;
const MEDIA_SELECT = mediaSelect('$2::text[]');

type JoinedRow = { [K in keyof MediaRow as `m_${K}`]: MediaRow[K] | null };

/** A user's state and, per media identifier, the key of the stored version it holds. */
interface Entry {
  version: string;
  state: UserState;
  keys: ReadonlyMap<string, string>;
}

function toEntry(user: UserRow, rows: JoinedRow[], previous: Entry | undefined): Entry {
  const held = new Map(previous?.state.media.map((m) => [previous.keys.get(m.identifier), m]));
  const keys = new Map<string, string>();
  const media: MediaItem[] = [];
  for (const r of rows) {
    if (r.m_identifier === null) continue;
    keys.set(r.m_identifier, r.m_key!);
    const known = r.m_bytes === null ? held.get(r.m_key!) : undefined;
    if (known) {
      media.push(known);
      continue;
    }
    media.push({
      identifier: r.m_identifier,
      name: r.m_name!,
      encodingFormat: r.m_encoding_format!,
      contentSize: r.m_content_size!,
      dateCreated: r.m_date_created!,
      ...(r.m_additional_type !== null ? { additionalType: r.m_additional_type } : {}),
      bytes: r.m_bytes!,
    });
  }
  const state: UserState = {
    profileId: user.profile_id,
    identificationLevel: user.identification_level,
    createdDateTime: user.created_date_time,
    lastModified: user.last_modified,
    media,
    ...(user.active_image_id !== null ? { activeImageId: user.active_image_id } : {}),
  };
  return { version: user.version, state, keys };
}

const heldKeys = (entry: Entry | undefined): string[] => (entry ? [...entry.keys.values()] : []);

function byProfile<R extends { profile_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const group = groups.get(r.profile_id);
    if (group) group.push(r);
    else groups.set(r.profile_id, [r]);
  }
  return groups;
}

/** The media bytes a state holds, as MAX_STORE_BYTES counts them. */
const mediaBytes = (s: UserState) => s.media.reduce((n, m) => n + m.contentSize, 0);

const stateBytes = (s: UserState) => s.media.reduce((n, m) => n + m.bytes.byteLength, 0) + 512;

/** Recently read user states, bounded in bytes; the least recently stored go first. */
class StateCache {
  private readonly entries = new Map<string, Entry & { size: number }>();
  private size = 0;

  constructor(private readonly limit: number) {}

  get(profileId: string): Entry | undefined {
    return this.entries.get(profileId);
  }

  set(profileId: string, entry: Entry): void {
    this.delete(profileId);
    const size = stateBytes(entry.state);
    if (size > this.limit) return;
    this.entries.set(profileId, { ...entry, size });
    this.size += size;
    for (const [key, old] of this.entries) {
      if (this.size <= this.limit) break;
      this.entries.delete(key);
      this.size -= old.size;
    }
  }

  delete(profileId: string): void {
    const entry = this.entries.get(profileId);
    if (!entry) return;
    this.entries.delete(profileId);
    this.size -= entry.size;
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }
}

export class PgStore implements Store {
  private readonly cache: StateCache;
  private readonly listeners: CommitListener[] = [];
  private delivery: OutboxDelivery | undefined;
  private closed = false;

  private constructor(private readonly pool: pg.Pool, options: PgStoreOptions) {
    this.cache = new StateCache(options.cacheBytes ?? 64 * 1024 * 1024);
  }

  /**
   * Connect to DATABASE_URL and bring the schema up to date. A malformed URL, an unreachable server or a
   * refused login throws an Error whose message says which and how to fix it (npm start exits 2 on it).
   */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    checkDatabaseUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      application_name: 'profile-contracts sandbox',
    });
    // An idle connection that the server drops must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new Error(
        `cannot connect to the database at DATABASE_URL ${redactUrl(url)}: ${(err as Error).message || String(err)}. ` +
          'Check that PostgreSQL runs there and that the user, password and database name are right.',
      );
    }
    try {
      await migrate(client);
    } catch (err) {
      client.release(true);
      await pool.end().catch(() => undefined);
      throw new Error(`cannot prepare the database at DATABASE_URL ${redactUrl(url)}: ${(err as Error).message}`);
    }
    client.release();
    return new PgStore(pool, options);
  }

  async profileIdForToken(token: string): Promise<string | undefined> {
    // Not cached: a restore (PUT /_sandbox/state on any replica) may give a token to another user.
    const { rows } = await this.query<{ profile_id: string }>('SELECT profile_id FROM sandbox_tokens WHERE token = $1', [token]);
    return rows[0]?.profile_id;
  }

  async user(profileId: string): Promise<UserState | undefined> {
    const { rows } = await this.query<{ version: string }>('SELECT version FROM sandbox_users WHERE profile_id = $1', [profileId]);
    const version = rows[0]?.version;
    if (version === undefined) return undefined;
    const cached = this.cache.get(profileId);
    if (cached?.version === version) return cached.state;
    // One statement, one snapshot: the user row and its media as of the same moment.
    const joined = await this.query<UserRow & JoinedRow>(
      `SELECT u.profile_id, u.identification_level, u.created_date_time, u.last_modified, u.active_image_id, u.version,
              ${MEDIA_SELECT}
         FROM sandbox_users u LEFT JOIN sandbox_media m ON m.profile_id = u.profile_id
        WHERE u.profile_id = $1 ORDER BY m.seq`,
      [profileId, heldKeys(cached)],
    );
    const first = joined.rows[0];
    if (!first) return undefined;
    const entry = toEntry(first, joined.rows, cached);
    this.cache.set(profileId, entry);
    return entry.state;
  }

  async addUser<T>(outcome: Outcome<T>, token: string): Promise<Outcome<T>> {
    if (!outcome.ok) return outcome;
    const { state } = outcome;
    const entry = await this.transaction(async (client) => {
      const entry = await this.insertUser(client, state, [token]);
      await this.insertNotifications(client, outcome.notifications);
      return entry;
    });
    this.cache.set(state.profileId, entry);
    this.afterCommit(outcome.notifications);
    return outcome;
  }

  async apply<T>(profileId: string, rule: (state: UserState) => Outcome<T>, limits: ApplyLimits = {}): Promise<Outcome<T>> {
    let committed: Entry | undefined;
    const outcome = await this.transaction(async (client): Promise<Outcome<T> | undefined> => {
      const locked = await client.query<UserRow>(`SELECT ${USER_COLUMNS} FROM sandbox_users WHERE profile_id = $1 FOR UPDATE`, [profileId]);
      const row = locked.rows[0];
      if (!row) return undefined;
      let current = this.cache.get(profileId);
      if (current?.version !== row.version) {
        const media = await client.query<JoinedRow>(
          `SELECT ${MEDIA_SELECT} FROM sandbox_media m WHERE m.profile_id = $1 ORDER BY m.seq`,
          [profileId, heldKeys(current)],
        );
        current = toEntry(row, media.rows, current);
      }
      const result = rule(current.state);
      if (!result.ok) return result;
      const delta = mediaBytes(result.state) - mediaBytes(current.state);
      if (delta !== 0) {
        // The one totals row, locked until this commit, is what makes MAX_STORE_BYTES hold across replicas;
        // it is checked before anything is written, so a refused change writes nothing.
        const total = await client.query<{ bytes: string }>('SELECT bytes FROM sandbox_totals FOR UPDATE');
        const full = limits.maxStoreBytes === undefined ? undefined : checkStoreBytes(Number(total.rows[0]!.bytes), delta, limits.maxStoreBytes);
        if (full) return { ok: false, ...full };
        await client.query('UPDATE sandbox_totals SET bytes = bytes + $1', [delta]);
      }
      const keys = await this.writeDifference(client, current, result.state);
      const bumped = await client.query<{ version: string }>(
        `UPDATE sandbox_users SET identification_level = $2, created_date_time = $3, last_modified = $4,
                active_image_id = $5, version = nextval('sandbox_versions')
          WHERE profile_id = $1 RETURNING version`,
        [profileId, result.state.identificationLevel, result.state.createdDateTime, result.state.lastModified, result.state.activeImageId ?? null],
      );
      await this.insertNotifications(client, result.notifications);
      committed = { version: bumped.rows[0]!.version, state: result.state, keys };
      return result;
    });
    if (!outcome) return { ok: false, code: 'unauthorized', detail: details.unauthorized('unknown') };
    if (outcome.ok) {
      this.cache.set(profileId, committed!);
      this.afterCommit(outcome.notifications);
    }
    return outcome;
  }

  async reset(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('TRUNCATE sandbox_users, sandbox_tokens, sandbox_media, sandbox_outbox');
      await client.query('UPDATE sandbox_totals SET bytes = 0');
    });
    this.forget();
  }

  async bytesStored(): Promise<number> {
    const { rows } = await this.query<{ bytes: string }>('SELECT bytes FROM sandbox_totals');
    return Number(rows[0]!.bytes);
  }

  /** Every user with their tokens, oldest first, media bytes included, as of one moment. */
  async snapshot(): Promise<StoredUser[]> {
    return this.transaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const users = await client.query<UserRow>(`SELECT ${USER_COLUMNS} FROM sandbox_users ORDER BY seq`);
      const media = await client.query<JoinedRow & { profile_id: string }>(
        `SELECT m.profile_id, ${mediaSelect("'{}'::text[]")} FROM sandbox_media m ORDER BY m.seq`,
      );
      const tokens = await client.query<{ token: string; profile_id: string }>('SELECT token, profile_id FROM sandbox_tokens ORDER BY token');
      const mediaOf = byProfile(media.rows);
      const tokensOf = byProfile(tokens.rows);
      return users.rows.map((u) => ({
        state: toEntry(u, mediaOf.get(u.profile_id) ?? [], undefined).state,
        tokens: (tokensOf.get(u.profile_id) ?? []).map((t) => t.token),
      }));
    });
  }

  /** Replace every user, token and media item with `users`, in one transaction; the notification log stays. */
  async restore(users: readonly StoredUser[]): Promise<void> {
    await this.transaction((client) => this.replaceAll(client, users));
    this.forget();
  }

  async seed(users: readonly StoredUser[]): Promise<boolean> {
    const loaded = await this.transaction(async (client) => {
      // Replicas starting at once queue here; the first loads the seed, the others then see its users.
      await client.query('LOCK TABLE sandbox_users IN SHARE ROW EXCLUSIVE MODE');
      const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM sandbox_users) AS any');
      if (rows[0]?.any) return false;
      await this.replaceAll(client, users);
      return true;
    });
    if (loaded) this.forget();
    return loaded;
  }

  private async replaceAll(client: pg.PoolClient, users: readonly StoredUser[]): Promise<void> {
    await client.query('DELETE FROM sandbox_users');
    await client.query('UPDATE sandbox_totals SET bytes = 0');
    for (const { state, tokens } of users) await this.insertUser(client, state, tokens);
  }

  /** The notification log of every replica, oldest first (commit order per profile). */
  async notifications(profileId?: string): Promise<ProfileNotification[]> {
    const { rows } = profileId === undefined
      ? await this.query<ProfileNotification>('SELECT properties, body FROM sandbox_outbox ORDER BY id')
      : await this.query<ProfileNotification>('SELECT properties, body FROM sandbox_outbox WHERE profile_id = $1 ORDER BY id', [profileId]);
    return rows.map((r) => ({ properties: r.properties, body: r.body }));
  }

  /** Start this replica's delivery loop for the outbox (one per store; see store-pg-outbox.ts). */
  startDelivery(options: DeliveryOptions): OutboxDelivery {
    if (this.delivery) throw new Error('this PgStore already delivers notifications');
    this.delivery = new OutboxDelivery(this.pool, options);
    return this.delivery;
  }

  /**
   * The sandbox's notification log is the outbox: listed from the database, so every replica shows every
   * replica's messages, and delivered by this replica's loop when the sandbox has a webhook URL.
   */
  notificationLog(options: NotifierOptions): NotificationLog {
    const delivery = options.webhookUrl === undefined ? undefined : this.startDelivery({ ...options, webhookUrl: options.webhookUrl });
    return {
      list: (profileId) => this.notifications(profileId),
      // reset() empties the outbox with everything else
      reset: () => undefined,
      idle: () => delivery?.idle() ?? Promise.resolve(),
      close: async () => delivery?.close(),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.delivery?.close();
    await this.pool.end();
  }

  /**
   * Listeners for the notifications of this replica's commits. They are already in the outbox, which is what
   * delivers and lists them; a listener only learns that they were committed.
   */
  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  private afterCommit(drafts: NotificationDraft[]): void {
    if (drafts.length === 0) return;
    this.delivery?.wake();
    for (const listener of this.listeners) listener(drafts);
  }

  /** Drop this replica's cache (after a reset or restore; other replicas notice by the versions). */
  private forget(): void {
    this.cache.clear();
  }

  /** Media the rule added, removed or changed, written as rows (list order is insertion order); the new keys. */
  private async writeDifference(client: pg.PoolClient, before: Entry, after: UserState): Promise<Map<string, string>> {
    const old = new Map(before.state.media.map((m) => [m.identifier, m]));
    const kept = new Set(after.media.map((m) => m.identifier));
    const removed = before.state.media.filter((m) => !kept.has(m.identifier)).map((m) => m.identifier);
    if (removed.length > 0) {
      await client.query('DELETE FROM sandbox_media WHERE profile_id = $1 AND identifier = ANY($2)', [after.profileId, removed]);
    }
    const keys = new Map([...before.keys].filter(([identifier]) => kept.has(identifier)));
    // Domain rules never change a stored item, but a replaced rule (createSandbox's `rules`) may.
    for (const m of after.media.filter((m) => old.has(m.identifier) && old.get(m.identifier) !== m)) {
      const { rows } = await client.query<{ key: string }>(
        `UPDATE sandbox_media SET name = $3, encoding_format = $4, content_size = $5, date_created = $6,
                additional_type = $7, bytes = $8, rev = rev + 1
          WHERE profile_id = $1 AND identifier = $2 RETURNING seq::text || ':' || rev::text AS key`,
        [after.profileId, m.identifier, m.name, m.encodingFormat, m.contentSize, m.dateCreated, m.additionalType ?? null, toBuffer(m.bytes)],
      );
      keys.set(m.identifier, rows[0]!.key);
    }
    const added = await this.insertMedia(client, after.profileId, after.media.filter((m) => !old.has(m.identifier)));
    for (const [identifier, key] of added) keys.set(identifier, key);
    return keys;
  }

  /** A user's rows (user, media, tokens) and the byte total; the cache entry of what was written. */
  private async insertUser(client: pg.PoolClient, state: UserState, tokens: readonly string[]): Promise<Entry> {
    const { rows } = await client.query<{ version: string }>(
      `INSERT INTO sandbox_users (profile_id, identification_level, created_date_time, last_modified, active_image_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING version`,
      [state.profileId, state.identificationLevel, state.createdDateTime, state.lastModified, state.activeImageId ?? null],
    );
    const keys = await this.insertMedia(client, state.profileId, state.media);
    for (const token of tokens) {
      await client.query('INSERT INTO sandbox_tokens (token, profile_id) VALUES ($1, $2)', [token, state.profileId]);
    }
    const bytes = mediaBytes(state);
    if (bytes !== 0) await client.query('UPDATE sandbox_totals SET bytes = bytes + $1', [bytes]);
    return { version: rows[0]!.version, state, keys };
  }

  private async insertMedia(client: pg.PoolClient, profileId: string, items: readonly MediaItem[]): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    for (const m of items) {
      const { rows } = await client.query<{ key: string }>(
        `INSERT INTO sandbox_media (profile_id, identifier, name, encoding_format, content_size, date_created, additional_type, bytes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq::text || ':' || rev::text AS key`,
        [profileId, m.identifier, m.name, m.encodingFormat, m.contentSize, m.dateCreated, m.additionalType ?? null, toBuffer(m.bytes)],
      );
      keys.set(m.identifier, rows[0]!.key);
    }
    return keys;
  }

  /** Each draft becomes one outbox row with its messageId, in the order the rule emitted them. */
  private async insertNotifications(client: pg.PoolClient, drafts: readonly NotificationDraft[]): Promise<void> {
    for (const d of drafts) {
      const properties = { messageId: randomUUID(), ...d.properties };
      await client.query('INSERT INTO sandbox_outbox (message_id, profile_id, properties, body) VALUES ($1, $2, $3, $4)', [
        properties.messageId,
        d.properties.profileId,
        JSON.stringify(properties),
        JSON.stringify(d.body),
      ]);
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    const client = await this.connection();
    let broken = false;
    try {
      return await client.query<R>(text, values);
    } catch (err) {
      broken = isUnavailable(err);
      throw broken ? unavailable(err) : err;
    } finally {
      client.release(broken);
    }
  }

  /** A pooled connection; failing to get one, for whatever reason, means the database is unavailable. */
  private async connection(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** Run `work` in one transaction; a connection failure anywhere rolls it back and becomes a 503. */
  private async transaction<R>(work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    const client = await this.connection();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      broken = isUnavailable(err);
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw broken ? unavailable(err) : err;
    } finally {
      client.release(broken);
    }
  }
}

const toBuffer = (bytes: Uint8Array) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
