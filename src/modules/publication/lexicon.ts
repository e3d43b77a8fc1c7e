import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';

/**
 * The words of an organization's published answers, each with the number of answers that use
 * it. Search uses it to correct typos (trigram similarity against words that exist), and "asked
 * before?" to pick the words of a citizen's text that say the most (those few answers use).
 */

const MIN_WORD = 3;
const MAX_WORD = 40;

/** The distinct words of a text as the lexicon keeps them: lower case, letters only, sorted. */
export function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const m of text.normalize('NFC').toLowerCase().matchAll(/\p{L}+/gu)) {
    const w = m[0];
    if (w.length >= MIN_WORD && w.length <= MAX_WORD) words.add(w);
  }
  return [...words].sort();
}

const publicText = (t: { title: string; question: string; answer: string }) => `${t.title}\n${t.question}\n${t.answer}`;

// One publish at a time per organization touches the counts, so two never wait on each other's rows in opposite order.
const lockLexicon = (tx: Tx, organizationId: string) => sql`SELECT pg_advisory_xact_lock(hashtext(${`publication_words:${organizationId}`}))`.execute(tx);

/** Counts a newly public text's words, in the caller's transaction. */
export async function addToLexicon(tx: Tx, organizationId: string, text: { title: string; question: string; answer: string }): Promise<void> {
  const words = wordsOf(publicText(text));
  if (words.length === 0) return;
  await lockLexicon(tx, organizationId);
  await sql`
    INSERT INTO publication_words (organization_id, word, documents)
    SELECT ${organizationId}::uuid, w, 1 FROM unnest(${words}::text[]) AS w
    ON CONFLICT (organization_id, word) DO UPDATE SET documents = publication_words.documents + 1
  `.execute(tx);
}

/** Uncounts a text that is no longer public (withdrawn, replaced by a new version, disposed of). */
export async function removeFromLexicon(tx: Tx, organizationId: string, text: { title: string; question: string; answer: string }): Promise<void> {
  const words = wordsOf(publicText(text));
  if (words.length === 0) return;
  await lockLexicon(tx, organizationId);
  await tx.deleteFrom('publication_words').where('organization_id', '=', organizationId).where('word', '=', sql<string>`ANY(${words}::text[])`).where('documents', '<=', 1).execute();
  await tx
    .updateTable('publication_words')
    .set({ documents: sql`documents - 1` })
    .where('organization_id', '=', organizationId)
    .where('word', '=', sql<string>`ANY(${words}::text[])`)
    .execute();
}

/** For each term not in the lexicon, up to three words that are spelled almost like it. */
export async function similarWords(db: Executor, organizationId: string, terms: readonly string[]): Promise<Map<string, string[]>> {
  const candidates = terms.filter((t) => t.length >= 4 && /^\p{L}+$/u.test(t));
  if (candidates.length === 0) return new Map();
  const rows = await sql<{ term: string; similar: string[] }>`
    SELECT t.term,
      ARRAY(
        SELECT w.word FROM publication_words w
        WHERE w.organization_id = ${organizationId} AND w.word % t.term
        ORDER BY similarity(w.word, t.term) DESC, w.documents DESC, w.word
        LIMIT 3
      ) AS similar
    FROM unnest(${candidates}::text[]) AS t(term)
    WHERE NOT EXISTS (SELECT 1 FROM publication_words k WHERE k.organization_id = ${organizationId} AND k.word = t.term)
  `.execute(db);
  return new Map(rows.rows.filter((r) => r.similar.length > 0).map((r) => [r.term, r.similar]));
}

/** How many published answers use each of these words (words no answer uses are left out). */
export async function documentCounts(db: Executor, organizationId: string, words: readonly string[]): Promise<Map<string, number>> {
  if (words.length === 0) return new Map();
  const rows = await db
    .selectFrom('publication_words')
    .select(['word', 'documents'])
    .where('organization_id', '=', organizationId)
    .where('word', '=', sql<string>`ANY(${[...words]}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.word, r.documents]));
}
