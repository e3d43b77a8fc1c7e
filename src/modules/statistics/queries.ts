import { sql, type CompiledQuery } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import { assemble, type CountRow } from './assemble.ts';
import { ensureStatisticsCalendar } from './calendar.ts';
import { addMonths, firstDay, lastDay, previousPeriod, sameLastYear, type Period } from './period.ts';
import { BACKLOG_BUCKETS, type StatisticsResult, type StatRequest } from './result.ts';
import { loadNames, organizationIdsOf, rawGroupKey, rollupAllowed, scoped } from './scope.ts';
import { ackStatusSql, answerStatusSql } from './sqlParts.ts';

/**
 * Every number on the statistics pages, the committee report, the exports and the public page
 * comes from computeStatistics(). It reads the monthly rollup for settled months where the
 * request allows it, and case_stats for everything else, in one snapshot; both give the same
 * numbers (rollup.test.ts recounts them from the cases table).
 */

const OVERDUE_STATUSES = ['registered', 'assigned', 'in_progress'];

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
      for (const o of orgIds) for (let m = lo.slice(0, 7); m <= hi.slice(0, 7); m = addMonths(m, 1)) if (!validKeys.has(`${o}|${m}-01`)) rawPairs.push({ organization_id: o, month: `${m}-01` });
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

      // Published answers count in the period they were first published, whether withdrawn or disposed of since (the row stays).
      const swedishDay = sql`(pb.first_published_at AT TIME ZONE 'Europe/Stockholm')::date`;
      const inPeriod = (p: Period) => sql<number>`count(*) FILTER (WHERE ${swedishDay} BETWEEN ${firstDay(p.from)}::date AND ${lastDay(p.to)}::date)::int`;
      const published = await scoped(tx, req.scope, req.filter)
        .innerJoin('publications as pb', 'pb.case_id', 'c.case_id')
        .where('pb.organization_id', 'in', orgIds)
        .where('pb.first_published_at', '>=', sql<Date>`(${lo}::date - 1)::timestamptz`)
        .where('pb.first_published_at', '<', sql<Date>`(${lastDay(periods.current.to)}::date + 2)::timestamptz`)
        .select([inPeriod(periods.current).as('current'), inPeriod(periods.previous).as('previous'), inPeriod(periods.lastYear).as('lastYear')])
        .executeTakeFirstOrThrow();

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
      const result = assemble(req, periods, names, counts, days, backlogRow as unknown as Record<string, number>, {
        count: measureCount.n,
        cases: measureCount.cases,
        items: measureItems.slice(0, req.measureLimit ?? 50).map((m) => ({ number: m.number, closedOn: m.closed_on!, text: m.text ?? '', unit: m.unit })),
      }, rollup.ok);
      result.current.published = published.current;
      result.previous.published = published.previous;
      result.lastYear.published = published.lastYear;
      return result;
    });
}
