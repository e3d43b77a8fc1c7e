import { swedishDate } from '../../../platform/clock.ts';

/** "3 dagar", "1 timme", "25 minuter": how long something has waited, in plain Swedish. */
export function formatAge(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return minutes === 1 ? '1 minut' : `${minutes} minuter`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 timme' : `${hours} timmar`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 dag' : `${days} dagar`;
}

/** An instant's calendar day in Swedish time, for tables. */
export const dayOf = (d: Date) => swedishDate(d);

/** "2,4 MB", "512 kB": file sizes for the attachment list. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} kB`;
  return `${(n / (1024 * 1024)).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}
