import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Until 2026-12-02 the publish page offered an e-mailed answer with its footer, which holds the
// submitter's private status link (/arende/<43-character token>): whoever has it reads the whole
// case. A public version published without removing it puts that link in the public archive.
// Versions are immutable, so such publications are withdrawn (the text leaves the archive, its
// search and the lexicon in this commit) with the reason in the case's history; the handler can
// publish a corrected version. Publishing a text with such a link is refused from now on.

const LINK = '/arende/[A-Za-z0-9_-]{43}([^A-Za-z0-9_-]|$)';
const REASON = 'Avpublicerad automatiskt: texten innehöll en länk till synpunktslämnarens egen ärendesida. Publicera en ny version utan länken.';

// The lexicon's word rule as it was when this migration was written (publication/lexicon.ts).
function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const m of text.normalize('NFC').toLowerCase().matchAll(/\p{L}+/gu)) {
    if (m[0].length >= 3 && m[0].length <= 40) words.add(m[0]);
  }
  return [...words].sort();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const leaked = await sql<{ case_id: string; organization_id: string; title: string; question: string; answer: string }>`
    SELECT case_id, organization_id, title, question, answer FROM publications
    WHERE public_version_id IS NOT NULL AND (title ~ ${LINK} OR question ~ ${LINK} OR answer ~ ${LINK})
    FOR UPDATE
  `.execute(db);
  for (const p of leaked.rows) {
    const words = wordsOf(`${p.title}\n${p.question}\n${p.answer}`);
    await sql`DELETE FROM publication_words WHERE organization_id = ${p.organization_id} AND word = ANY(${words}::text[]) AND documents <= 1`.execute(db);
    await sql`UPDATE publication_words SET documents = documents - 1 WHERE organization_id = ${p.organization_id} AND word = ANY(${words}::text[])`.execute(db);
    await sql`
      UPDATE publications SET public_version_id = NULL, title = NULL, question = NULL, answer = NULL,
        withdrawn_at = now(), withdrawn_reason = ${REASON}, revision = revision + 1, updated_at = now()
      WHERE case_id = ${p.case_id}
    `.execute(db);
    await sql`
      INSERT INTO case_events (case_id, type, actor_label, visible_to_submitter, data)
      VALUES (${p.case_id}, 'publication_withdrawn', 'Lyhörd', false, ${JSON.stringify({ reason: REASON })}::jsonb)
    `.execute(db);
  }
}

// Withdrawn texts are not put back: they held the link.
export async function down(): Promise<void> {}
