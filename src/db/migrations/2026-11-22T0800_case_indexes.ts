import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Found with EXPLAIN ANALYZE on bench/caseHandling.ts's data (200 000 cases, 10 organizations):
// the staff list filtered by status for anyone whose grant covers the whole organization
// (registrar, admin, reader, an org-wide coordinator), and its count on every page, read every
// case of the organization and filtered by status, since only (organization_id, received_at)
// led with the organization. With the status second, the open cases (a few percent of the
// history) are read alone, and the received_at third keeps one status newest first.
// Lists scoped to units use cases_unit and cases_handler from the initial migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX cases_org_status ON cases (organization_id, status, received_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX cases_org_status;
  `.execute(db);
}
