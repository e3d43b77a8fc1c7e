import { swedishHolidays } from './swedishHolidays.ts';

/**
 * Swedish working days, computed by rule for any year: weekends, the public holidays of
 * lag (1989:253), the de-facto days off midsommarafton, julafton and nyårsafton, and an
 * organization's own closure days. Dates are calendar dates ('YYYY-MM-DD') in Swedish time.
 */
const yearCache = new Map<number, Map<string, string>>();

/** Days off (besides weekends) in a year, date → Swedish name. */
export function swedishDaysOff(year: number): Map<string, string> {
  let days = yearCache.get(year);
  if (!days) {
    days = swedishHolidays(year);
    yearCache.set(year, days);
  }
  return days;
}

const toUtc = (date: string) => new Date(`${date}T00:00:00Z`);
const fromUtc = (d: Date) => d.toISOString().slice(0, 10);

export function addCalendarDays(date: string, n: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

export class WorkingCalendar {
  constructor(private readonly closureDays: ReadonlySet<string> = new Set()) {}

  isWorkingDay(date: string): boolean {
    const weekday = toUtc(date).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    if (this.closureDays.has(date)) return false;
    return !swedishDaysOff(Number(date.slice(0, 4))).has(date);
  }

  /** The Nth working day after `date` (n ≥ 0; n = 0 gives `date` itself). */
  addWorkingDays(date: string, n: number): string {
    let d = date;
    for (let left = n; left > 0; ) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days d with from < d ≤ to: how many working days a pause from `from` to `to` took. */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }
}
