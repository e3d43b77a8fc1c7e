import { previousPeriod, sameLastYear, type Period } from './period.ts';
import type { PeriodSummary, StatisticsResult } from './result.ts';

/**
 * The periods a result is compared with. For twelve months the period just before and the same
 * period last year are the same months: it is one comparison, shown once, since two identical
 * columns read as two different figures that happen to agree.
 */
export type ComparisonKey = 'previous' | 'lastYear' | 'previousYear';

export interface Comparison {
  key: ComparisonKey;
  summary: PeriodSummary;
  period: Period;
}

export function comparisonsCoincide(p: Period): boolean {
  const a = previousPeriod(p);
  const b = sameLastYear(p);
  return a.from === b.from && a.to === b.to;
}

export function comparisons(r: StatisticsResult): Comparison[] {
  if (comparisonsCoincide(r.current.period)) return [{ key: 'previousYear', summary: r.previous, period: r.previous.period }];
  return [
    { key: 'previous', summary: r.previous, period: r.previous.period },
    { key: 'lastYear', summary: r.lastYear, period: r.lastYear.period },
  ];
}
