import { formatDateTime } from '../../platform/clock.ts';
import { composeMail } from '../../platform/mail.ts';
import { PRODUCT_NAME } from '../../platform/product.ts';
import { mailComposer } from './documents.ts';
import type { CaseFile, CaseMessage } from './load.ts';

export interface MessageFile {
  extension: 'eml' | 'txt';
  contentType: 'message/rfc822' | 'text/plain';
  bytes: Buffer;
}

/**
 * A message of the case as a document of the package. Mail that Lyhörd handed to an SMTP server
 * is an .eml of the mail as sent. Everything else was never e-mailed by Lyhörd (a letter, a call,
 * an answer given outside it, a mail that failed, still waits or only went to the local outbox)
 * and is a plain-text note that says what it is: as an .eml it would look like mail that went out.
 */
export async function messageFile(c: CaseFile, m: CaseMessage, org: string): Promise<MessageFile> {
  const what = notEmailed(m);
  if (what) return { extension: 'txt', contentType: 'text/plain', bytes: Buffer.from(note(c, m, what)) };
  return { extension: 'eml', contentType: 'message/rfc822', bytes: m.sent ? await asSent(m, m.sent) : await rebuilt(c, m, org) };
}

/** Why a message is not a mail that went out, in words for whoever reads the archive; null when it is one. */
function notEmailed(m: CaseMessage): string | null {
  if (m.channel === 'letter') return 'Brev, skickat med post';
  if (m.channel === 'phone') return 'Telefonsamtal, antecknat';
  if (m.status === 'sent') return m.transport === 'outbox' ? `E-post som aldrig skickades: ingen e-postserver var inställd, så den sparades bara i ${PRODUCT_NAME}s utkorg` : null;
  if (m.status === 'recorded') return `Svar som gavs utanför ${PRODUCT_NAME}, antecknat`;
  if (m.status === 'failed') return 'E-post som inte kunde skickas';
  return 'E-post som ännu inte hade skickats';
}

function note(c: CaseFile, m: CaseMessage, what: string): string {
  const lines = [
    what,
    `Ärende: ${c.number}`,
    m.recipient ? `Mottagare: ${m.recipient.replace(/\n/g, ', ')}` : null,
    m.subject ? `Ämne: ${m.subject}` : null,
    `Datum: ${m.channel === 'email' ? formatDateTime(m.at) : (m.occurredOn ?? formatDateTime(m.at))}`,
  ];
  return `${lines.filter((l) => l !== null).join('\n')}\n\n${m.body}\n`;
}

/** The mail from what its send recorded, composed as the transport composes it: the same headers and text. */
function asSent(m: CaseMessage, sent: NonNullable<CaseMessage['sent']>): Promise<Buffer> {
  return composeMail({
    from: { name: sent.fromName, address: sent.fromAddress },
    to: m.recipient ?? '',
    replyTo: m.replyTo ?? undefined,
    subject: m.subject ?? '',
    text: m.body,
    messageId: sent.messageId,
    date: sent.date,
    inReplyTo: sent.inReplyTo ?? undefined,
    references: sent.references ?? undefined,
  });
}

const REBUILT = `Återskapad kopia: avsändaren och sidhuvudena sparades inte när meddelandet skickades. Avsändaren är en platshållare; texten är den som skickades.`;

/**
 * Mail sent before the send recorded its headers (migration 2026-12-04T0900): nobody knows which
 * sender and Date it carried, so the copy is rebuilt from the row and says so rather than pass for
 * the mail itself: on its first line for a person, in X-Lyhord-Rebuilt for a program. The sender
 * is under .invalid, which can never be a real address (RFC 2606).
 */
async function rebuilt(c: CaseFile, m: CaseMessage, org: string): Promise<Buffer> {
  const MailComposer = await mailComposer();
  return new MailComposer({
    from: { name: org, address: 'noreply@lyhord.invalid' },
    to: m.recipient ?? undefined,
    replyTo: m.replyTo ?? undefined,
    subject: m.subject ?? `Ärende ${c.number}`,
    text: `[${REBUILT}]\n\n${m.body}`,
    date: m.sentAt ?? m.at,
    messageId: m.headerMessageId ?? `<${m.id}@lyhord.invalid>`,
    headers: { 'X-Lyhord-Rebuilt': 'true' },
  })
    .compile()
    .build();
}
