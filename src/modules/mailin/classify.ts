import type { ParsedInbound } from './parse.ts';

/**
 * Which mails must never become a case or be answered (DOMAIN rule 1b): automatic replies and
 * bounces. Pure functions over the parsed mail and its envelope sender.
 */

/** Subjects of out-of-office and other automatic replies, in the languages we meet. */
const AUTO_SUBJECT = /^\s*(automatiskt svar|autosvar|frånvaro(meddelande)?|fr[aå]nvarande|out of office|auto(matic)?[ -]?reply|autoreply|abwesenheit|poissa|fraværende|absence|ausente)\b/i;

/**
 * What a mail's own marks say about it:
 * - `auto_reply`: an automatic reply. Stored, never a case, never answered.
 * - `bulk`: mass mail or a mailing list, which no automatic answer may go to (RFC 3834 section 2),
 *   but which may still be a synpunkt (an e-service that marks its form mail so). It waits for the
 *   registrar instead of becoming a case with an acknowledgement.
 * - `auto_subject`: only the subject looks automatic. A person writes "Frånvaro av snöröjning" as
 *   readily as an out-of-office reply does, so it becomes a case like any other, with a warning.
 * - `person`: nothing says otherwise.
 */
export type AutomaticVerdict = 'auto_reply' | 'bulk' | 'auto_subject' | 'person';

/**
 * Header evidence first, as RFC 3834 and the mail systems in use define it. Auto-Submitted with
 * any value but "no" (RFC 3834 section 5), the de facto X-Autoreply/X-Autorespond(er) headers and
 * Precedence: auto_reply are set by the responders themselves. Two kinds of signs are not enough
 * alone:
 * - Exchange's rule marks (X-MS-Exchange-Inbox-Rules-Loop, X-MS-Exchange-Generated-Message-Source:
 *   Mailbox Rules Agent) are also stamped on mail that an inbox rule forwards or redirects, such as
 *   a citizen's complaint a member of staff's mailbox passes on to us.
 * - An automatic-looking subject.
 * Either counts together with the other, or with the mail answering one of ours (`answersOurs`:
 * it names a case of ours, so it is kept with that case and nothing is lost).
 * X-Auto-Response-Suppress is not a sign at all: Outlook asks for no automatic answers with it on
 * ordinary mail as well.
 */
export function automaticVerdict(m: Pick<ParsedInbound, 'headers' | 'subject'>, answersOurs: boolean): AutomaticVerdict {
  const h = (name: string) => m.headers.get(name)?.toLowerCase().trim();
  const auto = h('auto-submitted');
  if (auto !== undefined && auto !== '' && !/^no\b/.test(auto)) return 'auto_reply';
  if (['x-autoreply', 'x-autorespond', 'x-autoresponder'].some((name) => m.headers.has(name))) return 'auto_reply';
  const precedence = h('precedence');
  if (precedence && /^auto[_-]?reply\b/.test(precedence)) return 'auto_reply';
  const ruleMade = m.headers.has('x-ms-exchange-inbox-rules-loop') || h('x-ms-exchange-generated-message-source')?.includes('mailbox rules') === true;
  const autoSubject = AUTO_SUBJECT.test(m.subject);
  if ((ruleMade || autoSubject) && (answersOurs || (ruleMade && autoSubject))) return 'auto_reply';
  if (precedence && /^(bulk|junk|list)\b/.test(precedence)) return 'bulk';
  return autoSubject ? 'auto_subject' : 'person';
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
