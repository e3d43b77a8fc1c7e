import type { Tx } from '../../db/database.ts';
import { removeFromLexicon } from './lexicon.ts';

/**
 * Disposal (gallring, DOMAIN rule 22) of what this module keeps of a case: the public version,
 * every saved version and the words they put into the search lexicon. Runs in the caller's
 * transaction; afterwards the archive answers 404 for the case number. The publication row
 * stays without any text (classification and dates only), so past statistics of published
 * answers do not change.
 */
export async function purgeCaseContent(tx: Tx, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const published = await tx
    .selectFrom('publications')
    .select(['organization_id', 'title', 'question', 'answer'])
    .where('case_id', 'in', caseIds)
    .where('public_version_id', 'is not', null)
    .orderBy('case_id')
    .forUpdate()
    .execute();
  for (const p of published) {
    if (p.title !== null && p.question !== null && p.answer !== null) await removeFromLexicon(tx, p.organization_id, { title: p.title, question: p.question, answer: p.answer });
  }
  await tx
    .updateTable('publications')
    .set({ public_version_id: null, draft_version_id: null, title: null, question: null, answer: null, withdrawn_at: null, withdrawn_reason: null })
    .where('case_id', 'in', caseIds)
    .execute();
  await tx.deleteFrom('publication_versions').where('case_id', 'in', caseIds).execute();
}
