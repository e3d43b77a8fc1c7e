import { sql } from 'kysely';
import type { Executor, Tx } from '../../../db/database.ts';
import { OPEN_STATUSES } from '../../cases/lifecycle.ts';
import type { OrgUnit } from '../../../db/schema.ts';
import { logAdminChange } from '../log.ts';
import { canChangeUnit, canCreateUnitUnder, canManageWithin, canMoveUnit } from '../policy.ts';
import { isUuid } from '../queries.ts';
import { checkName, clean, denied, invalid, missing, scopeOf, who, type AdminCtx, type AdminDeps } from './context.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

const KINDS_BY_DEPTH = ['forvaltning', 'avdelning', 'enhet'] as const;
export const UNIT_KIND_LABEL = { forvaltning: sv('admin.unitKind.forvaltning'), avdelning: sv('admin.unitKind.avdelning'), enhet: sv('admin.unitKind.enhet') } as const;
export const MAX_UNIT_DEPTH = 3;

export async function lockUnit(tx: Tx, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return tx.selectFrom('org_units').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

const unitView = (u: OrgUnit) => ({ name: u.name, kind: u.kind, parentId: u.parent_id, committee: u.committee, subcategoryRequired: u.subcategory_required, active: u.active, sortOrder: u.sort_order });

/**
 * A unit's name tells it apart wherever units are chosen. Below the top it is shown with its
 * förvaltning ("Gata och park (Samhällsbyggnad)"), so it must be unique within the förvaltning; a
 * förvaltning is shown alone, so its name must be unique in the whole organization. Two "Gata och
 * park" in one list would leave the person choosing to guess.
 */
async function checkNameFree(tx: Tx, organizationId: string, name: string, at: { forvaltningId: string | null; self?: string }) {
  const clash = await tx
    .selectFrom('org_units as u')
    .leftJoin('org_units as f', (j) => j.on(sql<boolean>`f.id = u.ancestor_ids[1]`))
    .select(['u.parent_id', 'f.name as forvaltning'])
    .where('u.organization_id', '=', organizationId)
    // A deactivated unit is offered nowhere, so a reorganization may reuse its name.
    .where('u.active', '=', true)
    .where(sql<boolean>`lower(u.name) = ${name.toLowerCase()}`)
    .where(sql<boolean>`u.id IS DISTINCT FROM ${at.self ?? null}::uuid`)
    .where(sql<boolean>`(${at.forvaltningId}::uuid IS NULL OR u.parent_id IS NULL OR u.ancestor_ids[1] = ${at.forvaltningId}::uuid)`)
    .executeTakeFirst();
  if (!clash) return;
  throw invalid('name', clash.parent_id ? sv('admin.units.duplicateNameIn', { name, forvaltning: clash.forvaltning ?? '' }) : sv('admin.units.duplicateName', { name }));
}

export async function createUnit(deps: AdminDeps, c: AdminCtx, input: { parentId: string; name: string; committee: string; subcategoryRequired: boolean }) {
  const name = clean(input.name);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const parent = input.parentId ? await lockUnit(tx, c.org.id, input.parentId) : null;
    if (input.parentId && !parent) throw invalid('parentId', sv('admin.units.parentUnknown'));
    if (!canCreateUnitUnder(scopeOf(c), parent ? parent.ancestor_ids : null)) {
      if (parent) throw denied();
      throw invalid('parentId', sv('admin.units.createOutsideScope'));
    }
    if (parent && !parent.active) throw invalid('parentId', sv('admin.units.parentInactive'));
    const depth = parent ? parent.ancestor_ids.length : 0;
    if (depth >= MAX_UNIT_DEPTH) throw invalid('parentId', sv('admin.units.tooDeep'));
    checkName('name', name, sv('admin.units.nameMissing'));
    await checkNameFree(tx, c.org.id, name, { forvaltningId: parent?.ancestor_ids[0] ?? null });
    const max = await tx.selectFrom('org_units').select(sql<number>`coalesce(max(sort_order), -1)`.as('m')).where('organization_id', '=', c.org.id).where(sql<boolean>`parent_id IS NOT DISTINCT FROM ${parent?.id ?? null}::uuid`).executeTakeFirstOrThrow();
    const id = crypto.randomUUID();
    const kind = KINDS_BY_DEPTH[depth]!;
    const unit = await tx
      .insertInto('org_units')
      .values({
        id,
        organization_id: c.org.id,
        parent_id: parent?.id ?? null,
        ancestor_ids: [...(parent?.ancestor_ids ?? []), id],
        kind,
        name,
        committee: kind === 'forvaltning' ? clean(input.committee) || null : null,
        subcategory_required: kind === 'forvaltning' ? input.subcategoryRequired : false,
        sort_order: Number(max.m) + 1,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: unit.ancestor_ids[0], actor: who(c), action: 'create', entityType: 'unit', entityId: id, summary: sv('admin.summary.units.created', { kind: UNIT_KIND_LABEL[kind], name }), after: unitView(unit), now });
    return unit;
  });
}

