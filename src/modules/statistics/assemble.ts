import type { CaseKind } from '../../db/schema.ts';
import { monthsIn, type Period } from './period.ts';
import { addTo, histogramCount, percentileCont } from './percentile.ts';
import { BACKLOG_BUCKETS, groupLabel, type Durations, type GroupRow, type MonthRow, type Names, type PeriodSummary, type StatisticsResult, type StatRequest, type SubcategoryRow } from './result.ts';
import type { MeasureKey } from './sqlParts.ts';

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

/** One row of counts from the queries: which set it belongs to, for which period, group and month. */
export type CountRow = { set: string; period: string; grp: string; key: string | null; month: string | null; n: number; ack_ok: number; ack_late: number; answer_ok: number; answer_late: number };
/** One histogram bin of days: measure 1–4 (see MEASURE_KEYS), days, how many cases. */
export type DaysRow = { set: string; period: string; gkey: string | null; measure: number; days: number; n: number };

/** Folds the query rows into the result every page, report and export reads. */
export function assemble(
  req: StatRequest,
  periods: { current: Period; previous: Period; lastYear: Period },
  names: Names,
  counts: CountRow[],
  days: DaysRow[],
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
    notHandled: 0,
    spam: 0,
    merged: 0,
    ackOk: 0,
    ackLate: 0,
    answerOk: 0,
    answerLate: 0,
    times: { responseCalendar: durations(new Map()), responseWorking: durations(new Map()), handlingCalendar: durations(new Map()), handlingWorking: durations(new Map()) },
    published: 0,
  });
  const sums: Record<string, PeriodSummary> = { current: summary(periods.current), previous: summary(periods.previous), lastYear: summary(periods.lastYear) };
  const months = new Map<string, MonthRow>();
  const monthRow = (m: string) => {
    const key = m.slice(0, 7);
    let r = months.get(key);
    if (!r) months.set(key, (r = { month: key, total: 0, byKind: emptyByKind(), byArea: {} }));
    return r;
  };
  for (const m of monthsIn(periods.current)) monthRow(m);
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
        else if (r.grp === 'not_handled') s.notHandled += r.n;
        else if (r.grp === 'spam') s.spam += r.n;
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
