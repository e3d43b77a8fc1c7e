import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Spam (2026-12-01T1100) is one more way a case closes: the case history trigger announces it as
// case.closed like every other way, so no command has to remember to (webhooks/events.ts holds
// the same table, and webhooks/trigger.test.ts holds the two together).
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
        WHEN 'spam' THEN 'case.closed'
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
}

