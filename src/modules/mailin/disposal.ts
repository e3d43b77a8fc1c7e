import type { Tx } from '../../db/database.ts';

/**
 * Disposal (modules/retention/purge.ts) of what mail-in keeps about a case: every mail received
 * for it, raw message included. Files that came with a mail are attachments of the case and go
 * with the case's attachments.
 */
export async function purgeCaseContent(tx: Tx, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.deleteFrom('inbound_messages').where('case_id', 'in', caseIds).execute();
}
