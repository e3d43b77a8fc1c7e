import { sv } from '../../platform/i18n/catalogue.ts';
import { KINDS, KIND_LABEL } from '../cases/labels.ts';
import { REFERRAL_TYPES } from '../cases/lifecycle.ts';
import type { CaseFilter } from '../cases/listQueries.ts';
import { comparisons } from './comparison.ts';
import { drill, MAIN, receivedIn } from './drilldown.ts';
import { firstDay, lastDay, monthName, periodLabel, type Period } from './period.ts';
import { SMALL_GROUP, type GroupBy, type PeriodSummary, type StatisticsResult } from './result.ts';
import { capitalize, count, days, share, type Cell, type Row, type Table } from './tableModel.ts';

/** The statistics of a result as tables (see tableModel.ts). */
export const GROUP_TITLE: Record<GroupBy, string> = {
  forvaltning: sv('statistics.table.group.forvaltning'),
  namnd: sv('statistics.table.group.namnd'),
  enhet: sv('statistics.table.group.enhet'),
  kind: sv('statistics.table.group.kind'),
  area: sv('statistics.table.group.area'),
  subcategory: sv('statistics.table.group.subcategory'),
  channel: sv('statistics.table.group.channel'),
};

export const REFERRAL_LABEL = (type: string): string => (REFERRAL_TYPES as Record<string, string>)[type] ?? sv('statistics.table.referrals.other');

/** The drill-down filter for one group row of the result's grouping. */
function groupFilter(groupBy: GroupBy, key: string): CaseFilter {
  if (groupBy === 'forvaltning') return { unitId: key };
  if (groupBy === 'namnd') return key === 'none' ? { unitId: 'none' } : { committee: key };
  if (groupBy === sv('statistics.table.group.enhet')) return key === 'none' ? { unitId: 'none' } : { unitExact: key };
  if (groupBy === 'kind') return { kind: [key] };
  if (groupBy === 'area') return { areaId: key };
  if (groupBy === 'subcategory') return { subcategoryId: key };
  return { channel: key };
}

export function summaryTable(r: StatisticsResult): Table {
  const ps: [PeriodSummary, Period][] = [[r.current, r.current.period], ...comparisons(r).map((c): [PeriodSummary, Period] => [c.summary, c.period])];
  const f = r.request.filter;
  const row = (header: string, cell: (s: PeriodSummary, p: Period) => Cell): Row => ({ header, cells: ps.map(([s, p]) => cell(s, p)) });
  return {
    id: 'sammanfattning',
    title: sv('statistics.table.summary.title'),
    head: [sv('statistics.table.measure'), ...periodHeads(r)],
    rows: [
      row(sv('statistics.table.summary.received'), (s, p) => count(s.received, drill(f, MAIN, receivedIn(p)))),
      ...KINDS.map((k) => row(sv('statistics.table.summary.ofWhich', { kind: KIND_LABEL[k].toLowerCase() }), (s, p) => count(s.byKind[k], drill(f, MAIN, receivedIn(p), { kind: [k] })))),
      row(sv('statistics.table.summary.answered'), (s, p) => count(s.times.responseWorking.n, drill(f, MAIN, receivedIn(p), { answered: true }))),
      row(sv('statistics.table.summary.responseMedianWorking'), (s) => days(s.times.responseWorking, 'median')),
      row(sv('statistics.table.summary.responseP90Working'), (s) => days(s.times.responseWorking, 'p90')),
      row(sv('statistics.table.summary.responseMedianCalendar'), (s) => days(s.times.responseCalendar, 'median')),
      row(sv('statistics.table.summary.responseP90Calendar'), (s) => days(s.times.responseCalendar, 'p90')),
      row(sv('statistics.table.summary.closed'), (s, p) => count(s.times.handlingWorking.n, drill(f, MAIN, receivedIn(p), { status: ['closed'] }))),
      row(sv('statistics.table.summary.handlingMedianWorking'), (s) => days(s.times.handlingWorking, 'median')),
      row(sv('statistics.table.summary.handlingP90Working'), (s) => days(s.times.handlingWorking, 'p90')),
      row(sv('statistics.table.summary.handlingMedianCalendar'), (s) => days(s.times.handlingCalendar, 'median')),
      row(sv('statistics.table.summary.handlingP90Calendar'), (s) => days(s.times.handlingCalendar, 'p90')),
      row(sv('statistics.table.summary.ackShare'), (s) => share(s.ackOk, s.ackLate)),
      row(sv('statistics.table.summary.ackOk'), (s, p) => count(s.ackOk, drill(f, MAIN, receivedIn(p), { deadline: 'ack_ok' }))),
      row(sv('statistics.table.summary.ackLate'), (s, p) => count(s.ackLate, drill(f, MAIN, receivedIn(p), { deadline: 'ack_late' }))),
      row(sv('statistics.table.summary.answerShare'), (s) => share(s.answerOk, s.answerLate)),
      row(sv('statistics.table.summary.answerOk'), (s, p) => count(s.answerOk, drill(f, MAIN, receivedIn(p), { deadline: 'answer_ok' }))),
      row(sv('statistics.table.summary.answerLate'), (s, p) => count(s.answerLate, drill(f, MAIN, receivedIn(p), { deadline: 'answer_late' }))),
      row(sv('statistics.table.summary.internal'), (s, p) => count(s.internal, drill(f, receivedIn(p), { internal: true, referral: 'none', merged: false, handled: true }))),
      row(sv('statistics.table.summary.referred'), (s, p) => count(s.referred, drill(f, receivedIn(p), { referral: 'any', merged: false }))),
      row(sv('statistics.table.summary.notHandled'), (s, p) => count(s.notHandled, drill(f, receivedIn(p), { merged: false, referral: 'none', handled: false, spam: false }))),
      row(sv('statistics.table.summary.spam'), (s, p) => count(s.spam, drill(f, receivedIn(p), { merged: false, referral: 'none', spam: true }))),
      row(sv('statistics.table.summary.merged'), (s, p) => count(s.merged, drill(f, receivedIn(p), { merged: true }))),
      row(sv('statistics.table.summary.published'), (s) => count(s.published)),
    ],
    note: sv('statistics.table.summary.note'),
  };
}

