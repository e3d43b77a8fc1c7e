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
  /** The full text. */
  body: string;
  /** Without quoted earlier messages and signature (the full text is kept in `body`). */
  bodyStripped: string;
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

const CONVERSATION_OUTCOMES: InboundOutcome[] = ['new_case', 'reply', 'reply_after_close', 'new_case_after_close', 'released', 'auto_reply'];

export async function loadConversation(db: Executor, caseId: string): Promise<ConversationItem[]> {
  const [incoming, outgoing, files] = await Promise.all([
    db
      .selectFrom('inbound_messages')
      .select(['id', 'from_address', 'from_name', 'envelope_to', 'subject', 'body', 'body_stripped', 'received_at', 'outcome', 'warnings', 'needs_attention'])
      .where('case_id', '=', caseId)
      .where('outcome', 'in', CONVERSATION_OUTCOMES)
      .execute(),
    db
      .selectFrom('messages as m')
      .leftJoin('users as u', 'u.id', 'm.created_by')
      .select(['m.id', 'm.channel', 'm.recipient', 'm.subject', 'm.body', 'm.created_at', 'm.status', 'm.last_error', 'm.purpose', 'm.occurred_on', 'u.name as author_name'])
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
