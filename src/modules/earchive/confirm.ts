import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db, Executor } from '../../db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { logAdminChange } from '../admin/log.ts';
import type { Actor } from '../cases/policy.ts';
import { logActor } from '../retention/policy.ts';

/**
 * The archive has received a package: its cases become disposable in Lyhörd (retention/due.ts),
 * never before. The receipt's reference (the archive's diarienummer or kvittens) is kept.
 */
export const MAX_RECEIPT = 200;

export async function confirmReceipt(db: Db, actor: Actor, organizationId: string, packageId: string, receiptRaw: string, now: Date): Promise<void> {
  const receipt = receiptRaw.trim();
  if (!receipt) throw new DomainError('invalid', sv('earchive.confirm.receiptMissing'), { receipt: sv('earchive.confirm.receiptMissingField') });
  if (receipt.length > MAX_RECEIPT) throw new DomainError('invalid', sv('earchive.confirm.receiptTooLong'), { receipt: sv('earchive.confirm.receiptTooLongField', { max: String(MAX_RECEIPT) }) });
  await db.transaction().execute(async (tx) => {
    const p = await tx
      .updateTable('archive_packages')
      .set({ confirmed_at: now, confirmed_by: actor.kind === 'user' ? actor.id : null, confirmed_by_label: actor.name, receipt_ref: receipt })
      .where('id', '=', packageId)
      .where('organization_id', '=', organizationId)
      .where('confirmed_at', 'is', null)
      .returning(['case_count', 'closed_year'])
      .executeTakeFirst();
    if (!p) throw new DomainError('conflict', sv('earchive.confirm.notFound'));
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'confirm', entityType: 'archive_package', entityId: packageId, summary: sv('earchive.confirm.logged', { count: String(p.case_count), year: String(p.closed_year), receipt }), now });
  });
}

export async function listPackages(db: Executor, organizationId: string) {
  return db
    .selectFrom('archive_packages')
    .select(['id', 'closed_year', 'case_count', 'created_at', 'created_by_label', 'confirmed_at', 'confirmed_by_label', 'receipt_ref', 'mets_sha256'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .execute();
}
