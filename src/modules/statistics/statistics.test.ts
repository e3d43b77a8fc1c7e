import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, WorkingCalendar } from '../../platform/calendar.ts';
import { calendarRows } from './calendar.ts';
import type { StatisticsResult } from './result.ts';
import { refreshStatistics } from './rollup.ts';
import { allTables } from './tables.ts';
import { FEW_TEXT } from './tableModel.ts';
import { t, fx, actors, TODAY, stats, withStatisticsWorld } from './statisticsWorld.ts';

withStatisticsWorld();

describe('the working-day calendar in the database', () => {
  it('agrees with WorkingCalendar, day by day, for 2024–2030', () => {
    const cal = new WorkingCalendar();
    const rows = calendarRows('2024-01-01', '2030-12-31');
    for (const r of rows) expect(r.working, r.day).toBe(cal.isWorkingDay(r.day));
    // Spans: the same count as WorkingCalendar.workingDaysBetween, the day of receipt being day 0.
    const through = new Map(rows.map((r) => [r.day, r]));
    for (const [from, to] of [['2026-04-02', '2026-04-07'], ['2026-06-19', '2026-06-24'], ['2026-12-23', '2027-01-08']] as const) {
      expect(through.get(to)!.wd_through - through.get(from)!.wd_through).toBe(cal.workingDaysBetween(from, to));
    }
  });

  it('counts working days in SQL as the deadlines do, closure days included', async () => {
    const wd = async (from: string, to: string) =>
      (await sql<{ n: number }>`SELECT statistics_working_days(${t.orgId}::uuid, ${from}::date, ${to}::date) AS n`.execute(t.db)).rows[0]!.n;
    // Make sure the calendar is there (the statistics fill it on first use).
    await stats(actors.admin!);
    expect(await wd('2026-04-02', '2026-04-07')).toBe(1); // Easter
    // Received on a day off, that day is day 0 (DOMAIN rule 13): midsommarafton → 22, 23, 24 June.
    expect(await wd('2026-06-19', '2026-06-24')).toBe(3);
    expect(await wd('2030-11-02', '2030-11-15')).toBe(10); // received Saturday, answered on the 10th working day
    expect(await wd('2026-11-28', '2026-11-30')).toBe(1);
    expect(await wd('2026-12-22', '2027-01-12')).toBe(10); // the deadline example in issue 4
    expect(await wd('2026-05-05', '2026-05-05')).toBe(0);
    await t.db.insertInto('closure_days').values({ organization_id: t.orgId, day: '2026-04-08', description: 'Klämdag' }).execute();
    expect(await wd('2026-04-02', '2026-04-09')).toBe(2); // 7, (8 closed), 9
    await t.db.deleteFrom('closure_days').where('organization_id', '=', t.orgId).execute();
    expect(await wd('2026-04-02', '2026-04-09')).toBe(3);
    const cal = new WorkingCalendar();
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addCalendarDays(d, 17)) {
      expect(await wd(d, addCalendarDays(d, 30)), d).toBe(cal.workingDaysBetween(d, addCalendarDays(d, 30)));
    }
  });
});

