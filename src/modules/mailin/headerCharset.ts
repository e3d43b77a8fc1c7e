/**
 * Header fields with raw 8-bit bytes. RFC 5322 allows none and RFC 6532 allows UTF-8, but older
 * and misconfigured mail programs still write the sender's name and the subject in their own
 * charset, which for Swedish senders is Windows-1252 (Latin-1 with € and curly quotes). mailparser
 * reads raw header bytes as UTF-8 only, so "Göran" in Latin-1 became "G�ran" in the contact's
 * name and in "Hej G�ran" in the answer. Mail programs read such a field as UTF-8 when it is valid
 * UTF-8 and otherwise in a single-byte charset; so do we, field by field, before the parser sees
 * the message. The raw message is kept as it came.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

const LF = 0x0a;
const isContinuation = (b: number | undefined) => b === 0x20 || b === 0x09;

/** Where the message's own header ends: at the first empty line (CRLF or bare LF). */
function headerEnd(raw: Buffer): number {
  const ends = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : raw.length;
}

function isUtf8(field: Buffer): boolean {
  try {
    utf8.decode(field);
    return true;
  } catch {
    return false;
  }
}

/**
 * The message with every header field that is not valid UTF-8 re-encoded from Windows-1252 to
 * UTF-8, and whether any was. Fields in ASCII or UTF-8, and the body, are left byte for byte.
 */
export function headersAsUtf8(raw: Buffer): { message: Buffer; recoded: boolean } {
  const end = headerEnd(raw);
  const head = raw.subarray(0, end);
  if (!head.some((b) => b > 0x7f)) return { message: raw, recoded: false };
  const parts: Buffer[] = [];
  let recoded = false;
  let start = 0;
  while (start < head.length) {
    // One field: its first line and the folded lines that continue it.
    let stop = head.indexOf(LF, start);
    while (stop >= 0 && isContinuation(head[stop + 1])) stop = head.indexOf(LF, stop + 1);
    stop = stop < 0 ? head.length : stop + 1;
    const field = head.subarray(start, stop);
    if (field.some((b) => b > 0x7f) && !isUtf8(field)) {
      parts.push(Buffer.from(windows1252.decode(field), 'utf8'));
      recoded = true;
    } else {
      parts.push(field);
    }
    start = stop;
  }
  return recoded ? { message: Buffer.concat([...parts, raw.subarray(end)]), recoded } : { message: raw, recoded };
}