export async function updateUnit(deps: AdminDeps, c: AdminCtx, id: string, input: { name: string; committee: string; subcategoryRequired: boolean; sortOrder: string }) {
  const now = deps.clock.now();
  const name = clean(input.name);
  await deps.db.transaction().execute(async (tx) => {
    const u = await lockUnit(tx, c.org.id, id);
    const s = scopeOf(c);
    if (!u || !canManageWithin(s, u.ancestor_ids)) throw missing(sv('admin.units.notFound'));
    const structural = canChangeUnit(s, u.ancestor_ids);
    // A unit admin may set whether their own förvaltning requires a subcategory, but not rename it.
    if (!structural && (name !== u.name || clean(input.committee) !== (u.committee ?? ''))) throw invalid('name', sv('admin.units.renameForvaltningDenied'));
    checkName('name', name, sv('admin.units.nameMissing'));
    const sortOrder = input.sortOrder.trim() === '' ? u.sort_order : Number(input.sortOrder);
    if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 9999) throw invalid('sortOrder', sv('admin.units.sortOrderInvalid'));
    if (name.toLowerCase() !== u.name.toLowerCase()) await checkNameFree(tx, c.org.id, name, { forvaltningId: u.parent_id ? u.ancestor_ids[0]! : null, self: u.id });
    const after = await tx
      .updateTable('org_units')
      .set({
        name,
        committee: u.kind === 'forvaltning' ? clean(input.committee) || null : null,
        subcategory_required: u.kind === 'forvaltning' ? input.subcategoryRequired : false,
        sort_order: structural ? sortOrder : u.sort_order,
      })
      .where('id', '=', u.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: u.ancestor_ids[0], actor: who(c), action: 'update', entityType: 'unit', entityId: u.id, summary: sv('admin.summary.units.changed', { kind: UNIT_KIND_LABEL[u.kind], name }), before: unitView(u), after: unitView(after), now });
  });
}

/**
 * Moves a unit and its subtree under a new parent (or to the top). The ancestor path and the
 * level of every unit in the subtree are recomputed in the same transaction. Refused: a cycle
 * (under itself or its own descendant), a tree deeper than three levels, and a förvaltning with
 * subcategories leaving the top level.
 */
