import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';

/**
 * The next case number for an organization and year, SYN-2026-00042 (with the organization's own
 * prefix, see migration 2026-12-02T1110), as an SQL expression:
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

/**
 * A case number of any organization of the installation: its prefix (organizations.case_prefix,
 * three capitals, unique in the installation), the year of receipt and the sequence of that year:
 * SYN-2026-00042, BOS-2027-00007. The prefix is what makes a number name one case in the installation.
 */
export const CASE_NUMBER_PATTERN = '[A-Z]{3}-\\d{4}-\\d{5,}';
/** A whole input that is a case number (upper-case it first). */
export const CASE_NUMBER = new RegExp(`^${CASE_NUMBER_PATTERN}$`);
/** A case number anywhere in a text, any case (a mail subject). */
export const caseNumberIn = (text: string): string | undefined => new RegExp(`\\b${CASE_NUMBER_PATTERN}\\b`, 'i').exec(text)?.[0]?.toUpperCase();
/** The prefix an organization admin may choose. */
export const CASE_PREFIX = /^[A-Z]{3}$/;
