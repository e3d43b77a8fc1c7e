import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// The staff list reads a unit's cases and a handler's cases each in list order and stops after
// one page (cases/visibleParts.ts). With received_at second, an index scan gives a unit's or a
// handler's cases newest (or oldest) first whatever their status; status third is still an index
// condition (also "status IN (the open ones)"), so cases of other statuses are skipped in the
// index without reading their rows. These replace cases_unit and cases_handler (status second:
// one status at a time in order, several only through a sort of all of them), so inserting a
// case maintains as many indexes as before.
// Measured with bench/caseHandling.ts at 1 000 000 cases; see the commit that added this.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX cases_unit_received ON cases (unit_id, received_at DESC, status);
    CREATE INDEX cases_handler_received ON cases (handler_id, received_at DESC, status);
    DROP INDEX cases_unit;
    DROP INDEX cases_handler;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX cases_unit ON cases (unit_id, status, received_at DESC);
    CREATE INDEX cases_handler ON cases (handler_id, status, received_at DESC);
    DROP INDEX cases_unit_received;
    DROP INDEX cases_handler_received;
  `.execute(db);
}
