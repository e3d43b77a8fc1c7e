import { addCalendarDays, type WorkingCalendar } from '../../platform/calendar.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

export interface DeadlinePolicy {
  acknowledgeWorkingDays: number;
  answerDays: number;
  /** Hjo counts working days; Ale answers "within 7 days", calendar days. */
  answerUnit: 'working' | 'calendar';
}

export const DEFAULT_POLICY: DeadlinePolicy = { acknowledgeWorkingDays: 2, answerDays: 10, answerUnit: 'working' };

/**
 * DOMAIN rule 13: the date of receipt (Swedish time) is day 0, the day the submission reached the
 * organization (förvaltningslagen 20 §), even when that is a Saturday or a holiday; "within N
 * working days" is the end of the Nth working day after it.
 */
export function computeDeadlines(cal: WorkingCalendar, receivedOn: string, p: DeadlinePolicy): { acknowledgeBy: string; answerBy: string } {
  return {
    acknowledgeBy: cal.addWorkingDays(receivedOn, p.acknowledgeWorkingDays),
    answerBy: p.answerUnit === 'working' ? cal.addWorkingDays(receivedOn, p.answerDays) : addCalendarDays(receivedOn, p.answerDays),
  };
}

/** Waiting for the submitter pauses the answer clock: the deadline moves by the paused working days. */
export function extendForPause(cal: WorkingCalendar, answerBy: string, pausedOn: string, resumedOn: string): string {
  return cal.addWorkingDays(answerBy, cal.workingDaysBetween(pausedOn, resumedOn));
}

export function validatePolicy(p: Partial<Record<keyof DeadlinePolicy, unknown>>): Record<string, string> {
  const errors: Record<string, string> = {};
  const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
  if (!whole(p.acknowledgeWorkingDays) || (p.acknowledgeWorkingDays as number) < 1 || (p.acknowledgeWorkingDays as number) > 60) {
    errors.acknowledgeWorkingDays = sv('deadlines.error.acknowledge');
  }
  if (!whole(p.answerDays) || (p.answerDays as number) < 1 || (p.answerDays as number) > 365) {
    errors.answerDays = sv('deadlines.error.answer');
  }
  if (p.answerUnit !== 'working' && p.answerUnit !== 'calendar') errors.answerUnit = sv('deadlines.error.unit');
  return errors;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day on the calendar from year 1 on: PostgreSQL has no year 0 and refuses 0000-01-01. */
export const isRealDate = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && d >= '0001-01-01' && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
