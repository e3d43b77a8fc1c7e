import { sv } from '../../platform/i18n/catalogue.ts';

/** Feedback registered on someone's behalf may be dated back this far: a year covers a forgotten paper form, not a mistyped year. */
export const MAX_BACKDATE_DAYS = 366;

/** Why a staff-given time of receipt cannot be right, or null. Used by the staff form, the API and the commands. */
export function receivedAtProblem(receivedAt: Date, now: Date): string | null {
  if (receivedAt.getTime() > now.getTime() + 60_000) return sv('cases.error.receivedInFuture');
  if (receivedAt.getTime() < now.getTime() - MAX_BACKDATE_DAYS * 86_400_000) return sv('cases.error.receivedTooOld');
  return null;
}
