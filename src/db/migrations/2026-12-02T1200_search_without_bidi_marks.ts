import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Right-to-left text carries invisible direction marks (U+200E/U+200F, U+061C, the embeddings
// U+202A–U+202E and isolates U+2066–U+2069) that the text parser keeps inside the word next to
// them: "‏الإنارة‎" was indexed as "الإنارة" plus a mark, so a search for the word found nothing.
// The case keeps its text exactly; only the search vector leaves the marks out.
const MARKS = '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases DROP COLUMN search`.execute(db);
  await sql`
    ALTER TABLE cases ADD COLUMN search tsvector
      GENERATED ALWAYS AS (to_tsvector('swedish', number || ' ' || translate(description, ${sql.lit(MARKS)}, ''))) STORED
  `.execute(db);
  await sql`CREATE INDEX cases_search ON cases USING gin (search)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases DROP COLUMN search`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('swedish', number || ' ' || description)) STORED`.execute(db);
  await sql`CREATE INDEX cases_search ON cases USING gin (search)`.execute(db);
}