/** 'Vald period (…)', then one heading per comparison. */
function periodHeads(r: StatisticsResult): string[] {
  return [sv('statistics.table.currentPeriod', { period: periodLabel(r.current.period) }), ...comparisons(r).map((c) => sv(`statistics.table.${c.key}Period`, { period: periodLabel(c.period) }))];
}

export function monthKindTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const monthFilter = (m: string): CaseFilter => ({ receivedFrom: firstDay(m), receivedTo: lastDay(m) });
  return {
    id: 'per-manad-och-typ',
    title: sv('statistics.table.monthKind.title', { period: periodLabel(r.current.period) }),
    head: [sv('statistics.table.month'), ...KINDS.map((k) => KIND_LABEL[k]), sv('statistics.table.total')],
    rows: [
      ...r.months.map((m) => ({
        header: monthName(m.month),
        cells: [...KINDS.map((k) => count(m.byKind[k], drill(f, MAIN, monthFilter(m.month), { kind: [k] }))), count(m.total, drill(f, MAIN, monthFilter(m.month)))],
      })),
      {
        header: sv('statistics.table.total'),
        cells: [...KINDS.map((k) => count(r.current.byKind[k], drill(f, MAIN, receivedIn(r.current.period), { kind: [k] }))), count(r.current.received, drill(f, MAIN, receivedIn(r.current.period)))],
      },
    ],
  };
}

export function monthAreaTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const monthFilter = (m: string): CaseFilter => ({ receivedFrom: firstDay(m), receivedTo: lastDay(m) });
  return {
    id: 'per-manad-och-omrade',
    title: sv('statistics.table.monthArea.title', { period: periodLabel(r.current.period) }),
    head: [sv('statistics.table.month'), ...r.areas.map((a) => a.label), sv('statistics.table.total')],
    rows: [
      ...r.months.map((m) => ({
        header: monthName(m.month),
        cells: [...r.areas.map((a) => count(m.byArea[a.key] ?? 0, drill(f, MAIN, monthFilter(m.month), { areaId: a.key }))), count(m.total, drill(f, MAIN, monthFilter(m.month)))],
      })),
      {
        header: sv('statistics.table.total'),
        cells: [
          ...r.areas.map((a) => count(r.months.reduce((s, m) => s + (m.byArea[a.key] ?? 0), 0), drill(f, MAIN, receivedIn(r.current.period), { areaId: a.key }))),
          count(r.current.received, drill(f, MAIN, receivedIn(r.current.period))),
        ],
      },
    ],
    note: sv('statistics.table.monthArea.note'),
  };
}

