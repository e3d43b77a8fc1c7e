import { KINDS, KIND_LABEL } from '../cases/labels.ts';
import { chartRenderer } from './charts.ts';
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
  const periods = [r.current, r.previous, r.lastYear];
  const periodNames = ['Vald period', 'Föregående period', 'Samma period förra året'];
  const top = r.subcategories.slice(0, 10);
  return {
    monthKind: barChart(months, KINDS.map((k) => ({ name: KIND_LABEL[k], data: r.months.map((m) => m.byKind[k]) })), {
      label: `Stapeldiagram: inkomna synpunkter per månad, uppdelat på typ, ${periodLabel(r.current.period)}.`,
      stacked: true,
      width,
    }),
    monthArea: barChart(months, r.areas.map((a) => ({ name: a.label, data: r.months.map((m) => m.byArea[a.key] ?? 0) })), {
      label: `Stapeldiagram: inkomna synpunkter per månad, uppdelat på område, ${periodLabel(r.current.period)}.`,
      stacked: true,
      width,
    }),
    times: barChart(
      ['Svarstid\nmedian', 'Svarstid\n90:e percentilen', 'Handläggningstid\nmedian', 'Handläggningstid\n90:e percentilen'],
      periods.map((p, i) => ({
        name: periodNames[i]!,
        data: [round1(p.times.responseWorking.median), round1(p.times.responseWorking.p90), round1(p.times.handlingWorking.median), round1(p.times.handlingWorking.p90)],
      })),
      { label: 'Stapeldiagram: svarstid och handläggningstid i arbetsdagar, vald period jämförd med föregående period och samma period förra året.', width },
    ),
    deadlines: barChart(
      ['Bekräftade i tid', 'Besvarade i tid'],
      periods.map((p, i) => ({ name: periodNames[i]!, data: [pct(p.ackOk, p.ackLate), pct(p.answerOk, p.answerLate)] })),
      { label: 'Stapeldiagram: andel bekräftade och besvarade inom tidsfristen i procent, för tre perioder.', percent: true, width },
    ),
    groups: barChart(
      r.groups.map((g) => g.label),
      [{ name: 'Inkomna', data: r.groups.map((g) => g.received) }],
      { label: 'Liggande stapeldiagram: inkomna synpunkter per grupp under vald period.', horizontal: true, width },
    ),
    subcategories:
      top.length === 0
        ? null
        : barChart(
            top.map((s) => s.label),
            [
              { name: 'Vald period', data: top.map((s) => s.current) },
              { name: 'Föregående period', data: top.map((s) => s.previous) },
            ],
            { label: 'Liggande stapeldiagram: de vanligaste underkategorierna, vald period jämförd med föregående period.', horizontal: true, width },
          ),
    backlog: barChart(
      r.backlog.buckets.map((b) => b.label),
      [{ name: 'Öppna', data: r.backlog.buckets.map((b) => b.n) }],
      { label: 'Stapeldiagram: öppna synpunkter efter hur många dagar sedan de kom in.', width, height: 260 },
    ),
    referrals:
      r.referrals.length === 0
        ? null
        : barChart(
            r.referrals.map((x) => REFERRAL_LABEL(x.type)),
            [{ name: 'Hänvisade', data: r.referrals.map((x) => x.n) }],
            { label: 'Liggande stapeldiagram: hänvisade ärenden per slag under vald period.', horizontal: true, width },
          ),
  };
}
