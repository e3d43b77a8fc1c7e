import { sql } from 'kysely';
import type { CaseFilter } from './caseFilter.ts';
import type { CasesQB } from './visibleParts.ts';

/**
 * The statistics drill-down's filters (modules/statistics/drilldown.ts): each number on the
 * statistics pages links to the case list with the filter that gives exactly its cases.
 */
export function applyDrillDownFilter(qb: CasesQB, f: CaseFilter, today: string): CasesQB {
  if (f.subcategoryId === 'none') qb = qb.where('c.subcategory_id', 'is', null);
  else if (f.subcategoryId) qb = qb.where('c.subcategory_id', '=', f.subcategoryId);
  if (f.channel) qb = qb.where('c.channel', '=', f.channel as never);
  if (f.unitExact) qb = qb.where('c.unit_id', '=', f.unitExact);
  if (f.committee) {
    const committee = f.committee;
    qb = qb.where(sql<boolean>`c.unit_id IN (SELECT u.id FROM org_units u JOIN org_units f ON f.id = u.ancestor_ids[1] WHERE f.committee = ${committee})`);
  }
  if (f.referral === 'none') qb = qb.where('c.referral_type', 'is', null);
  else if (f.referral === 'any') qb = qb.where('c.referral_type', 'is not', null);
  else if (f.referral) qb = qb.where('c.referral_type', '=', f.referral);
  if (f.merged === true) qb = qb.where((eb) => eb.or([eb('c.merged_into_id', 'is not', null), eb('c.status', '=', 'merged')]));
  else if (f.merged === false) qb = qb.where('c.merged_into_id', 'is', null).where('c.status', '<>', 'merged');
  if (f.handled !== undefined) qb = qb.where('c.status', f.handled ? '<>' : '=', 'not_handled');
  if (f.spam === true) qb = qb.where('c.status', '=', 'not_handled').where('c.outcome', '=', 'spam');
  else if (f.spam === false) qb = qb.where(sql<boolean>`c.outcome IS DISTINCT FROM 'spam'`);
  if (f.answered !== undefined) qb = qb.where('c.first_answered_at', f.answered ? 'is not' : 'is', null);
  if (f.deadline) qb = qb.where(deadlineSql(f.deadline, today));
  if (f.closedFrom) qb = qb.where(sql<boolean>`c.closed_at >= (${f.closedFrom}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`);
  if (f.closedTo) qb = qb.where(sql<boolean>`c.closed_at < ((${f.closedTo}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`);
  if (f.hasMeasure) qb = qb.where(sql<boolean>`EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'measure')`);
  return qb;
}

/** The same rules as statistics' ack/answer status (statistics/sqlParts.ts), on the cases table. */
function deadlineSql(which: NonNullable<CaseFilter['deadline']>, today: string) {
  const day = (col: string) => sql`(${sql.ref(col)} AT TIME ZONE 'Europe/Stockholm')::date`;
  const open = sql`c.status IN ('received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered')`;
  const main = sql`c.merged_into_id IS NULL AND c.status <> 'merged' AND c.referral_type IS NULL AND NOT c.is_internal AND NOT c.anonymous`;
  if (which === 'ack_ok' || which === 'ack_late') {
    const done = sql`least(${day('c.acknowledged_at')}, ${day('c.first_answered_at')})`;
    return which === 'ack_ok'
      ? sql<boolean>`${main} AND c.acknowledge_by IS NOT NULL AND ${done} <= c.acknowledge_by`
      : sql<boolean>`${main} AND c.acknowledge_by IS NOT NULL AND (${done} > c.acknowledge_by OR (${done} IS NULL AND ${open} AND c.status <> 'waiting' AND c.acknowledge_by < ${today}::date))`;
  }
  return which === 'answer_ok'
    ? sql<boolean>`${main} AND c.answer_by IS NOT NULL AND ${day('c.first_answered_at')} <= c.answer_by`
    : sql<boolean>`${main} AND c.answer_by IS NOT NULL AND (${day('c.first_answered_at')} > c.answer_by OR (c.first_answered_at IS NULL AND ${open} AND c.status <> 'waiting' AND c.answer_by < ${today}::date))`;
}
