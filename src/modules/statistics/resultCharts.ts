import { sv } from '../../platform/i18n/catalogue.ts';
import { KINDS, KIND_LABEL } from '../cases/labels.ts';
import { chartRenderer } from './charts.ts';
import { comparisons } from './comparison.ts';
import { monthShort, periodLabel } from './period.ts';
import type { StatisticsResult } from './result.ts';
import { REFERRAL_LABEL } from './tables.ts';

/** The charts of a statistics result, each paired with a table in tables.ts. */
export interface ResultCharts {
  monthKind: string;
  monthArea: string;
  times: string;
  deadlines: string;
  groups: string;
  subcategories: string | null;
  backlog: string;
  referrals: string | null;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const pct = (ok: number, late: number) => (ok + late === 0 ? null : Math.round((1000 * ok) / (ok + late)) / 10);

export async function resultCharts(r: StatisticsResult, width = 720): Promise<ResultCharts> {
  const barChart = await chartRenderer();
  const months = r.months.map((m) => monthShort(m.month));
  const cs = comparisons(r);
  const one = cs.length === 1;
  const periods = [r.current, ...cs.map((c) => c.summary)];
  const periodNames = [sv('statistics.chart.current'), ...cs.map((c) => sv(`statistics.chart.${c.key}`))];
  const top = r.subcategories.slice(0, 10);
  return {
    monthKind: barChart(months, KINDS.map((k) => ({ name: KIND_LABEL[k], data: r.months.map((m) => m.byKind[k]) })), {
      label: sv('statistics.chart.monthKind', { period: periodLabel(r.current.period) }),
      stacked: true,
      width,
    }),
    monthArea: barChart(months, r.areas.map((a) => ({ name: a.label, data: r.months.map((m) => m.byArea[a.key] ?? 0) })), {
      label: sv('statistics.chart.monthArea', { period: periodLabel(r.current.period) }),
      stacked: true,
      width,
    }),
    times: barChart(
      [sv('statistics.chart.responseMedian'), sv('statistics.chart.responseP90'), sv('statistics.chart.handlingMedian'), sv('statistics.chart.handlingP90')],
      periods.map((p, i) => ({
        name: periodNames[i]!,
        data: [round1(p.times.responseWorking.median), round1(p.times.responseWorking.p90), round1(p.times.handlingWorking.median), round1(p.times.handlingWorking.p90)],
      })),
      { label: sv(one ? 'statistics.chart.timesOneComparison' : 'statistics.chart.times'), width },
    ),
    deadlines: barChart(
      [sv('statistics.chart.ackInTime'), sv('statistics.chart.answerInTime')],
      periods.map((p, i) => ({ name: periodNames[i]!, data: [pct(p.ackOk, p.ackLate), pct(p.answerOk, p.answerLate)] })),
      { label: sv(one ? 'statistics.chart.deadlinesOneComparison' : 'statistics.chart.deadlines'), percent: true, width },
    ),
    groups: barChart(
      r.groups.map((g) => g.label),
      [{ name: sv('statistics.chart.received'), data: r.groups.map((g) => g.received) }],
      { label: sv('statistics.chart.groups'), horizontal: true, width },
    ),
    subcategories:
      top.length === 0
        ? null
        : barChart(
            top.map((s) => s.label),
            [
              { name: periodNames[0]!, data: top.map((s) => s.current) },
              { name: periodNames[1]!, data: top.map((s) => s.previous) },
            ],
            { label: sv(one ? 'statistics.chart.subcategoriesOneComparison' : 'statistics.chart.subcategories'), horizontal: true, width },
          ),
    backlog: barChart(
      r.backlog.buckets.map((b) => b.label),
      [{ name: sv('statistics.chart.open'), data: r.backlog.buckets.map((b) => b.n) }],
      { label: sv('statistics.chart.backlog'), width, height: 260 },
    ),
    referrals:
      r.referrals.length === 0
        ? null
        : barChart(
            r.referrals.map((x) => REFERRAL_LABEL(x.type)),
            [{ name: sv('statistics.chart.referred'), data: r.referrals.map((x) => x.n) }],
            { label: sv('statistics.chart.referrals'), horizontal: true, width },
          ),
  };
}
