import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// An e-mail to the submitter ends with a footer the system puts under the handler's text (case
// number, the private status link, "reply to this message"). The body keeps it, since it is what
// was sent; `footer` now records exactly which text that was, so the status page (and anything
// else that wants only what the handler wrote) removes that and nothing else, never whatever
// follows a "-- " the handler typed.
//
// Messages sent before: the footer is the text after the last signature delimiter, but only where
// that text holds a status link (/arende/<43-character token>), which only the system's footer has.

const DELIMITER = '\n\n-- \n';
const LINK = '/arende/[A-Za-z0-9_-]{43}';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages ADD COLUMN footer text`.execute(db);
  await sql`
    UPDATE messages SET footer = tail
    FROM (
      SELECT id, right(body, strpos(reverse(body), reverse(${DELIMITER}::text)) + length(${DELIMITER}::text) - 1) AS tail
      FROM messages
      WHERE channel = 'email' AND purpose IN ('answer', 'question', 'referral', 'not_handled') AND strpos(body, ${DELIMITER}::text) > 0
    ) t
    WHERE messages.id = t.id AND t.tail ~ ${LINK}
  `.execute(db);
  // The footer is the end of the body, or there is none.
  await sql`ALTER TABLE messages ADD CONSTRAINT messages_footer_ends_body CHECK (footer IS NULL OR right(body, length(footer)) = footer)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages DROP COLUMN footer`.execute(db);
}
