import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import { enqueueSends } from '../../platform/jobs.ts';
import type { Clock } from '../../platform/clock.ts';
import { domainOf, SendError, type MailTransport, type OutgoingMail } from '../../platform/mail.ts';
import { caseReplyAddress } from '../mailin/addresses.ts';
import { countMail } from '../../platform/metrics.ts';
import { PRODUCT_NAME } from '../../platform/product.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

export interface SendDeps {
  db: Db;
  clock: Clock;
  transport: MailTransport;
  /** Sender address; the organization's name is shown as the sender's name. */
  from: string;
  /** Base reply address; replies about a case go to its plus-address. */
  replyTo: string;
}

/** An attempt still 'sending' after this long died mid-way (SMTP timeouts are far shorter). */
export const STALE_SENDING_MS = 10 * 60_000;

export const UNCERTAIN = sv('notifications.send.uncertain');

export type SendOutcome = 'sent' | 'already_done' | 'failed' | 'retry';

/**
 * Sends one message, at most once. The job that calls this was enqueued in the transaction that
 * created the message, so a commit is never lost. Three steps:
 *  1. In its own transaction: lock the row; only a 'queued' message is claimed, by setting it
 *     to 'sending' with a fresh send_token. Committed before any byte goes to the SMTP server.
 *  2. Hand it to the SMTP server.
 *  3. Record the outcome against that send_token: 'sent', or back to 'queued' with the reason
 *     (temporary: the job throws and graphile-worker retries with back-off), or 'failed'
 *     (permanent refusal, or out of attempts).
 * If the process dies between 1 and 3 the row stays 'sending'. A later attempt that finds it so
 * cannot know whether the server took the message; it marks it 'failed' with that reason for a
 * person to check (outbox → "Skicka igen"), and never resends by itself. So a message is sent at
 * most once, and every message not known to be sent is visible as queued or failed.
 */
