import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// A case handed to the diarium or the e-archive carries every mail sent about it as an .eml, and
// an archived copy must be the mail that was sent. The row kept the Message-ID and Reply-To
// (2026-11-22T0900) but not the sender, the Date or the threading headers, so the copy was
// rebuilt with a made-up sender. The send now records these as it hands the mail over (the To is
// `recipient` and the Subject `subject`, which the send uses as they are; a second copy of the
// recipient would outlive its pseudonymisation).
//
// Rows sent before keep these NULL: nobody knows now which sender they carried, and guessing
// would put words in the archive that were never sent. Archiving marks their copy as rebuilt.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE messages
      ADD COLUMN header_from_name text,
      ADD COLUMN header_from_address text,
      ADD COLUMN header_date timestamptz,
      ADD COLUMN header_in_reply_to text,
      ADD COLUMN header_references text
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE messages
      DROP COLUMN header_from_name, DROP COLUMN header_from_address, DROP COLUMN header_date,
      DROP COLUMN header_in_reply_to, DROP COLUMN header_references
  `.execute(db);
}
