import { sql, type CompiledQuery, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import type { CaseKind, Channel, Database } from '../../db/schema.ts';
import { CHANNEL_LABEL, KIND_LABEL } from '../cases/labels.ts';
import { scopeToActor } from '../cases/listQueries.ts';
import { CONFIDENTIAL_ROLES, type Actor } from '../cases/policy.ts';
import { ensureStatisticsCalendar } from './calendar.ts';
import { firstDay, lastDay, previousPeriod, sameLastYear, type Period } from './period.ts';
import { addTo, histogramCount, percentileCont } from './percentile.ts';
import { ackStatusSql, answerStatusSql, type MeasureKey } from './sqlParts.ts';

/**
 * Every number on the statistics pages, the committee report, the exports and the public page
 * comes from computeStatistics(). It reads the monthly rollup for settled months where the
 * request allows it, and case_stats for everything else, in one snapshot; both give the same
 * numbers (rollup.test.ts recounts them from the cases table).
 */

export const GROUP_BYS = ['forvaltning', 'namnd', 'enhet', 'kind', 'area', 'subcategory', 'channel'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface StatFilter {
  /** A unit and its subtree. */
  unitId?: string;
  /** The förvaltningar of a nämnd. */
  committee?: string;
  kind?: CaseKind;
  areaId?: string;
  subcategoryId?: string;
  channel?: Channel;
}

/** Whose cases: one organization as a signed-in person sees it, or whole organizations (public page, benchmark). */
export type StatScope = { actor: Actor } | { organizationIds: string[]; includeConfidential: true };

export interface StatRequest {
  scope: StatScope;
  period: Period;
  filter: StatFilter;
  groupBy: GroupBy;
  /** 'YYYY-MM-DD' in Swedish time: open cases past a deadline are late from the day after. */
  today: string;
  /** false: count everything from case_stats (the tests compare both ways). */
  useRollup?: boolean;
  /** How many measures to list (the count covers all). */
  measureLimit?: number;
}

export interface Durations {
  n: number;
  median: number | null;
  p90: number | null;
}

export interface DeadlineCounts {
  ackOk: number;
  ackLate: number;
  answerOk: number;
  answerLate: number;
}

export interface PeriodSummary extends DeadlineCounts {
  period: Period;
  /** Synpunkter: not referred, not merged, not internal. */
  received: number;
  byKind: Record<CaseKind, number>;
  internal: number;
  referred: number;
  merged: number;
  times: Record<MeasureKey, Durations>;
}

export interface MonthRow {
  month: string;
  total: number;
  byKind: Record<CaseKind, number>;
  /** Area id ('none' for not yet classified) → count. */
  byArea: Record<string, number>;
}

export interface GroupRow extends DeadlineCounts {
  /** Id or code of the group; 'none' for cases without one (not yet routed or classified). */
  key: string;
  label: string;
  /** For nämnd groups: the förvaltningar in it. */
  members?: string[];
  received: number;
  responseWorking: Durations;
  handlingWorking: Durations;
}

export interface SubcategoryRow {
  key: string;
  label: string;
  forvaltning: string;
  current: number;
  previous: number;
  lastYear: number;
}

export interface BacklogBucket {
  label: string;
  /** Age in calendar days since received, inclusive; null = no upper bound. */
  minAge: number;
  maxAge: number | null;
  n: number;
}

export interface MeasureItem {
  number: string;
  closedOn: string;
  text: string;
  unit: string | null;
}

export interface Names {
  units: Map<string, { name: string; kind: string; committee: string | null; ancestorIds: string[]; sortOrder: number }>;
  areas: Map<string, string>;
  subcategories: Map<string, { name: string; unitId: string | null }>;
}

export interface StatisticsResult {
  request: StatRequest;
  current: PeriodSummary;
  previous: PeriodSummary;
  lastYear: PeriodSummary;
  months: MonthRow[];
  /** Areas that occur in the period, in the organization's order; 'none' last. */
  areas: { key: string; label: string }[];
  groups: GroupRow[];
  subcategories: SubcategoryRow[];
  referrals: { type: string; n: number }[];
  internalByKind: Record<CaseKind, number>;
  backlog: { buckets: BacklogBucket[]; total: number; overdue: number };
  measures: { count: number; cases: number; items: MeasureItem[] };
  names: Names;
  usedRollup: boolean;
}

/** Groups with fewer cases than this are marked: no one should read a trend into them. */
export const SMALL_GROUP = 5;

export const BACKLOG_BUCKETS: Omit<BacklogBucket, 'n'>[] = [
  { label: '0–10 dagar', minAge: 0, maxAge: 10 },
  { label: '11–30 dagar', minAge: 11, maxAge: 30 },
  { label: '31–90 dagar', minAge: 31, maxAge: 90 },
  { label: 'Mer än 90 dagar', minAge: 91, maxAge: null },
];

const OVERDUE_STATUSES = ['registered', 'assigned', 'in_progress'];

type WithC = Database & { c: Database['case_stats'] };
type StatsQB = SelectQueryBuilder<WithC, 'c', object>;

const emptyByKind = (): Record<CaseKind, number> => ({ klagomal: 0, fraga: 0, berom: 0, forslag: 0 });
const emptyTimes = (): Record<MeasureKey, Map<number, number>> => ({
  responseCalendar: new Map(),
  responseWorking: new Map(),
  handlingCalendar: new Map(),
  handlingWorking: new Map(),
});
const MEASURE_KEYS: Record<number, MeasureKey> = { 1: 'responseCalendar', 2: 'responseWorking', 3: 'handlingCalendar', 4: 'handlingWorking' };

export function durations(h: Map<number, number>): Durations {
  return { n: histogramCount(h), median: percentileCont(h, 0.5), p90: percentileCont(h, 0.9) };
}

export function organizationIdsOf(scope: StatScope): string[] {
  return 'actor' in scope ? [scope.actor.organizationId] : scope.organizationIds;
}

/** case_stats rows in scope and filter. Confidential cases follow the list's rules (scopeToActor). */
function scoped(db: Executor, scope: StatScope, filter: StatFilter): StatsQB {
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
function rawGroupKey(groupBy: GroupBy): RawBuilder<string | null> {
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
async function rollupAllowed(db: Executor, req: StatRequest, names: Names): Promise<{ ok: boolean; confidential: boolean }> {
  const no = { ok: false, confidential: false };
  if (req.useRollup === false) return no;
  if (req.groupBy !== 'forvaltning' && req.groupBy !== 'namnd') return no;
  const f = req.filter;
  if (f.kind || f.areaId || f.subcategoryId || f.channel) return no;
  if (f.unitId && names.units.get(f.unitId)?.ancestorIds.length !== 1) return no;
  if (!('actor' in req.scope)) return { ok: true, confidential: true };
  const actor = req.scope.actor;
  if (!actor.grants.some((g) => g.unitId === null)) return no;
  const confOrgWide = actor.grants.some((g) => g.unitId === null && CONFIDENTIAL_ROLES.includes(g.role));
  if (confOrgWide) return { ok: true, confidential: true };
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

export async function computeStatistics(db: Db, req: StatRequest): Promise<StatisticsResult> {
  await ensureStatisticsCalendar(db);
  const orgIds = organizationIdsOf(req.scope);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      await sql`SET LOCAL work_mem = '32MB'`.execute(tx);
      const names = await loadNames(tx, orgIds);
      const rollup = await rollupAllowed(tx, req, names);
      // Read from the rollup, the queries are many and small: parallel workers cost more than they bring.
      if (rollup.ok) await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(tx);
      const periods = { current: req.period, previous: previousPeriod(req.period), lastYear: sameLastYear(req.period) };
      const lo = firstDay([periods.previous.from, periods.lastYear.from].sort()[0]!);
      const hi = firstDay(periods.current.to);

      const periodsCte = sql`(VALUES
        ('current', ${firstDay(periods.current.from)}::date, ${firstDay(periods.current.to)}::date),
        ('previous', ${firstDay(periods.previous.from)}::date, ${firstDay(periods.previous.to)}::date),
        ('lastYear', ${firstDay(periods.lastYear.from)}::date, ${firstDay(periods.lastYear.to)}::date)) AS p(name, lo, hi)`;
      // Which settled months the rollup holds, read in this snapshot; every other month, and the
      // open cases of every month, are counted from case_stats.
      const validPairs = rollup.ok
        ? (await sql<{ organization_id: string; month: string }>`
            SELECT organization_id, month FROM statistics_months
            WHERE valid AND organization_id = ANY(${orgIds}::uuid[]) AND month BETWEEN ${lo}::date AND ${hi}::date`.execute(tx)).rows
        : [];
      const pairs = (ps: { organization_id: string; month: string }[]) =>
        sql`unnest(${ps.map((p) => p.organization_id)}::uuid[], ${ps.map((p) => p.month)}::date[])`;
      const validKeys = new Set(validPairs.map((p) => `${p.organization_id}|${p.month}`));
      const rawPairs: { organization_id: string; month: string }[] = [];
      for (const o of orgIds) for (let m = lo.slice(0, 7); m <= hi.slice(0, 7); m = nextMonth(m)) if (!validKeys.has(`${o}|${m}-01`)) rawPairs.push({ organization_id: o, month: `${m}-01` });
      const valid = sql`SELECT * FROM ${pairs(validPairs)} AS x(organization_id, month)`;
      const rollupWhere = sql.join(
        [
          rollup.confidential ? sql`true` : sql`NOT m.confidential`,
          req.filter.unitId ? sql`m.forvaltning_id = ${req.filter.unitId}::uuid` : sql`true`,
          req.filter.committee
            ? sql`m.forvaltning_id IN (SELECT id FROM org_units WHERE committee = ${req.filter.committee} AND organization_id = ANY(${orgIds}::uuid[]))`
            : sql`true`,
        ],
        sql` AND `,
      );
      const base = () => scoped(tx, req.scope, req.filter).leftJoin('org_units as u', 'u.id', 'c.unit_id');
      /** The case_stats rows not in the rollup: months it does not hold, and open cases. */
      const rawUnion = <T,>(select: (qb: ReturnType<typeof base>) => T) => {
        if (validPairs.length === 0) return sql`${select(base().where('c.received_month', '>=', lo).where('c.received_month', '<=', hi)) as never}`;
        // Organizations with the same months to count raw share one index condition; the
        // planner turns the OR into a bitmap scan of the (organization, month) index.
        const byMonths = new Map<string, { orgs: string[]; months: string[] }>();
        for (const o of orgIds) {
          const months = rawPairs.filter((p) => p.organization_id === o).map((p) => p.month);
          const key = months.join(',');
          const g = byMonths.get(key) ?? { orgs: [], months };
          g.orgs.push(o);
          byMonths.set(key, g);
        }
        const groups = [...byMonths.values()].filter((g) => g.months.length > 0);
        const a = base().where(
          groups.length === 0
            ? sql<boolean>`false`
            : sql<boolean>`(${sql.join(
                groups.map((g) => sql`(c.organization_id = ANY(${g.orgs}::uuid[]) AND c.received_month = ANY(${g.months}::date[]))`),
                sql` OR `,
              )})`,
        );
        const b = base().where('c.is_open', '=', true).where(sql<boolean>`(c.organization_id, c.received_month) IN (SELECT * FROM ${pairs(validPairs)} AS x(o, m))`);
        return sql`(${select(a) as never}) UNION ALL (${select(b) as never})`;
      };
      const inPeriods = (month: string) =>
        (Object.entries(periods) as [keyof typeof periods, Period][]).filter(([, p]) => month.slice(0, 7) >= p.from && month.slice(0, 7) <= p.to).map(([k]) => k);
      const curLo = firstDay(periods.current.from);
      const curHi = firstDay(periods.current.to);
      const ack = ackStatusSql(req.today);
      const answer = answerStatusSql(req.today);
      const rawSums = [
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(*) FILTER (WHERE ${ack} = 'ok')::int`.as('ack_ok'),
        sql<number>`count(*) FILTER (WHERE ${ack} = 'late')::int`.as('ack_late'),
        sql<number>`count(*) FILTER (WHERE ${answer} = 'ok')::int`.as('answer_ok'),
        sql<number>`count(*) FILTER (WHERE ${answer} = 'late')::int`.as('answer_late'),
      ];
      const rollupSums = sql`sum(m.received)::int AS n, sum(m.ack_ok)::int AS ack_ok, sum(m.ack_late)::int AS ack_late, sum(m.answer_ok)::int AS answer_ok, sum(m.answer_late)::int AS answer_late`;
      const outerSums = sql`sum(n)::int AS n, sum(ack_ok)::int AS ack_ok, sum(ack_late)::int AS ack_late, sum(answer_ok)::int AS answer_ok, sum(answer_late)::int AS answer_late`;
      const fromRollup = (table: string) => sql`FROM ${sql.table(table)} m JOIN (${valid}) v ON v.organization_id = m.organization_id AND v.month = m.month WHERE ${rollupWhere}`;
      type Sums = { n: number; ack_ok: number; ack_late: number; answer_ok: number; answer_late: number };

      // Per month and kind of case: totals, kinds, referrals, internal, the monthly chart.
      const byMonthQ = (ex: Executor) =>
        sql<Sums & { month: string; grp: string; referral_type: string | null; kind: string }>`
        SELECT month, grp, referral_type, kind, ${outerSums} FROM (
          SELECT m.month, m.grp, m.referral_type, m.kind, ${rollupSums} ${fromRollup('statistics_monthly')} GROUP BY 1, 2, 3, 4
          UNION ALL
          ${rawUnion((q) => q.select(['c.received_month as month', 'c.grp', 'c.referral_type', 'c.kind', ...rawSums]).groupBy(['c.received_month', 'c.grp', 'c.referral_type', 'c.kind']))}
        ) x GROUP BY 1, 2, 3, 4`.execute(ex);
      const byGroupQ = (ex: Executor) =>
        sql<Sums & { gkey: string | null }>`
        SELECT gkey, ${outerSums} FROM (
          SELECT m.forvaltning_id::text AS gkey, ${rollupSums} ${fromRollup('statistics_monthly')} AND m.grp = 'main' AND m.month BETWEEN ${curLo}::date AND ${curHi}::date GROUP BY 1
          UNION ALL
          ${rawUnion((q) => q.where('c.grp', '=', 'main').where('c.received_month', '>=', curLo).where('c.received_month', '<=', curHi).select([sql<string | null>`${rawGroupKey(req.groupBy)}`.as('gkey'), ...rawSums]).groupBy(sql`1`))}
        ) x GROUP BY 1`.execute(ex);
      const byAreaQ = (ex: Executor) =>
        sql<{ month: string; area: string | null; n: number }>`
        SELECT month, area, sum(n)::int AS n FROM (
          SELECT m.month, m.area_id::text AS area, sum(m.received)::int AS n ${fromRollup('statistics_monthly_areas')} AND m.month BETWEEN ${curLo}::date AND ${curHi}::date GROUP BY 1, 2
          UNION ALL
          ${rawUnion((q) => q.where('c.grp', '=', 'main').where('c.received_month', '>=', curLo).where('c.received_month', '<=', curHi).select(['c.received_month as month', sql<string | null>`c.area_id::text`.as('area'), sql<number>`count(*)::int`.as('n')]).groupBy(sql`1, 2`))}
        ) x GROUP BY 1, 2`.execute(ex);
      const bySubQ = (ex: Executor) =>
        sql<{ period: string; sub: string; n: number }>`
        SELECT p.name AS period, x.sub, sum(x.n)::int AS n FROM (
          SELECT m.month, m.subcategory_id::text AS sub, sum(m.received)::int AS n ${fromRollup('statistics_monthly_subcategories')} GROUP BY 1, 2
          UNION ALL
          ${rawUnion((q) => q.where('c.grp', '=', 'main').where('c.subcategory_id', 'is not', null).select(['c.received_month as month', sql<string>`c.subcategory_id::text`.as('sub'), sql<number>`count(*)::int`.as('n')]).groupBy(sql`1, 2`))}
        ) x JOIN ${periodsCte} ON x.month BETWEEN p.lo AND p.hi GROUP BY 1, 2`.execute(ex);
      const rawMeasures = (q: ReturnType<typeof base>) =>
        q
          .where('c.grp', '=', 'main')
          .select([
            'c.received_month as month',
            sql<string | null>`${rawGroupKey(req.groupBy)}`.as('gkey'),
            sql<number | null>`c.answered_on - c.received_on`.as('m1'),
            'c.response_wd as m2',
            sql<number | null>`c.closed_on - c.received_on`.as('m3'),
            'c.handling_wd as m4',
          ]);
      const unpivot = sql`CROSS JOIN LATERAL (VALUES (1::smallint, r.m1), (2::smallint, r.m2), (3::smallint, r.m3), (4::smallint, r.m4)) v(measure, days) WHERE v.days IS NOT NULL`;
      // Without a förvaltning filter the rollup's histograms without förvaltning are enough (and smaller).
      const daysTable = req.filter.unitId || req.filter.committee ? 'statistics_monthly_days' : 'statistics_monthly_days_total';
      const totalDaysQ = (ex: Executor) =>
        sql<{ period: string; measure: number; days: number; n: number }>`
        SELECT p.name AS period, x.measure, x.days, sum(x.n)::int AS n FROM (
          SELECT m.month, m.measure, m.days, sum(m.n)::int AS n ${fromRollup(daysTable)} GROUP BY 1, 2, 3
          UNION ALL
          SELECT r.month, v.measure, v.days, count(*)::int FROM (${rawUnion(rawMeasures)}) r ${unpivot} GROUP BY 1, 2, 3
        ) x JOIN ${periodsCte} ON x.month BETWEEN p.lo AND p.hi GROUP BY 1, 2, 3`.execute(ex);
      const groupDaysQ = (ex: Executor) =>
        sql<{ gkey: string | null; measure: number; days: number; n: number }>`
        SELECT gkey, measure, days, sum(n)::int AS n FROM (
          SELECT m.forvaltning_id::text AS gkey, m.measure, m.days, sum(m.n)::int AS n ${fromRollup('statistics_monthly_days')}
            AND m.measure IN (2, 4) AND m.month BETWEEN ${curLo}::date AND ${curHi}::date GROUP BY 1, 2, 3
          UNION ALL
          SELECT r.gkey, v.measure, v.days, count(*)::int FROM (${rawUnion((q) => rawMeasures(q).where('c.received_month', '>=', curLo).where('c.received_month', '<=', curHi))}) r ${unpivot}
            AND v.measure IN (2, 4) GROUP BY 1, 2, 3
        ) x GROUP BY 1, 2, 3`.execute(ex);

      const backlogQuery = scoped(tx, req.scope, req.filter)
        .where('c.is_open', '=', true)
        .where('c.grp', '=', 'main')
        .select([
          ...BACKLOG_BUCKETS.map((b, i) =>
            sql<number>`count(*) FILTER (WHERE ${req.today}::date - c.received_on >= ${b.minAge}${b.maxAge === null ? sql`` : sql` AND ${req.today}::date - c.received_on <= ${b.maxAge}`})::int`.as(`b${i}`),
          ),
          sql<number>`count(*) FILTER (WHERE c.status IN (${sql.join(OVERDUE_STATUSES)}) AND c.answer_by < ${req.today}::date)::int`.as('overdue'),
          sql<number>`count(*)::int`.as('total'),
        ]);

      const cur = periods.current;
      // case_stats.measures counts the measure events of each case (kept by a trigger on case_events).
      const measureBase = scoped(tx, req.scope, req.filter)
        .where('c.measures', '>', 0)
        .where('c.status', '=', 'closed')
        .where('c.closed_on', '>=', firstDay(cur.from))
        .where('c.closed_on', '<=', lastDay(cur.to));
      const measureCountQuery = measureBase.select([sql<number>`coalesce(sum(c.measures), 0)::int`.as('n'), sql<number>`count(*)::int`.as('cases')]);
      // The independent queries run side by side on further connections that share this
      // transaction's snapshot (pg_export_snapshot), so the numbers stay consistent.
      const snapshot = (await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(tx)).rows[0]!.id;
      const sharing = <T,>(fn: (ex: Executor) => Promise<T>) =>
        db
          .transaction()
          .setIsolationLevel('repeatable read')
          .setAccessMode('read only')
          .execute(async (tx2) => {
            await sql`SET TRANSACTION SNAPSHOT ${sql.lit(snapshot)}`.execute(tx2);
            await sql`SET LOCAL work_mem = '32MB'`.execute(tx2);
            if (rollup.ok) await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(tx2);
            return fn(tx2);
          });
      const one = async <R,>(ex: Executor, q: { compile(): CompiledQuery<R> }) => (await ex.executeQuery(q.compile())).rows[0]!;
      const [[byMonth, byGroup, backlogRow], [byArea, bySub, measureCount], [totalDays, groupDays]] = await Promise.all([
        sharing(async (ex) => [await byMonthQ(ex), await byGroupQ(ex), await one(ex, backlogQuery)] as const),
        sharing(async (ex) => [await byAreaQ(ex), await bySubQ(ex), await one(ex, measureCountQuery)] as const),
        (async () => [await totalDaysQ(tx), await groupDaysQ(tx)] as const)(),
      ]);

      type CountRow = Parameters<typeof assemble>[3][number];
      const counts: CountRow[] = [];
      for (const r of byMonth.rows) {
        for (const p of inPeriods(r.month)) {
          counts.push({ ...r, set: 'total', period: p, key: r.referral_type, month: null });
          if (r.grp === 'main' || r.grp === 'internal') counts.push({ ...r, set: 'kind', period: p, key: r.kind, month: null });
          if (p === 'current' && r.grp === 'main') counts.push({ ...r, set: 'month_kind', period: p, key: r.kind, month: r.month });
        }
      }
      const zero = { ack_ok: 0, ack_late: 0, answer_ok: 0, answer_late: 0 };
      for (const r of byGroup.rows) counts.push({ ...r, set: 'group', period: 'current', grp: 'main', key: r.gkey ?? 'none', month: null });
      for (const r of byArea.rows) counts.push({ ...zero, n: r.n, set: 'month_area', period: 'current', grp: 'main', key: r.area ?? 'none', month: r.month });
      for (const r of bySub.rows) counts.push({ ...zero, n: r.n, set: 'subcategory', period: r.period, grp: 'main', key: r.sub, month: null });
      const days = [
        ...totalDays.rows.map((r) => ({ ...r, set: 'total', gkey: null })),
        ...groupDays.rows.map((r) => ({ ...r, set: 'group', period: 'current', gkey: r.gkey ?? 'none' })),
      ];

      const latest = await measureBase.select(['c.case_id', 'c.closed_on']).orderBy('c.closed_on', 'desc').orderBy('c.case_id').limit(req.measureLimit ?? 50).execute();
      const measureItems =
        latest.length === 0
          ? []
          : await tx
              .selectFrom('case_events as e')
              .innerJoin('cases as k', 'k.id', 'e.case_id')
              .innerJoin('case_stats as c', 'c.case_id', 'e.case_id')
              .leftJoin('org_units as u', 'u.id', 'c.unit_id')
              .where('e.case_id', 'in', latest.map((l) => l.case_id))
              .where('e.type', '=', 'measure')
              .select(['k.number', 'c.closed_on', sql<string>`e.data->>'text'`.as('text'), 'u.name as unit'])
              .orderBy('c.closed_on', 'desc')
              .orderBy('k.number', 'desc')
              .orderBy('e.id', 'desc')
              .execute();
      return assemble(req, periods, names, counts, days, backlogRow as unknown as Record<string, number>, {
        count: measureCount.n,
        cases: measureCount.cases,
        items: measureItems.slice(0, req.measureLimit ?? 50).map((m) => ({ number: m.number, closedOn: m.closed_on!, text: m.text ?? '', unit: m.unit })),
      }, rollup.ok);
    });
}

function assemble(
  req: StatRequest,
  periods: { current: Period; previous: Period; lastYear: Period },
  names: Names,
  counts: { set: string; period: string; grp: string; key: string | null; month: string | null; n: number; ack_ok: number; ack_late: number; answer_ok: number; answer_late: number }[],
  days: { set: string; period: string; gkey: string | null; measure: number; days: number; n: number }[],
  backlogRow: Record<string, number>,
  measures: StatisticsResult['measures'],
  usedRollup: boolean,
): StatisticsResult {
  const summary = (period: Period): PeriodSummary => ({
    period,
    received: 0,
    byKind: emptyByKind(),
    internal: 0,
    referred: 0,
    merged: 0,
    ackOk: 0,
    ackLate: 0,
    answerOk: 0,
    answerLate: 0,
    times: { responseCalendar: durations(new Map()), responseWorking: durations(new Map()), handlingCalendar: durations(new Map()), handlingWorking: durations(new Map()) },
  });
  const sums: Record<string, PeriodSummary> = { current: summary(periods.current), previous: summary(periods.previous), lastYear: summary(periods.lastYear) };
  const months = new Map<string, MonthRow>();
  const monthRow = (m: string) => {
    const key = m.slice(0, 7);
    let r = months.get(key);
    if (!r) months.set(key, (r = { month: key, total: 0, byKind: emptyByKind(), byArea: {} }));
    return r;
  };
  for (const m of monthsOf(periods.current)) monthRow(m);
  const referrals = new Map<string, number>();
  const internalByKind = emptyByKind();
  const subs = new Map<string, SubcategoryRow>();
  const groups = new Map<string, GroupRow & { rw: Map<number, number>; hw: Map<number, number> }>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) {
      groups.set(key, (g = { key, label: '', received: 0, ackOk: 0, ackLate: 0, answerOk: 0, answerLate: 0, responseWorking: durations(new Map()), handlingWorking: durations(new Map()), rw: new Map(), hw: new Map() }));
    }
    return g;
  };
  const areaKeys = new Set<string>();

  for (const r of counts) {
    const s = sums[r.period]!;
    switch (r.set) {
      case 'total':
        if (r.grp === 'main') {
          s.received += r.n;
          s.ackOk += r.ack_ok;
          s.ackLate += r.ack_late;
          s.answerOk += r.answer_ok;
          s.answerLate += r.answer_late;
        } else if (r.grp === 'internal') s.internal += r.n;
        else if (r.grp === 'merged') s.merged += r.n;
        else if (r.grp === 'referral') {
          s.referred += r.n;
          if (r.period === 'current') referrals.set(r.key ?? 'other', (referrals.get(r.key ?? 'other') ?? 0) + r.n);
        }
        break;
      case 'kind':
        if (r.grp === 'main') s.byKind[r.key as CaseKind] += r.n;
        else if (r.period === 'current') internalByKind[r.key as CaseKind] += r.n;
        break;
      case 'month_kind': {
        const m = monthRow(r.month!);
        m.byKind[r.key as CaseKind] += r.n;
        m.total += r.n;
        break;
      }
      case 'month_area': {
        const m = monthRow(r.month!);
        m.byArea[r.key!] = (m.byArea[r.key!] ?? 0) + r.n;
        areaKeys.add(r.key!);
        break;
      }
      case 'subcategory': {
        let row = subs.get(r.key!);
        if (!row) {
          const sc = names.subcategories.get(r.key!);
          subs.set(r.key!, (row = { key: r.key!, label: sc?.name ?? 'Okänd underkategori', forvaltning: sc?.unitId ? (names.units.get(sc.unitId)?.name ?? '') : '', current: 0, previous: 0, lastYear: 0 }));
        }
        row[r.period as 'current' | 'previous' | 'lastYear'] += r.n;
        break;
      }
      case 'group': {
        const g = group(r.key!);
        g.received += r.n;
        g.ackOk += r.ack_ok;
        g.ackLate += r.ack_late;
        g.answerOk += r.answer_ok;
        g.answerLate += r.answer_late;
        break;
      }
    }
  }

  const times: Record<string, Record<MeasureKey, Map<number, number>>> = { current: emptyTimes(), previous: emptyTimes(), lastYear: emptyTimes() };
  for (const d of days) {
    if (d.set === 'total') addTo(times[d.period]![MEASURE_KEYS[d.measure]!], d.days, d.n);
    else {
      const g = group(d.gkey!);
      addTo(d.measure === 2 ? g.rw : g.hw, d.days, d.n);
    }
  }
  for (const [p, t] of Object.entries(times)) {
    for (const k of Object.keys(t) as MeasureKey[]) sums[p]!.times[k] = durations(t[k]);
  }

  // Nämnd: the förvaltningar's groups summed, histograms merged, so medians stay exact.
  let groupList = [...groups.values()];
  if (req.groupBy === 'namnd') {
    const byCommittee = new Map<string, GroupRow & { rw: Map<number, number>; hw: Map<number, number> }>();
    for (const g of groupList) {
      const committee = g.key === 'none' ? null : (names.units.get(g.key)?.committee ?? null);
      const key = committee ?? 'none';
      let c = byCommittee.get(key);
      if (!c) byCommittee.set(key, (c = { key, label: '', members: [], received: 0, ackOk: 0, ackLate: 0, answerOk: 0, answerLate: 0, responseWorking: durations(new Map()), handlingWorking: durations(new Map()), rw: new Map(), hw: new Map() }));
      if (g.key !== 'none') c.members!.push(names.units.get(g.key)?.name ?? g.key);
      c.received += g.received;
      c.ackOk += g.ackOk;
      c.ackLate += g.ackLate;
      c.answerOk += g.answerOk;
      c.answerLate += g.answerLate;
      for (const [v, n] of g.rw) addTo(c.rw, v, n);
      for (const [v, n] of g.hw) addTo(c.hw, v, n);
    }
    groupList = [...byCommittee.values()];
  }
  for (const g of groupList) {
    g.label = groupLabel(req.groupBy, g.key, names);
    g.responseWorking = durations(g.rw);
    g.handlingWorking = durations(g.hw);
  }
  const unitOrder = (key: string) => {
    const u = names.units.get(key);
    return u ? u.ancestorIds.map((a) => String(names.units.get(a)?.sortOrder ?? 0).padStart(4, '0')).join('.') : '~';
  };
  groupList.sort((a, b) =>
    a.key === 'none'
      ? 1
      : b.key === 'none'
        ? -1
        : (req.groupBy === 'forvaltning' || req.groupBy === 'enhet' ? unitOrder(a.key).localeCompare(unitOrder(b.key)) : b.received - a.received) ||
          a.label.localeCompare(b.label, 'sv') ||
          a.key.localeCompare(b.key),
  );
  for (const m of months.values()) m.byArea = Object.fromEntries(Object.entries(m.byArea).sort(([a], [b]) => a.localeCompare(b)));

  const areaOrder = [...names.areas.keys()];
  const areas = [...areaKeys]
    .sort((a, b) => (a === 'none' ? 1 : b === 'none' ? -1 : areaOrder.indexOf(a) - areaOrder.indexOf(b)))
    .map((key) => ({ key, label: key === 'none' ? 'Ej klassificerad' : (names.areas.get(key) ?? 'Okänt område') }));

  return {
    request: req,
    current: sums.current!,
    previous: sums.previous!,
    lastYear: sums.lastYear!,
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    areas,
    groups: groupList.map(({ rw: _rw, hw: _hw, ...g }) => g),
    subcategories: [...subs.values()].filter((s) => s.current > 0 || s.previous > 0).sort((a, b) => b.current - a.current || b.previous - a.previous || a.label.localeCompare(b.label, 'sv') || a.key.localeCompare(b.key)),
    referrals: [...referrals.entries()].map(([type, n]) => ({ type, n })).sort((a, b) => b.n - a.n || a.type.localeCompare(b.type)),
    internalByKind,
    backlog: {
      buckets: BACKLOG_BUCKETS.map((b, i) => ({ ...b, n: Number(backlogRow[`b${i}`] ?? 0) })),
      total: Number(backlogRow.total ?? 0),
      overdue: Number(backlogRow.overdue ?? 0),
    },
    measures,
    names,
    usedRollup,
  };
}

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

function monthsOf(p: Period): string[] {
  const out: string[] = [];
  for (let m = p.from; m <= p.to; ) {
    out.push(m);
    const y = Number(m.slice(0, 4));
    const mo = Number(m.slice(5, 7));
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return out;
}

export const CHANNEL_KEYS = ['web', 'email', 'phone', 'letter', 'visit', 'social_media', 'sms', 'paper_form', 'internal', 'api'] as const;

export function groupLabel(groupBy: GroupBy, key: string, names: Names): string {
  if (key === 'none') {
    return groupBy === 'namnd' || groupBy === 'forvaltning' || groupBy === 'enhet' ? 'Ej fördelade' : groupBy === 'subcategory' ? 'Utan underkategori' : 'Ej klassificerade';
  }
  switch (groupBy) {
    case 'namnd':
      return key;
    case 'forvaltning':
    case 'enhet': {
      const u = names.units.get(key);
      if (!u) return 'Okänd enhet';
      if (groupBy === 'enhet' && u.ancestorIds.length > 1) return `${u.name} (${names.units.get(u.ancestorIds[0]!)?.name ?? ''})`;
      return u.name;
    }
    case 'kind':
      return KIND_LABEL[key as CaseKind] ?? key;
    case 'area':
      return names.areas.get(key) ?? 'Okänt område';
    case 'subcategory':
      return names.subcategories.get(key)?.name ?? 'Okänd underkategori';
    case 'channel':
      return CHANNEL_LABEL[key as Channel] ?? key;
  }
}