describe('numbers on the fixed data set', () => {
  let r: StatisticsResult;
  beforeAll(async () => {
    r = await stats(actors.admin!, { useRollup: false });
  });

  it('counts synpunkter received, by kind, keeping referrals, duplicates and internal cases apart', () => {
    expect(r.current.received).toBe(7); // A B C D E I K
    expect(r.current.byKind).toEqual({ klagomal: 4, fraga: 2, berom: 1, forslag: 0 });
    expect(r.current.internal).toBe(1);
    expect(r.current.referred).toBe(1);
    expect(r.current.merged).toBe(1);
    expect(r.current.notHandled).toBe(1); // L
    expect(r.current.spam).toBe(1); // M
    expect(r.referrals).toEqual([{ type: 'fault_report', n: 1 }]);
    expect(r.previous.received).toBe(1);
    expect(r.lastYear.received).toBe(1);
    expect(r.months.find((m) => m.month === '2026-04')!.byKind.klagomal).toBe(1);
    expect(r.months.find((m) => m.month === '2026-12')!.total).toBe(2);
  });

  it('computes response and handling times in working and calendar days across holidays', () => {
    // B, received on midsommarafton (day 0) and answered on 24 June, took 3 working days.
    expect(r.current.times.responseWorking).toEqual({ n: 3, median: 3, p90: 3.8 }); // 1, 3, 4
    expect(r.current.times.responseCalendar.median).toBe(5); // 5, 5, 6
    expect(r.current.times.responseCalendar.p90).toBeCloseTo(5.8);
    expect(r.current.times.handlingWorking.median).toBe(2.5); // 1, 2, 3, 8
    expect(r.current.times.handlingWorking.p90).toBeCloseTo(6.5);
    expect(r.current.times.handlingCalendar).toMatchObject({ n: 4, median: 5.5 }); // 1, 5, 6, 10
    expect(r.current.times.handlingCalendar.p90).toBeCloseTo(8.8);
    expect(r.previous.times.responseWorking).toEqual({ n: 1, median: 1, p90: 1 });
  });

  it('counts deadlines kept, late and still open', () => {
    expect([r.current.ackOk, r.current.ackLate]).toEqual([3, 0]); // A, B (by the answer), D
    expect([r.current.answerOk, r.current.answerLate]).toEqual([3, 1]); // A, B, I in time; D open and overdue
  });

  it('shows the open backlog by age and the overdue cases', () => {
    expect(r.backlog.buckets.map((b) => b.n)).toEqual([2, 0, 1, 0]); // C and K; D (82 days)
    expect(r.backlog.total).toBe(3);
    expect(r.backlog.overdue).toBe(1);
  });

  it('lists the measures recorded on cases closed in the period', () => {
    expect(r.measures.count).toBe(1);
    expect(r.measures.items[0]).toMatchObject({ number: fx.cases.A!.number, closedOn: '2026-04-08', text: 'Rutinen för lämning och hämtning har setts över.' });
  });

  it('groups by förvaltning and marks groups with fewer than five cases', () => {
    const byLabel = Object.fromEntries(r.groups.map((g) => [g.label, g.received]));
    expect(byLabel).toEqual({ 'Barn och utbildning': 4, Samhällsbyggnad: 2, 'Ej fördelade': 1 });
    const table = allTables(r).find((x) => x.id === 'per-grupp')!;
    expect(table.rows.every((row) => row.few)).toBe(true);
    expect(FEW_TEXT).toBe('färre än 5 – dra inga slutsatser');
  });

  it('gives the same numbers from the monthly rollup as from the cases themselves', async () => {
    expect(await refreshStatistics(t.db, TODAY)).toBeGreaterThan(0);
    for (const who of ['admin', 'reader'] as const) {
      const viaRollup = await stats(actors[who]!);
      const plain = await stats(actors[who]!, { useRollup: false });
      expect(viaRollup.usedRollup).toBe(true);
      expect(strip(viaRollup)).toEqual(strip(plain));
    }
  });

  it('stays exact when a case in a rolled-up month changes, before and after the next refresh', async () => {
    await refreshStatistics(t.db, TODAY);
    // E (May) is reopened: it is open again, its handling time no longer counts.
    await t.db.updateTable('cases').set({ status: 'in_progress', closed_at: null }).where('id', '=', fx.cases.E!.id).execute();
    const months = await t.db.selectFrom('statistics_months').select(['month', 'valid']).where('organization_id', '=', t.orgId).where('month', '=', '2026-05-01').executeTakeFirstOrThrow();
    expect(months.valid).toBe(false);
    const before = await stats(actors.admin!);
    expect(before.current.times.handlingWorking.n).toBe(3);
    expect(strip(before)).toEqual(strip(await stats(actors.admin!, { useRollup: false })));
    await refreshStatistics(t.db, TODAY);
    expect(strip(await stats(actors.admin!))).toEqual(strip(before));
    await t.db.updateTable('cases').set({ status: 'closed', closed_at: new Date('2026-05-06T10:00:00+02:00') }).where('id', '=', fx.cases.E!.id).execute();
    await refreshStatistics(t.db, TODAY);
  });

  it('matches a plain recount from the cases table', async () => {
    const cal = new WorkingCalendar();
    const rows = await sql<{ received: string; answered: string | null; status: string; merged_into_id: string | null; referral_type: string | null; is_internal: boolean }>`
      SELECT to_char(received_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS received,
             to_char(first_answered_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS answered, status, merged_into_id, referral_type, is_internal
      FROM cases WHERE organization_id = ${t.orgId}`.execute(t.db);
    const main = rows.rows.filter((c) => c.received.startsWith('2026') && !c.merged_into_id && c.status !== 'merged' && !c.referral_type && !c.is_internal && c.status !== 'not_handled');
    const wd = main.filter((c) => c.answered).map((c) => cal.workingDaysBetween(c.received, c.answered!)).sort((a, b) => a - b);
    const r2 = await stats(actors.admin!);
    expect(r2.current.received).toBe(main.length);
    expect(r2.current.times.responseWorking.n).toBe(wd.length);
    expect(r2.current.times.responseWorking.median).toBe(wd[1]);
  });
});

/** The numbers without the request and the flag saying where they came from. */
function strip(r: StatisticsResult) {
  const { request: _r, usedRollup: _u, names: _n, ...rest } = r;
  return rest;
}

describe('scoping per role', () => {
  it('shows each role only the cases it may see, confidential ones included only for those who may', async () => {
    expect((await stats(actors.admin!)).current.received).toBe(7);
    const reader = await stats(actors.reader!);
    expect(reader.current.received).toBe(6); // not the confidential I
    expect(reader.current.times.responseWorking).toMatchObject({ n: 2, median: 2 }); // A 1, B 3
    expect((await stats(actors.bou!)).current.received).toBe(4); // A C D I: a coordinator sees confidential cases in the förvaltning
    expect((await stats(actors.forskola!)).current.received).toBe(3); // A C D
    const sbf = await stats(actors.sbf!);
    expect(sbf.current.received).toBe(2); // B E
    expect(sbf.current.internal).toBe(1); // H
    expect(sbf.measures.count).toBe(0);
  });
});
