import type { ParsedInbound } from './parse.ts';

/**
 * Which mails must never become a case or be answered (DOMAIN rule 1b): automatic replies and
 * bounces. Pure functions over the parsed mail and its envelope sender.
 */

/** Subjects of out-of-office and other automatic replies, in the languages we meet. */
const AUTO_SUBJECT = /^\s*(automatiskt svar|autosvar|frånvaro(meddelande)?|fr[aå]nvarande|out of office|auto(matic)?[ -]?reply|autoreply|abwesenheit|poissa|fraværende|absence|ausente)\b/i;

export function isAutoReply(m: Pick<ParsedInbound, 'headers' | 'subject'>): boolean {
  const h = (name: string) => m.headers.get(name)?.toLowerCase().trim();
  const auto = h('auto-submitted');
  if (auto !== undefined && auto !== '' && !auto.startsWith('no')) return true;
  if (m.headers.has('x-autoreply') || m.headers.has('x-autorespond') || m.headers.has('x-autoresponder')) return true;
  const precedence = h('precedence');
  if (precedence && /^(bulk|junk|list|auto_reply)\b/.test(precedence)) return true;
  // Exchange marks its own out-of-office replies so.
  if (h('x-ms-exchange-generated-message-source')?.includes('mailbox rules')) return true;
  return AUTO_SUBJECT.test(m.subject);
}

/** A delivery failure notice: null envelope sender, MAILER-DAEMON/postmaster, or a multipart/report. */
export function isBounce(m: Pick<ParsedInbound, 'from' | 'contentType' | 'headers'>, envelopeFrom: string | null): boolean {
  if (envelopeFrom === '') return true;
  const returnPath = m.headers.get('return-path');
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath.trim())) return true;
  if (m.contentType === 'multipart/report') return true;
  const local = m.from?.address.split('@')[0] ?? '';
  return /^(mailer-daemon|postmaster)$/i.test(local);
}

export interface DeliveryReport {
  /** At least one recipient failed for good (Action: failed), or the notice gave no machine-readable report. */
  failed: boolean;
  /** In words for the handler: the recipient and the server's reason. */
  reason: string;
}

/** Reads RFC 3464 per-recipient fields; falls back to the notice's own text. */
export function readDeliveryReport(m: Pick<ParsedInbound, 'reportParts' | 'text' | 'subject'>): DeliveryReport {
  const status = m.reportParts.find((p) => /^\s*(Action|Final-Recipient|Status)\s*:/im.test(p));
  if (status) {
    const field = (name: string) => [...status.matchAll(new RegExp(`^${name}\\s*:\\s*(.+(?:\\n[ \\t].+)*)$`, 'gim'))].map((x) => x[1]!.replace(/\s+/g, ' ').trim());
    const actions = field('Action').map((a) => a.toLowerCase());
    const recipients = field('Final-Recipient').map((r) => r.replace(/^rfc822\s*;\s*/i, ''));
    const diagnostic = field('Diagnostic-Code').map((d) => d.replace(/^smtp\s*;\s*/i, ''));
    const codes = field('Status');
    const failed = actions.length === 0 || actions.includes('failed');
    const reason = [recipients.length ? `Mottagare: ${recipients.join(', ')}` : null, diagnostic[0] ?? (codes[0] ? `status ${codes[0]}` : null)].filter(Boolean).join('. ');
    return { failed, reason: reason || m.subject || 'Meddelandet kunde inte levereras.' };
  }
  // No report part: the first lines of the human-readable notice are the best reason we have.
  const text = m.text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return { failed: true, reason: text || m.subject || 'Meddelandet kunde inte levereras.' };
}
