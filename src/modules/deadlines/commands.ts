import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { canSee, coversWholeOrganization, hasRole, type Actor } from '../cases/policy.ts';
import { lockCaseForChange, policyCase } from '../cases/queries.ts';
import { checkVersion } from '../cases/transition.ts';
import { render } from '../notifications/templates.ts';
import { submitterI18n, submitterTemplate, submitterValues } from '../notifications/submitterMail.ts';
import { queueEmails, statusLink } from '../notifications/outbox.ts';
import { lockCaseInfo, responsibleText } from '../notifications/recipients.ts';
import { validatePolicy } from './compute.ts';
import { loadDeadlineContext, longDate, mayChangeAnswerDate, OPEN_FOR_DEADLINES, recomputeDeadlines, remindersFor, type DeadlineFields, type FullPolicy } from './policies.ts';
import { logAdminChange } from '../admin/log.ts';
import { swedishDaysOff, type WorkingCalendar } from '../../platform/calendar.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/** Who may change an organization's deadline policy and calendar: its admins. */
export const mayAdministerDeadlines = (actor: Actor) => coversWholeOrganization(actor, 'admin');

function requireAdmin(actor: Actor) {
  if (!mayAdministerDeadlines(actor)) throw notFound();
}

/** Validates a whole policy (deadlines and reminders) as an admin typed it. Field → message. */
export function validateFullPolicy(p: Partial<Record<keyof FullPolicy, unknown>>): Record<string, string> {
  const errors = validatePolicy(p);
  const whole = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (!whole(p.reminders, 0, 10)) errors.reminders = sv('deadlines.error.reminders');
  if (!whole(p.reminderIntervalWorkingDays, 1, 60)) errors.reminderIntervalWorkingDays = sv('deadlines.error.interval');
  if (p.escalateAfterWorkingDays !== null && !whole(p.escalateAfterWorkingDays, 1, 60)) errors.escalateAfterWorkingDays = sv('deadlines.error.escalate');
  return errors;
}

export interface RecomputeResult {
  /** Open cases looked at. */
  open: number;
  /** Cases whose deadlines changed. */
  changed: number;
}

/**
 * Recomputes the stored deadlines of an organization's open cases, in the caller's transaction, so
 * a policy or calendar change and the deadlines it implies commit together.
 */
