import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';
import { FINAL_STATUSES } from '../cases/lifecycle.ts';
import { specificity, type Rule } from './schedule.ts';

/**
 * Which cases are due for disposal on a day under a set of rules. All SQL about "due" is here, so
 * the dry run, the disposal batches, the daily notice and the API agree by construction.
 *
 * Due means: closed for good (a final status), not yet disposed of, not under legal hold, and
 * either (a) under a "dispose" rule whose years have passed since the Swedish closing day, or
 * (b) kept, delivered to the e-archive in a package whose receipt the organization has confirmed.
 * Open cases, held cases and kept cases not yet delivered and confirmed are never due.
 */

export interface DueCase {
  id: string;
  number: string;
  received_on: string;
  closed_on: string;
  kind: CaseKind;
  significance: string | null;
  confidential: boolean;
  area_name: string | null;
  forvaltning_name: string | null;
  rule_id: string | null;
  due_on: string;
  /** The e-archive package, for a kept case that was delivered. */
  package_id: string | null;
  receipt_ref: string | null;
}

const rulesJson = (rules: readonly Rule[]) => JSON.stringify(rules.map((r) => ({ ...r, spec: specificity(r) })));

/** The rule that applies to case row c, as a LATERAL subquery over the given rules. */
export const matchingRule = (rules: readonly Rule[]) => sql`LATERAL (
    SELECT r.id, r.action, r.years FROM jsonb_to_recordset(${rulesJson(rules)}::jsonb)
      AS r(id uuid, significance text, kind text, "areaId" uuid, action text, years integer, spec integer)
    WHERE r.significance = c.significance AND (r.kind IS NULL OR r.kind = c.kind) AND (r."areaId" IS NULL OR r."areaId" = c.area_id)
    ORDER BY r.spec DESC LIMIT 1) m`;

const closedOn = sql`(c.closed_at AT TIME ZONE 'Europe/Stockholm')::date`;
const finalStatuses = sql.join(FINAL_STATUSES.map((s) => sql.lit(s)));

const columns = (dueOn: RawBuilder<unknown>, pkg: RawBuilder<unknown>, receipt: RawBuilder<unknown>) => sql`
  c.id, c.number, (c.received_at AT TIME ZONE 'Europe/Stockholm')::date::text AS received_on, ${closedOn}::text AS closed_on,
  c.kind, c.significance, c.confidential, a.name AS area_name, f.name AS forvaltning_name, m.id AS rule_id,
  ${dueOn}::text AS due_on, ${pkg} AS package_id, ${receipt} AS receipt_ref`;

const names = sql`
  LEFT JOIN categories a ON a.id = c.area_id
  LEFT JOIN org_units u ON u.id = c.unit_id
  LEFT JOIN org_units f ON f.id = u.ancestor_ids[1]`;

/**
 * Cases in a package the archive has confirmed, by membership (archive_package_cases): the receipt
 * of a package frees exactly its cases. A case found in two confirmed packages (possible before
 * 2026-12-05, when a second package of a year took the cases over) counts once, by the first receipt.
 */
const confirmedPackageCases = sql`
    archive_packages p
    JOIN archive_package_cases pc ON pc.package_id = p.id
    JOIN cases c ON c.id = pc.case_id`;
const confirmedOnce = (organizationId: string) => sql`
    p.organization_id = ${organizationId} AND p.confirmed_at IS NOT NULL AND c.organization_id = ${organizationId}
    AND NOT EXISTS (
      SELECT 1 FROM archive_package_cases pc2 JOIN archive_packages p2 ON p2.id = pc2.package_id
      WHERE pc2.case_id = c.id AND p2.id <> p.id AND p2.confirmed_at IS NOT NULL AND (p2.confirmed_at, p2.id) < (p.confirmed_at, p.id))`;

const closedForGood = sql`c.disposed_at IS NULL AND NOT c.legal_hold AND c.status IN (${finalStatuses})`;

export interface Page {
  limit: number;
  /** Keyset: cases after this (closed_at, id). */
  after?: { closedAt: Date; id: string };
  /** Lock the rows (a disposal batch). */
  forUpdate?: boolean;
}

/** Cases due under "dispose" rules, oldest closing first. */
export async function dueByRule(db: Executor, organizationId: string, dueOn: string, rules: readonly Rule[], page: Page): Promise<(DueCase & { closed_at: Date })[]> {
  const dispose = rules.filter((r) => r.action === 'dispose');
  if (dispose.length === 0) return [];
  const minYears = Math.min(...dispose.map((r) => r.years));
  const { rows } = await sql<DueCase & { closed_at: Date }>`
    SELECT ${columns(sql`(${closedOn} + make_interval(years => m.years))::date`, sql`NULL::uuid`, sql`NULL::text`)}, c.closed_at
    FROM cases c
    CROSS JOIN ${matchingRule(rules)}
    ${names}
    WHERE c.organization_id = ${organizationId} AND ${closedForGood}
      AND c.closed_at IS NOT NULL
      -- No case closed after this instant can be due yet: it bounds the index scan.
      AND c.closed_at < ((${dueOn}::date - make_interval(years => ${minYears}) + interval '1 day') AT TIME ZONE 'Europe/Stockholm')
      AND m.action = 'dispose'
      AND ${closedOn} + make_interval(years => m.years) <= ${dueOn}::date
      ${page.after ? sql`AND (c.closed_at, c.id) > (${page.after.closedAt}, ${page.after.id}::uuid)` : sql``}
    ORDER BY c.closed_at, c.id
    LIMIT ${page.limit}
    ${page.forUpdate ? sql`FOR UPDATE OF c` : sql``}`.execute(db);
  return rows;
}

