import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import type { Status } from './lifecycle.ts';
import type { PolicyCase } from './policy.ts';

/** A case with what policies and guards need, locked for the rest of the transaction. */
export async function lockCaseForChange(tx: Tx, organizationId: string, number: string) {
  const row = await tx
    .selectFrom('cases as c')
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .leftJoin('org_units as f', (j) => j.on(sql<boolean>`f.id = u.ancestor_ids[1]`))
    .leftJoin('case_contacts as cc', 'cc.case_id', 'c.id')
    .selectAll('c')
    .select([
      'u.ancestor_ids as unit_path',
      'f.subcategory_required',
      'cc.reply_channel',
      'cc.email as contact_email',
      'cc.name as contact_name',
      'cc.phone as contact_phone',
      'cc.address as contact_address',
    ])
    .where('c.organization_id', '=', organizationId)
    .where('c.number', '=', number)
    // A disposed case cannot change again; its page says so (detailQueries.ts).
    .where('c.disposed_at', 'is', null)
    .forUpdate('c')
    .executeTakeFirst();
  return row;
}
export type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCaseForChange>>>;

export function policyCase(row: { organization_id: string; status: string; unit_path: string[] | null; handler_id: string | null; confidential: boolean }): PolicyCase {
  return {
    organizationId: row.organization_id,
    status: row.status as Status,
    unitPath: row.unit_path ?? [],
    handlerId: row.handler_id,
    confidential: row.confidential,
  };
}

export async function unitPath(db: Executor, organizationId: string, unitId: string) {
  const row = await db
    .selectFrom('org_units')
    .select(['ancestor_ids', 'active'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row;
}

export async function subcategoryRequiredFor(db: Executor, unitPathIds: readonly string[]): Promise<boolean> {
  const top = unitPathIds[0];
  if (!top) return false;
  const row = await db.selectFrom('org_units').select('subcategory_required').where('id', '=', top).executeTakeFirst();
  return row?.subcategory_required ?? false;
}

/** One stored file of a case, with its content (for download). */
export async function findAttachment(db: Executor, caseId: string, attachmentId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'content_type', 'size_bytes', 'content'])
    .where('case_id', '=', caseId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}