export async function sendMessage(deps: SendDeps, messageId: string, attempt: { attempts: number; maxAttempts: number } = { attempts: 1, maxAttempts: 1 }): Promise<SendOutcome> {
  const claim = await deps.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      id: string;
      status: string;
      channel: string;
      recipient: string | null;
      subject: string | null;
      body: string;
      sending_started_at: Date | null;
      stale: boolean;
      number: string | null;
      org_name: string;
      slug: string;
      is_default: boolean;
      inbound_address: string | null;
      answers_id: string | null;
      answers_references: string[] | null;
    }>`
      SELECT m.id, m.status, m.channel, m.recipient, m.subject, m.body, m.sending_started_at,
        m.sending_started_at < now() - make_interval(secs => ${STALE_SENDING_MS / 1000}) AS stale,
        c.number, o.name AS org_name, o.slug, o.is_default,
        (SELECT a.address FROM inbound_addresses a WHERE a.organization_id = o.id ORDER BY a.created_at, a.address LIMIT 1) AS inbound_address,
        im.header_message_id AS answers_id, im."references" AS answers_references
      FROM messages m
      JOIN organizations o ON o.id = m.organization_id
      LEFT JOIN cases c ON c.id = m.case_id
      -- A message to the submitter answers their latest mail about the case, if they wrote one (modules/mailin).
      LEFT JOIN LATERAL (
        SELECT i.header_message_id, i."references" FROM inbound_messages i
        WHERE i.case_id = m.case_id AND m.recipient_user_id IS NULL AND i.header_message_id IS NOT NULL
          AND i.outcome IN ('new_case', 'reply', 'reply_after_close', 'new_case_after_close', 'released')
        ORDER BY i.received_at DESC LIMIT 1
      ) im ON true
      WHERE m.id = ${messageId}
      FOR UPDATE OF m
    `.execute(tx);
    const m = rows[0];
    if (!m || m.channel !== 'email') return { kind: 'done' as const };
    if (m.status === 'sending') {
      // Another runner may be mid-send right now: wait. A stale claim died mid-send: see above.
      if (!m.stale) return { kind: 'busy' as const };
      await tx.updateTable('messages').set({ status: 'failed', last_error: UNCERTAIN }).where('id', '=', m.id).execute();
      await caseEvent(tx, messageId, deps.clock.now(), 'failed', UNCERTAIN);
      return { kind: 'failed' as const };
    }
    if (m.status !== 'queued') return { kind: 'done' as const };
    if (!m.recipient) {
      await tx.updateTable('messages').set({ status: 'failed', last_error: 'Meddelandet har ingen mottagaradress.' }).where('id', '=', m.id).execute();
      return { kind: 'failed' as const };
    }
    const token = crypto.randomUUID();
    await tx
      .updateTable('messages')
      .set({ status: 'sending', send_token: token, sending_started_at: sql`now()`, attempts: sql`attempts + 1` })
      .where('id', '=', m.id)
      .execute();
    return { kind: 'claimed' as const, token, m };
  });
  if (claim.kind === 'done') return 'already_done';
  if (claim.kind === 'failed') {
    countMail('failed', deps.transport.kind);
    return 'failed';
  }
  if (claim.kind === 'busy') throw new Error(`Message ${messageId} is being sent by another worker; trying again later`);

  const { m, token } = claim;
  const domain = domainOf(deps.from);
  const headerMessageId = `<${m.id}@${domain}>`;
  const replyTo = m.number ? caseReplyAddress(m, m.number, deps.replyTo) : undefined;
  // Every message of a case threads under <number@domain>; an answer to a mail also under that mail.
  const caseRef = m.number ? `<${m.number}@${domain}>` : undefined;
  const references = [...(m.answers_references ?? []).slice(-10), ...(m.answers_id ? [m.answers_id] : []), ...(caseRef ? [caseRef] : [])];
  const mine = (tx: Executor) =>
    tx.updateTable('messages').where('id', '=', m.id).where('send_token', '=', token);
  const mail: OutgoingMail = {
    from: { name: m.org_name, address: deps.from },
    to: m.recipient!,
    replyTo,
    subject: m.subject ?? (m.number ? sv('notifications.send.caseSubject', { number: m.number }) : sv('notifications.send.subject', { product: PRODUCT_NAME })),
    text: m.body,
    messageId: headerMessageId,
    date: deps.clock.now(),
    inReplyTo: m.answers_id ?? undefined,
    references: references.length ? references.join(' ') : undefined,
  };
  try {
    const { response } = await deps.transport.send(mail);
    await mine(deps.db)
      .set({ status: 'sent', sent_at: deps.clock.now(), transport: deps.transport.kind, smtp_response: response.slice(0, 1000), last_error: null, ...sentHeaders(mail) })
      .execute();
    countMail('sent', deps.transport.kind);
    return 'sent';
  } catch (err) {
    const e = err instanceof SendError ? err : new SendError(sv('notifications.send.failed', { error: err instanceof Error ? err.message : String(err) }), false);
    const giveUp = e.permanent || attempt.attempts >= attempt.maxAttempts;
    const reason = giveUp && !e.permanent ? sv('notifications.send.gaveUp', { error: e.message, attempts: attempt.attempts }) : e.message;
    await deps.db.transaction().execute(async (tx) => {
      await mine(tx)
        .set({ status: giveUp ? 'failed' : 'queued', last_error: reason, transport: deps.transport.kind, header_message_id: headerMessageId, reply_to: replyTo ?? null })
        .execute();
      if (giveUp) await caseEvent(tx, m.id, deps.clock.now(), 'failed', reason);
    });
    countMail(giveUp ? 'failed' : 'deferred', deps.transport.kind);
    if (giveUp) return 'failed';
    // graphile-worker records the error and schedules the next attempt with back-off.
    throw e;
  }
}

/**
 * What the mail said in its headers, kept on the row so that a copy made later (the e-archive,
 * the diarium: earchive/documents.ts) is the mail that was sent. The To is the row's recipient
 * and the text its body, both sent as they are.
 */
const sentHeaders = (mail: OutgoingMail) => ({
  subject: mail.subject,
  header_message_id: mail.messageId,
  reply_to: mail.replyTo ?? null,
  header_from_name: mail.from.name,
  header_from_address: mail.from.address,
  header_date: mail.date,
  header_in_reply_to: mail.inReplyTo ?? null,
  header_references: mail.references ?? null,
});

async function caseEvent(tx: Executor, messageId: string, now: Date, status: string, error: string) {
  const m = await tx.selectFrom('messages').select(['case_id', 'purpose']).where('id', '=', messageId).executeTakeFirst();
  if (!m?.case_id) return;
  await tx
    .insertInto('case_events')
    .values({ case_id: m.case_id, type: 'message', actor_label: PRODUCT_NAME, occurred_at: now, data: JSON.stringify({ purpose: m.purpose, messageId, status, error }) })
    .execute();
}

/** A person decided to send a failed message again: back to the queue with a new job, in one transaction. */
export async function requeueMessage(db: Db, organizationId: string, messageId: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('messages')
      .set({ status: 'queued', send_token: null, sending_started_at: null })
      .where('id', '=', messageId)
      .where('organization_id', '=', organizationId)
      .where('channel', '=', 'email')
      .where('status', '=', 'failed')
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await enqueueSends(tx, [row.id]);
    return true;
  });
}
