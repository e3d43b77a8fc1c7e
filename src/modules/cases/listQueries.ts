import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import { PREPARED, type Executor } from '../../db/database.ts';
import type { CasesTable, Database } from '../../db/schema.ts';
import { OPEN_STATUSES, OVERDUE_STATUSES, type Status } from './lifecycle.ts';
import { CONFIDENTIAL_ROLES, coversWholeOrganization, mayReadExcerpts, type Actor } from './policy.ts';
import { CASE_NUMBER } from './numbering.ts';
import { RUNNING_NUMBER, runningNumberMatches, searchTsQuery } from './textSearch.ts';
import { applyDrillDownFilter } from './drillDownFilter.ts';
import type { CaseFilter } from './caseFilter.ts';
import { unionOf, visibleParts, type CasesQB, type PartKind } from './visibleParts.ts';

type WithC = Database & { c: CasesTable };

/**
 * The SQL twin of canSee(): cases in the actor's organization and units, with confidential
 * cases only for the roles that need them or the case's own handler. Every staff list starts here.
 */
export function scopeToActor(qb: CasesQB, actor: Actor): CasesQB {
  const orgWide = coversWholeOrganization(actor);
  const unitIds = actor.grants.flatMap((g) => (g.unitId ? [g.unitId] : []));
  const confOrgWide = coversWholeOrganization(actor, ...CONFIDENTIAL_ROLES);
  const confUnitIds = actor.grants.flatMap((g) => (g.unitId && CONFIDENTIAL_ROLES.includes(g.role) ? [g.unitId] : []));
  // unit_id = ANY(ARRAY(subquery)), not IN (subquery): the unit ids become one array computed
  // first (an InitPlan), which an index can take as its condition also inside the OR with "mine"
  // below. With IN, PostgreSQL checks a hashed subplan row by row and reads every case of the
  // organization. Same meaning: a NULL unit_id matches neither.
  const inUnits = (_eb: ExpressionBuilder<WithC, 'c'>, ids: string[]) =>
    sql<boolean>`c.unit_id = ANY(ARRAY(SELECT id FROM org_units WHERE ancestor_ids && ${sql.val(ids)}::uuid[]))`;
  const mine = (eb: ExpressionBuilder<WithC, 'c'>) => eb('c.handler_id', '=', actor.kind === 'user' ? actor.id : '00000000-0000-0000-0000-000000000000');

  return qb
    .where('c.organization_id', '=', actor.organizationId)
    .where((eb) => {
      const visible = orgWide ? [eb.lit(true)] : [mine(eb), ...(unitIds.length ? [inUnits(eb, unitIds)] : [])];
      return eb.or(visible);
    })
    .where((eb) => {
      if (confOrgWide) return eb.lit(true);
      return eb.or([eb('c.confidential', '=', false), mine(eb), ...(confUnitIds.length ? [inUnits(eb, confUnitIds)] : [])]);
    });
}

export type { CaseFilter } from './caseFilter.ts';

export const SORTS = {
  received_asc: ['c.received_at', 'asc'],
  received_desc: ['c.received_at', 'desc'],
  answer_by_asc: ['c.answer_by', 'asc'],
  number_desc: ['c.number', 'desc'],
  status: ['c.status', 'asc'],
} as const;
export type Sort = keyof typeof SORTS;

export interface ListOptions {
  filter: CaseFilter;
  sort?: Sort;
  page?: number;
  pageSize?: number;
  /** 'YYYY-MM-DD' today in Swedish time, for the overdue filter. */
  today: string;
  /**
   * Sync (the API's updatedSince and cursor): in order of last change, oldest first, from after
   * a position instead of by page, so nothing is skipped or repeated while cases change.
   */
  changes?: { since?: Date; after?: { updatedMicros: string; id: string } };
  /** Count the matches too, no further than this (COUNT_CAP): `count` and `more` as countCasesUpTo gives them. */
  countUpTo?: number;
}

/**
 * The free text for those who may not read the submitter's text (mayReadExcerpts): what every role
 * sees on the list and the case page, that is the name of the case's area, subcategory, unit or
 * handler (the number is matched as for everyone). The names that match are found first, in the
 * organization's few categories, units and people (each an array computed once per statement),
 * so each case in scope is only compared by id, never turned into words.
 */
function namesMatch(query: RawBuilder<unknown>, organizationId: string): RawBuilder<boolean> {
  const named = (table: 'categories' | 'org_units' | 'users') =>
    sql`ARRAY(SELECT id FROM ${sql.table(table)} WHERE organization_id = ${organizationId}::uuid AND to_tsvector('swedish', name) @@ ${query})`;
  return sql<boolean>`(c.area_id = ANY(${named('categories')}) OR c.subcategory_id = ANY(${named('categories')}) OR c.unit_id = ANY(${named('org_units')}) OR c.handler_id = ANY(${named('users')}))`;
}

