import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// DOMAIN rule 13 made exact: the date of receipt is day 0 even when it is a Saturday or a
// holiday, and a span counts the working days d with from < d <= to. The first version of
// statistics_working_days started counting on the next working day (one day fewer for a case
// received on a day off). Deadlines already stored on cases are kept: they are what the
// submitter was told. The working days in case_stats are recounted for the cases received on a
// day off, and the months they belong to are marked for a new rollup.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION statistics_working_days(org uuid, from_day date, to_day date) RETURNS integer
    LANGUAGE sql STABLE AS $$
      SELECT greatest(0,
        (t.wd_through - (SELECT count(*) FROM closure_days c JOIN statistics_calendar k ON k.day = c.day AND k.working
                          WHERE c.organization_id = org AND c.day <= to_day)::int)
        - (f.wd_through - (SELECT count(*) FROM closure_days c JOIN statistics_calendar k ON k.day = c.day AND k.working
                            WHERE c.organization_id = org AND c.day <= from_day)::int))
      FROM statistics_calendar f, statistics_calendar t
      WHERE f.day = from_day AND t.day = to_day
    $$;
  `.execute(db);
  await sql`
    WITH changed AS (
      UPDATE case_stats s SET
        response_wd = CASE WHEN s.answered_on IS NOT NULL THEN statistics_working_days(s.organization_id, s.received_on, s.answered_on) END,
        handling_wd = CASE WHEN s.closed_on IS NOT NULL THEN statistics_working_days(s.organization_id, s.received_on, s.closed_on) END
      WHERE (s.answered_on IS NOT NULL OR s.closed_on IS NOT NULL)
        AND (EXISTS (SELECT 1 FROM statistics_calendar k WHERE k.day = s.received_on AND NOT k.working)
             OR EXISTS (SELECT 1 FROM closure_days c WHERE c.organization_id = s.organization_id AND c.day = s.received_on))
      RETURNING s.organization_id, s.received_month
    )
    UPDATE statistics_months m SET valid = false
    FROM (SELECT DISTINCT organization_id, received_month FROM changed) d
    WHERE m.organization_id = d.organization_id AND m.month = d.received_month AND m.valid
  `.execute(db);
}
