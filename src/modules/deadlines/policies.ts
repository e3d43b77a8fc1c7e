import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';
import { WorkingCalendar, addCalendarDays } from '../../platform/calendar.ts';
import { swedishDate } from '../../platform/clock.ts';
import { DEFAULT_POLICY, computeDeadlines, type DeadlinePolicy } from './compute.ts';
import { can, type Actor, type PolicyCase } from '../cases/policy.ts';

/**
 * Pure: may this actor move the case's answer date? Whoever may edit the case (its own handler,
 * or a registrar, coordinator or admin over it); everyone else is answered as if there were no such page.
 */
export const mayChangeAnswerDate = (actor: Actor, c: PolicyCase) => can(actor, 'edit', c);

/** When and how often the handler is reminded once the answer deadline has passed. */
export interface ReminderPolicy {
  /** Reminders to the handler (Hjo: 1). 0 = none. */
  reminders: number;
  /** Working days between reminders when there are several. */
  reminderIntervalWorkingDays: number;
  /** Escalate to the förvaltning's coordinators this many working days after the first reminder; null = never. */
  escalateAfterWorkingDays: number | null;
}

export type FullPolicy = DeadlinePolicy & ReminderPolicy;

export const DEFAULT_REMINDERS: ReminderPolicy = { reminders: 1, reminderIntervalWorkingDays: 5, escalateAfterWorkingDays: 5 };
export const DEFAULT_FULL_POLICY: FullPolicy = { ...DEFAULT_POLICY, ...DEFAULT_REMINDERS };

/** An organization's policies (per kind, with its fallback) and its working calendar. */
export interface DeadlineContext {
  calendar: WorkingCalendar;
  /** '*' is the organization-wide row. */
  policies: Map<CaseKind | '*', FullPolicy>;
  closureDays: { day: string; description: string }[];
}

export function policyFor(ctx: DeadlineContext, kind: CaseKind): FullPolicy {
  return ctx.policies.get(kind) ?? ctx.policies.get('*') ?? DEFAULT_FULL_POLICY;
}

/** One round trip: policies and closure days of an organization. */
export async function loadDeadlineContext(db: Executor, organizationId: string): Promise<DeadlineContext> {
  const { rows } = await sql<{ policies: PolicyRow[] | null; closures: { day: string; description: string }[] | null }>`
    SELECT
      (SELECT json_agg(p) FROM deadline_policies p WHERE p.organization_id = ${organizationId}) AS policies,
      (SELECT json_agg(json_build_object('day', d.day, 'description', d.description) ORDER BY d.day)
         FROM closure_days d WHERE d.organization_id = ${organizationId}) AS closures
  `.execute(db);
  const row = rows[0]!;
  const policies = new Map<CaseKind | '*', FullPolicy>();
  for (const p of row.policies ?? []) policies.set(p.kind ?? '*', fromRow(p));
  const closureDays = row.closures ?? [];
  return { calendar: new WorkingCalendar(new Set(closureDays.map((c) => c.day))), policies, closureDays };
}

interface PolicyRow {
  kind: CaseKind | null;
  acknowledge_working_days: number;
  answer_days: number;
  answer_unit: 'working' | 'calendar';
  reminders: number;
  reminder_interval_working_days: number;
  escalate_after_working_days: number | null;
}

const fromRow = (p: PolicyRow): FullPolicy => ({
  acknowledgeWorkingDays: p.acknowledge_working_days,
  answerDays: p.answer_days,
  answerUnit: p.answer_unit,
  reminders: p.reminders,
  reminderIntervalWorkingDays: p.reminder_interval_working_days,
  escalateAfterWorkingDays: p.escalate_after_working_days,
});

/** The first day on which the answer deadline (the end of answerBy) has passed: the next working day. */
export function overdueFrom(cal: WorkingCalendar, answerBy: string): string {
  return cal.addWorkingDays(answerBy, 1);
}

export function reminderDate(cal: WorkingCalendar, p: ReminderPolicy, answerBy: string, n: number): string {
  return cal.addWorkingDays(overdueFrom(cal, answerBy), n * p.reminderIntervalWorkingDays);
}

export function escalationDate(cal: WorkingCalendar, p: ReminderPolicy, answerBy: string): string | null {
  return p.escalateAfterWorkingDays === null ? null : cal.addWorkingDays(overdueFrom(cal, answerBy), p.escalateAfterWorkingDays);
}

/** The day the next reminder or escalation falls due, or null when nothing more is owed. */
export function nextReminderOn(cal: WorkingCalendar, p: ReminderPolicy, answerBy: string, remindersSent: number, escalated: boolean): string | null {
  const candidates: string[] = [];
  if (remindersSent < p.reminders) candidates.push(reminderDate(cal, p, answerBy, remindersSent));
  const esc = escalated ? null : escalationDate(cal, p, answerBy);
  if (esc) candidates.push(esc);
  return candidates.sort()[0] ?? null;
}

