/** Time is injected so deadline and retention logic can be tested for any date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const TIME_ZONE = 'Europe/Stockholm';

/** The calendar date (YYYY-MM-DD) of an instant in Swedish time. */
export function swedishDate(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function swedishYear(d: Date): number {
  return Number(swedishDate(d).slice(0, 4));
}

const longDate = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });

/** "22 december 2026" */
export function formatLongDate(d: Date): string {
  return longDate.format(d);
}

/** "2026-12-22 10:00" */
export function formatDateTime(d: Date): string {
  return dateTime.format(d);
}
