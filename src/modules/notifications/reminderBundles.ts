import { createHash } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { longDate } from '../deadlines/policies.ts';
import { queueEmails, type NewMessage } from './outbox.ts';
import { PRODUCT_NAME } from '../../platform/product.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/** What a bundle says about one case. */
export interface BundledCase {
  number: string;
  answerBy: string;
  handler: string | null;
  link: string;
}

const line = (c: BundledCase, withHandler: boolean) => {
  const key = !withHandler ? 'notifications.bundle.line' : c.handler ? 'notifications.bundle.lineHandler' : 'notifications.bundle.lineNoHandler';
  return `${sv(key, { number: c.number, date: longDate(c.answerBy), handler: c.handler ?? '' })}\n  ${c.link}`;
};

/** One mail for everything one person is reminded of in a pass: the reminders first, then the escalations. */
export function bundleText(name: string, org: string, reminders: BundledCase[], escalations: BundledCase[]): { subject: string; body: string } {
  const n = reminders.length + escalations.length;
  const sections = [
    reminders.length ? `${sv('notifications.bundle.reminders', { n: reminders.length })}\n${reminders.map((c) => line(c, false)).join('\n')}` : '',
    escalations.length ? `${sv('notifications.bundle.escalations', { n: escalations.length })}\n${escalations.map((c) => line(c, true)).join('\n')}` : '',
  ].filter(Boolean);
  return {
    subject: sv('notifications.bundle.subject', { n }),
    body: sv('notifications.bundle.body', { n, name, org, sections: sections.join('\n\n'), product: PRODUCT_NAME }),
  };
}

/** One reminder or escalation of a pass: the message it would be alone, and what a bundle says about it. */
export interface ReminderEntry {
  message: NewMessage;
  to: string;
  org: string;
  case: BundledCase;
}

/**
 * Queues the reminders and escalations of one pass: a person with one case gets the message of
 * that case; a person with several gets one mail listing them all (not one mail per case), and
 * each case's history records it. In the caller's transaction. Returns how many mails were queued.
 */
export async function queueReminders(tx: Executor, entries: ReminderEntry[], now: Date): Promise<number> {
  const byPerson = new Map<string, ReminderEntry[]>();
  for (const e of entries) {
    const key = `${e.message.organization_id}:${e.message.recipient}`;
    byPerson.set(key, [...(byPerson.get(key) ?? []), e]);
  }
  const singles = [...byPerson.values()].filter((es) => es.length === 1).map((es) => es[0]!.message);
  let queued = 0;
  for (let i = 0; i < singles.length; i += 1000) queued += (await queueEmails(tx, singles.slice(i, i + 1000), now)).length;
  for (const es of byPerson.values()) {
    if (es.length === 1) continue;
    const first = es[0]!;
    const pick = (purpose: string) => es.filter((e) => e.message.purpose === purpose).map((e) => e.case);
    const text = bundleText(first.to, first.org, pick('reminder'), pick('escalation'));
    // The same set of case messages always makes the same bundle: a repeated pass sends nothing new.
    const key = createHash('sha256').update(es.map((e) => e.message.dedupe_key).sort().join('\n')).digest('base64url');
    const m = first.message;
    const [id] = await queueEmails(tx, [{ case_id: null, organization_id: m.organization_id, purpose: 'other', recipient: m.recipient, recipient_user_id: m.recipient_user_id, ...text, dedupe_key: `reminders:${key}`, created_at: now }], now);
    if (!id) continue;
    queued++;
    await tx
      .insertInto('case_events')
      .values(es.map((e) => ({ case_id: e.message.case_id!, type: 'message', actor_label: PRODUCT_NAME, occurred_at: now, visible_to_submitter: false, data: JSON.stringify({ purpose: e.message.purpose, messageId: id, to: first.to, together: es.length }) })))
      .execute();
  }
  return queued;
}