export async function recomputeOpenCases(tx: Tx, organizationId: string): Promise<RecomputeResult> {
  const ctx = await loadDeadlineContext(tx, organizationId);
  const result: RecomputeResult = { open: 0, changed: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await tx
      .selectFrom('cases')
      .select(['id', 'kind', 'status', 'received_at', 'acknowledge_by', 'answer_by', 'acknowledged_at', 'first_answered_at', 'ack_due_on', 'next_reminder_on', 'paused_working_days', 'deadline_extended', 'reminders_sent', 'escalated_at'])
      .where('organization_id', '=', organizationId)
      .where('status', 'in', [...OPEN_FOR_DEADLINES])
      // An answered case keeps the deadline it was answered against (statistics: answered in time).
      .where('first_answered_at', 'is', null)
      .where('answer_by', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .forUpdate()
      .execute();
    if (rows.length === 0) return result;
    after = rows[rows.length - 1]!.id;
    result.open += rows.length;
    const changed = rows
      .map((r) => ({ r, next: recomputeDeadlines(ctx, r as DeadlineFields) }))
      .filter(({ r, next }) => next.answer_by !== r.answer_by || next.acknowledge_by !== r.acknowledge_by || next.ack_due_on !== r.ack_due_on || next.next_reminder_on !== r.next_reminder_on);
    result.changed += changed.length;
    if (changed.length) {
      await sql`
        UPDATE cases c SET acknowledge_by = v.acknowledge_by, answer_by = v.answer_by, ack_due_on = v.ack_due_on,
          next_reminder_on = v.next_reminder_on, reminders_sent = v.reminders_sent, escalated_at = v.escalated_at
        FROM unnest(${changed.map((c) => c.r.id)}::uuid[], ${changed.map((c) => c.next.acknowledge_by)}::date[], ${changed.map((c) => c.next.answer_by)}::date[],
                    ${changed.map((c) => c.next.ack_due_on)}::date[], ${changed.map((c) => c.next.next_reminder_on)}::date[],
                    ${changed.map((c) => c.next.reminders_sent)}::int[], ${changed.map((c) => c.next.escalated_at)}::timestamptz[])
          AS v(id, acknowledge_by, answer_by, ack_due_on, next_reminder_on, reminders_sent, escalated_at)
        WHERE c.id = v.id
      `.execute(tx);
    }
  }
}

/** Admin: set the organization's policy, or one kind's (kind given), and recompute open cases. */
export async function setDeadlinePolicy(db: Db, actor: Actor, kind: CaseKind | null, p: FullPolicy): Promise<RecomputeResult> {
  requireAdmin(actor);
  const errors = validateFullPolicy(p);
  if (Object.keys(errors).length) throw new DomainError('invalid', 'Tidsfristerna kunde inte sparas.', errors);
  return db.transaction().execute(async (tx) => {
    // Serialize policy changes of one organization (the recompute reads what the last one wrote).
    await sql`SELECT pg_advisory_xact_lock(hashtext('deadline_policy:' || ${actor.organizationId}))`.execute(tx);
    const values = {
      acknowledge_working_days: p.acknowledgeWorkingDays,
      answer_days: p.answerDays,
      answer_unit: p.answerUnit,
      reminders: p.reminders,
      reminder_interval_working_days: p.reminderIntervalWorkingDays,
      escalate_after_working_days: p.escalateAfterWorkingDays,
      updated_by: actor.kind === 'user' ? actor.id : null,
      updated_at: new Date(),
    };
    const existing = await tx
      .selectFrom('deadline_policies')
      .selectAll()
      .where('organization_id', '=', actor.organizationId)
      .where((eb) => (kind === null ? eb('kind', 'is', null) : eb('kind', '=', kind)))
      .executeTakeFirst();
    if (existing) await tx.updateTable('deadline_policies').set(values).where('id', '=', existing.id).execute();
    else await tx.insertInto('deadline_policies').values({ organization_id: actor.organizationId, kind, ...values }).execute();
    await logAdminChange(tx, { organizationId: actor.organizationId, actor, action: existing ? 'update' : 'create', entityType: 'deadline_policy', entityId: existing?.id ?? null, summary: kind ? sv('deadlines.log.policyChangedKind', { kind }) : sv('deadlines.log.policyChanged'), before: existing ?? null, after: values, now: values.updated_at });
    return recomputeOpenCases(tx, actor.organizationId);
  });
}

/** Admin: a kind goes back to the organization's policy. */
export async function removeKindPolicy(db: Db, actor: Actor, kind: CaseKind): Promise<RecomputeResult> {
  requireAdmin(actor);
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('deadline_policy:' || ${actor.organizationId}))`.execute(tx);
    await tx.deleteFrom('deadline_policies').where('organization_id', '=', actor.organizationId).where('kind', '=', kind).execute();
    await logAdminChange(tx, { organizationId: actor.organizationId, actor, action: 'delete', entityType: 'deadline_policy', summary: sv('deadlines.log.kindPolicyRemoved', { kind }), now: new Date() });
    return recomputeOpenCases(tx, actor.organizationId);
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day on the calendar from year 1 on: PostgreSQL has no year 0 and refuses 0000-01-01. */
const isRealDate = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && d >= '0001-01-01' && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

export function validateClosureDay(day: string, description: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!day) errors.day = sv('deadlines.error.dayMissing');
  else if (!isRealDate(day)) errors.day = sv('deadlines.error.dayFormat');
  if (description.length > 200) errors.description = sv('deadlines.error.descriptionTooLong');
  return errors;
}

/** Admin: add a closure day (klämdag) and recompute open cases. */
export async function addClosureDay(db: Db, actor: Actor, day: string, description: string): Promise<RecomputeResult> {
  requireAdmin(actor);
  const errors = validateClosureDay(day, description);
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('deadlines.error.dayNotAdded'), errors);
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('deadline_policy:' || ${actor.organizationId}))`.execute(tx);
    await tx
      .insertInto('closure_days')
      .values({ organization_id: actor.organizationId, day, description: description.trim(), created_by: actor.kind === 'user' ? actor.id : null })
      .onConflict((oc) => oc.columns(['organization_id', 'day']).doUpdateSet({ description: description.trim() }))
      .execute();
    await logAdminChange(tx, { organizationId: actor.organizationId, actor, action: 'create', entityType: 'closure_day', summary: sv('deadlines.log.closureDayAdded', { day }), after: { day, description: description.trim() }, now: new Date() });
    return recomputeOpenCases(tx, actor.organizationId);
  });
}

export async function removeClosureDay(db: Db, actor: Actor, day: string): Promise<RecomputeResult> {
  requireAdmin(actor);
  if (!isRealDate(day)) throw notFound(sv('deadlines.error.theDay'));
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('deadline_policy:' || ${actor.organizationId}))`.execute(tx);
    await tx.deleteFrom('closure_days').where('organization_id', '=', actor.organizationId).where('day', '=', day).execute();
    await logAdminChange(tx, { organizationId: actor.organizationId, actor, action: 'delete', entityType: 'closure_day', summary: sv('deadlines.log.closureDayRemoved', { day }), now: new Date() });
    return recomputeOpenCases(tx, actor.organizationId);
  });
}

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

/** A person's own choice: the coordinators' daily digest, on or off. */
export async function setDigestOptOut(db: Db, actor: Actor, optOut: boolean): Promise<void> {
  if (actor.kind !== 'user') throw notFound();
  await db.updateTable('users').set({ digest_opt_out: optOut }).where('id', '=', actor.id).where('organization_id', '=', actor.organizationId).execute();
}

export const isCoordinator = (actor: Actor) => hasRole(actor, 'coordinator');