/** What falls due on `today` for a case past its deadline. */
export function dueOn(cal: WorkingCalendar, p: ReminderPolicy, answerBy: string, remindersSent: number, escalated: boolean, today: string) {
  const esc = escalated ? null : escalationDate(cal, p, answerBy);
  return {
    reminder: remindersSent < p.reminders && reminderDate(cal, p, answerBy, remindersSent) <= today,
    escalation: esc !== null && esc <= today,
  };
}

/** Statuses in which the answer clock runs and reminders can fall due (waiting pauses it). */
export const CLOCK_RUNNING = ['received', 'registered', 'assigned', 'in_progress'] as const;
export const OPEN_FOR_DEADLINES = [...CLOCK_RUNNING, 'waiting'] as const;

export interface NewCaseDeadlines {
  acknowledge_by: string;
  answer_by: string;
  ack_due_on: string | null;
  next_reminder_on: string | null;
}

/** Deadlines for a case as it arrives, from the Swedish date of receipt. */
export function initialDeadlines(ctx: DeadlineContext, kind: CaseKind, receivedAt: Date, wantsEmailAck: boolean): NewCaseDeadlines {
  const receivedOn = swedishDate(receivedAt);
  // The same day and kind give the same dates: worked out once per day for every web submission
  // (a context is made anew whenever the organization's settings change, see cachedForOrg).
  let memo = initialMemo.get(ctx);
  if (!memo) initialMemo.set(ctx, (memo = new Map()));
  const key = `${kind}|${receivedOn}`;
  let d = memo.get(key);
  if (!d) {
    const p = policyFor(ctx, kind);
    const due = computeDeadlines(ctx.calendar, receivedOn, p);
    d = { acknowledgeBy: due.acknowledgeBy, answerBy: due.answerBy, nextReminderOn: nextReminderOn(ctx.calendar, p, due.answerBy, 0, false) };
    if (memo.size >= 64) memo.clear();
    memo.set(key, d);
  }
  return {
    acknowledge_by: d.acknowledgeBy,
    answer_by: d.answerBy,
    ack_due_on: wantsEmailAck ? d.acknowledgeBy : null,
    next_reminder_on: d.nextReminderOn,
  };
}

const initialMemo = new WeakMap<DeadlineContext, Map<string, { acknowledgeBy: string; answerBy: string; nextReminderOn: string | null }>>();

/** Does this submitter get an e-mail acknowledgement? */
export const wantsEmailAck = (anonymous: boolean, contact: { email: string | null; replyChannel: string } | null | undefined) =>
  !anonymous && !!contact?.email && contact.replyChannel === 'email';

export interface DeadlineFields {
  kind: CaseKind;
  status: string;
  received_at: Date;
  acknowledge_by: string | null;
  answer_by: string | null;
  acknowledged_at: Date | null;
  first_answered_at: Date | null;
  ack_due_on: string | null;
  next_reminder_on: string | null;
  paused_working_days: number;
  deadline_extended: boolean;
  reminders_sent: number;
  escalated_at: Date | null;
}

export type DeadlineUpdate = Pick<DeadlineFields, 'acknowledge_by' | 'answer_by' | 'ack_due_on' | 'next_reminder_on' | 'reminders_sent' | 'escalated_at'>;

/**
 * An open case's deadlines under the current policy and calendar. Paused working days are added
 * back; a date the handler extended to (and told the submitter) never moves earlier. Reminders
 * start over when the answer date moves.
 */
export function recomputeDeadlines(ctx: DeadlineContext, c: DeadlineFields): DeadlineUpdate {
  const p = policyFor(ctx, c.kind);
  const cal = ctx.calendar;
  const base = computeDeadlines(cal, swedishDate(c.received_at), p);
  let answerBy = cal.addWorkingDays(base.answerBy, c.paused_working_days);
  if (c.deadline_extended && c.answer_by && c.answer_by > answerBy) answerBy = c.answer_by;
  const acknowledgeBy = c.acknowledged_at && c.acknowledge_by ? c.acknowledge_by : base.acknowledgeBy;
  const moved = answerBy !== c.answer_by;
  const remindersSent = moved ? 0 : c.reminders_sent;
  const escalatedAt = moved ? null : c.escalated_at;
  return {
    acknowledge_by: acknowledgeBy,
    answer_by: answerBy,
    ack_due_on: c.ack_due_on !== null && !c.acknowledged_at ? acknowledgeBy : null,
    next_reminder_on: remindersFor(ctx, c.kind, c.status, c.first_answered_at, answerBy, remindersSent, escalatedAt !== null),
    reminders_sent: remindersSent,
    escalated_at: escalatedAt,
  };
}

export function remindersFor(ctx: DeadlineContext, kind: CaseKind, status: string, firstAnsweredAt: Date | null, answerBy: string, remindersSent: number, escalated: boolean): string | null {
  if (firstAnsweredAt || !(CLOCK_RUNNING as readonly string[]).includes(status)) return null;
  return nextReminderOn(ctx.calendar, policyFor(ctx, kind), answerBy, remindersSent, escalated);
}

/** 'YYYY-MM-DD' → "12 januari 2027". */
const longDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
export function longDate(date: string): string {
  return longDateFormat.format(new Date(`${date}T12:00:00Z`));
}

export { addCalendarDays };
