import type { Tx } from '../../../db/database.ts';
import type { OrganizationSettings } from '../../../db/schema.ts';
import { CASE_PREFIX } from '../../cases/numbering.ts';
import { DomainError } from '../../../platform/errors.ts';
import { logAdminChange } from '../log.ts';
import { canManageOrganizationSettings } from '../policy.ts';
import { clean, denied, EMAIL, invalid, scopeOf, who, type AdminCtx, type AdminDeps } from './context.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

const URL_FIELDS = ['faultReport', 'appeal', 'deviation', 'schoolHarassmentUrl'] as const;

export interface SettingsInput {
  startPageIntro: string;
  startPageExtra: string;
  faultReport: string;
  appeal: string;
  deviation: string;
  schoolHarassmentUrl: string;
  otherAuthorityText: string;
  contactEmail: string;
  contactPhone: string;
  postalAddress: string;
  visitingAddress: string;
  publishedContacts: string;
  senderName: string;
  letterPostalAddress: string;
  letterPhone: string;
  letterEmail: string;
  website: string;
  signature: string;
  /** organizations.case_prefix; empty keeps the current one. */
  casePrefix: string;
}

export async function updateSettings(deps: AdminDeps, c: AdminCtx, input: SettingsInput) {
  if (!canManageOrganizationSettings(scopeOf(c))) throw denied();
  const v = Object.fromEntries(Object.entries(input).map(([k, x]) => [k, clean(x)])) as unknown as SettingsInput;
  const errors: Record<string, string> = {};
  for (const f of URL_FIELDS) if (v[f] && !/^https?:\/\/\S+$/.test(v[f])) errors[f] = sv('admin.settings.urlInvalid');
  if (v.website && !/^https?:\/\/\S+$/.test(v.website)) errors.website = sv('admin.settings.urlInvalid');
  if (v.contactEmail && !EMAIL.test(v.contactEmail)) errors.contactEmail = sv('admin.settings.emailFormat');
  if (v.letterEmail && !EMAIL.test(v.letterEmail)) errors.letterEmail = sv('admin.settings.emailFormat');
  if ([...v.startPageIntro].length > 1000) errors.startPageIntro = sv('admin.settings.introTooLong');
  if ([...v.visitingAddress].length > 300) errors.visitingAddress = sv('admin.settings.visitingAddressTooLong');
  if ([...v.publishedContacts].length > 2000) errors.publishedContacts = sv('admin.settings.publishedContactsTooLong');
  if ([...v.startPageExtra].length > 4000) errors.startPageExtra = sv('admin.settings.extraTooLong');
  const casePrefix = v.casePrefix.toUpperCase();
  if (casePrefix && !CASE_PREFIX.test(casePrefix)) errors.casePrefix = sv('admin.settings.casePrefixInvalid');
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('admin.errors.correct'), errors);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('organizations').select(['settings', 'case_prefix']).where('id', '=', c.org.id).forUpdate().executeTakeFirstOrThrow();
    if (casePrefix && casePrefix !== row.case_prefix) await changeCasePrefix(tx, c, row.case_prefix, casePrefix, now);
    const before = row.settings ?? {};
    const opt = (s: string) => s || undefined;
    const after: OrganizationSettings = {
      ...before,
      startPageIntro: opt(v.startPageIntro),
      startPageExtra: opt(v.startPageExtra),
      referralLinks: { ...before.referralLinks, faultReport: opt(v.faultReport), appeal: opt(v.appeal), deviation: opt(v.deviation) },
      schoolHarassmentUrl: opt(v.schoolHarassmentUrl),
      otherAuthorityText: opt(v.otherAuthorityText),
      contactEmail: opt(v.contactEmail),
      contactPhone: opt(v.contactPhone),
      postalAddress: opt(v.postalAddress),
      visitingAddress: opt(v.visitingAddress),
      publishedContacts: opt(v.publishedContacts),
      letterhead: { senderName: opt(v.senderName), postalAddress: opt(v.letterPostalAddress), phone: opt(v.letterPhone), email: opt(v.letterEmail), website: opt(v.website), signature: opt(v.signature) },
    };
    const normalized = JSON.parse(JSON.stringify(after)) as OrganizationSettings;
    await tx.updateTable('organizations').set({ settings: JSON.stringify(normalized), updated_at: now }).where('id', '=', c.org.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, actor: who(c), action: 'update', entityType: 'settings', entityId: c.org.id, summary: sv('admin.summary.settings.changed'), before, after: normalized, now });
  });
}

/**
 * The letters before the organization's case numbers. Unique in the installation (rules 11, 21),
 * so a number names one case wherever it is quoted; fixed once a case has one, so a prefix that
 * numbers cases here can never be taken by another organization.
 */
async function changeCasePrefix(tx: Tx, c: AdminCtx, before: string, after: string, now: Date) {
  const numbered = await tx.selectFrom('cases').select('id').where('organization_id', '=', c.org.id).limit(1).executeTakeFirst();
  if (numbered) throw invalid('casePrefix', sv('admin.settings.casePrefixFixed', { prefix: before }));
  const other = await tx.selectFrom('organizations').select('id').where('case_prefix', '=', after).where('id', '<>', c.org.id).executeTakeFirst();
  if (other) throw invalid('casePrefix', sv('admin.settings.casePrefixTaken', { prefix: after }));
  await tx.updateTable('organizations').set({ case_prefix: after, updated_at: now }).where('id', '=', c.org.id).execute();
  await logAdminChange(tx, { organizationId: c.org.id, actor: who(c), action: 'update', entityType: 'settings', entityId: c.org.id, summary: sv('admin.summary.settings.casePrefixChanged', { before, after }), before: { casePrefix: before }, after: { casePrefix: after }, now });
}