export async function moveUnit(deps: AdminDeps, c: AdminCtx, id: string, newParentId: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    // Lock the organization's units: two moves at once must not build a cycle between them.
    const all = await tx.selectFrom('org_units').selectAll().where('organization_id', '=', c.org.id).forUpdate().execute();
    const u = all.find((x) => x.id === id);
    const s = scopeOf(c);
    if (!u || !canManageWithin(s, u.ancestor_ids)) throw missing(sv('admin.units.notFound'));
    const parent = newParentId ? all.find((x) => x.id === newParentId) : null;
    if (newParentId && !parent) throw invalid('parentId', sv('admin.units.parentUnknown'));
    if (parent && (parent.id === u.id || parent.ancestor_ids.includes(u.id))) {
      throw invalid('parentId', sv('admin.units.moveCycle', { unit: u.name, parent: parent.name }));
    }
    if (!canMoveUnit(s, u.ancestor_ids, parent ? parent.ancestor_ids : null)) {
      throw invalid('parentId', sv('admin.units.moveOutsideScope'));
    }
    if ((parent?.id ?? null) === u.parent_id) return;
    if (parent && !parent.active) throw invalid('parentId', sv('admin.units.parentInactive'));
    const subtree = all.filter((x) => x.ancestor_ids.includes(u.id));
    const subtreeHeight = Math.max(...subtree.map((x) => x.ancestor_ids.length - u.ancestor_ids.length + 1));
    const newDepth = parent ? parent.ancestor_ids.length : 0;
    if (newDepth + subtreeHeight > MAX_UNIT_DEPTH) {
      throw invalid('parentId', sv('admin.units.moveTooDeep', { unit: u.name }));
    }
    if (u.kind === 'forvaltning' && parent) {
      const subs = await tx.selectFrom('categories').select('id').where('org_unit_id', '=', u.id).executeTakeFirst();
      const templates = await tx.selectFrom('response_templates').select('id').where('org_unit_id', '=', u.id).executeTakeFirst();
      if (subs || templates) throw invalid('parentId', sv('admin.units.moveForvaltningInUse', { unit: u.name }));
    }
    const prefix = [...(parent?.ancestor_ids ?? [])];
    for (const x of subtree) {
      const rel = x.ancestor_ids.slice(u.ancestor_ids.length - 1);
      const path = [...prefix, ...rel];
      await tx
        .updateTable('org_units')
        .set({
          ancestor_ids: path,
          kind: KINDS_BY_DEPTH[path.length - 1]!,
          ...(x.id === u.id ? { parent_id: parent?.id ?? null } : {}),
          ...(path.length > 1 ? { committee: null, subcategory_required: false } : {}),
        })
        .where('id', '=', x.id)
        .execute();
    }
    const top = sv('admin.summary.units.topLevel');
    const summary = sv('admin.summary.units.moved', { name: u.name, from: all.find((x) => x.id === u.parent_id)?.name ?? top, to: parent?.name ?? top });
    const forvaltning = prefix[0] ?? u.id;
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: forvaltning, actor: who(c), action: 'move', entityType: 'unit', entityId: u.id, summary, before: { parentId: u.parent_id, path: u.ancestor_ids }, after: { parentId: parent?.id ?? null, path: [...prefix, u.id] }, now });
    if (u.ancestor_ids[0] !== forvaltning) {
      await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: u.ancestor_ids[0], actor: who(c), action: 'move', entityType: 'unit', entityId: u.id, summary, before: { parentId: u.parent_id }, after: { parentId: parent?.id ?? null }, now });
    }
  });
}