/** Kept cases delivered to the e-archive whose receipt was confirmed on or before the day. */
export async function dueByDelivery(db: Executor, organizationId: string, dueOn: string, rules: readonly Rule[], page: Page): Promise<(DueCase & { closed_at: Date })[]> {
  const { rows } = await sql<DueCase & { closed_at: Date }>`
    SELECT ${columns(sql`(p.confirmed_at AT TIME ZONE 'Europe/Stockholm')::date`, sql`p.id`, sql`p.receipt_ref`)}, c.closed_at
    FROM ${confirmedPackageCases}
    LEFT JOIN ${matchingRule(rules)} ON true
    ${names}
    WHERE ${confirmedOnce(organizationId)}
      AND (p.confirmed_at AT TIME ZONE 'Europe/Stockholm')::date <= ${dueOn}::date
      AND ${closedForGood}
      ${page.after ? sql`AND (c.closed_at, c.id) > (${page.after.closedAt}, ${page.after.id}::uuid)` : sql``}
    ORDER BY c.closed_at, c.id
    LIMIT ${page.limit}
    ${page.forUpdate ? sql`FOR UPDATE OF c` : sql``}`.execute(db);
  return rows;
}

export interface DueSummary {
  /** Due under each rule (by rule id), and delivered-and-confirmed. */
  byRule: Record<string, number>;
  delivered: number;
  total: number;
  /** Would be due but under legal hold. */
  held: number;
  /** Closed cases without significance: no rule can apply until someone classifies them. */
  unclassified: number;
  /** Kept cases whose delivery to the e-archive is due but which have not been delivered. */
  deliveryDue: number;
}

/** Counts for the dry run's summary. */
export async function dueSummary(db: Executor, organizationId: string, dueOn: string, rules: readonly Rule[]): Promise<DueSummary> {
  const { rows } = await sql<{ rule_id: string | null; action: string | null; held: boolean; delivered: boolean; n: number }>`
    SELECT m.id AS rule_id, m.action, c.legal_hold AS held, c.delivered_package_id IS NOT NULL AS delivered, count(*)::int AS n
    FROM cases c
    CROSS JOIN ${matchingRule(rules)}
    WHERE c.organization_id = ${organizationId} AND c.disposed_at IS NULL AND c.status IN (${finalStatuses})
      AND c.closed_at IS NOT NULL AND ${closedOn} + make_interval(years => m.years) <= ${dueOn}::date
    GROUP BY 1, 2, 3, 4`.execute(db);
  const delivered = await dueByDeliveryCount(db, organizationId, dueOn);
  const { rows: unclassified } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cases c
    WHERE c.organization_id = ${organizationId} AND c.disposed_at IS NULL AND c.status IN (${finalStatuses})
      AND c.closed_at IS NOT NULL AND c.significance IS NULL`.execute(db);
  const byRule: Record<string, number> = {};
  let held = 0;
  let deliveryDue = 0;
  for (const r of rows) {
    if (r.held) held += r.n;
    else if (r.action === 'dispose') byRule[r.rule_id!] = (byRule[r.rule_id!] ?? 0) + r.n;
    else if (r.action === 'keep' && !r.delivered) deliveryDue += r.n;
  }
  const total = Object.values(byRule).reduce((a, b) => a + b, 0) + delivered;
  return { byRule, delivered, total, held, unclassified: unclassified[0]?.n ?? 0, deliveryDue };
}

async function dueByDeliveryCount(db: Executor, organizationId: string, dueOn: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${confirmedPackageCases} WHERE ${confirmedOnce(organizationId)}
      AND (p.confirmed_at AT TIME ZONE 'Europe/Stockholm')::date <= ${dueOn}::date
      AND ${closedForGood}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Cases that became due after `after` (exclusive) and up to `dueOn`: what the daily notice tells. */
export async function countNewlyDue(db: Executor, organizationId: string, after: string | null, dueOn: string, rules: readonly Rule[]): Promise<number> {
  const since = after ?? '0001-01-01';
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cases c CROSS JOIN ${matchingRule(rules)}
    WHERE c.organization_id = ${organizationId} AND ${closedForGood} AND c.closed_at IS NOT NULL AND m.action = 'dispose'
      AND ${closedOn} + make_interval(years => m.years) <= ${dueOn}::date
      AND ${closedOn} + make_interval(years => m.years) > ${since}::date`.execute(db);
  const { rows: delivered } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${confirmedPackageCases} WHERE ${confirmedOnce(organizationId)} AND ${closedForGood}
      AND (p.confirmed_at AT TIME ZONE 'Europe/Stockholm')::date <= ${dueOn}::date
      AND (p.confirmed_at AT TIME ZONE 'Europe/Stockholm')::date > ${since}::date`.execute(db);
  return (rows[0]?.n ?? 0) + (delivered[0]?.n ?? 0);
}
