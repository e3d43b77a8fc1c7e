import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { InboundOutcome } from '../../db/schema.ts';

/**
 * The conversation with the submitter on one case, in and out, in order: mails received (with
 * their files) and every message to the submitter (e-mail, letter, phone call). Messages to staff
 * (reminders, digests) are not part of it. Bounces and delivery reports show as the delivery
 * status of the message they concern, not as messages of their own.
 */
export interface ConversationItem {
  id: string;
  direction: 'in' | 'out';
  channel: string;
  from: string | null;
  fromName: string | null;
  to: string | null;
  subject: string | null;
  /** The text, at most MAX_SHOWN_BODY characters of it (`bodyCut`); the whole of a mail in is in its .eml. */
  body: string;
  /** Without quoted earlier messages and signature, cut the same way (`bodyStrippedCut`). */
  bodyStripped: string;
  bodyCut: boolean;
  bodyStrippedCut: boolean;
  at: Date;
  /** Out: queued, sending, sent, failed, recorded. In: null. */
  deliveryStatus: string | null;
  lastError: string | null;
  purpose: string | null;
  authorName: string | null;
  /** In: what became of it (reply, reply after close, automatic reply …). */
  outcome: InboundOutcome | null;
  warnings: string[];
  needsAttention: boolean;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
}

/**
 * Characters of a mail in shown on the case page and in the API. A mail may be 25 MB of text, and
 * the whole of it made a 25 MB page (and JSON) that held the server for seconds while it was
 * rendered; the case's description is cut at twice this anyway. Cut in the database, so the rest
 * is never read (substr() reads only the start of a long value).
 */
export const MAX_SHOWN_BODY = 50_000;

const head = (column: 'body' | 'body_stripped' | 'm.body') => sql<string>`substr(${sql.ref(column)}, 1, ${MAX_SHOWN_BODY})`;
const longer = (column: 'body' | 'body_stripped' | 'm.body') => sql<boolean>`char_length(substr(${sql.ref(column)}, 1, ${MAX_SHOWN_BODY + 1})) > ${MAX_SHOWN_BODY}`;

const CONVERSATION_OUTCOMES: InboundOutcome[] = ['new_case', 'reply', 'reply_after_close', 'new_case_after_close', 'released', 'auto_reply'];

export async function loadConversation(db: Executor, caseId: string): Promise<ConversationItem[]> {
  const [incoming, outgoing, files] = await Promise.all([
    db
      .selectFrom('inbound_messages')
      .select(['id', 'from_address', 'from_name', 'envelope_to', 'subject', 'received_at', 'outcome', 'warnings', 'needs_attention'])
      .select([head('body').as('body'), head('body_stripped').as('body_stripped'), longer('body').as('body_cut'), longer('body_stripped').as('body_stripped_cut')])
      .where('case_id', '=', caseId)
      .where('outcome', 'in', CONVERSATION_OUTCOMES)
      .execute(),
    db
      .selectFrom('messages as m')
      .leftJoin('users as u', 'u.id', 'm.created_by')
      .select(['m.id', 'm.channel', 'm.recipient', 'm.subject', 'm.created_at', 'm.status', 'm.last_error', 'm.purpose', 'm.occurred_on', 'u.name as author_name'])
      .select([head('m.body').as('body'), longer('m.body').as('body_cut')])
      .where('m.case_id', '=', caseId)
      .where('m.recipient_user_id', 'is', null)
      .where('m.purpose', 'not in', ['reminder', 'escalation', 'digest', 'invitation'])
      .execute(),
    db
      .selectFrom('attachments')
      .select(['id', 'filename', 'content_type', 'size_bytes', 'inbound_message_id'])
      .where('case_id', '=', caseId)
      .where('inbound_message_id', 'is not', null)
      .orderBy('created_at')
      .orderBy('filename')
      .execute(),
  ]);
  const items: ConversationItem[] = [
    ...incoming.map((i) => ({
      id: i.id,
      direction: 'in' as const,
      channel: 'email',
      from: i.from_address,
      fromName: i.from_name,
      to: i.envelope_to.join(', ') || null,
      subject: i.subject,
      body: i.body,
      bodyStripped: i.body_stripped,
      bodyCut: i.body_cut,
      bodyStrippedCut: i.body_stripped_cut,
      at: i.received_at,
      deliveryStatus: null,
      lastError: null,
      purpose: null,
      authorName: null,
      outcome: i.outcome,
      warnings: i.warnings,
      needsAttention: i.needs_attention,
      attachments: files.filter((f) => f.inbound_message_id === i.id).map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size_bytes })),
    })),
    ...outgoing.map((m) => ({
      id: m.id,
      direction: 'out' as const,
      channel: m.channel,
      from: null,
      fromName: m.author_name,
      to: m.recipient,
      subject: m.subject,
      body: m.body,
      bodyStripped: m.body,
      bodyCut: m.body_cut,
      bodyStrippedCut: m.body_cut,
      at: m.created_at,
      deliveryStatus: m.status,
      lastError: m.last_error,
      purpose: m.purpose,
      authorName: m.author_name,
      outcome: null,
      warnings: [],
      needsAttention: false,
      attachments: [],
    })),
  ];
  return items.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.direction === b.direction ? a.id.localeCompare(b.id) : a.direction === 'in' ? -1 : 1));
}

/** Mails after the case was closed that nobody has dealt with yet: the case page says so and offers to reopen. */
export const unreadAfterClose = (items: readonly ConversationItem[]) => items.filter((i) => i.needsAttention && i.outcome === 'reply_after_close');
