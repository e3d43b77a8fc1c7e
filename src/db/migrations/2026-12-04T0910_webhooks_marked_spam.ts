import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// A case marked as spam was announced as case.closed with status not_handled, the same as a case
// rejected for its content, so a receiver could not tell the two apart. Spam is now announced as
// case.marked_spam (webhooks/events.ts holds the same table; webhooks/trigger.test.ts holds the
// two together). The payload stays as thin as every other event's: number, status, time, link.
//
// A subscription to case.closed asked for spam too (its description said so), so it is given
// case.marked_spam beside it and keeps hearing of every case that leaves the process; an admin
// can take it off. Events already recorded stay as they were announced.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION case_events_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      kind text := CASE NEW.type
        WHEN 'received' THEN 'case.created'
        WHEN 'register' THEN 'case.registered'
        WHEN 'assign' THEN 'case.assigned'
        WHEN 'answer' THEN 'case.answered'
        WHEN 'close' THEN 'case.closed'
        WHEN 'quick_close' THEN 'case.closed'
        WHEN 'refer' THEN 'case.closed'
        WHEN 'reject' THEN 'case.closed'
        WHEN 'spam' THEN 'case.marked_spam'
        WHEN 'merge' THEN 'case.closed'
        WHEN 'withdraw' THEN 'case.closed'
        WHEN 'reopen' THEN 'case.reopened'
        WHEN 'exported' THEN 'case.exported'
        WHEN 'publication_published' THEN 'case.published'
        WHEN 'publication_withdrawn' THEN 'case.unpublished'
      END;
      c record;
    BEGIN
      IF kind IS NULL THEN
        RETURN NULL;
      END IF;
      SELECT id, organization_id, number, status INTO c FROM cases WHERE id = NEW.case_id;
      PERFORM webhook_emit(c.organization_id, kind, c.id, c.number, coalesce(NEW.to_status, c.status), NEW.occurred_at, NULL);
      RETURN NULL;
    END $$
  `.execute(db);
  // Right after case.closed: the types are kept in the order of webhooks/events.ts.
  await sql`
    UPDATE webhook_subscriptions
    SET event_types = event_types[:array_position(event_types, 'case.closed')] || ARRAY['case.marked_spam'] || event_types[array_position(event_types, 'case.closed') + 1:]
    WHERE 'case.closed' = ANY(event_types) AND NOT 'case.marked_spam' = ANY(event_types)
  `.execute(db);
}

