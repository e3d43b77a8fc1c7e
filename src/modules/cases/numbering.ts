import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';

/**
 * The next case number for an organization and year, SYN-2026-00042, as an SQL expression:
 * put it straight into the INSERT of the case so numbering costs no round trip of its own.
 * Backed by one sequence per organization and year (see migration 1200): unique, never waits
 * for another transaction, and tolerates gaps.
 */
export function nextCaseNumber(organizationId: string, year: number): RawBuilder<string> {
  return sql<string>`next_case_number(${organizationId}::uuid, ${year}::integer)`;
}

/** Allocates a number on its own, for callers that need it before they insert. */
export async function allocateCaseNumber(db: Executor, organizationId: string, year: number): Promise<string> {
  const { rows } = await sql<{ number: string }>`SELECT ${nextCaseNumber(organizationId, year)} AS number`.execute(db);
  return rows[0]!.number;
}

export function formatCaseNumber(year: number, sequence: number): string {
  return `SYN-${year}-${String(sequence).padStart(5, '0')}`;
}
