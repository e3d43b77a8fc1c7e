import { sql } from 'kysely';
import type { CaseKind } from '../../db/schema.ts';
import { swedishDate } from '../../platform/clock.ts';
import { CLOCK_RUNNING, dueOn, loadDeadlineContext, longDate, nextReminderOn, policyFor, type DeadlineContext } from '../deadlines/policies.ts';
import { fill, staffCaseLink, type NewMessage, type NotifyDeps } from './outbox.ts';
import { queueReminders, type BundledCase, type ReminderEntry } from './reminderBundles.ts';
import { centralStaff, coordinatorsFor, type Person } from './recipients.ts';
import { loadTemplate, type Template } from './templates.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

interface DueRow {
  id: string;
  number: string;
  organization_id: string;
  kind: CaseKind;
  status: string;
  answer_by: string;
  first_answered_at: Date | null;
  reminders_sent: number;
  escalated_at: Date | null;
  unit_id: string | null;
  unit_path: string[] | null;
  handler_id: string | null;
  handler_name: string | null;
  handler_email: string | null;
  handler_active: boolean | null;
  org_name: string;
  slug: string;
  host_name: string | null;
  is_default: boolean;
}

export interface PassResult {
  /** Cases whose next reminder day had come. */
  cases: number;
  /** Messages created. */
  messages: number;
}

/**
 * The reminder pass (rule 15): for every case whose next reminder day has come, remind the
 * handler (as many times as the policy says) and escalate to the förvaltning's coordinators.
 * Reads only the due cases, through the partial index on next_reminder_on, in batches locked
 * with SKIP LOCKED, so several runners share the work; the dedupe keys make a message at most
 * once even if two passes meet the same case. A person reminded of several cases gets one mail.
 */
export async function reminderPass(deps: Pick<NotifyDeps, 'db' | 'publicUrl'>, now: Date, batchSize = 1000): Promise<PassResult> {
  const today = swedishDate(now);
  const result: PassResult = { cases: 0, messages: 0 };
  const contexts = new Map<string, DeadlineContext>();
  const templates = new Map<string, Template>();
  const coordinators = new Map<string, Person[]>();
  const central = new Map<string, Person[]>();
  const cached = async <T>(map: Map<string, T>, key: string, load: () => Promise<T>) => {
    if (!map.has(key)) map.set(key, await load());
    return map.get(key)!;
  };

  for (;;) {
    const n = await deps.db.transaction().execute(async (tx) => {
      const { rows } = await sql<DueRow>`
        SELECT c.id, c.number, c.organization_id, c.kind, c.status, c.answer_by, c.first_answered_at, c.reminders_sent, c.escalated_at,
          c.unit_id, u.ancestor_ids AS unit_path, c.handler_id, h.name AS handler_name, h.email AS handler_email, h.active AS handler_active,
          o.name AS org_name, o.slug, o.host_name, o.is_default
        FROM cases c
        JOIN organizations o ON o.id = c.organization_id
        LEFT JOIN org_units u ON u.id = c.unit_id
        LEFT JOIN users h ON h.id = c.handler_id
        WHERE c.next_reminder_on <= ${today}
        ORDER BY c.next_reminder_on
        LIMIT ${batchSize}
        FOR UPDATE OF c SKIP LOCKED
      `.execute(tx);
      const entries: ReminderEntry[] = [];
      const updates: { id: string; reminders_sent: number; escalated_at: Date | null; next_reminder_on: string | null }[] = [];
      for (const c of rows) {
        const ctx = await cached(contexts, c.organization_id, () => loadDeadlineContext(tx, c.organization_id));
        const cal = ctx.calendar;
        const p = policyFor(ctx, c.kind);
        if (c.first_answered_at || !(CLOCK_RUNNING as readonly string[]).includes(c.status)) {
          updates.push({ id: c.id, reminders_sent: c.reminders_sent, escalated_at: c.escalated_at, next_reminder_on: null });
          continue;
        }
        const due = dueOn(cal, p, c.answer_by, c.reminders_sent, c.escalated_at !== null, today);
        const link = staffCaseLink(deps.publicUrl, c, c.number);
        const vars = {
          arendenummer: c.number,
          svarsdatum: longDate(c.answer_by),
          arendelank: link,
          organisation: c.org_name,
          handlaggare: c.handler_name ?? sv('notifications.reminder.noHandler'),
          laget: c.handler_name ? sv('notifications.reminder.handlerReminded', { handler: c.handler_name }) : sv('notifications.reminder.handlerMissing'),
        };
        const about: BundledCase = { number: c.number, answerBy: c.answer_by, handler: c.handler_name, link };
        const add = (message: NewMessage, to: Person) => entries.push({ message, to: to.name, org: c.org_name, case: about });
        const coord = () => cached(coordinators, `${c.organization_id}:${c.unit_id}`, () => coordinatorsFor(tx, c.organization_id, c.unit_path ?? []));
        const centralStaffOf = () => cached(central, c.organization_id, () => centralStaff(tx, c.organization_id));
        let remindersSent = c.reminders_sent;
        let escalatedAt = c.escalated_at;
        if (due.reminder) {
          const handler = c.handler_id && c.handler_active && c.handler_email ? [{ id: c.handler_id, name: c.handler_name!, email: c.handler_email }] : [];
          const to = handler.length ? handler : (await coord()).length ? await coord() : await centralStaffOf();
          const t = await cached(templates, `${c.organization_id}:reminder`, () => loadTemplate(tx, c.organization_id, 'reminder'));
          for (const person of to) {
            add({
              case_id: c.id,
              organization_id: c.organization_id,
              purpose: 'reminder',
              recipient: person.email,
              recipient_user_id: person.id,
              ...fill(t, { ...vars, mottagare: person.name }),
              dedupe_key: `reminder:${c.id}:${c.answer_by}:${remindersSent + 1}:${person.id}`,
              created_at: now,
            }, person);
          }
          remindersSent++;
        }
        if (due.escalation) {
          const to = (await coord()).length ? await coord() : await centralStaffOf();
          const t = await cached(templates, `${c.organization_id}:escalation`, () => loadTemplate(tx, c.organization_id, 'escalation'));
          for (const person of to) {
            add({
              case_id: c.id,
              organization_id: c.organization_id,
              purpose: 'escalation',
              recipient: person.email,
              recipient_user_id: person.id,
              ...fill(t, { ...vars, mottagare: person.name }),
              dedupe_key: `escalation:${c.id}:${c.answer_by}:${person.id}`,
              created_at: now,
            }, person);
          }
          escalatedAt = now;
        }
        let next = nextReminderOn(cal, p, c.answer_by, remindersSent, escalatedAt !== null);
        // At most one round per case and day, also after the system was down for a while.
        if (next !== null && next <= today) next = cal.addWorkingDays(today, 1);
        updates.push({ id: c.id, reminders_sent: remindersSent, escalated_at: escalatedAt, next_reminder_on: next });
      }
      result.messages += await queueReminders(tx, entries, now);
      if (updates.length) {
        await sql`
          UPDATE cases c SET reminders_sent = v.reminders_sent, escalated_at = v.escalated_at, next_reminder_on = v.next_reminder_on
          FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.reminders_sent)}::int[],
                      ${updates.map((u) => u.escalated_at)}::timestamptz[], ${updates.map((u) => u.next_reminder_on)}::date[])
            AS v(id, reminders_sent, escalated_at, next_reminder_on)
          WHERE c.id = v.id
        `.execute(tx);
      }
      return rows.length;
    });
    result.cases += n;
    if (n < batchSize) return result;
  }
}
