import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { canSee, type Actor } from '../cases/policy.ts';
import { lockCaseForChange, policyCase } from '../cases/queries.ts';
import { checkVersion } from '../cases/transition.ts';
import { render } from '../notifications/templates.ts';
import { submitterI18n, submitterTemplate, submitterValues } from '../notifications/submitterMail.ts';
import { queueEmails, statusLink } from '../notifications/outbox.ts';
import { lockCaseInfo, responsibleText } from '../notifications/recipients.ts';
import { isRealDate } from './compute.ts';
import { loadDeadlineContext, mayChangeAnswerDate, remindersFor } from './policies.ts';
import { swedishDaysOff, type WorkingCalendar } from '../../platform/calendar.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/**
 * A handler moves a case's answer date (förvaltningslagen 11 §: the submitter is told the new date
 * and why): which cases can be moved, what a new date must be, and the change with its notice.
 */
export interface ExtensionDeps {
  db: Db;
  clock: Clock;
  tokenSecret: Buffer;
  publicUrl: string;
}

/** Statuses in which the answer date can be extended: open and not yet answered. */
export const EXTENDABLE = ['registered', 'assigned', 'in_progress', 'waiting'] as const;

/** Whether the case's answer date can still be moved: open, and no answer given yet. */
export const isExtendable = (c: { status: string; first_answered_at: Date | null }) => (EXTENDABLE as readonly string[]).includes(c.status) && !c.first_answered_at;

export function validateExtension(input: { newDate: string; reason: string }, current: { answerBy: string | null; today: string; calendar?: WorkingCalendar }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!input.newDate) errors.newDate = sv('deadlines.error.newDateMissing');
  else if (!isRealDate(input.newDate)) errors.newDate = sv('deadlines.error.newDateFormat');
  else if (current.answerBy && input.newDate <= current.answerBy) errors.newDate = sv('deadlines.error.newDateNotLater', { current: current.answerBy });
  else if (input.newDate <= current.today) errors.newDate = sv('deadlines.error.newDateNotFuture');
  else if (input.newDate > addYear(current.today)) errors.newDate = sv('deadlines.error.newDateTooLate');
  // A promise for a day nobody works cannot be kept, and the deadline counting never lands on one.
  else if (current.calendar && !current.calendar.isWorkingDay(input.newDate)) {
    errors.newDate = sv('deadlines.error.notWorkingDay', { date: input.newDate, dayOff: dayOffName(current.calendar, input.newDate), next: current.calendar.addWorkingDays(input.newDate, 1) });
  }
  const reason = input.reason.trim();
  if (!reason) errors.reason = sv('deadlines.error.reasonMissing');
  else if (reason.length > 2000) errors.reason = sv('deadlines.error.reasonTooLong');
  return errors;
}

/** Why a day is not a working day, in words. */
function dayOffName(cal: WorkingCalendar, date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 6) return sv('deadlines.error.saturday');
  if (weekday === 0) return sv('deadlines.error.sunday');
  const holiday = swedishDaysOff(Number(date.slice(0, 4))).get(date);
  if (holiday) return holiday;
  return cal.isWorkingDay(date) ? sv('deadlines.error.workingDay') : sv('deadlines.error.closedDay');
}

const addYear = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;

/** What the handler must do themselves when the submitter is not reached by e-mail. */
export type NoticeDelivery = 'email' | 'letter' | 'phone' | 'none';

/**
 * Delay notice (förvaltningslagen 11 §): the handler moves the answer date and says why. The case
 * records it (visible to the submitter on the status page), reminders start over for the new
 * date, and the submitter is told: by e-mail (queued and sent by the job enqueued in this same
 * transaction), or as a recorded letter or phone message for the handler to deliver.
 */
export async function extendAnswerDate(deps: ExtensionDeps, t: { actor: Actor; number: string; newDate: string; reason: string; expectedVersion?: number }): Promise<{ delivery: NoticeDelivery; messageId: string | null }> {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const row = await lockCaseForChange(tx, t.actor.organizationId, t.number);
    if (!row || !canSee(t.actor, policyCase(row))) throw notFound(sv('deadlines.routes.theCase'));
    if (!mayChangeAnswerDate(t.actor, policyCase(row))) throw new DomainError('forbidden', sv('deadlines.error.notPermitted'));
    checkVersion(row, t.expectedVersion);
    if (!isExtendable(row)) {
      throw new DomainError('conflict', sv('deadlines.error.notExtendable'));
    }
    const ctx = await loadDeadlineContext(tx, row.organization_id);
    const errors = validateExtension({ newDate: t.newDate, reason: t.reason }, { answerBy: row.answer_by, today: swedishDate(now), calendar: ctx.calendar });
    if (Object.keys(errors).length) throw new DomainError('invalid', sv('deadlines.error.notChanged'), errors);
    const reason = t.reason.trim();
    await tx
      .updateTable('cases')
      .set({
        answer_by: t.newDate,
        deadline_extended: true,
        reminders_sent: 0,
        escalated_at: null,
        next_reminder_on: remindersFor(ctx, row.kind, row.status, row.first_answered_at, t.newDate, 0, false),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await tx
      .insertInto('case_events')
      .values({
        case_id: row.id,
        type: 'deadline',
        actor_user_id: t.actor.kind === 'user' ? t.actor.id : null,
        actor_label: t.actor.name,
        occurred_at: now,
        visible_to_submitter: true,
        data: JSON.stringify({ from: row.answer_by, to: t.newDate, reason, extended: true }),
      })
      .execute();

    if (row.anonymous || !row.reply_channel || row.reply_channel === 'none') return { delivery: 'none' as const, messageId: null };
    const info = (await lockCaseInfo(tx, row.id))!;
    // In the submitter's language; the reason is the handler's own words.
    const i18n = submitterI18n(info.language);
    const template = await submitterTemplate(tx, row.organization_id, 'delay_notice', i18n);
    const values = submitterValues(i18n, {
      number: row.number,
      name: row.contact_name,
      responsible: await responsibleText(tx, info, i18n),
      answerBy: row.answer_by,
      newDate: t.newDate,
      reason,
      statusLink: statusLink(deps, info, row.id),
      org: info.org_name,
    });
    const subject = render(template.subject, values);
    const body = render(template.body, values);
    if (row.reply_channel === 'email' && row.contact_email) {
      const [id] = await queueEmails(
        tx,
        [{ case_id: row.id, organization_id: row.organization_id, purpose: 'delay_notice', recipient: row.contact_email, recipient_user_id: null, subject, body, dedupe_key: `delay_notice:${row.id}:${t.newDate}`, created_by: t.actor.kind === 'user' ? t.actor.id : null, created_at: now }],
        now,
      );
      return { delivery: 'email' as const, messageId: id ?? null };
    }
    // Letter or phone: recorded on the case for the handler to send or say (the letter prints like an answer).
    const channel = row.reply_channel === 'letter' ? ('letter' as const) : ('phone' as const);
    const recipient = channel === 'letter' ? [row.contact_name, row.contact_address].filter(Boolean).join('\n') : row.contact_phone;
    const msg = await tx
      .insertInto('messages')
      .values({ case_id: row.id, purpose: 'delay_notice', channel, recipient: recipient || null, subject, body, status: 'recorded', occurred_on: swedishDate(now), created_by: t.actor.kind === 'user' ? t.actor.id : null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { delivery: channel, messageId: msg.id };
  });
}
