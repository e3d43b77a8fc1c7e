import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';

/**
 * case.disposed for every case of a disposal batch, in its transaction (retention/purge.ts runs
 * this after the purge of job payloads, so the announcement's own job stays). A disposed case
 * leaves nothing in its history to trigger on; its number and status remain, and that is all
 * the event says.
 */
export async function announceDisposal(tx: Tx, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await sql`SELECT webhook_emit(c.organization_id, 'case.disposed', c.id, c.number, c.status, coalesce(c.disposed_at, c.updated_at), NULL)
    FROM cases c WHERE c.id = ANY(${caseIds}::uuid[])`.execute(tx);
}
