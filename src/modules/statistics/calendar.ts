import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addCalendarDays, WorkingCalendar } from '../../platform/calendar.ts';

/**
 * The working-day calendar kept in the database, so that working days are counted in SQL (and
 * percentiles computed there). Generated from WorkingCalendar, the one source of the rules;
 * organization closure days are subtracted by statistics_working_days() from closure_days.
 */
export const CALENDAR_FIRST = '2000-01-01';
export const CALENDAR_LAST = '2079-12-31';

export function calendarRows(first = CALENDAR_FIRST, last = CALENDAR_LAST): { day: string; working: boolean; wd_through: number }[] {
  const cal = new WorkingCalendar();
  const rows: { day: string; working: boolean; wd_through: number }[] = [];
  let through = 0;
  for (let d = first; d <= last; d = addCalendarDays(d, 1)) {
    const working = cal.isWorkingDay(d);
    if (working) through++;
    rows.push({ day: d, working, wd_through: through });
  }
  return rows;
}

const ready = new WeakSet<Db>();
const inFlight = new WeakMap<Db, Promise<void>>();

/**
 * Fills the calendar table once per database (idempotent, safe with several app instances),
 * then counts the working days of cases stored before it existed.
 */
export function ensureStatisticsCalendar(db: Db): Promise<void> {
  if (ready.has(db)) return Promise.resolve();
  let p = inFlight.get(db);
  if (!p) {
    p = fill(db).then(
      () => {
        ready.add(db);
        inFlight.delete(db);
      },
      (err) => {
        inFlight.delete(db);
        throw err;
      },
    );
    inFlight.set(db, p);
  }
  return p;
}

async function fill(db: Db): Promise<void> {
  const have = await db
    .selectFrom('statistics_calendar')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('day').as('first'), eb.fn.max('day').as('last')])
    .executeTakeFirstOrThrow();
  const rows = calendarRows();
  if (Number(have.n) !== rows.length || have.first !== CALENDAR_FIRST || have.last !== CALENDAR_LAST) {
    await sql`
      INSERT INTO statistics_calendar (day, working, wd_through)
      SELECT * FROM unnest(${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.working)}::boolean[], ${rows.map((r) => r.wd_through)}::int[])
      ON CONFLICT (day) DO NOTHING`.execute(db);
  }
  await countMissingWorkingDays(db);
}

/** Cases whose working days could not be counted when they were written. */
export async function countMissingWorkingDays(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const months = await sql<{ organization_id: string; received_month: string }>`
      SELECT DISTINCT organization_id, received_month FROM case_stats
      WHERE (answered_on IS NOT NULL AND response_wd IS NULL) OR (closed_on IS NOT NULL AND handling_wd IS NULL)`.execute(tx);
    if (months.rows.length === 0) return 0;
    for (const m of months.rows) await sql`SELECT statistics_touch(${m.organization_id}::uuid, ${m.received_month}::date)`.execute(tx);
    const r = await sql`
      UPDATE case_stats SET
        response_wd = CASE WHEN answered_on IS NOT NULL THEN statistics_working_days(organization_id, received_on, answered_on) END,
        handling_wd = CASE WHEN closed_on IS NOT NULL THEN statistics_working_days(organization_id, received_on, closed_on) END
      WHERE (answered_on IS NOT NULL AND response_wd IS NULL) OR (closed_on IS NOT NULL AND handling_wd IS NULL)`.execute(tx);
    return Number(r.numAffectedRows ?? 0);
  });
}
