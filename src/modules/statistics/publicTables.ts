import { KINDS, KIND_LABEL } from '../cases/labels.ts';
import { monthName, periodLabel } from './period.ts';
import { SMALL_GROUP, type StatisticsResult } from './result.ts';
import type { Cell, Table } from './tables.ts';

/**
 * The public statistics: aggregates only, no free text, no links into cases, nothing about
 * internal cases, and every count below five suppressed (shown as "färre än 5"), so that no
 * single case can be singled out.
 */
export const SUPPRESSED = 'färre än 5';

const pubCount = (n: number): Cell => (n > 0 && n < SMALL_GROUP ? { v: SUPPRESSED, kind: 'text' } : { v: n, kind: 'count' });
const pubShare = (ok: number, late: number): Cell => {
  const n = ok + late;
  if (n === 0) return { v: null, kind: 'percent' };
  if (n < SMALL_GROUP) return { v: SUPPRESSED, kind: 'text' };
  return { v: Math.round((1000 * ok) / n) / 10, kind: 'percent' };
};

export function publicMonthTable(r: StatisticsResult): Table {
  return {
    id: 'publik-per-manad',
    title: `Inkomna synpunkter per månad och typ, ${periodLabel(r.current.period)}`,
    head: ['Månad', ...KINDS.map((k) => KIND_LABEL[k]), 'Totalt'],
    rows: [
      ...r.months.map((m) => ({ header: monthName(m.month), cells: [...KINDS.map((k) => pubCount(m.byKind[k])), pubCount(m.total)] })),
      { header: 'Totalt', cells: [...KINDS.map((k) => pubCount(r.current.byKind[k])), pubCount(r.current.received)] },
    ],
  };
}

export function publicDeadlineTable(r: StatisticsResult): Table {
  const s = r.current;
  return {
    id: 'publik-tidsfrister',
    title: `Svar inom tidsfristen, ${periodLabel(s.period)}`,
    head: ['Mått', 'Värde'],
    rows: [
      { header: 'Andel bekräftade inom tidsfristen', cells: [pubShare(s.ackOk, s.ackLate)] },
      { header: 'Andel besvarade inom tidsfristen', cells: [pubShare(s.answerOk, s.answerLate)] },
      {
        header: 'Svarstid, median (arbetsdagar)',
        cells: [s.times.responseWorking.n < SMALL_GROUP ? { v: s.times.responseWorking.n === 0 ? null : SUPPRESSED, kind: 'text' } : { v: Math.round(s.times.responseWorking.median! * 10) / 10, kind: 'days' }],
      },
    ],
  };
}

export function publicGroupTable(r: StatisticsResult): Table {
  return {
    id: 'publik-per-forvaltning',
    title: `Per förvaltning, ${periodLabel(r.current.period)}`,
    head: ['Förvaltning', 'Inkomna', 'Andel besvarade inom tidsfristen', 'Svarstid, median (arbetsdagar)'],
    rows: r.groups.map((g) => ({
      header: g.label,
      cells: [
        pubCount(g.received),
        pubShare(g.answerOk, g.answerLate),
        g.responseWorking.n === 0 ? { v: null, kind: 'days' } : g.responseWorking.n < SMALL_GROUP ? { v: SUPPRESSED, kind: 'text' } : { v: Math.round(g.responseWorking.median! * 10) / 10, kind: 'days' },
      ],
    })),
  };
}
