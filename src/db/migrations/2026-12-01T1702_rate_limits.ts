import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Rate-limit counters shared by every app instance (platform/rateLimitStore.ts): with one counter
// per process, two instances behind a round-robin proxy would let through twice the limit.
// UNLOGGED: counters for the last minutes are not worth a write-ahead log; after a crash they
// start again from zero. The key is an HMAC of route and client address, never the address.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE UNLOGGED TABLE rate_limits (
      key bytea PRIMARY KEY,
      hits integer NOT NULL,
      reset_at timestamptz NOT NULL
    );
    CREATE INDEX rate_limits_reset_at ON rate_limits (reset_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE rate_limits`.execute(db);
}
