import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// A handler who waits for the submitter asks them something: the question is a message to the
// submitter like an answer (sent by e-mail, or recorded for a letter or a call) and is shown on
// their status page, where they can reply.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE messages DROP CONSTRAINT messages_purpose_check;
    ALTER TABLE messages ADD CONSTRAINT messages_purpose_check
      CHECK (purpose IN ('acknowledgement', 'answer', 'question', 'delay_notice', 'referral', 'not_handled', 'reminder', 'escalation', 'digest', 'invitation', 'other'));
  `.execute(db);
}
