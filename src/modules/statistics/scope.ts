import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { scopeToActor } from '../cases/listQueries.ts';
import { CONFIDENTIAL_ROLES, coversWholeOrganization } from '../cases/policy.ts';
import type { GroupBy, Names, StatFilter, StatRequest, StatScope } from './result.ts';

type WithC = Database & { c: Database['case_stats'] };
export type StatsQB = SelectQueryBuilder<WithC, 'c', object>;

export function organizationIdsOf(scope: StatScope): string[] {
  return 'actor' in scope ? [scope.actor.organizationId] : scope.organizationIds;
}

/** case_stats rows in scope and filter. Confidential cases follow the list's rules (scopeToActor). */
export function scoped(db: Executor, scope: StatScope, filter: StatFilter): StatsQB {
  let qb = db.selectFrom('case_stats as c') as unknown as StatsQB;
  if ('actor' in scope) {
    // scopeToActor reads organization_id, unit_id, handler_id and confidential, which case_stats
    // has under the same names: the statistics are scoped by the very SQL that scopes the case list.
    qb = scopeToActor(qb as never, scope.actor) as unknown as StatsQB;
  } else {
    qb = qb.where('c.organization_id', 'in', scope.organizationIds);
  }
  if (filter.unitId) qb = qb.where(sql<boolean>`c.unit_id IN (SELECT id FROM org_units WHERE ancestor_ids @> ARRAY[${filter.unitId}]::uuid[])`);
  if (filter.committee) qb = qb.where(sql<boolean>`c.unit_id IN (SELECT u.id FROM org_units u JOIN org_units f ON f.id = u.ancestor_ids[1] WHERE f.committee = ${filter.committee})`);
  if (filter.kind) qb = qb.where('c.kind', '=', filter.kind);
  if (filter.areaId) qb = qb.where('c.area_id', '=', filter.areaId);
  if (filter.subcategoryId) qb = qb.where('c.subcategory_id', '=', filter.subcategoryId);
  if (filter.channel) qb = qb.where('c.channel', '=', filter.channel);
  return qb;
}

/** The group key of a case_stats row `c` (joined with its unit as `u`). */
export function rawGroupKey(groupBy: GroupBy): RawBuilder<string | null> {
  switch (groupBy) {
    case 'forvaltning':
    case 'namnd':
      return sql`u.ancestor_ids[1]::text`;
    case 'enhet':
      return sql`c.unit_id::text`;
    case 'kind':
      return sql`c.kind`;
    case 'area':
      return sql`c.area_id::text`;
    case 'subcategory':
      return sql`c.subcategory_id::text`;
    case 'channel':
      return sql`c.channel`;
  }
}

/**
 * May this request read the rollup? The rollup keeps förvaltning but not unit or channel, and
 * keeps confidential apart; it serves whole-organization views, which are the large ones.
 */
export async function rollupAllowed(db: Executor, req: StatRequest, names: Names): Promise<{ ok: boolean; confidential: boolean }> {
  const no = { ok: false, confidential: false };
  if (req.useRollup === false) return no;
  if (req.groupBy !== 'forvaltning' && req.groupBy !== 'namnd') return no;
  const f = req.filter;
  if (f.kind || f.areaId || f.subcategoryId || f.channel) return no;
  if (f.unitId && names.units.get(f.unitId)?.ancestorIds.length !== 1) return no;
  if (!('actor' in req.scope)) return { ok: true, confidential: true };
  const actor = req.scope.actor;
  if (!coversWholeOrganization(actor)) return no;
  if (coversWholeOrganization(actor, ...CONFIDENTIAL_ROLES)) return { ok: true, confidential: true };
  if (actor.grants.some((g) => g.unitId !== null && CONFIDENTIAL_ROLES.includes(g.role))) return no;
  // A confidential case assigned to them is theirs to see, and is not in the rollup's public part.
  if (actor.kind === 'user') {
    const own = await db.selectFrom('cases').select('id').where('handler_id', '=', actor.id).where('confidential', '=', true).limit(1).executeTakeFirst();
    if (own) return no;
  }
  return { ok: true, confidential: false };
}

export async function loadNames(db: Executor, organizationIds: string[]): Promise<Names> {
  const [units, cats] = await Promise.all([
    db.selectFrom('org_units').select(['id', 'name', 'kind', 'committee', 'ancestor_ids', 'sort_order']).where('organization_id', 'in', organizationIds).orderBy('sort_order').orderBy('name').execute(),
    db.selectFrom('categories').select(['id', 'name', 'level', 'org_unit_id']).where('organization_id', 'in', organizationIds).orderBy('sort_order').orderBy('name').execute(),
  ]);
  return {
    units: new Map(units.map((u) => [u.id, { name: u.name, kind: u.kind, committee: u.committee, ancestorIds: u.ancestor_ids, sortOrder: u.sort_order }])),
    areas: new Map(cats.filter((c) => c.level === 'area').map((c) => [c.id, c.name])),
    subcategories: new Map(cats.filter((c) => c.level === 'subcategory').map((c) => [c.id, { name: c.name, unitId: c.org_unit_id }])),
  };
}
