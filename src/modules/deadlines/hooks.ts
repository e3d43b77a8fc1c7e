import type { Tx } from '../../db/database.ts';
import type { CaseKind, CasesTable } from '../../db/schema.ts';
import type { Updateable } from 'kysely';
import { swedishDate } from '../../platform/clock.ts';
import { enqueue } from '../../platform/jobs.ts';
import { initialDeadlines, loadDeadlineContext, recomputeDeadlines, remindersFor, wantsEmailAck, type DeadlineFields, type NewCaseDeadlines } from './policies.ts';
import { PRODUCT_NAME } from '../../platform/product.ts';

/**
 * Deadline columns for a case being inserted (web intake, staff registration), computed inside
 * the inserting transaction from the organization's policy and calendar.
 */
export async function deadlinesForNewCase(
  tx: Tx,
  c: { organizationId: string; kind: CaseKind; receivedAt: Date; anonymous: boolean; contact: { email: string | null; replyChannel: string } | null | undefined },
): Promise<NewCaseDeadlines> {
  const ctx = await loadDeadlineContext(tx, c.organizationId);
  return initialDeadlines(ctx, c.kind, c.receivedAt, wantsEmailAck(c.anonymous, c.contact));
}

const ENDS_CLOCK = new Set(['close', 'refer', 'reject', 'merge', 'withdraw', 'quick_close', 'spam']);

/**
 * Called by transition() after a status change, in the same transaction: keeps the stored
 * deadlines in step with the lifecycle and enqueues what the change causes.
 *  - register: deadlines follow the (possibly reclassified) kind.
 *  - assign: the acknowledgement still owed is sent, naming the handler.
 *  - wait: the answer clock stops (no reminders while paused).
 *  - resume: the answer date moves by the working days paused.
 *  - answer: reminders and a not yet sent acknowledgement are no longer owed.
 *  - closing events: nothing is owed any more.
 */
export async function afterCaseTransition(
  tx: Tx,
  t: { before: DeadlineFields & { id: string; organization_id: string; paused_since: Date | null }; event: string; status: string; changes: Updateable<CasesTable>; now: Date },
): Promise<void> {
  const c = t.before;
  if (!c.answer_by) return; // a case from before deadlines were stored
  const update = async (set: Updateable<CasesTable>) => {
    await tx.updateTable('cases').set(set).where('id', '=', c.id).execute();
  };
  switch (t.event) {
    case 'register': {
      const ctx = await loadDeadlineContext(tx, c.organization_id);
      const kind = (t.changes.kind as CaseKind | undefined) ?? c.kind;
      const next = recomputeDeadlines(ctx, { ...c, kind, status: t.status });
      await update(next);
      // The acknowledgement names the handler, so it waits for the assignment; on its due day
      // the daily pass sends it to whoever is responsible then. Already due: sent now.
      if (next.ack_due_on && next.ack_due_on <= swedishDate(t.now)) await enqueue(tx, 'acknowledge_case', { caseId: c.id }, { jobKey: `acknowledge_case:${c.id}` });
      return;
    }
    case 'assign':
      if (c.ack_due_on && !c.acknowledged_at) await enqueue(tx, 'acknowledge_case', { caseId: c.id }, { jobKey: `acknowledge_case:${c.id}` });
      return;
    case 'wait':
      await update({ next_reminder_on: null });
      return;
    case 'resume': {
      if (!c.paused_since) return;
      const ctx = await loadDeadlineContext(tx, c.organization_id);
      const pausedOn = swedishDate(c.paused_since);
      const resumedOn = swedishDate(t.now);
      const days = ctx.calendar.workingDaysBetween(pausedOn, resumedOn);
      const answerBy = days > 0 ? ctx.calendar.addWorkingDays(c.answer_by, days) : c.answer_by;
      const moved = answerBy !== c.answer_by;
      const remindersSent = moved ? 0 : c.reminders_sent;
      const escalatedAt = moved ? null : c.escalated_at;
      await update({
        answer_by: answerBy,
        paused_working_days: c.paused_working_days + days,
        reminders_sent: remindersSent,
        escalated_at: escalatedAt,
        next_reminder_on: remindersFor(ctx, c.kind, t.status, c.first_answered_at, answerBy, remindersSent, escalatedAt !== null),
      });
      if (moved) {
        await tx
          .insertInto('case_events')
          .values({
            case_id: c.id,
            type: 'deadline',
            actor_label: PRODUCT_NAME,
            occurred_at: t.now,
            data: JSON.stringify({ from: c.answer_by, to: answerBy, pausedWorkingDays: days, reason: 'paused' }),
          })
          .execute();
      }
      return;
    }
    case 'answer':
      await update({ next_reminder_on: null, ack_due_on: null });
      return;
    default:
      if (ENDS_CLOCK.has(t.event)) await update({ next_reminder_on: null, ack_due_on: null });
  }
}
