import { sql, type RawBuilder } from 'kysely';

/**
 * How a case did against its deadlines, on a case_stats row aliased `c`. The case list's
 * drill-down filter (cases/listQueries.ts, deadlineSql) states the same rules on the cases table.
 *
 * Counted for 'main' cases that are not anonymous (an anonymous submitter cannot be reached)
 * and have the deadline. An acknowledgement is done by the acknowledgement or by the answer,
 * whichever came first. Still open and past the deadline counts as late, except while waiting
 * for the submitter (the clock is paused). Closed without an acknowledgement or an answer, or
 * not yet due: neither.
 */
export function ackStatusSql(today: string): RawBuilder<'ok' | 'late' | null> {
  return sql`CASE
    WHEN c.grp <> 'main' OR c.anonymous OR c.acknowledge_by IS NULL THEN NULL
    WHEN least(c.acknowledged_on, c.answered_on) IS NOT NULL THEN
      CASE WHEN least(c.acknowledged_on, c.answered_on) <= c.acknowledge_by THEN 'ok' ELSE 'late' END
    WHEN c.is_open AND c.status <> 'waiting' AND c.acknowledge_by < ${today}::date THEN 'late'
  END`;
}

export function answerStatusSql(today: string): RawBuilder<'ok' | 'late' | null> {
  return sql`CASE
    WHEN c.grp <> 'main' OR c.anonymous OR c.answer_by IS NULL THEN NULL
    WHEN c.answered_on IS NOT NULL THEN CASE WHEN c.answered_on <= c.answer_by THEN 'ok' ELSE 'late' END
    WHEN c.is_open AND c.status <> 'waiting' AND c.answer_by < ${today}::date THEN 'late'
  END`;
}

/** Measures of time, as stored in statistics_monthly_days.measure. */
export const MEASURES = {
  1: { key: 'responseCalendar', sql: sql`c.answered_on - c.received_on` },
  2: { key: 'responseWorking', sql: sql`c.response_wd` },
  3: { key: 'handlingCalendar', sql: sql`c.closed_on - c.received_on` },
  4: { key: 'handlingWorking', sql: sql`c.handling_wd` },
} as const;
export type MeasureKey = (typeof MEASURES)[keyof typeof MEASURES]['key'];

/** (measure, days) for each measure of a case_stats row `c`, for CROSS JOIN LATERAL. */
export const measuresLateral = sql`(VALUES (1::smallint, ${MEASURES[1].sql}), (2::smallint, ${MEASURES[2].sql}), (3::smallint, ${MEASURES[3].sql}), (4::smallint, ${MEASURES[4].sql}))`;

/** The advisory lock namespace shared with statistics_touch() in the migration. */
export const LOCK_NAMESPACE = 1398031444;
