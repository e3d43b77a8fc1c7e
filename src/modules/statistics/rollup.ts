import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { ensureStatisticsCalendar } from './calendar.ts';
import { addMonths, firstDay } from './period.ts';
import { ackStatusSql, answerStatusSql, LOCK_NAMESPACE, measuresLateral } from './sqlParts.ts';

/**
 * The monthly rollup: finished cases of settled months, summed once so that statistics over
 * years need not read every case. The current month and the two before it are always counted
 * from case_stats; cases there still change every day.
 */
export const LIVE_MONTHS = 1;

/** Months before this first day ('YYYY-MM-01') may be rolled up. */
export function settledBefore(today: string): string {
  return firstDay(addMonths(today.slice(0, 7), -(LIVE_MONTHS - 1)));
}

/**
 * Registers settled months that have cases and sums every month that is not valid. Safe to run
 * at any time, in any number of processes: each month is summed under an exclusive lock that
 * waits for in-flight changes to it, and any later change marks it invalid again.
 * Returns the number of months summed.
 */
export async function refreshStatistics(db: Db, today: string, opts: { organizationId?: string; maxMonths?: number; full?: boolean } = {}): Promise<number> {
  await ensureStatisticsCalendar(db);
  const before = settledBefore(today);
  const org = opts.organizationId ?? null;
  // New settled months: by default only those after the last one registered (an index range scan
  // per organization); `full` looks through everything, for months of imported history.
  await sql`
    INSERT INTO statistics_months (organization_id, month)
    SELECT o.id, x.m FROM organizations o
    CROSS JOIN LATERAL (
      SELECT DISTINCT c.received_month AS m FROM case_stats c
      WHERE c.organization_id = o.id AND c.received_month < ${before}::date
        AND (${opts.full ?? false}::boolean OR c.received_month >= coalesce((SELECT max(month) FROM statistics_months WHERE organization_id = o.id), '2000-01-01'::date))
    ) x
    WHERE ${org}::uuid IS NULL OR o.id = ${org}::uuid
    ON CONFLICT DO NOTHING`.execute(db);
  const todo = await sql<{ organization_id: string; month: string }>`
    SELECT organization_id, month FROM statistics_months
    WHERE NOT valid AND month < ${before}::date AND (${org}::uuid IS NULL OR organization_id = ${org}::uuid)
    ORDER BY month DESC LIMIT ${opts.maxMonths ?? 100000}`.execute(db);
  for (const m of todo.rows) await refreshMonth(db, m.organization_id, m.month, today);
  // After a large refresh the planner should know the rollup's new size at once, not when
  // autovacuum next looks.
  if (todo.rows.length >= 24) {
    await sql`ANALYZE statistics_months, statistics_monthly, statistics_monthly_areas, statistics_monthly_subcategories, statistics_monthly_days, statistics_monthly_days_total`.execute(db);
  }
  return todo.rows.length;
}

export async function refreshMonth(db: Db, organizationId: string, month: string, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${organizationId}::uuid::text || ${month}::date::text))`.execute(tx);
    // Marked valid first: a change that comes after this waits for the lock above, and marks it
    // invalid again once this commits.
    await sql`UPDATE statistics_months SET valid = true, refreshed_at = now() WHERE organization_id = ${organizationId} AND month = ${month}::date`.execute(tx);
    for (const table of ['statistics_monthly', 'statistics_monthly_areas', 'statistics_monthly_subcategories', 'statistics_monthly_days', 'statistics_monthly_days_total']) {
      await sql`DELETE FROM ${sql.table(table)} WHERE organization_id = ${organizationId} AND month = ${month}::date`.execute(tx);
    }
    // The finished cases of the month with their förvaltning, once.
    await sql`
      CREATE TEMP TABLE statistics_month_cases ON COMMIT DROP AS
      SELECT c.*, u.ancestor_ids[1] AS forvaltning_id, ${ackStatusSql(today)} AS ack, ${answerStatusSql(today)} AS answer
      FROM case_stats c LEFT JOIN org_units u ON u.id = c.unit_id
      WHERE c.organization_id = ${organizationId} AND c.received_month = ${month}::date AND NOT c.is_open`.execute(tx);
    await sql`
      INSERT INTO statistics_monthly (organization_id, month, confidential, forvaltning_id, grp, referral_type, kind, received, ack_ok, ack_late, answer_ok, answer_late)
      SELECT organization_id, received_month, confidential, forvaltning_id, grp, referral_type, kind, count(*),
        count(*) FILTER (WHERE ack = 'ok'), count(*) FILTER (WHERE ack = 'late'),
        count(*) FILTER (WHERE answer = 'ok'), count(*) FILTER (WHERE answer = 'late')
      FROM statistics_month_cases GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(tx);
    await sql`
      INSERT INTO statistics_monthly_areas (organization_id, month, confidential, forvaltning_id, area_id, received)
      SELECT organization_id, received_month, confidential, forvaltning_id, area_id, count(*)
      FROM statistics_month_cases WHERE grp = 'main' GROUP BY 1, 2, 3, 4, 5`.execute(tx);
    await sql`
      INSERT INTO statistics_monthly_subcategories (organization_id, month, confidential, forvaltning_id, subcategory_id, received)
      SELECT organization_id, received_month, confidential, forvaltning_id, subcategory_id, count(*)
      FROM statistics_month_cases WHERE grp = 'main' AND subcategory_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5`.execute(tx);
    await sql`
      INSERT INTO statistics_monthly_days (organization_id, month, confidential, forvaltning_id, measure, days, n)
      SELECT c.organization_id, c.received_month, c.confidential, c.forvaltning_id, v.measure, v.days, count(*)
      FROM statistics_month_cases c CROSS JOIN LATERAL ${measuresLateral} AS v(measure, days)
      WHERE c.grp = 'main' AND v.days IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6`.execute(tx);
    await sql`
      INSERT INTO statistics_monthly_days_total (organization_id, month, confidential, measure, days, n)
      SELECT organization_id, month, confidential, measure, days, sum(n)
      FROM statistics_monthly_days WHERE organization_id = ${organizationId} AND month = ${month}::date
      GROUP BY 1, 2, 3, 4, 5`.execute(tx);
  });
}

