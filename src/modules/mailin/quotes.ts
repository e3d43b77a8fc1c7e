/**
 * Splits the text of a mail into what the sender wrote now and what is folded away: quoted
 * earlier messages and signatures. Pure and line-based, for the mail programs Swedish
 * municipalities hear from: Outlook ("Från: … Skickat: …", also in English), Gmail and Apple
 * Mail ("Den … skrev …:", "On … wrote:", "> " lines), and mobile signatures ("Skickat från min
 * iPhone"). The full text is always kept; this only decides what is shown first.
 *
 * (email-reply-parser was tried first: it misses Outlook's Swedish header block, a Gmail
 * attribution wrapped over two lines and Swedish mobile signatures, and its patterns are a
 * process-wide singleton, so it cannot be extended safely.)
 */

export type SegmentKind = 'text' | 'quote' | 'signature';
export interface Segment {
  kind: SegmentKind;
  text: string;
}

/** "Den tis 22 dec. 2026 kl 10:00 skrev Anna <anna@example.se>:", "On Tue, … wrote:", Apple's "22 dec. 2026 kl. 10:00 skrev …:". */
const ATTRIBUTION = /\b(skrev|wrote|schrieb|écrit|kirjoitti)\b[^\n]{0,200}:\s*$/i;
const ATTRIBUTION_HINT = /(\d|@|<)/;
/** How an attribution starts: a word for "on", a date, or the writer's name and address. */
const ATTRIBUTION_START = /^\s*((Den|On|Le|Am|El|Il|Op|Em)\b|\d{1,4}[\s./-]|[^\n<]{1,80}<[^>\s]+@[^>\s]+>)/i;
/** Outlook's header block: "Från: …" followed within a few lines by "Skickat: …" or "Datum: …". */
const HEADER_FROM = /^\s*\*?(Från|From|Von|De|Lähettäjä)\s*:\*?\s*\S/i;
const HEADER_NEXT = /^\s*\*?(Skickat|Sent|Datum|Date|Gesendet|Envoyé|Lähetetty|Till|To|Ämne|Subject)\s*:/i;
const SEPARATOR = /^\s*(-{2,}\s*(Ursprungligt meddelande|Originalmeddelande|Original Message|Vidarebefordrat meddelande|Forwarded message|Videresendt melding)\s*-{2,}|_{20,})\s*$/i;
const QUOTED = /^\s*>/;
const SIG_DELIMITER = /^-- ?$/;
const MOBILE_SIGNATURE = /^\s*(Skickat från|Skickades från|Sent from|Hämta Outlook för|Get Outlook for|Skickat med|Sendt fra|Lähetetty)\b.{0,80}$/i;

function quoteStartAt(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (QUOTED.test(line)) return false;
  if (SEPARATOR.test(line)) return true;
  if (HEADER_FROM.test(line)) {
    for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) if (HEADER_NEXT.test(lines[j]!)) return true;
    return false;
  }
  // An attribution line, possibly wrapped over up to three lines by the mail program.
  if (!ATTRIBUTION_START.test(line)) return false;
  for (let n = 1; n <= 3 && i + n <= lines.length; n++) {
    if (n > 1 && lines[i + n - 1]!.trim() === '') return false;
    const joined = lines.slice(i, i + n).join(' ');
    if (ATTRIBUTION.test(joined) && ATTRIBUTION_HINT.test(joined) && joined.length < 300) {
      // Only when what follows is quoted or nothing: "… skrev hon:" inside a text is not an attribution.
      const next = lines.slice(i + n).find((l) => l.trim() !== '');
      return next === undefined || QUOTED.test(next) || HEADER_FROM.test(next);
    }
  }
  return false;
}

/** The text in order, as segments: the sender's text, quotes and signatures. Joining every segment's text gives the input back. */
export function splitReply(text: string): Segment[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const segments: Segment[] = [];
  const push = (kind: SegmentKind, ls: string[]) => {
    if (ls.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.text += `\n${ls.join('\n')}`;
    else segments.push({ kind, text: ls.join('\n') });
  };

  // Everything from the first attribution, header block or separator on is the earlier message.
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (quoteStartAt(lines, i)) {
      end = i;
      break;
    }
  }
  const own = lines.slice(0, end);
  const rest = lines.slice(end);

  // The signature: from "-- " or a mobile line near the end of the sender's own text.
  let sigAt = own.findIndex((l) => SIG_DELIMITER.test(l));
  if (sigAt < 0) {
    const nonEmpty = own.map((l, i) => [l, i] as const).filter(([l]) => l.trim() !== '' && !QUOTED.test(l));
    const tail = nonEmpty.slice(-3).find(([l]) => MOBILE_SIGNATURE.test(l));
    if (tail) sigAt = tail[1];
  }
  const body = sigAt >= 0 ? own.slice(0, sigAt) : own;
  const signature = sigAt >= 0 ? own.slice(sigAt) : [];

  // Within the sender's text, blocks of "> " lines (inline replies) are quotes too.
  let block: string[] = [];
  let quoted = false;
  for (const line of body) {
    const isQuote: boolean = QUOTED.test(line) || (quoted && line.trim() === '');
    if (isQuote !== quoted && block.length) {
      push(quoted ? 'quote' : 'text', block);
      block = [];
    }
    quoted = isQuote;
    block.push(line);
  }
  push(quoted ? 'quote' : 'text', block);
  push('signature', signature);
  push('quote', rest);
  return segments;
}

/**
 * What the sender wrote now, without quotes and signature, trimmed. When nothing would be left
 * (a forward without a word of its own), the whole text: nothing is hidden that is all there is.
 */
export function strippedText(text: string): string {
  const own = splitReply(text)
    .filter((s) => s.kind === 'text')
    .map((s) => s.text)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return own === '' ? text.trim() : own;
}
