import type { Executor } from '../../db/database.ts';
import { cachedForOrg } from '../../platform/orgCache.ts';
import { loadActiveStructure } from '../organizations/structure.ts';

/**
 * The organization's reference data the staff forms choose from: units, areas, subcategories and
 * the people who can take cases.
 */

export interface UnitOption {
  id: string;
  name: string;
  kind: 'forvaltning' | 'avdelning' | 'enhet';
  /** Names from the förvaltning down to the unit itself. */
  path: string[];
  /** Ids from the förvaltning down to the unit itself. */
  pathIds: string[];
  subcategoryRequired: boolean;
}

export interface UnitGroup {
  forvaltning: UnitOption;
  /** The förvaltning's avdelningar and enheter in tree order. */
  below: UnitOption[];
}

export interface Lookups {
  units: UnitOption[];
  unitGroups: UnitGroup[];
  areas: { id: string; name: string }[];
  subcategories: { id: string; name: string; unitId: string }[];
  handlers: { id: string; name: string; unitId: string; unitName: string }[];
  unitName(id: string | null | undefined): string | undefined;
  categoryName(id: string | null | undefined): string | undefined;
  userName(id: string | null | undefined): string | undefined;
}

/**
 * `org` as the request's tenant hook read it: units and categories are cached per instance for its
 * config_version, which every change to them bumps (see orgCache); the people are read each time.
 */
export async function loadLookups(db: Executor, org: { id: string; config_version: number }): Promise<Lookups> {
  const organizationId = org.id;
  const [{ units: unitRows, categories: categoryRows }, handlerRows] = await Promise.all([
    cachedForOrg(org, 'structure', () => loadActiveStructure(db, organizationId)),
    // People who may take cases in a unit: handlers and coordinators granted on a unit (checkHandler agrees).
    db
      .selectFrom('users as u')
      .innerJoin('role_grants as g', 'g.user_id', 'u.id')
      .innerJoin('org_units as ou', 'ou.id', 'g.org_unit_id')
      .select(['u.id', 'u.name', 'g.org_unit_id as unitId', 'ou.name as unitName'])
      .where('u.organization_id', '=', organizationId)
      .where('u.active', '=', true)
      .where('g.role', 'in', ['handler', 'coordinator'])
      .orderBy('u.name')
      .execute(),
  ]);

  // unitRows come in tree order, so each parent's children keep their sibling order here.
  const children = new Map<string | null, typeof unitRows>();
  for (const u of unitRows) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  const byId = new Map(unitRows.map((u) => [u.id, u]));
  const option = (u: (typeof unitRows)[number]): UnitOption => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    path: u.ancestor_ids.map((a) => byId.get(a)?.name ?? '…'),
    pathIds: u.ancestor_ids,
    subcategoryRequired: u.subcategory_required,
  });
  const walk = (parent: string): UnitOption[] => (children.get(parent) ?? []).flatMap((u) => [option(u), ...walk(u.id)]);
  const unitGroups = (children.get(null) ?? []).map((f) => ({ forvaltning: option(f), below: walk(f.id) }));
  const units = unitGroups.flatMap((g) => [g.forvaltning, ...g.below]);

  const userNames = new Map(handlerRows.map((h) => [h.id, h.name]));
  const unitNames = new Map(unitRows.map((u) => [u.id, u.name]));
  const categoryNames = new Map(categoryRows.map((c) => [c.id, c.name]));
  const handlers = handlerRows.flatMap((h) => (h.unitId ? [{ id: h.id, name: h.name, unitId: h.unitId, unitName: h.unitName }] : []));

  return {
    units,
    unitGroups,
    areas: categoryRows.filter((c) => c.level === 'area').map((c) => ({ id: c.id, name: c.name })),
    subcategories: categoryRows.flatMap((c) => (c.level === 'subcategory' && c.org_unit_id ? [{ id: c.id, name: c.name, unitId: c.org_unit_id }] : [])),
    handlers,
    unitName: (id) => (id ? unitNames.get(id) : undefined),
    categoryName: (id) => (id ? categoryNames.get(id) : undefined),
    userName: (id) => (id ? userNames.get(id) : undefined),
  };
}

/** Names of users mentioned in a case's history that the handler list may not hold (admins, former staff). */
export async function userNames(db: Executor, organizationId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Names of the units and categories a case's history mentions that the lookups lack: they hold only
 * what is in use, and a deactivated unit or category must still be named where it was used.
 */
export async function inactiveNames(db: Executor, organizationId: string, ids: { units: readonly string[]; categories: readonly string[] }) {
  const uuids = (xs: readonly string[]) => [...new Set(xs.filter((x) => UUID.test(x)))];
  const [units, categories] = await Promise.all([
    uuids(ids.units).length ? db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', uuids(ids.units)).execute() : [],
    uuids(ids.categories).length ? db.selectFrom('categories').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', uuids(ids.categories)).execute() : [],
  ]);
  return { units: new Map(units.map((r) => [r.id, r.name])), categories: new Map(categories.map((r) => [r.id, r.name])) };
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The förvaltning (top-level unit) a unit belongs to. */
export function forvaltningOf(lookups: Lookups, unitId: string | null | undefined): UnitGroup | undefined {
  if (!unitId) return undefined;
  return lookups.unitGroups.find((g) => g.forvaltning.id === unitId || g.below.some((u) => u.id === unitId));
}

/** "Gata och park (Samhällsbyggnad)": a unit named with its förvaltning, so equal names stay apart. */
export function unitLabel(u: UnitOption): string {
  return u.path.length > 1 ? `${u.name} (${u.path[0]})` : u.name;
}

/** The unit itself and every unit below it. */
export function unitSubtree(lookups: Lookups, unitId: string): UnitOption[] {
  return lookups.units.filter((u) => u.pathIds.includes(unitId));
}
