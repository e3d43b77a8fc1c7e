import type { Tx } from '../../db/database.ts';
import type { MessageChannel, Organization } from '../../db/schema.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { queueEmails, staffCaseLink } from '../notifications/outbox.ts';
import { answerFrame, submitterI18n } from '../notifications/submitterMail.ts';
import { orgOf, type CaseDeps, type Target } from './commands.ts';
import { FINAL_STATUSES, type Status } from './lifecycle.ts';
import { addMessage } from './messages.ts';
import { can, type Actor } from './policy.ts';
import { lockCaseForChange, policyCase, type LockedCase } from './queries.ts';
import { transition } from './transition.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/**
 * Waiting for the submitter (DOMAIN rule 14): the handler's question goes to them by the way they
 * asked to be answered and is shown on their status page, where they can reply. Their reply joins
 * the case, the handler is told, and the clock runs again (the answer date moves by the working
 * days paused, deadlines/hooks.ts).
 */

export const MAX_REPLY = 10_000;

/** The way to reach the submitter: the one they chose, or else the first they gave. */
export function questionChannel(row: Pick<LockedCase, 'reply_channel' | 'contact_email' | 'contact_phone' | 'contact_address'>): MessageChannel | null {
  const has: Record<MessageChannel, boolean> = { email: !!row.contact_email, phone: !!row.contact_phone, letter: !!row.contact_address };
  const chosen = row.reply_channel as MessageChannel | 'none' | null;
  if (chosen && chosen !== 'none' && has[chosen]) return chosen;
  return (['email', 'phone', 'letter'] as const).find((c) => has[c]) ?? null;
}

/** Handler: pause the case and ask the submitter something. */
export async function askSubmitter(deps: CaseDeps, t: Target & { question: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row || !can(t.actor, 'view', policyCase(row))) throw notFound(sv('cases.routes.theCase'));
    const result = await transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event: 'wait', expectedVersion: t.expectedVersion, now, changes: { paused_since: now }, data: { question: t.question } });
    const channel = questionChannel(row);
    if (!channel) throw new DomainError('invalid', sv('cases.error.unreachable'), { question: sv('cases.error.unreachableHint') });
    const frame = channel === 'email' ? await answerFrame(tx, { tokenSecret: deps.tokenSecret, publicUrl: deps.publicUrl ?? 'http://localhost:3000' }, row.id) : undefined;
    // A letter or a call has no mail frame, but its subject is in the submitter's language all the same.
    const i18n = frame?.i18n ?? submitterI18n(row.language);
    const subject = i18n.t('mail.question.subject', { number: i18n.ltr(row.number) });
    const msg = await addMessage(tx, row, t.actor, 'question', { channel, subject, body: t.question }, now, false, frame);
    return { ...result, channel, messageId: msg.id };
  });
}

/** Acts for the submitter replying through their status link, which is their only credential. */
const submitterActor = (organizationId: string): Actor => ({ kind: 'api_key', id: 'submitter', name: sv('cases.actor.submitter'), organizationId, grants: [{ role: 'admin', unitId: null }] });

/**
 * What the submitter writes on their status page. Kept even when no question is open (the handler
 * resumed the case meanwhile, or the page was old): they may always add to an open case (DOMAIN
 * rule 1b), and a text that does not answer an open question is recorded as an addition, so the
 * history does not claim a reply that was never asked for. Refused only when the case has ended
 * (the page then says how to get in touch).
 */
export async function replyToQuestion(deps: CaseDeps, org: Pick<Organization, 'id' | 'slug' | 'host_name' | 'is_default'>, caseNumber: string, text: string) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const row = await lockCaseForChange(tx, org.id, caseNumber);
    if (!row) throw DomainError.citizen('not_found', 'error.caseNotFound');
    if ((FINAL_STATUSES as readonly string[]).includes(row.status)) throw DomainError.citizen('conflict', 'status.reply.closed');
    const answersQuestion = (row.status as Status) === 'waiting';
    await tx
      .insertInto('case_events')
      .values({ case_id: row.id, type: answersQuestion ? 'submitter_reply' : 'submitter_addition', actor_label: sv('cases.actor.submitter'), occurred_at: now, visible_to_submitter: true, data: JSON.stringify({ text }) })
      .execute();
    await submitterAnswered(tx, deps, org, row, now);
  });
}

/**
 * What follows any reply of the submitter that joined an open case, whether from the status page
 * or as a reply mail (mailin): a case waiting for them runs again, and the handler is told, in
 * words that say whether it answered the open question or added to a case that was not waiting.
 */
export async function submitterAnswered(tx: Tx, deps: Pick<CaseDeps, 'publicUrl'>, org: Pick<Organization, 'id' | 'slug' | 'host_name' | 'is_default'>, row: LockedCase, now: Date) {
  const answersQuestion = (row.status as Status) === 'waiting';
  if (answersQuestion) {
    await transition(tx, { actor: submitterActor(org.id), organizationId: org.id, number: row.number, event: 'resume', now, changes: { paused_since: null }, data: { by: 'submitter' } });
  }
  await tellHandler(tx, deps, org, row, now, answersQuestion ? 'replied' : 'added');
}

async function tellHandler(tx: Tx, deps: Pick<CaseDeps, 'publicUrl'>, org: Pick<Organization, 'slug' | 'host_name' | 'is_default'>, row: LockedCase, now: Date, what: 'replied' | 'added') {
  if (!row.handler_id) return;
  const h = await tx.selectFrom('users').select(['id', 'name', 'email', 'active']).where('id', '=', row.handler_id).executeTakeFirst();
  if (!h?.active || !h.email) return;
  const mail = what === 'replied' ? 'submitterReplied' : 'submitterAdded';
  const link = staffCaseLink(deps.publicUrl ?? 'http://localhost:3000', org, row.number);
  await queueEmails(tx, [{
    case_id: row.id,
    organization_id: row.organization_id,
    purpose: 'other',
    recipient: h.email,
    recipient_user_id: h.id,
    // "Answered your question" only when one was open: an addition resumes no clock.
    subject: sv(`cases.mail.${mail}.subject`, { number: row.number }),
    body: sv(`cases.mail.${mail}.body`, { name: h.name, number: row.number, link }),
    dedupe_key: `submitter_reply:${row.id}:${now.toISOString()}`,
    created_at: now,
  }], now);
}
