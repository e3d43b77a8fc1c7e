import type { Tx } from '../../db/database.ts';

/** A disposed case keeps no place and no picture link from Open311 (retention/purge.ts calls this). */
export async function purgeCaseContent(tx: Tx, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.updateTable('cases').set({ latitude: null, longitude: null, media_url: null }).where('id', 'in', caseIds).execute();
}
