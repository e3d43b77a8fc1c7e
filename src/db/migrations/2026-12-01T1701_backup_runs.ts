import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Every backup made by `npm run cli -- backup` or the daily schedule: the admin pages show the
// last one, and the schedule keeps the newest N files.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE backup_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('manual', 'scheduled')),
      status text NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
      file text NOT NULL,
      bytes bigint,
      tables integer,
      rows bigint,
      error text,
      started_at timestamptz NOT NULL,
      finished_at timestamptz
    );
    CREATE INDEX backup_runs_started ON backup_runs (started_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE backup_runs`.execute(db);
}
