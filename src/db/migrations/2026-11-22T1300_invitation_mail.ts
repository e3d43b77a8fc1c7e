import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Invitations to new staff go out as mail like everything else (outbox or SMTP), without a case.
    ALTER TABLE messages DROP CONSTRAINT messages_purpose_check;
    ALTER TABLE messages ADD CONSTRAINT messages_purpose_check
      CHECK (purpose IN ('acknowledgement', 'answer', 'delay_notice', 'referral', 'not_handled', 'reminder', 'escalation', 'digest', 'invitation', 'other'));
    ALTER TABLE messages DROP CONSTRAINT messages_case_or_digest;
    ALTER TABLE messages ADD CONSTRAINT messages_case_or_digest CHECK (case_id IS NOT NULL OR purpose IN ('digest', 'invitation'));
    ALTER TABLE user_invitations ADD COLUMN message_id uuid REFERENCES messages(id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE user_invitations DROP COLUMN message_id;
    DELETE FROM messages WHERE purpose = 'invitation';
    ALTER TABLE messages DROP CONSTRAINT messages_case_or_digest;
    ALTER TABLE messages ADD CONSTRAINT messages_case_or_digest CHECK (case_id IS NOT NULL OR purpose = 'digest');
    ALTER TABLE messages DROP CONSTRAINT messages_purpose_check;
    ALTER TABLE messages ADD CONSTRAINT messages_purpose_check
      CHECK (purpose IN ('acknowledgement', 'answer', 'delay_notice', 'referral', 'not_handled', 'reminder', 'escalation', 'digest', 'other'));
  `.execute(db);
}