/**
 * Rebuilds case_stats for every case from the cases table, as the trigger would have written
 * it. For bulk loads that ran with the trigger disabled (the benchmark's generator) and for
 * repairs; every month of the organizations touched is marked invalid.
 */
export async function rebuildCaseStats(db: Db): Promise<void> {
  await ensureStatisticsCalendar(db);
  await db.transaction().execute(async (tx) => {
    await sql`DELETE FROM case_stats`.execute(tx);
    // Working days by joining the calendar, rather than a function call per case, for the
    // organizations without closure days (the function handles those that have some).
    await sql`
      INSERT INTO case_stats (case_id, organization_id, unit_id, handler_id, confidential, anonymous, kind, channel, area_id,
        subcategory_id, status, is_open, grp, referral_type, received_on, received_month, acknowledged_on, answered_on,
        closed_on, acknowledge_by, answer_by, response_wd, handling_wd)
      SELECT x.id, x.organization_id, x.unit_id, x.handler_id, x.confidential, x.anonymous, x.kind, x.channel, x.area_id,
        x.subcategory_id, x.status, x.is_open, x.grp, x.referral_type, x.r, date_trunc('month', x.r)::date, x.ack, x.ans, x.clo,
        x.acknowledge_by, x.answer_by,
        CASE WHEN x.ans IS NULL THEN NULL
             WHEN x.closures THEN statistics_working_days(x.organization_id, x.r, x.ans)
             ELSE greatest(0, ka.wd_through - kr.wd_through) END,
        CASE WHEN x.clo IS NULL THEN NULL
             WHEN x.closures THEN statistics_working_days(x.organization_id, x.r, x.clo)
             ELSE greatest(0, kc.wd_through - kr.wd_through) END
      FROM (
        SELECT c.id, c.organization_id, c.unit_id, c.handler_id, c.confidential, c.anonymous, c.kind, c.channel, c.area_id,
          c.subcategory_id, c.status, c.status IN ('received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered') AS is_open,
          CASE WHEN c.merged_into_id IS NOT NULL OR c.status = 'merged' THEN 'merged' WHEN c.referral_type IS NOT NULL THEN 'referral'
               WHEN c.status = 'not_handled' AND c.outcome = 'spam' THEN 'spam' WHEN c.status = 'not_handled' THEN 'not_handled'
               WHEN c.is_internal THEN 'internal' ELSE 'main' END AS grp,
          c.referral_type, (c.received_at AT TIME ZONE 'Europe/Stockholm')::date AS r,
          (c.acknowledged_at AT TIME ZONE 'Europe/Stockholm')::date AS ack, (c.first_answered_at AT TIME ZONE 'Europe/Stockholm')::date AS ans,
          CASE WHEN c.status = 'closed' THEN (c.closed_at AT TIME ZONE 'Europe/Stockholm')::date END AS clo,
          c.acknowledge_by, c.answer_by,
          c.organization_id IN (SELECT organization_id FROM closure_days) AS closures
        FROM cases c
      ) x
      LEFT JOIN statistics_calendar kr ON kr.day = x.r
      LEFT JOIN statistics_calendar ka ON ka.day = x.ans
      LEFT JOIN statistics_calendar kc ON kc.day = x.clo`.execute(tx);
    await sql`
      UPDATE case_stats s SET measures = e.n
      FROM (SELECT case_id, count(*) AS n FROM case_events WHERE type = 'measure' GROUP BY case_id) e WHERE e.case_id = s.case_id`.execute(tx);
    await sql`UPDATE statistics_months SET valid = false WHERE valid`.execute(tx);
  });
}
