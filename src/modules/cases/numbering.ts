import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Allocates the next case number for an organization and year: SYN-2026-00042.
 *
 * Runs as its own statement, outside the case's transaction: the counter row is locked only for
 * this statement, so concurrent submissions do not queue behind each other's commits. A
 * submission that fails after this leaves a gap, which the register tolerates.
 */
export async function allocateCaseNumber(db: Db, organizationId: string, year: number): Promise<string> {
  const { rows } = await sql<{ last_value: number }>`
    INSERT INTO case_number_counters (organization_id, year, last_value)
    VALUES (${organizationId}, ${year}, 1)
    ON CONFLICT (organization_id, year) DO UPDATE SET last_value = case_number_counters.last_value + 1
    RETURNING last_value`.execute(db);
  return formatCaseNumber(year, rows[0]!.last_value);
}

export function formatCaseNumber(year: number, sequence: number): string {
  return `SYN-${year}-${String(sequence).padStart(5, '0')}`;
}
