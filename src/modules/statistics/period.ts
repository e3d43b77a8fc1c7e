import { sv } from '../../platform/i18n/catalogue.ts';
/**
 * Statistics periods are whole calendar months ('YYYY-MM'), as municipal follow-up reports
 * them: the default is this year so far, compared with the period just before and the same
 * period a year earlier. A committee report covers a half-year, the kommunstyrelse's a year.
 */
export interface Period {
  /** First month, 'YYYY-MM'. */
  from: string;
  /** Last month, 'YYYY-MM'. */
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string): boolean => MONTH.test(s) && Number(s.slice(0, 4)) >= 2000 && Number(s.slice(0, 4)) <= 2079;

const toIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const fromIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

export function addMonths(m: string, n: number): string {
  return fromIndex(toIndex(m) + n);
}

export function monthsIn(p: Period): string[] {
  const out: string[] = [];
  for (let i = toIndex(p.from); i <= toIndex(p.to); i++) out.push(fromIndex(i));
  return out;
}

export function lengthInMonths(p: Period): number {
  return toIndex(p.to) - toIndex(p.from) + 1;
}

/** The same number of months just before. */
export function previousPeriod(p: Period): Period {
  const n = lengthInMonths(p);
  return { from: addMonths(p.from, -n), to: addMonths(p.from, -1) };
}

export function sameLastYear(p: Period): Period {
  return { from: addMonths(p.from, -12), to: addMonths(p.to, -12) };
}

/** 'YYYY-MM-01' */
export const firstDay = (m: string): string => `${m}-01`;

/** The last day of the month, 'YYYY-MM-DD'. */
export function lastDay(m: string): string {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0));
  return d.toISOString().slice(0, 10);
}

export function yearSoFar(today: string): Period {
  return { from: `${today.slice(0, 4)}-01`, to: today.slice(0, 7) };
}

/** The last half-year that has ended ('2026-H1' on 22 December 2026). */
export function lastHalfYear(today: string): string {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 7 ? `${y}-H1` : `${y - 1}-H2`;
}

/** 'YYYY', 'YYYY-H1' or 'YYYY-H2' → months. */
export function reportPeriod(code: string): Period | undefined {
  const m = /^(\d{4})(?:-H([12]))?$/.exec(code);
  if (!m || !isMonth(`${m[1]}-01`)) return undefined;
  if (!m[2]) return { from: `${m[1]}-01`, to: `${m[1]}-12` };
  return m[2] === '1' ? { from: `${m[1]}-01`, to: `${m[1]}-06` } : { from: `${m[1]}-07`, to: `${m[1]}-12` };
}

// A month as a date in the middle of it; the formats read it in UTC, so no time zone moves it.
const monthDate = (m: string) => new Date(`${m}-15T12:00:00Z`);

/** 'mars 2026' */
export const monthName = (m: string): string => sv('statistics.period.month', { month: monthDate(m) });
/** 'mar 2026': Intl's short month names differ ('mars', 'jan.'), so the short names are the catalogue's. */
export const monthShort = (m: string): string => sv('statistics.period.monthShort', { month: `m${m.slice(5, 7)}`, year: m.slice(0, 4) });

/** 'januari–juni 2026', 'mars 2025–februari 2026' */
export function periodLabel(p: Period): string {
  if (p.from === p.to) return monthName(p.from);
  const values = { from: monthDate(p.from), to: monthDate(p.to) };
  return sv(p.from.slice(0, 4) === p.to.slice(0, 4) ? 'statistics.period.rangeInYear' : 'statistics.period.range', values);
}
