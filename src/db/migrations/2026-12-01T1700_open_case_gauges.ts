import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// /metrics reports open and overdue cases per organization (modules/metrics/queries.ts). This
// partial index holds the open cases only (not the history) with what the count needs, so the
// count is an index-only scan whose cost follows the open cases, not all cases ever received.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX cases_open_deadlines ON cases (organization_id, status, answer_by)
      WHERE status IN ('received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX cases_open_deadlines`.execute(db);
}
