import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db, Executor } from '../../db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { logAdminChange } from '../admin/log.ts';
import type { Actor } from '../cases/policy.ts';
import { logActor } from '../retention/policy.ts';

/** An organization's records settings (pseudonymisation, the receiving archive), with defaults. */
export async function loadSettings(db: Executor, organizationId: string) {
  const s = await db.selectFrom('retention_settings').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
  return { pseudonymise_on_request: s?.pseudonymise_on_request ?? false, pseudonymise_after_months: s?.pseudonymise_after_months ?? null, archive_name: s?.archive_name ?? null };
}

export async function saveSettings(db: Db, actor: Actor, organizationId: string, input: { pseudonymiseOnRequest: boolean; months: string; archiveName: string }, now: Date) {
  const errors: Record<string, string> = {};
  const months = input.months === '' ? null : /^\d{1,3}$/.test(input.months) ? Number(input.months) : Number.NaN;
  if (months !== null && (!Number.isInteger(months) || months < 1 || months > 600)) errors.months = sv('gdpr.settings.monthsError');
  if (input.archiveName.length > 200) errors.archiveName = sv('gdpr.settings.archiveNameTooLong');
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('gdpr.settings.notSaved'), errors);
  await db.transaction().execute(async (tx) => {
    const before = await loadSettings(tx, organizationId);
    const values = { pseudonymise_on_request: input.pseudonymiseOnRequest, pseudonymise_after_months: months, archive_name: input.archiveName || null, updated_by: actor.kind === 'user' ? actor.id : null, updated_at: now };
    await tx.insertInto('retention_settings').values({ organization_id: organizationId, ...values }).onConflict((oc) => oc.column('organization_id').doUpdateSet(values)).execute();
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'update', entityType: 'retention_settings', summary: 'Inställningarna för arkiv och gallring ändrades', before, after: { pseudonymise_on_request: values.pseudonymise_on_request, pseudonymise_after_months: months, archive_name: values.archive_name }, now });
  });
}
