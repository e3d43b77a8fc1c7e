import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CasesTable, Database } from '../../db/schema.ts';
import type { CaseFilter } from './caseFilter.ts';
import { CONFIDENTIAL_ROLES, coversWholeOrganization, type Actor } from './policy.ts';

type WithC = Database & { c: CasesTable };
export type CasesQB = SelectQueryBuilder<WithC, 'c', object>;
/** One part's rows, whatever it selects: (part) AS x in the caller's FROM. */
export type Part<O> = SelectQueryBuilder<any, any, O>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * The cases an actor may see (the same set as scopeToActor, see its test), as disjoint parts that
 * an index can each read in list order: the cases assigned to them, by handler_id; and the cases
 * of each unit in their granted subtrees, one unit at a time by unit_id. With the two in one
 * WHERE (handler_id = me OR unit_id = ANY(…)) PostgreSQL can only combine bitmaps, which come out
 * in table order, so every list page read and sorted all of a unit's cases; here each part stops
 * after the rows a page needs (`finish` adds the filter, order and LIMIT) and the caller merges
 * the few rows the parts give. An actor whose grants cover the whole organization has one part.
 *
 * `filter` only lets a part be left out when the filter excludes all of it (the handler's own
 * list reads no unit); `finish` must still apply it. No parts: nothing to see.
 */
export type PartKind = 'all' | 'mine' | 'units';

export function visibleParts<O>(
  db: Executor,
  actor: Actor,
  filter: CaseFilter,
  /** `part` says which part it finishes: 'mine' is read through the handler's own index. */
  finish: (qb: CasesQB, part: PartKind) => SelectQueryBuilder<WithC, 'c', O>,
  /** scopeToActor (passed in: it lives with the filters that import this module). */
  scope: (qb: CasesQB, actor: Actor) => CasesQB,
): Part<O>[] {
  // A free-text search reads each part through the scoped text index (unit or handler and the
  // words in one index search), so it takes the same parts.
  if (coversWholeOrganization(actor)) return [finish(scope(db.selectFrom('cases as c'), actor), 'all')];
  // The organization is checked on each row a part reads, never through an index: the part's
  // handler or units already pick a few thousand cases of it, and PostgreSQL would otherwise AND
  // in a bitmap of all the organization's cases (100 000 in the benchmark) for nothing.
  const cases = () => db.selectFrom('cases as c').where(sql<boolean>`(c.organization_id = ${actor.organizationId}::uuid) IS TRUE`);

  const me = actor.kind === 'user' ? actor.id : NOBODY;
  const unitIds = actor.grants.flatMap((g) => (g.unitId ? [g.unitId] : []));
  const confUnitIds = actor.grants.flatMap((g) => (g.unitId && CONFIDENTIAL_ROLES.includes(g.role) ? [g.unitId] : []));
  const parts: Part<O>[] = [];

  // Mine: visible whatever their unit or confidentiality (canSee).
  const othersOnly = Boolean(filter.unassigned || (filter.handlerId && filter.handlerId !== me));
  if (me !== NOBODY && !othersOnly) parts.push(finish(cases().where('c.handler_id', '=', me), 'mine'));

  if (unitIds.length > 0 && filter.handlerId !== me) {
    // LATERAL: for each unit, its own ordered index scan; vu is the unit row of the outer FROM.
    const confidentialOk = confUnitIds.length ? sql<boolean>`(NOT c.confidential OR vu.ancestor_ids && ${sql.val(confUnitIds)}::uuid[])` : sql<boolean>`NOT c.confidential`;
    const unitCases = cases()
      .where(sql<boolean>`c.unit_id = vu.id`)
      .where(sql<boolean>`c.handler_id IS DISTINCT FROM ${me}::uuid`)
      .where(confidentialOk);
    parts.push(
      db
        .selectFrom('org_units as vu')
        .innerJoinLateral(finish(unitCases, 'units').as('p'), (j) => j.onTrue())
        .where('vu.organization_id', '=', actor.organizationId)
        .where(sql<boolean>`vu.ancestor_ids && ${sql.val(unitIds)}::uuid[]`)
        .selectAll('p') as Part<O>,
    );
  }
  return parts;
}

/** The parts as one FROM item, each part's rows once. */
export function unionOf<O>(db: Executor, parts: Part<O>[]) {
  const [first, ...rest] = parts.map((p, i) => db.selectFrom(p.as(`p${i}`)).selectAll() as Part<O>);
  return rest.reduce((all, p) => all.unionAll(p), first!);
}
