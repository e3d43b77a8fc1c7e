import type { Tx } from '../../../db/database.ts';
import type { CaseKind } from '../../../db/schema.ts';
import { DomainError } from '../../../platform/errors.ts';
import { logAdminChange } from '../log.ts';
import { canManageTemplate } from '../policy.ts';
import { isUuid } from '../queries.ts';
import { clean, missing, scopeOf, who, type AdminCtx, type AdminDeps } from './context.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

export const TEMPLATE_PURPOSES = {
  answer: sv('admin.templatePurpose.answer'),
  acknowledgement: sv('admin.templatePurpose.acknowledgement'),
  delay_notice: sv('admin.templatePurpose.delay_notice'),
  referral: sv('admin.templatePurpose.referral'),
  not_handled: sv('admin.templatePurpose.not_handled'),
} as const;
export type TemplatePurpose = keyof typeof TEMPLATE_PURPOSES;
const KIND_VALUES: readonly CaseKind[] = ['klagomal', 'fraga', 'berom', 'forslag'];

/** The placeholders a template may use; the answer form fills them in (answers/templates.ts: PlaceholderValues). */
export const TEMPLATE_PLACEHOLDERS = {
  '{arendenummer}': sv('admin.placeholder.arendenummer'),
  '{namn}': sv('admin.placeholder.namn'),
  '{handlaggare}': sv('admin.placeholder.handlaggare'),
  '{mottagen}': sv('admin.placeholder.mottagen'),
  '{forvaltning}': sv('admin.placeholder.forvaltning'),
} as const;

export interface TemplateInput {
  title: string;
  body: string;
  kind: string;
  purpose: string;
  /** '' = the whole organization. */
  forvaltningId: string;
}

async function checkTemplate(tx: Tx, c: AdminCtx, input: TemplateInput) {
  const title = clean(input.title);
  const body = input.body.replace(/\r\n/g, '\n').trim();
  const errors: Record<string, string> = {};
  if (!title) errors.title = sv('admin.templates.titleMissing');
  else if ([...title].length > 120) errors.title = sv('admin.templates.titleTooLong');
  if (!body) errors.body = sv('admin.templates.bodyMissing');
  else if ([...body].length > 10_000) errors.body = sv('admin.templates.bodyTooLong');
  else {
    const unknown = [...body.matchAll(/\{[a-zåäö]{1,30}\}/g)].map((m) => m[0]).filter((p) => !(p in TEMPLATE_PLACEHOLDERS));
    if (unknown.length) errors.body = sv('admin.templates.unknownPlaceholder', { unknown: [...new Set(unknown)].join(', '), placeholders: Object.keys(TEMPLATE_PLACEHOLDERS).join(', ') });
  }
  if (input.kind && !KIND_VALUES.includes(input.kind as CaseKind)) errors.kind = sv('admin.templates.kindUnknown');
  if (!(input.purpose in TEMPLATE_PURPOSES)) errors.purpose = sv('admin.templates.purposeMissing');
  let forvaltningId: string | null = null;
  if (input.forvaltningId) {
    const f = isUuid(input.forvaltningId) ? await tx.selectFrom('org_units').select(['id', 'kind']).where('organization_id', '=', c.org.id).where('id', '=', input.forvaltningId).executeTakeFirst() : undefined;
    if (!f || f.kind !== 'forvaltning') errors.forvaltningId = sv('admin.templates.forvaltningUnknown');
    else forvaltningId = f.id;
  }
  if (!errors.forvaltningId && !canManageTemplate(scopeOf(c), forvaltningId)) errors.forvaltningId = sv('admin.templates.forvaltningOutsideScope');
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('admin.errors.correct'), errors);
  return { title, body, kind: (input.kind || null) as CaseKind | null, purpose: input.purpose as TemplatePurpose, forvaltningId };
}

const tplView = (t: { title: string; body: string; kind: string | null; purpose: string; org_unit_id: string | null; active: boolean }) => ({ title: t.title, body: t.body, kind: t.kind, purpose: t.purpose, forvaltningId: t.org_unit_id, active: t.active });

export async function createTemplate(deps: AdminDeps, c: AdminCtx, input: TemplateInput) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const v = await checkTemplate(tx, c, input);
    const row = await tx
      .insertInto('response_templates')
      .values({ organization_id: c.org.id, org_unit_id: v.forvaltningId, kind: v.kind, purpose: v.purpose, title: v.title, body: v.body, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: v.forvaltningId, actor: who(c), action: 'create', entityType: 'template', entityId: row.id, summary: sv('admin.summary.templates.created', { title: v.title }), after: tplView(row), now });
    return row;
  });
}

async function templateForChange(tx: Tx, c: AdminCtx, id: string) {
  if (!isUuid(id)) throw missing(sv('admin.templates.notFound'));
  const t = await tx.selectFrom('response_templates').selectAll().where('organization_id', '=', c.org.id).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!t || !canManageTemplate(scopeOf(c), t.org_unit_id)) throw missing(sv('admin.templates.notFound'));
  return t;
}

export async function updateTemplate(deps: AdminDeps, c: AdminCtx, id: string, input: TemplateInput) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = await templateForChange(tx, c, id);
    const v = await checkTemplate(tx, c, input);
    const after = await tx
      .updateTable('response_templates')
      .set({ org_unit_id: v.forvaltningId, kind: v.kind, purpose: v.purpose, title: v.title, body: v.body, updated_at: now })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: v.forvaltningId ?? before.org_unit_id, actor: who(c), action: 'update', entityType: 'template', entityId: before.id, summary: sv('admin.summary.templates.changed', { title: v.title }), before: tplView(before), after: tplView(after), now });
  });
}

export async function setTemplateActive(deps: AdminDeps, c: AdminCtx, id: string, active: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const t = await templateForChange(tx, c, id);
    await tx.updateTable('response_templates').set({ active, updated_at: now }).where('id', '=', t.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: t.org_unit_id, actor: who(c), action: active ? 'activate' : 'deactivate', entityType: 'template', entityId: t.id, summary: sv(active ? 'admin.summary.templates.activated' : 'admin.summary.templates.deactivated', { title: t.title }), before: { active: t.active }, after: { active }, now });
  });
}