/**
 * `actor` decides what the free text is searched in: the description too only for those who may
 * read it in a list (mayReadExcerpts), else a yes or no would tell them what it says.
 *
 * `unitPerRow` (the handler's own part, read in list order by handler): the unit is checked on each
 * row, as IS TRUE hides it from index conditions. Taking unit and handler as independent, the
 * planner would expect few of the handler's cases in their unit, and read and sort all by bitmap.
 */
export function applyFilter(qb: CasesQB, f: CaseFilter, today: string, actor: Actor, opts: { unitPerRow?: boolean } = {}): CasesQB {
  if (f.status?.length) qb = qb.where('c.status', 'in', f.status);
  else if (f.open) qb = qb.where('c.status', 'in', OPEN_STATUSES as Status[]);
  if (f.kind?.length) qb = qb.where('c.kind', 'in', f.kind as never[]);
  if (f.areaId === 'none') qb = qb.where('c.area_id', 'is', null);
  else if (f.areaId) qb = qb.where('c.area_id', '=', f.areaId);
  if (f.unitId === 'none') qb = qb.where('c.unit_id', 'is', null);
  else if (f.unitId) {
    const subtree = sql`SELECT id FROM org_units WHERE ancestor_ids @> ARRAY[${f.unitId}]::uuid[]`;
    qb = qb.where(opts.unitPerRow ? sql<boolean>`(c.unit_id IN (${subtree})) IS TRUE` : sql<boolean>`c.unit_id IN (${subtree})`);
  }
  qb = applyDrillDownFilter(qb, f, today);
  if (f.handlerId) qb = qb.where('c.handler_id', '=', f.handlerId);
  if (f.unassigned) qb = qb.where('c.handler_id', 'is', null);
  if (f.receivedFrom) qb = qb.where(sql<boolean>`c.received_at >= (${f.receivedFrom}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`);
  if (f.receivedTo) qb = qb.where(sql<boolean>`c.received_at < ((${f.receivedTo}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`);
  if (f.overdue) qb = qb.where('c.answer_by', '<', today).where('c.status', 'in', OVERDUE_STATUSES);
  // The complement, for lists that show each case once (the coordinator's overview).
  else if (f.overdue === false) qb = qb.where((eb) => eb.or([eb('c.answer_by', 'is', null), eb('c.answer_by', '>=', today), eb('c.status', 'not in', OVERDUE_STATUSES)]));
  if (f.internal !== undefined) qb = qb.where('c.is_internal', '=', f.internal);
  if (f.q?.trim()) {
    const q = f.q.trim();
    const words = mayReadExcerpts(actor) ? sql<boolean>`c.search @@ ${searchTsQuery(q)}` : namesMatch(searchTsQuery(q), actor.organizationId);
    // Only something shaped like a case number, whole or its running number alone (as the inbox
    // takes it), can equal one; without the OR the words and the visible scope are one search of
    // the scoped text index (cases_search_scoped).
    if (CASE_NUMBER.test(q.toUpperCase())) qb = qb.where((eb) => eb.or([words, eb('c.number', '=', q.toUpperCase())]));
    else if (RUNNING_NUMBER.test(q)) qb = qb.where((eb) => eb.or([words, runningNumberMatches(q, today)]));
    else qb = qb.where(words);
  }
  return qb;
}

