import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Statistics keep apart what was not handled: offensive content ("Inte handlagd", DOMAIN rule 9)
// and spam are counted, each in a group of its own, and never as synpunkter received. The
// trigger function gets the two groups (precedence: merged, referral, spam, not handled,
// internal, main); the cases stored before are regrouped and their months marked for a new rollup.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION case_stats_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      r date;
      ans date;
      clo date;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM statistics_touch(OLD.organization_id, date_trunc('month', (OLD.received_at AT TIME ZONE 'Europe/Stockholm')::date)::date);
        RETURN OLD;
      END IF;
      r := (NEW.received_at AT TIME ZONE 'Europe/Stockholm')::date;
      ans := (NEW.first_answered_at AT TIME ZONE 'Europe/Stockholm')::date;
      clo := (NEW.closed_at AT TIME ZONE 'Europe/Stockholm')::date;
      PERFORM statistics_touch(NEW.organization_id, date_trunc('month', r)::date);
      INSERT INTO case_stats AS s (case_id, organization_id, unit_id, handler_id, confidential, anonymous, kind, channel,
        area_id, subcategory_id, status, is_open, grp, referral_type, received_on, received_month, acknowledged_on,
        answered_on, closed_on, acknowledge_by, answer_by, response_wd, handling_wd)
      VALUES (NEW.id, NEW.organization_id, NEW.unit_id, NEW.handler_id, NEW.confidential, NEW.anonymous, NEW.kind, NEW.channel,
        NEW.area_id, NEW.subcategory_id, NEW.status,
        NEW.status IN ('received', 'registered', 'assigned', 'in_progress', 'waiting', 'answered'),
        CASE WHEN NEW.merged_into_id IS NOT NULL OR NEW.status = 'merged' THEN 'merged'
             WHEN NEW.referral_type IS NOT NULL THEN 'referral'
             WHEN NEW.status = 'not_handled' AND NEW.outcome = 'spam' THEN 'spam'
             WHEN NEW.status = 'not_handled' THEN 'not_handled'
             WHEN NEW.is_internal THEN 'internal'
             ELSE 'main' END,
        NEW.referral_type, r, date_trunc('month', r)::date,
        (NEW.acknowledged_at AT TIME ZONE 'Europe/Stockholm')::date, ans,
        CASE WHEN NEW.status = 'closed' THEN clo END,
        NEW.acknowledge_by, NEW.answer_by,
        CASE WHEN ans IS NOT NULL THEN statistics_working_days(NEW.organization_id, r, ans) END,
        CASE WHEN NEW.status = 'closed' AND clo IS NOT NULL THEN statistics_working_days(NEW.organization_id, r, clo) END)
      ON CONFLICT (case_id) DO UPDATE SET
        unit_id = EXCLUDED.unit_id, handler_id = EXCLUDED.handler_id, confidential = EXCLUDED.confidential,
        anonymous = EXCLUDED.anonymous, kind = EXCLUDED.kind, channel = EXCLUDED.channel, area_id = EXCLUDED.area_id,
        subcategory_id = EXCLUDED.subcategory_id, status = EXCLUDED.status, is_open = EXCLUDED.is_open, grp = EXCLUDED.grp,
        referral_type = EXCLUDED.referral_type, acknowledged_on = EXCLUDED.acknowledged_on, answered_on = EXCLUDED.answered_on,
        closed_on = EXCLUDED.closed_on, acknowledge_by = EXCLUDED.acknowledge_by, answer_by = EXCLUDED.answer_by,
        response_wd = EXCLUDED.response_wd, handling_wd = EXCLUDED.handling_wd;
      RETURN NEW;
    END $$;
  `.execute(db);
  // The outcome now decides the group (spam), so a change of outcome alone must reach the statistics too.
  await sql`
    DROP TRIGGER cases_stats_update ON cases;
    CREATE TRIGGER cases_stats_update AFTER UPDATE ON cases
      FOR EACH ROW WHEN ((OLD.status, OLD.outcome, OLD.kind, OLD.channel, OLD.unit_id, OLD.handler_id, OLD.area_id, OLD.subcategory_id,
                          OLD.confidential, OLD.anonymous, OLD.is_internal, OLD.referral_type, OLD.merged_into_id,
                          OLD.acknowledged_at, OLD.first_answered_at, OLD.closed_at, OLD.acknowledge_by, OLD.answer_by)
                IS DISTINCT FROM (NEW.status, NEW.outcome, NEW.kind, NEW.channel, NEW.unit_id, NEW.handler_id, NEW.area_id, NEW.subcategory_id,
                          NEW.confidential, NEW.anonymous, NEW.is_internal, NEW.referral_type, NEW.merged_into_id,
                          NEW.acknowledged_at, NEW.first_answered_at, NEW.closed_at, NEW.acknowledge_by, NEW.answer_by))
      EXECUTE FUNCTION case_stats_sync();
  `.execute(db);
  await sql`
    WITH changed AS (
      UPDATE case_stats s SET grp = CASE WHEN c.outcome = 'spam' THEN 'spam' ELSE 'not_handled' END
      FROM cases c
      WHERE c.id = s.case_id AND c.status = 'not_handled' AND s.grp IN ('main', 'internal')
      RETURNING s.organization_id, s.received_month
    )
    UPDATE statistics_months m SET valid = false
    FROM (SELECT DISTINCT organization_id, received_month FROM changed) d
    WHERE m.organization_id = d.organization_id AND m.month = d.received_month AND m.valid
  `.execute(db);
}
