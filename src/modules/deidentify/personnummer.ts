import { before } from './context.ts';
import { luhnValid } from './luhn.ts';
import type { Finding } from './types.ts';

/**
 * Personnummer and samordningsnummer: YYMMDD-NNNN or YYYYMMDD-NNNN, separated by -, + (over 100), an
 * en dash or a space, or not at all. Samordningsnummer add 60 to the day.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_]|[\p{L}\p{N}][-/.])((?:18|19|20)?)(\d{2})(\d{2})(\d{2})(\s?[-+–]\s?|\s|)(\d{4})(?![\p{N}]|[-/.,]\d)/gu;

/** Words that say the next number is an identity number, in the languages of the corpus. */
const ID_CONTEXT = /(person|födelse|samordnings|pers\.?|p\.?|personal\s+identity\s+|identity\s+|social\s+security\s+)\s?-?(nummer|number|nr|no\.?)\b|\bpnr\b|\bssn\b|\bhenkilötunnus|\bhetu\b|\bالرقم الشخصي|\bرقم\s*شخصي/iu;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export type IdKind = 'personnummer' | 'samordningsnummer';

/** The kind by the day field, or null when month or day cannot be a birth date. */
export function idKindOfDate(month: number, day: number): IdKind | null {
  if (month < 1 || month > 12) return null;
  const max = DAYS_IN_MONTH[month - 1]!;
  if (day >= 1 && day <= max) return 'personnummer';
  if (day >= 61 && day <= 60 + max) return 'samordningsnummer';
  return null;
}

/** True when text right before index names an identity number. */
export function idContextBefore(text: string, index: number): boolean {
  return ID_CONTEXT.test(before(text, index, 30));
}

export function findIdentityNumbers(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century, yy, mm, dd, sep, tail] = m as unknown as string[];
    const kind = idKindOfDate(Number(mm), Number(dd));
    if (!kind) continue;
    const start = m.index!;
    const luhn = luhnValid(`${yy}${mm}${dd}${tail}`);
    const context = idContextBefore(text, start);
    const separator = sep!.trim();
    // A dash or plus between date and number is the way identity numbers are written; other numbers
    // in that shape rarely have a valid date. Typed numbers often fail Luhn, so a dash is enough.
    // Digits run together or split by a space need the checksum or a word that names them.
    let accept: boolean;
    if (separator === '-' || separator === '+' || separator === '–') accept = true;
    else if (century) accept = luhn || context;
    else if (yy!.startsWith('0') && !separator && !sep) accept = context; // 07x… run together is a phone number
    else accept = luhn || context;
    if (!accept) continue;
    out.push({ kind, start, end: start + whole!.length });
  }
  return out;
}
