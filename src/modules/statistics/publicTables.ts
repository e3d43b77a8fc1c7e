import type { Translator } from '../../platform/i18n/catalogue.ts';
import { KINDS } from '../cases/labels.ts';
import type { Period } from './period.ts';
import { SMALL_GROUP, type StatisticsResult } from './result.ts';
import { publicSuppression } from './suppression.ts';
import type { Cell, Table } from './tableModel.ts';

/**
 * The public statistics, in the reader's language: aggregates only, no free text, no links into
 * cases, nothing about internal cases, and every count below five suppressed (shown as "färre
 * än 5"), with enough others that none can be worked out from the totals (suppression.ts), so
 * that no single case can be singled out.
 */

const monthDate = (m: string) => new Date(`${m}-15T12:00:00Z`);

/** 'mars 2026', 'March 2026', 'مارس 2026' */
export const publicMonth = (i18n: Translator, m: string) => i18n.dateFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(monthDate(m));
export const publicMonthShort = (i18n: Translator, m: string) => i18n.dateFormat({ month: 'short', year: 'numeric', timeZone: 'UTC' }).format(monthDate(m));

/** 'januari–juni 2026' */
export function publicPeriod(i18n: Translator, p: Period): string {
  const f = i18n.dateFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' });
  return p.from === p.to ? f.format(monthDate(p.from)) : f.formatRange(monthDate(p.from), monthDate(p.to));
}

export function publicTables(r: StatisticsResult, i18n: Translator) {
  const { t } = i18n;
  const suppressed: Cell = { v: t('stats.public.suppressed'), kind: 'text' };
  const s = r.current;
  // Small counts hidden, and as many more as it takes that none can be worked out from the totals.
  const hide = publicSuppression(
    r.months.map((m) => ({ byKind: KINDS.map((k) => m.byKind[k]), total: m.total })),
    KINDS.map((k) => s.byKind[k]),
    s.received,
    r.groups.map((g) => g.received),
  );
  const count = (n: number, hidden: boolean): Cell => (hidden ? suppressed : { v: n, kind: 'count' });
  const share = (ok: number, late: number): Cell => {
    const n = ok + late;
    if (n === 0) return { v: null, kind: 'percent' };
    if (n < SMALL_GROUP) return suppressed;
    return { v: Math.round((1000 * ok) / n) / 10, kind: 'percent' };
  };
  const median = (d: { n: number; median: number | null }): Cell =>
    d.n === 0 ? { v: null, kind: 'days' } : d.n < SMALL_GROUP ? suppressed : { v: Math.round(d.median! * 10) / 10, kind: 'days' };
  const period = publicPeriod(i18n, r.current.period);
  const kinds = KINDS.map((k) => t(`kind.${k}`));

  const months: Table = {
    id: 'publik-per-manad',
    title: t('stats.public.months.title', { period }),
    head: [t('stats.public.month'), ...kinds, t('stats.public.total')],
    rows: [
      ...r.months.map((m, i) => ({ header: publicMonth(i18n, m.month), cells: [...KINDS.map((k, j) => count(m.byKind[k], hide.month(i, j))), count(m.total, hide.monthTotal(i))] })),
      { header: t('stats.public.total'), cells: [...KINDS.map((k, j) => count(s.byKind[k], hide.kindTotal(j))), count(s.received, hide.grand)] },
    ],
  };
  const deadlines: Table = {
    id: 'publik-tidsfrister',
    title: t('stats.public.deadlines.title', { period }),
    head: [t('stats.public.measure'), t('stats.public.value')],
    rows: [
      { header: t('stats.public.ackShare'), cells: [share(s.ackOk, s.ackLate)] },
      { header: t('stats.public.answerShare'), cells: [share(s.answerOk, s.answerLate)] },
      { header: t('stats.public.medianDays'), cells: [s.times.responseWorking.n === 0 ? { v: null, kind: 'text' } : median(s.times.responseWorking)] },
    ],
  };
  const groups: Table = {
    id: 'publik-per-forvaltning',
    title: t('stats.public.groups.title', { period }),
    head: [t('stats.public.unit'), t('stats.public.received'), t('stats.public.answerShare'), t('stats.public.medianDays')],
    rows: r.groups.map((g, i) => ({ header: g.key === 'none' ? t('stats.public.unassigned') : g.label, cells: [count(g.received, hide.group(i)), share(g.answerOk, g.answerLate), median(g.responseWorking)] })),
  };
  return { months, deadlines, groups, period };
}

/** A cell as the reader's language writes numbers: '87,5 %', '87.5%', '۸۷٫۵٪'. */
export function publicCellText(i18n: Translator, c: Cell): string {
  if (c.v === null) return '–';
  if (typeof c.v === 'string') return c.v;
  if (c.kind === 'percent') return i18n.number(c.v / 100, { style: 'percent', maximumFractionDigits: 1 });
  return i18n.number(c.v, { maximumFractionDigits: 1 });
}
