import type { Tx } from '../../db/database.ts';
import type { MessageChannel } from '../../db/schema.ts';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { enqueueSends } from '../../platform/jobs.ts';
import { placeholderError, unfilledPlaceholders } from '../answers/templates.ts';
import type { Actor } from './policy.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { submitterI18n } from '../notifications/submitterMail.ts';

export interface AnswerInput {
  channel: MessageChannel;
  subject?: string;
  body: string;
  /** For a phone call: the day it was made. */
  occurredOn?: string;
}

/** A message to the submitter on the case: e-mail is queued for sending; a letter or a call is recorded. */
export async function addMessage(
  tx: Tx,
  caseRow: { id: string; contact_email: string | null; contact_phone: string | null; contact_address: string | null; contact_name: string | null; number: string; language: string | null },
  actor: Actor,
  purpose: 'answer' | 'question' | 'referral' | 'not_handled',
  m: AnswerInput,
  now: Date,
  /** Already said or sent outside the system (a quick case answered on the spot): recorded, never queued. */
  alreadyDelivered = false,
  /** An e-mail's frame in the submitter's language (notifications/submitterMail.ts): default subject and the footer under the text. */
  frame?: { subject: string; footer: string },
) {
  // Every message to the submitter comes through here (answer, question, referral, not handled):
  // a template's [instructions] or {placeholders} left in would show them a form letter with holes.
  // What was already said outside the system is recorded as it was.
  const holes = alreadyDelivered ? [] : unfilledPlaceholders(`${m.subject ?? ''}\n${m.body}`);
  if (holes.length) throw new DomainError('invalid', placeholderError(holes), { body: placeholderError(holes) });
  const recipient = m.channel === 'email' ? caseRow.contact_email : m.channel === 'phone' ? caseRow.contact_phone : caseRow.contact_address;
  if (!recipient) {
    throw new DomainError('invalid', sv('cases.error.noRecipient', { channel: m.channel }), { channel: sv('cases.error.noRecipientHint', { channel: m.channel }) });
  }
  const footer = frame && m.channel === 'email' && !alreadyDelivered ? frame.footer : null;
  const msg = await tx
    .insertInto('messages')
    .values({
      case_id: caseRow.id,
      purpose,
      channel: m.channel,
      recipient: m.channel === 'letter' ? [caseRow.contact_name, recipient].filter(Boolean).join('\n') : recipient,
      subject: m.subject ?? frame?.subject ?? defaultSubject(caseRow),
      // The footer is part of what is sent, so it is part of what the case shows; kept apart as
      // well, so that the submitter's status page can show only what the handler wrote.
      body: footer ? `${m.body}${footer}` : m.body,
      footer,
      // E-mail waits in the outbox for the mail transport; letters and calls are done by a person.
      status: m.channel === 'email' && !alreadyDelivered ? 'queued' : 'recorded',
      occurred_on: m.channel === 'phone' ? (m.occurredOn ?? swedishDate(now)) : swedishDate(now),
      created_by: actor.kind === 'user' ? actor.id : null,
      created_at: now,
    })
    .returning(['id', 'status'])
    .executeTakeFirstOrThrow();
  // The send job commits with the message, or neither does (notifications/send.ts).
  if (msg.status === 'queued') await enqueueSends(tx, [msg.id]);
  return msg;
}

/** The subject of a letter, a call or a mail without one: in the submitter's language, like an e-mail's frame. */
function defaultSubject(c: { number: string; language: string | null }) {
  const i18n = submitterI18n(c.language);
  return i18n.t('mail.answer.subject', { number: i18n.ltr(c.number) });
}

/** A history event beside the transition (a note, a measure, a link). */
export async function addEvent(tx: Tx, caseId: string, actor: Actor, type: string, now: Date, data: Record<string, unknown>, visibleToSubmitter = false) {
  await tx
    .insertInto('case_events')
    .values({ case_id: caseId, type, actor_user_id: actor.kind === 'user' ? actor.id : null, actor_label: actor.name, occurred_at: now, visible_to_submitter: visibleToSubmitter, data: JSON.stringify(data) })
    .execute();
}
