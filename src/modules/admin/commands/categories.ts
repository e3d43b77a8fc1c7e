import { sql } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import { logAdminChange } from '../log.ts';
import { canManageOrganizationSettings, canManageSubcategories } from '../policy.ts';
import { isUuid } from '../queries.ts';
import { checkName, clean, denied, invalid, missing, scopeOf, who, type AdminCtx, type AdminDeps } from './context.ts';
import { lockUnit } from './units.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

const catView = (x: { name: string; active: boolean; sort_order: number; level: string; org_unit_id: string | null }) => ({ name: x.name, active: x.active, sortOrder: x.sort_order, level: x.level, unitId: x.org_unit_id });

export async function createCategory(deps: AdminDeps, c: AdminCtx, input: { level: 'area' | 'subcategory'; name: string; forvaltningId: string }) {
  const name = clean(input.name);
  const now = deps.clock.now();
  const field = input.level === 'area' ? 'areaName' : 'subName';
  return deps.db.transaction().execute(async (tx) => {
    let unitId: string | null = null;
    if (input.level === 'area') {
      if (!canManageOrganizationSettings(scopeOf(c))) throw denied();
    } else {
      // The förvaltning is looked up in this organization only: a unit of another organization does not exist here.
      const f = isUuid(input.forvaltningId)
        ? await tx.selectFrom('org_units').select(['id', 'kind', 'name']).where('organization_id', '=', c.org.id).where('id', '=', input.forvaltningId).executeTakeFirst()
        : undefined;
      if (!f || f.kind !== 'forvaltning') throw invalid('forvaltningId', sv('admin.categories.forvaltningUnknown'));
      if (!canManageSubcategories(scopeOf(c), f.id)) throw invalid('forvaltningId', sv('admin.categories.forvaltningOutsideScope'));
      unitId = f.id;
    }
    checkName(field, name, input.level === 'area' ? sv('admin.categories.areaNameMissing') : sv('admin.categories.subcategoryNameMissing'), 80);
    const dup = await tx
      .selectFrom('categories')
      .select('id')
      .where('organization_id', '=', c.org.id)
      .where('level', '=', input.level)
      .where(sql<boolean>`org_unit_id IS NOT DISTINCT FROM ${unitId}::uuid`)
      .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
      .executeTakeFirst();
    if (dup) throw invalid(field, input.level === 'subcategory' ? sv('admin.categories.duplicateInForvaltning', { name }) : sv('admin.categories.duplicate', { name }));
    const max = await tx.selectFrom('categories').select(sql<number>`coalesce(max(sort_order), -1)`.as('m')).where('organization_id', '=', c.org.id).where('level', '=', input.level).where(sql<boolean>`org_unit_id IS NOT DISTINCT FROM ${unitId}::uuid`).executeTakeFirstOrThrow();
    const row = await tx.insertInto('categories').values({ organization_id: c.org.id, level: input.level, org_unit_id: unitId, name, sort_order: Number(max.m) + 1, created_at: now }).returningAll().executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: unitId, actor: who(c), action: 'create', entityType: 'category', entityId: row.id, summary: sv(input.level === 'area' ? 'admin.summary.categories.areaCreated' : 'admin.summary.categories.subcategoryCreated', { name }), after: catView(row), now });
    return row;
  });
}

async function categoryForChange(tx: Tx, c: AdminCtx, id: string) {
  if (!isUuid(id)) throw missing(sv('admin.categories.notFound'));
  const cat = await tx.selectFrom('categories').selectAll().where('organization_id', '=', c.org.id).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!cat) throw missing(sv('admin.categories.notFound'));
  const s = scopeOf(c);
  const ok = cat.level === 'area' ? canManageOrganizationSettings(s) : canManageSubcategories(s, cat.org_unit_id!);
  if (!ok) throw missing(sv('admin.categories.notFound'));
  return cat;
}

