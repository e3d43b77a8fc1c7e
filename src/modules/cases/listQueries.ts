import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CasesTable, Database } from '../../db/schema.ts';
import { OPEN_STATUSES, type Status } from './lifecycle.ts';
import { CONFIDENTIAL_ROLES, type Actor } from './policy.ts';

type WithC = Database & { c: CasesTable };
type CasesQB = SelectQueryBuilder<WithC, 'c', object>;

/**
 * The SQL twin of canSee(): cases in the actor's organization and units, with confidential
 * cases only for the roles that need them or the case's own handler. Every staff list starts here.
 */
export function scopeToActor(qb: CasesQB, actor: Actor): CasesQB {
  const orgWide = actor.grants.some((g) => g.unitId === null);
  const unitIds = actor.grants.flatMap((g) => (g.unitId ? [g.unitId] : []));
  const confOrgWide = actor.grants.some((g) => g.unitId === null && CONFIDENTIAL_ROLES.includes(g.role));
  const confUnitIds = actor.grants.flatMap((g) => (g.unitId && CONFIDENTIAL_ROLES.includes(g.role) ? [g.unitId] : []));
  const inUnits = (eb: ExpressionBuilder<WithC, 'c'>, ids: string[]) =>
    eb('c.unit_id', 'in', eb.selectFrom('org_units').select('id').where(sql<boolean>`ancestor_ids && ${sql.val(ids)}::uuid[]`));
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

export interface CaseFilter {
  status?: Status[];
  /** 'open' as a shorthand for every open status. */
  open?: boolean;
  kind?: string[];
  areaId?: string;
  unitId?: string;
  handlerId?: string;
  /** Only cases with no handler yet. */
  unassigned?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
  overdue?: boolean;
  q?: string;
  internal?: boolean;
}

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
}

function applyFilter(qb: CasesQB, f: CaseFilter, today: string): CasesQB {
  if (f.status?.length) qb = qb.where('c.status', 'in', f.status);
  else if (f.open) qb = qb.where('c.status', 'in', OPEN_STATUSES as Status[]);
  if (f.kind?.length) qb = qb.where('c.kind', 'in', f.kind as never[]);
  if (f.areaId) qb = qb.where('c.area_id', '=', f.areaId);
  if (f.unitId) qb = qb.where('c.unit_id', 'in', (eb) => eb.selectFrom('org_units').select('id').where(sql<boolean>`ancestor_ids @> ARRAY[${f.unitId}]::uuid[]`));
  if (f.handlerId) qb = qb.where('c.handler_id', '=', f.handlerId);
  if (f.unassigned) qb = qb.where('c.handler_id', 'is', null);
  if (f.receivedFrom) qb = qb.where(sql<boolean>`c.received_at >= (${f.receivedFrom}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`);
  if (f.receivedTo) qb = qb.where(sql<boolean>`c.received_at < ((${f.receivedTo}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`);
  if (f.overdue) qb = qb.where('c.answer_by', '<', today).where('c.status', 'in', ['registered', 'assigned', 'in_progress']);
  if (f.internal !== undefined) qb = qb.where('c.is_internal', '=', f.internal);
  if (f.q?.trim()) {
    const q = f.q.trim();
    qb = qb.where((eb) => eb.or([eb(sql`c.search`, '@@', sql`websearch_to_tsquery('swedish', ${q})`), eb('c.number', '=', q.toUpperCase())]));
  }
  return qb;
}

export async function listCases(db: Executor, actor: Actor, opts: ListOptions) {
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 200);
  const page = Math.max(opts.page ?? 1, 1);
  const base = applyFilter(scopeToActor(db.selectFrom('cases as c'), actor), opts.filter, opts.today);
  const [col, dir] = SORTS[opts.sort ?? 'received_desc'];
  const rows = await base
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .leftJoin('categories as a', 'a.id', 'c.area_id')
    .select([
      'c.id',
      'c.number',
      'c.status',
      'c.kind',
      'c.channel',
      'c.received_at',
      'c.answer_by',
      'c.acknowledge_by',
      'c.confidential',
      'c.is_internal',
      'c.unit_id',
      'c.handler_id',
      'u.name as unit_name',
      'h.name as handler_name',
      'a.name as area_name',
      sql<string>`left(c.description, 140)`.as('excerpt'),
    ])
    .orderBy(col, dir)
    .orderBy('c.id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize, page, pageSize };
}

export async function countCases(db: Executor, actor: Actor, filter: CaseFilter, today: string): Promise<number> {
  const row = await applyFilter(scopeToActor(db.selectFrom('cases as c'), actor), filter, today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
