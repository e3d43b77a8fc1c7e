import { swedishDate } from '../../../platform/clock.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

/** "3 dagar", "1 timme", "25 minuter": how long something has waited, in plain Swedish. */
export function formatAge(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return sv('cases.age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return sv('cases.age.hours', { n: hours });
  return sv('cases.age.days', { n: Math.floor(hours / 24) });
}

/** An instant's calendar day in Swedish time, for tables. */
export const dayOf = (d: Date) => swedishDate(d);

/** "2,4 MB", "512 kB": file sizes for the attachment list. */
export function formatBytes(n: number): string {
  if (n < 1024) return sv('cases.size.bytes', { n });
  if (n < 1024 * 1024) return sv('cases.size.kilobytes', { n: Math.round(n / 1024) });
  return sv('cases.size.megabytes', { n: (n / (1024 * 1024)).toLocaleString('sv-SE', { maximumFractionDigits: 1 }) });
}