export async function renameCategory(deps: AdminDeps, c: AdminCtx, id: string, rawName: string) {
  const name = clean(rawName);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const cat = await categoryForChange(tx, c, id);
    checkName(`name-${cat.id}`, name, sv('admin.categories.nameMissing'), 80);
    const dup = await tx
      .selectFrom('categories')
      .select('id')
      .where('organization_id', '=', c.org.id)
      .where('level', '=', cat.level)
      .where('id', '<>', cat.id)
      .where(sql<boolean>`org_unit_id IS NOT DISTINCT FROM ${cat.org_unit_id}::uuid`)
      .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
      .executeTakeFirst();
    if (dup) throw invalid(`name-${cat.id}`, sv('admin.categories.duplicate', { name }));
    await tx.updateTable('categories').set({ name }).where('id', '=', cat.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: cat.org_unit_id, actor: who(c), action: 'update', entityType: 'category', entityId: cat.id, summary: sv('admin.summary.categories.renamed', { before: cat.name, name }), before: { name: cat.name }, after: { name }, now });
  });
}

/** Deactivated categories are not offered any more; cases classified with them keep them. */
export async function setCategoryActive(deps: AdminDeps, c: AdminCtx, id: string, active: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const cat = await categoryForChange(tx, c, id);
    if (!active && cat.level === 'area') {
      const others = await tx.selectFrom('categories').select('id').where('organization_id', '=', c.org.id).where('level', '=', 'area').where('active', '=', true).where('id', '<>', cat.id).executeTakeFirst();
      if (!others) throw invalid(`name-${cat.id}`, sv('admin.categories.lastArea'));
    }
    await tx.updateTable('categories').set({ active }).where('id', '=', cat.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: cat.org_unit_id, actor: who(c), action: active ? 'activate' : 'deactivate', entityType: 'category', entityId: cat.id, summary: sv(active ? 'admin.summary.categories.activated' : 'admin.summary.categories.deactivated', { name: cat.name }), before: { active: cat.active }, after: { active }, now });
  });
}

/** Moves a category one step up or down among its siblings. */
export async function moveCategory(deps: AdminDeps, c: AdminCtx, id: string, direction: 'up' | 'down') {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const cat = await categoryForChange(tx, c, id);
    const siblings = await tx
      .selectFrom('categories')
      .select(['id', 'name', 'sort_order'])
      .where('organization_id', '=', c.org.id)
      .where('level', '=', cat.level)
      .where(sql<boolean>`org_unit_id IS NOT DISTINCT FROM ${cat.org_unit_id}::uuid`)
      .orderBy('sort_order')
      .orderBy('name')
      .forUpdate()
      .execute();
    const i = siblings.findIndex((x) => x.id === cat.id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= siblings.length) return;
    const order = siblings.map((x) => x.id);
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [k, sid] of order.entries()) await tx.updateTable('categories').set({ sort_order: k }).where('id', '=', sid).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: cat.org_unit_id, actor: who(c), action: 'reorder', entityType: 'category', entityId: cat.id, summary: sv(direction === 'up' ? 'admin.summary.categories.movedUp' : 'admin.summary.categories.movedDown', { name: cat.name }), before: siblings.map((x) => x.name), after: order.map((x) => siblings.find((y) => y.id === x)!.name), now });
  });
}

export async function setSubcategoryRequired(deps: AdminDeps, c: AdminCtx, forvaltningId: string, required: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const f = isUuid(forvaltningId) ? await lockUnit(tx, c.org.id, forvaltningId) : undefined;
    if (!f || f.kind !== 'forvaltning' || !canManageSubcategories(scopeOf(c), f.id)) throw missing(sv('admin.categories.forvaltningNotFound'));
    if (f.subcategory_required === required) return;
    await tx.updateTable('org_units').set({ subcategory_required: required }).where('id', '=', f.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: f.id, actor: who(c), action: 'update', entityType: 'unit', entityId: f.id, summary: sv(required ? 'admin.summary.categories.subcategoryRequired' : 'admin.summary.categories.subcategoryOptional', { unit: f.name }), before: { subcategoryRequired: f.subcategory_required }, after: { subcategoryRequired: required }, now });
  });
}
