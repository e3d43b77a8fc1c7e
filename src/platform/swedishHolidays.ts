/**
 * Sweden's days off by rule, without a holiday library (date-holidays and its time-zone and
 * astronomy dependencies hold some 25 MB in every process for these 16 dates a year): the public
 * holidays of lag (1989:253) (since 2005 nationaldagen, before it annandag pingst), and the three
 * eves that are days off in practice. swedishHolidays.test.ts checks them
 * against date-holidays year by year.
 */

/** Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher): [month, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
/** The first given weekday (0 = Sunday) on or after a date. */
const weekdayOnOrAfter = (year: number, month: number, day: number, weekday: number) => {
  const d = utc(year, month, day);
  return plusDays(d, (weekday - d.getUTCDay() + 7) % 7);
};

/** Days off besides weekends in a year, date ('YYYY-MM-DD') → Swedish name, in date order. */
export function swedishHolidays(year: number): Map<string, string> {
  const easter = utc(year, ...easterSunday(year));
  const days: [Date, string][] = [
    [utc(year, 1, 1), 'nyårsdagen'],
    [utc(year, 1, 6), 'trettondedag jul'],
    [plusDays(easter, -2), 'långfredagen'],
    [easter, 'påskdagen'],
    [plusDays(easter, 1), 'annandag påsk'],
    [utc(year, 5, 1), 'första maj'],
    [plusDays(easter, 39), 'Kristi himmelsfärdsdag'],
    [plusDays(easter, 49), 'pingstdagen'],
    // In 2005 nationaldagen became a holiday in place of annandag pingst.
    year >= 2005 ? [utc(year, 6, 6), 'nationaldagen'] : [plusDays(easter, 50), 'annandag pingst'],
    [weekdayOnOrAfter(year, 6, 19, 5), 'midsommarafton'],
    [weekdayOnOrAfter(year, 6, 20, 6), 'midsommardagen'],
    [weekdayOnOrAfter(year, 10, 31, 6), 'alla helgons dag'],
    [utc(year, 12, 24), 'julafton'],
    [utc(year, 12, 25), 'juldagen'],
    [utc(year, 12, 26), 'annandag jul'],
    [utc(year, 12, 31), 'nyårsafton'],
  ];
  days.sort((x, y) => x[0].getTime() - y[0].getTime());
  return new Map(days.map(([d, name]) => [ymd(d), name]));
}
