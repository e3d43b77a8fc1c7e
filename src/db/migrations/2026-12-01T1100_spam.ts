import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Proof-of-work challenges already used (ALTCHA): a solved challenge counts once. Kept until
    -- the challenge has expired anyway; shared by every app process.
    CREATE TABLE altcha_spent (
      id text PRIMARY KEY,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX altcha_spent_expires ON altcha_spent (expires_at);

    -- Submissions counted per window for the citizen form's rate limits: per address (a keyed
    -- hash, never the address itself) and per organization. Rows older than an hour are removed.
    CREATE TABLE submission_rate (
      key bytea NOT NULL,
      window_start timestamptz NOT NULL,
      count integer NOT NULL DEFAULT 0,
      PRIMARY KEY (key, window_start)
    );
    CREATE INDEX submission_rate_window ON submission_rate (window_start);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE submission_rate, altcha_spent`.execute(db);
}