/** Open cases in a unit and every unit below it. */
export async function openCasesIn(db: Executor, organizationId: string, unitId: string): Promise<number> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('org_units as u', 'u.id', 'c.unit_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('c.organization_id', '=', organizationId)
    .where(sql<boolean>`u.ancestor_ids @> ARRAY[${unitId}]::uuid[]`)
    .where('c.status', 'in', OPEN_STATUSES)
    .where('c.disposed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Deactivating a unit deactivates its subtree; nothing is deleted, so every case keeps its unit.
 * Open cases stay where they are, visible to their handler and coordinator, who assigns them to a
 * unit in use; so deactivating with open cases needs `confirmOpen`, given after the page has said
 * how many there are.
 */
export async function setUnitActive(deps: AdminDeps, c: AdminCtx, id: string, active: boolean, confirmOpen = false) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const u = await lockUnit(tx, c.org.id, id);
    const s = scopeOf(c);
    if (!u || !canManageWithin(s, u.ancestor_ids)) throw missing(sv('admin.units.notFound'));
    if (!canChangeUnit(s, u.ancestor_ids)) throw invalid('active', sv('admin.units.deactivateForvaltningDenied'));
    if (active && u.parent_id) {
      const parent = await tx.selectFrom('org_units').select('active').where('id', '=', u.parent_id).executeTakeFirstOrThrow();
      if (!parent.active) throw invalid('active', sv('admin.units.activateParentFirst'));
    }
    if (!active && !confirmOpen) {
      const open = await openCasesIn(tx, c.org.id, u.id);
      if (open > 0) throw invalid('confirmOpen', sv('admin.units.deactivateOpenCases', { name: u.name, n: open }));
    }
    const changed = active
      ? await tx.updateTable('org_units').set({ active: true }).where('id', '=', u.id).returning('name').execute()
      : await tx.updateTable('org_units').set({ active: false }).where('organization_id', '=', c.org.id).where(sql<boolean>`ancestor_ids @> ARRAY[${u.id}]::uuid[]`).returning('name').execute();
    await logAdminChange(tx, {
      organizationId: c.org.id,
      forvaltningId: u.ancestor_ids[0],
      actor: who(c),
      action: active ? 'activate' : 'deactivate',
      entityType: 'unit',
      entityId: u.id,
      summary: active
        ? sv('admin.summary.units.activated', { name: u.name })
        : changed.length > 1
          ? sv('admin.summary.units.deactivatedWithChildren', { name: u.name, children: changed.length - 1 })
          : sv('admin.summary.units.deactivated', { name: u.name }),
      before: { active: u.active },
      after: { active, units: changed.map((x) => x.name) },
      now,
    });
  });
}

/** Only a unit nothing refers to can be deleted: no cases, no people, no categories, no templates, no subunits. */
export async function deleteUnit(deps: AdminDeps, c: AdminCtx, id: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const u = await lockUnit(tx, c.org.id, id);
    const s = scopeOf(c);
    if (!u || !canManageWithin(s, u.ancestor_ids)) throw missing(sv('admin.units.notFound'));
    if (!canChangeUnit(s, u.ancestor_ids)) throw invalid('delete', sv('admin.units.deleteForvaltningDenied'));
    const [cases, children, grants, cats, templates] = await Promise.all([
      tx.selectFrom('cases').select('id').where((eb) => eb.or([eb('unit_id', '=', u.id), eb('suggested_unit_id', '=', u.id)])).limit(1).executeTakeFirst(),
      tx.selectFrom('org_units').select('id').where('parent_id', '=', u.id).limit(1).executeTakeFirst(),
      tx.selectFrom('role_grants').select('id').where('org_unit_id', '=', u.id).limit(1).executeTakeFirst(),
      tx.selectFrom('categories').select('id').where('org_unit_id', '=', u.id).limit(1).executeTakeFirst(),
      tx.selectFrom('response_templates').select('id').where('org_unit_id', '=', u.id).limit(1).executeTakeFirst(),
    ]);
    if (cases) throw invalid('delete', sv('admin.units.deleteHasCases', { unit: u.name }));
    if (children) throw invalid('delete', sv('admin.units.deleteHasChildren', { unit: u.name }));
    if (grants || cats || templates) throw invalid('delete', sv('admin.units.deleteInUse', { unit: u.name }));
    await tx.deleteFrom('org_units').where('id', '=', u.id).execute();
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: u.parent_id ? u.ancestor_ids[0] : null, actor: who(c), action: 'delete', entityType: 'unit', entityId: u.id, summary: sv('admin.summary.units.deleted', { kind: UNIT_KIND_LABEL[u.kind], name: u.name }), before: unitView(u), now });
  });
}
