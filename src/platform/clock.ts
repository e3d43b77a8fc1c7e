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

// Formatters are built once: constructing an Intl.DateTimeFormat costs tens of microseconds and
// native memory that the garbage collector reclaims late, and these run on every request.
const isoDate = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) of an instant in Swedish time. */
export function swedishDate(d: Date): string {
  return isoDate.format(d);
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

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });

/** Swedish time's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function swedishOffsetMinutes(t: number): number {
  const name = offsetFormat.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const localFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as the value of an `<input type="datetime-local">` in Swedish time: "2026-12-22T10:00". */
export function toSwedishDateTimeLocal(d: Date): string {
  const p = Object.fromEntries(localFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * Reads a datetime-local value ("2026-12-22T10:00", seconds optional) as Swedish time.
 * Undefined when malformed, or when the time does not exist (the hour skipped when summer time begins).
 */
export function parseSwedishDateTimeLocal(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset depends on the instant we are looking for; a second pass settles the DST edges.
  let t = asUtc - swedishOffsetMinutes(asUtc) * 60_000;
  t = asUtc - swedishOffsetMinutes(t) * 60_000;
  const result = new Date(t);
  return toSwedishDateTimeLocal(result) === value.trim().slice(0, 16) ? result : undefined;
}