export function timesTable(r: StatisticsResult): Table {
  const cs = comparisons(r);
  const ps = [r.current, ...cs.map((c) => c.summary)];
  const f = r.request.filter;
  const rows: Row[] = [];
  for (const [measure, label, filter] of [
    ['responseWorking', sv('statistics.table.times.responseWorking'), { answered: true }],
    ['responseCalendar', sv('statistics.table.times.responseCalendar'), { answered: true }],
    ['handlingWorking', sv('statistics.table.times.handlingWorking'), { status: ['closed'] }],
    ['handlingCalendar', sv('statistics.table.times.handlingCalendar'), { status: ['closed'] }],
  ] as const) {
    rows.push({
      header: label,
      cells: ps.flatMap((s) => [count(s.times[measure].n, drill(f, MAIN, receivedIn(s.period), filter as CaseFilter)), days(s.times[measure], 'median'), days(s.times[measure], 'p90')]),
    });
  }
  const head = [sv('statistics.table.measure')];
  for (const period of ['current' as const, ...cs.map((c) => c.key)]) {
    head.push(sv(`statistics.table.times.count.${period}`), sv(`statistics.table.times.median.${period}`), sv(`statistics.table.times.p90.${period}`));
  }
  return { id: 'svarstider', title: sv('statistics.table.times.title'), head, rows };
}

export function deadlineTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const ps = [r.current, ...comparisons(r).map((c) => c.summary)];
  const heads = periodHeads(r);
  return {
    id: 'tidsfrister',
    title: sv('statistics.table.deadlines.title'),
    head: [sv('statistics.table.deadlines.period'), sv('statistics.table.deadlines.ackOk'), sv('statistics.table.deadlines.ackLate'), sv('statistics.table.deadlines.ackShare'), sv('statistics.table.deadlines.answerOk'), sv('statistics.table.deadlines.answerLate'), sv('statistics.table.deadlines.answerShare')],
    rows: ps.map((s, i) => ({
      header: heads[i]!,
      cells: [
        count(s.ackOk, drill(f, MAIN, receivedIn(s.period), { deadline: 'ack_ok' })),
        count(s.ackLate, drill(f, MAIN, receivedIn(s.period), { deadline: 'ack_late' })),
        share(s.ackOk, s.ackLate),
        count(s.answerOk, drill(f, MAIN, receivedIn(s.period), { deadline: 'answer_ok' })),
        count(s.answerLate, drill(f, MAIN, receivedIn(s.period), { deadline: 'answer_late' })),
        share(s.answerOk, s.answerLate),
      ],
    })),
    note: sv('statistics.table.deadlines.note'),
  };
}

export function groupTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const g = r.request.groupBy;
  const p = r.current.period;
  return {
    id: 'per-grupp',
    title: sv('statistics.table.groups.title', { group: GROUP_TITLE[g], period: periodLabel(p) }),
    head: [capitalize(GROUP_TITLE[g]), sv('statistics.table.groups.received'), sv('statistics.table.deadlines.ackShare'), sv('statistics.table.deadlines.answerShare'), sv('statistics.table.summary.responseMedianWorking'), sv('statistics.table.summary.handlingMedianWorking')],
    rows: r.groups.map((row) => ({
      header: row.members?.length ? `${row.label} (${row.members.join(', ')})` : row.label,
      few: row.received < SMALL_GROUP,
      cells: [count(row.received, drill(f, MAIN, receivedIn(p), groupFilter(g, row.key))), share(row.ackOk, row.ackLate), share(row.answerOk, row.answerLate), days(row.responseWorking, 'median'), days(row.handlingWorking, 'median')],
    })),
  };
}

export function subcategoryTable(r: StatisticsResult, limit = 10): Table {
  const f = r.request.filter;
  const few = (n: number) => n > 0 && n < SMALL_GROUP;
  const cs = comparisons(r);
  return {
    id: 'underkategorier',
    title: sv('statistics.table.subcategories.title', { period: periodLabel(r.current.period) }),
    head: [sv('statistics.table.subcategories.subcategory'), sv('statistics.table.subcategories.department'), sv('statistics.table.current'), ...cs.map((c) => sv(`statistics.table.${c.key}`)), sv('statistics.table.subcategories.change')],
    rows: r.subcategories.slice(0, limit).map((s) => ({
      header: s.label,
      few: few(s.current),
      cells: [
        { v: s.forvaltning, kind: 'text' },
        count(s.current, drill(f, MAIN, receivedIn(r.current.period), { subcategoryId: s.key })),
        ...cs.map((c) => count(c.key === 'lastYear' ? s.lastYear : s.previous, drill(f, MAIN, receivedIn(c.period), { subcategoryId: s.key }))),
        { v: trend(s.current, s.previous), kind: 'text' },
      ],
    })),
    note: sv('statistics.table.subcategories.note'),
  };
}

