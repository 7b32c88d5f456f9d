// The PostgreSQL store's schema, as numbered migrations applied at start (PgStore.open).
//
// Applied versions are recorded in `profile_contracts_migrations`; each migration runs in its own
// transaction, and the whole run holds a session advisory lock, so two replicas starting at once against an
// empty database do not both create the tables: the second waits, then finds everything applied. Add new
// migrations at the end with the next number; never edit one that has shipped.
import type pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, tokens, media and the notification outbox',
    sql: `
      -- Dates are kept as the exact ISO strings the domain made, so a state read back is the state written.
      CREATE SEQUENCE sandbox_versions;
      CREATE TABLE sandbox_users (
        profile_id            text PRIMARY KEY,
        -- creation order, the order of a state snapshot
        seq                   bigserial UNIQUE,
        identification_level  text NOT NULL,
        created_date_time     text NOT NULL,
        last_modified         text NOT NULL,
        active_image_id       text,
        -- a new value from sandbox_versions at every committed change, never repeated (not even after a reset
        -- or a restore brings the same profileId back): replicas cache a user's state per version
        version               bigint NOT NULL DEFAULT nextval('sandbox_versions')
      );
      CREATE TABLE sandbox_tokens (
        token       text PRIMARY KEY,
        profile_id  text NOT NULL REFERENCES sandbox_users ON DELETE CASCADE
      );
      CREATE TABLE sandbox_media (
        -- commit order: per user, changes are serialised by the user row lock, so seq is the list order
        seq              bigserial PRIMARY KEY,
        profile_id       text NOT NULL REFERENCES sandbox_users ON DELETE CASCADE,
        identifier       text NOT NULL,
        name             text NOT NULL,
        encoding_format  text NOT NULL,
        content_size     integer NOT NULL,
        date_created     text NOT NULL,
        additional_type  text,
        bytes            bytea NOT NULL,
        -- bumped when an item is changed in place, so a replica's cached copy of the old one is not reused
        rev              integer NOT NULL DEFAULT 0,
        UNIQUE (profile_id, identifier)
      );
      CREATE INDEX sandbox_media_by_user ON sandbox_media (profile_id, seq);
      -- The transactional outbox and the notification log in one: a row per Profile Notification, written in
      -- the transaction of the change, kept after delivery (GET /_sandbox/notifications) until a reset.
      CREATE TABLE sandbox_outbox (
        id               bigserial PRIMARY KEY,
        message_id       text NOT NULL UNIQUE,
        profile_id       text NOT NULL,
        -- json, not jsonb: the message is sent with its keys in the order they were written
        properties       json NOT NULL,
        body             json NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        lease_until      timestamptz,
        delivered_at     timestamptz,
        dropped_at       timestamptz,
        last_error       text
      );
      CREATE INDEX sandbox_outbox_pending ON sandbox_outbox (profile_id, id)
        WHERE delivered_at IS NULL AND dropped_at IS NULL;
      CREATE INDEX sandbox_outbox_by_profile ON sandbox_outbox (profile_id, id);
      -- The media bytes of all users together, kept by every change in its own transaction: the one row is what
      -- makes MAX_STORE_BYTES hold across replicas (a change that grows the store locks it until it commits).
      CREATE TABLE sandbox_totals (
        one    boolean PRIMARY KEY DEFAULT true CHECK (one),
        bytes  bigint NOT NULL
      );
      INSERT INTO sandbox_totals (bytes) VALUES (0);
    `,
  },
];

/** Any 64-bit number unique to this kit: the advisory lock the migration run holds. */
const MIGRATION_LOCK = 7_041_130_113;

/** Bring the schema up to date; safe to call from several processes at once. Returns the versions applied. */
export async function migrate(client: pg.ClientBase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS profile_contracts_migrations (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM profile_contracts_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO profile_contracts_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
