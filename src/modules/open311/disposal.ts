import type { Tx } from '../../db/database.ts';

/** A disposed case keeps no place and no picture link from Open311 (retention/purge.ts calls this). */
export async function purgeCaseContent(tx: Tx, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  // Only rows that have any: rewriting every disposed case row a second time doubled the cost of a batch.
  await tx
    .updateTable('cases')
    .set({ latitude: null, longitude: null, media_url: null })
    .where('id', 'in', caseIds)
    .where((eb) => eb.or([eb('latitude', 'is not', null), eb('longitude', 'is not', null), eb('media_url', 'is not', null)]))
    .execute();
}