export function trend(now: number, before: number): string {
  if (before === 0) return now === 0 ? sv('statistics.table.trend.unchanged') : sv('statistics.table.trend.new');
  const d = now - before;
  if (d === 0) return sv('statistics.table.trend.unchanged');
  return sv('statistics.table.trend.change', { direction: d > 0 ? 'up' : 'down', n: Math.abs(d), percent: Math.round((100 * Math.abs(d)) / before) });
}

export function referralTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const p = r.current.period;
  return {
    id: 'hanvisningar',
    title: sv('statistics.table.referrals.title', { period: periodLabel(p) }),
    head: [sv('statistics.table.referrals.type'), sv('statistics.table.count')],
    rows: [
      ...r.referrals.map((x) => ({ header: sv('statistics.table.referrals.referred', { type: REFERRAL_LABEL(x.type) }), few: x.n < SMALL_GROUP, cells: [count(x.n, drill(f, receivedIn(p), { referral: x.type, merged: false }))] })),
      ...KINDS.filter((k) => r.internalByKind[k] > 0).map((k) => ({
        header: sv('statistics.table.referrals.internal', { kind: KIND_LABEL[k].toLowerCase() }),
        few: r.internalByKind[k] < SMALL_GROUP,
        cells: [count(r.internalByKind[k], drill(f, receivedIn(p), { internal: true, referral: 'none', merged: false, handled: true, kind: [k] }))],
      })),
      { header: sv('statistics.table.referrals.notHandled'), cells: [count(r.current.notHandled, drill(f, receivedIn(p), { merged: false, referral: 'none', handled: false, spam: false }))] },
      { header: sv('statistics.table.referrals.spam'), cells: [count(r.current.spam, drill(f, receivedIn(p), { merged: false, referral: 'none', spam: true }))] },
      { header: sv('statistics.table.referrals.merged'), cells: [count(r.current.merged, drill(f, receivedIn(p), { merged: true }))] },
    ],
    note: sv('statistics.table.referrals.note'),
  };
}

export function backlogTable(r: StatisticsResult): Table {
  const f = r.request.filter;
  const today = r.request.today;
  const ageFilter = (minAge: number, maxAge: number | null): CaseFilter => ({
    ...(maxAge === null ? {} : { receivedFrom: addDays(today, -maxAge) }),
    receivedTo: addDays(today, -minAge),
  });
  return {
    id: 'oppna-arenden',
    title: sv('statistics.table.backlog.title', { today }),
    head: [sv('statistics.table.backlog.age'), sv('statistics.table.count')],
    rows: [
      ...r.backlog.buckets.map((b) => ({ header: b.label, cells: [count(b.n, drill(f, MAIN, { open: true }, ageFilter(b.minAge, b.maxAge)))] })),
      { header: sv('statistics.table.backlog.allOpen'), cells: [count(r.backlog.total, drill(f, MAIN, { open: true }))] },
      { header: sv('statistics.table.backlog.overdue'), cells: [count(r.backlog.overdue, drill(f, MAIN, { overdue: true }))] },
    ],
    note: sv('statistics.table.backlog.note'),
  };
}

export function measuresTable(r: StatisticsResult): Table {
  return {
    id: 'atgarder',
    title: sv('statistics.table.measures.title', { period: periodLabel(r.current.period) }),
    head: [sv('statistics.table.measures.case'), sv('statistics.table.measures.closed'), sv('statistics.table.measures.unit'), sv('statistics.table.measures.measure')],
    rows: r.measures.items.map((m) => ({ header: m.number, cells: [{ v: m.closedOn, kind: 'text' }, { v: m.unit ?? '', kind: 'text' }, { v: m.text, kind: 'text' }] })),
    note:
      r.measures.count > r.measures.items.length
        ? sv('statistics.table.measures.note', { shown: r.measures.items.length, count: r.measures.count })
        : undefined,
  };
}

/** The drill-down filter behind the measure count. */
export function measuresFilter(r: StatisticsResult): CaseFilter {
  return drill(r.request.filter, { status: ['closed'], closedFrom: firstDay(r.current.period.from), closedTo: lastDay(r.current.period.to), hasMeasure: true });
}

export function allTables(r: StatisticsResult): Table[] {
  return [summaryTable(r), monthKindTable(r), monthAreaTable(r), timesTable(r), deadlineTable(r), groupTable(r), subcategoryTable(r, 1000), referralTable(r), backlogTable(r), measuresTable(r)];
}

export const TABLE_IDS = ['sammanfattning', 'per-manad-och-typ', 'per-manad-och-omrade', 'svarstider', 'tidsfrister', 'per-grupp', 'underkategorier', 'hanvisningar', 'oppna-arenden', 'atgarder'] as const;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
