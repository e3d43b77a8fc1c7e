import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { coversWholeOrganization, hasRole, type Actor } from '../cases/policy.ts';
import { isRealDate, validatePolicy } from './compute.ts';
import { loadDeadlineContext, OPEN_FOR_DEADLINES, recomputeDeadlines, type DeadlineFields, type FullPolicy } from './policies.ts';
import { logAdminChange } from '../admin/log.ts';
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

/** A person's own choice: the coordinators' daily digest, on or off. */
export async function setDigestOptOut(db: Db, actor: Actor, optOut: boolean): Promise<void> {
  if (actor.kind !== 'user') throw notFound();
  await db.updateTable('users').set({ digest_opt_out: optOut }).where('id', '=', actor.id).where('organization_id', '=', actor.organizationId).execute();
}

export const isCoordinator = (actor: Actor) => hasRole(actor, 'coordinator');