export async function listCases(db: Executor, actor: Actor, opts: ListOptions) {
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 200);
  const page = Math.max(opts.page ?? 1, 1);
  const changes = opts.changes;
  const offset = changes ? 0 : (page - 1) * pageSize;
  const [col, dir] = changes ? (['c.updated_at', 'asc'] as const) : SORTS[opts.sort ?? 'received_desc'];
  const filtered = (qb: CasesQB, part: PartKind) => {
    qb = applyFilter(qb, opts.filter, opts.today, actor, { unitPerRow: part === 'mine' });
    if (changes?.since) qb = qb.where('c.updated_at', '>=', changes.since);
    // Microseconds, as PostgreSQL keeps them: a JavaScript Date (milliseconds) would find the same case again.
    if (changes?.after) qb = qb.where(sql<boolean>`(c.updated_at, c.id) > ('epoch'::timestamptz + ${changes.after.updatedMicros}::bigint * interval '1 microsecond', ${changes.after.id}::uuid)`);
    return qb;
  };
  // Each part gives its first rows up to the end of the page in list order; the page is the
  // merge of those, and only its rows are then read in full (see visibleParts). The count, when
  // asked for, comes in the same statement (planned once, one round trip): from the same rows
  // for a free-text search, whose index finds all its matches anyway (so the parts give up to
  // one past the cap, and the index is read once), else from parts of its own that stop at the
  // cap in whatever order is cheapest.
  const cap = changes ? undefined : opts.countUpTo;
  const sameRows = cap !== undefined && Boolean(opts.filter.q?.trim());
  const perPart = Math.max(offset + pageSize + 1, sameRows ? cap! + 1 : 0);
  const parts = visibleParts(
    db,
    actor,
    opts.filter,
    (qb, part) => filtered(qb, part).select(['c.id', sql<unknown>`${sql.ref(col)}`.as('k')]).orderBy(col, dir).orderBy('c.id').limit(perPart),
    scopeToActor,
  );
  if (parts.length === 0) return { rows: [], hasMore: false, page, pageSize, count: 0, more: false };
  const counted = cap === undefined ? sql`NULL` : sameRows ? sql`count(*) OVER ()` : sql`(${cappedCount(db, actor, opts.filter, opts.today, cap)})`;
  const pageIds = db
    .selectFrom(unionOf(db, parts).as('m'))
    .select(['m.id', sql<string | null>`${counted}`.as('matched')])
    .orderBy('m.k', dir)
    .orderBy('m.id')
    .limit(pageSize + 1)
    .offset(offset);
  const found = await db
    .selectFrom(pageIds.as('pg'))
    .innerJoin('cases as c', 'c.id', 'pg.id')
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .leftJoin('categories as a', 'a.id', 'c.area_id')
    .select([
      'c.id',
      'c.number',
      'c.status',
      'c.outcome',
      'c.kind',
      'c.channel',
      'c.received_at',
      'c.answer_by',
      'c.acknowledge_by',
      'c.confidential',
      'c.is_internal',
      'c.unit_id',
      'c.handler_id',
      'c.updated_at',
      sql<string>`(extract(epoch from c.updated_at) * 1000000)::bigint::text`.as('updated_micros'),
      'u.name as unit_name',
      'h.name as handler_name',
      'a.name as area_name',
      sql<string>`left(c.description, 140)`.as('excerpt'),
      sql<boolean>`length(c.description) > 140`.as('excerpt_cut'),
    ])
    .select('pg.matched')
    .orderBy(col, dir)
    .orderBy('c.id')
    .modifyFront(PREPARED)
    .execute();
  const rows = found.map(({ matched: _, ...row }) => row);
  const result = { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize, page, pageSize };
  if (cap === undefined) return { ...result, count: undefined, more: undefined };
  if (found.length === 0) {
    // Nothing here to carry the count: none match, or the page lies past the last one.
    return { ...result, ...(offset > 0 ? await countCasesUpTo(db, actor, opts.filter, opts.today, cap) : { count: 0, more: false }) };
  }
  const n = Number(found[0]!.matched);
  return { ...result, count: Math.min(n, cap), more: n > cap };
}

/** The matching cases the actor may see, as one FROM item of their parts (see visibleParts). */
function matching(db: Executor, actor: Actor, filter: CaseFilter, today: string, limit?: number) {
  const parts = visibleParts(db, actor, filter, (qb) => {
    const one = applyFilter(qb, filter, today, actor).select(sql.lit(1).as('one'));
    return limit === undefined ? one : one.limit(limit);
  }, scopeToActor);
  return parts.length ? unionOf(db, parts) : undefined;
}

export async function countCases(db: Executor, actor: Actor, filter: CaseFilter, today: string): Promise<number> {
  const all = matching(db, actor, filter, today);
  if (!all) return 0;
  const row = await db
    .selectFrom(all.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Beyond this many the list says "more than": nobody pages that far, and counting them all is slow. */
export const COUNT_CAP = 1000;

/**
 * How many cases match, counted no further than `cap`: an exact count reads every matching row,
 * which at a million cases costs more than the page itself (an organization-wide free-text
 * search matches tens of thousands). `more` says there are more than `count`.
 */
export async function countCasesUpTo(db: Executor, actor: Actor, filter: CaseFilter, today: string, cap = COUNT_CAP): Promise<{ count: number; more: boolean }> {
  const row = await db.selectNoFrom(cappedCount(db, actor, filter, today, cap).as('n')).executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { count: Math.min(n, cap), more: n > cap };
}

/** SELECT count(*) of the matches, read no further than one past the cap (0 when nothing is visible). */
function cappedCount(db: Executor, actor: Actor, filter: CaseFilter, today: string, cap: number) {
  const all = matching(db, actor, filter, today, cap + 1);
  if (!all) return db.selectNoFrom(sql<string>`0`.as('n'));
  return db.selectFrom(db.selectFrom(all.as('m')).select('m.one').limit(cap + 1).as('capped')).select(sql<string>`count(*)`.as('n'));
}
