import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The job queue's own tables (schema graphile_worker) are installed by graphile-worker's
// migrations, run right after these by migrateToLatest.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Deadline policy per organization; a row with a kind overrides the organization's row
    -- (kind NULL) for that kind. No row at all: the defaults in code (2 and 10 working days).
    CREATE TABLE deadline_policies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      kind text CHECK (kind IN ('klagomal', 'fraga', 'berom', 'forslag')),
      acknowledge_working_days integer NOT NULL CHECK (acknowledge_working_days BETWEEN 1 AND 60),
      answer_days integer NOT NULL CHECK (answer_days BETWEEN 1 AND 365),
      answer_unit text NOT NULL CHECK (answer_unit IN ('working', 'calendar')),
      -- Reminders to the handler once the answer deadline has passed, this many working days
      -- apart, and an escalation to the förvaltning's coordinators K working days after the first.
      reminders integer NOT NULL DEFAULT 1 CHECK (reminders BETWEEN 0 AND 10),
      reminder_interval_working_days integer NOT NULL DEFAULT 5 CHECK (reminder_interval_working_days BETWEEN 1 AND 60),
      escalate_after_working_days integer CHECK (escalate_after_working_days BETWEEN 1 AND 60),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX deadline_policies_org_kind ON deadline_policies (organization_id, coalesce(kind, ''));

    -- The organization's own days off (klämdagar), on top of weekends and public holidays.
    CREATE TABLE closure_days (
      organization_id uuid NOT NULL REFERENCES organizations(id),
      day date NOT NULL,
      description text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, day)
    );

    -- Message templates edited by the organization; defaults live in code.
    CREATE TABLE message_templates (
      organization_id uuid NOT NULL REFERENCES organizations(id),
      key text NOT NULL CHECK (key IN ('acknowledgement', 'delay_notice', 'reminder', 'escalation', 'digest')),
      subject text NOT NULL,
      body text NOT NULL,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, key)
    );

    -- Deadline bookkeeping on the case. ack_due_on: an e-mail acknowledgement is still owed, due
    -- by that day. next_reminder_on: the day the next reminder or escalation falls due. Both are
    -- NULL when nothing is owed, so the daily passes read a small partial index, not all cases.
    ALTER TABLE cases ADD COLUMN paused_working_days integer NOT NULL DEFAULT 0;
    ALTER TABLE cases ADD COLUMN deadline_extended boolean NOT NULL DEFAULT false;
    ALTER TABLE cases ADD COLUMN ack_due_on date;
    ALTER TABLE cases ADD COLUMN next_reminder_on date;
    ALTER TABLE cases ADD COLUMN reminders_sent integer NOT NULL DEFAULT 0;
    ALTER TABLE cases ADD COLUMN escalated_at timestamptz;
    CREATE INDEX cases_next_reminder ON cases (next_reminder_on) WHERE next_reminder_on IS NOT NULL;
    CREATE INDEX cases_ack_due ON cases (ack_due_on) WHERE ack_due_on IS NOT NULL;

    -- Coordinators get a daily digest unless they opt out.
    ALTER TABLE users ADD COLUMN digest_opt_out boolean NOT NULL DEFAULT false;

    -- Messages: a digest belongs to no case; every message belongs to an organization (filled
    -- from the case when not given) so the outbox lists one organization's mail by index.
    ALTER TABLE messages ALTER COLUMN case_id DROP NOT NULL;
    ALTER TABLE messages ADD COLUMN organization_id uuid REFERENCES organizations(id);
    UPDATE messages m SET organization_id = c.organization_id FROM cases c WHERE c.id = m.case_id;
    ALTER TABLE messages ALTER COLUMN organization_id SET NOT NULL;
    ALTER TABLE messages ADD CONSTRAINT messages_case_or_digest CHECK (case_id IS NOT NULL OR purpose = 'digest');
    ALTER TABLE messages DROP CONSTRAINT messages_purpose_check;
    ALTER TABLE messages ADD CONSTRAINT messages_purpose_check
      CHECK (purpose IN ('acknowledgement', 'answer', 'delay_notice', 'referral', 'not_handled', 'reminder', 'escalation', 'digest', 'other'));
    -- Staff recipient (reminders, escalations, digests).
    ALTER TABLE messages ADD COLUMN recipient_user_id uuid REFERENCES users(id);
    -- Makes creating a notification idempotent: two passes racing create one message.
    ALTER TABLE messages ADD COLUMN dedupe_key text UNIQUE;
    -- Delivery: which transport took it, the headers it went out with, the server's reply, and
    -- the claim of the one attempt that may be in flight (see notifications/send.ts).
    ALTER TABLE messages ADD COLUMN transport text CHECK (transport IN ('smtp', 'outbox'));
    ALTER TABLE messages ADD COLUMN header_message_id text;
    ALTER TABLE messages ADD COLUMN reply_to text;
    ALTER TABLE messages ADD COLUMN smtp_response text;
    ALTER TABLE messages ADD COLUMN send_token uuid;
    ALTER TABLE messages ADD COLUMN sending_started_at timestamptz;
    CREATE INDEX messages_org_created ON messages (organization_id, created_at DESC);

    CREATE FUNCTION messages_fill_organization() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.organization_id IS NULL THEN
        SELECT organization_id INTO NEW.organization_id FROM cases WHERE id = NEW.case_id;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER messages_organization BEFORE INSERT ON messages
      FOR EACH ROW EXECUTE FUNCTION messages_fill_organization();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER messages_organization ON messages;
    DROP FUNCTION messages_fill_organization;
    DROP INDEX messages_org_created;
    ALTER TABLE messages DROP COLUMN recipient_user_id, DROP COLUMN dedupe_key, DROP COLUMN transport,
      DROP COLUMN header_message_id, DROP COLUMN reply_to, DROP COLUMN smtp_response, DROP COLUMN send_token,
      DROP COLUMN sending_started_at, DROP CONSTRAINT messages_case_or_digest, DROP COLUMN organization_id;
    DELETE FROM messages WHERE case_id IS NULL OR purpose = 'escalation';
    ALTER TABLE messages ALTER COLUMN case_id SET NOT NULL;
    ALTER TABLE messages DROP CONSTRAINT messages_purpose_check;
    ALTER TABLE messages ADD CONSTRAINT messages_purpose_check
      CHECK (purpose IN ('acknowledgement', 'answer', 'delay_notice', 'referral', 'not_handled', 'reminder', 'digest', 'other'));
    ALTER TABLE users DROP COLUMN digest_opt_out;
    ALTER TABLE cases DROP COLUMN paused_working_days, DROP COLUMN deadline_extended, DROP COLUMN ack_due_on,
      DROP COLUMN next_reminder_on, DROP COLUMN reminders_sent, DROP COLUMN escalated_at;
    DROP TABLE message_templates, closure_days, deadline_policies;
  `.execute(db);
}
