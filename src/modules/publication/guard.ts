import { findPersonalData, type Finding, type FindingKind } from '../deidentify/index.ts';
import { escapeRegExp, nationalDigits } from '../deidentify/keep.ts';
import { luhnValid } from '../deidentify/luhn.ts';
import { findIdentityNumbers } from '../deidentify/personnummer.ts';

/**
 * What may never reach the public archive, whatever the reviewer ticks.
 *
 * Two kinds of finding are treated differently, on purpose:
 * - Hard blocks: a personnummer or samordningsnummer whose check digit is right, and the
 *   submitter's own name, e-mail, phone and address as the case records them. These are certain:
 *   the checksum leaves no doubt about the number, and the system knows the contact details, so
 *   nothing is guessed. DOMAIN 19 and 23 say they are never published, so no reviewer can let
 *   them through: the proposal replaces them with a label the reviewer sees, and a text that
 *   still holds one is refused (saving and publishing, on the web and in the API).
 * - Reviewer judgement: everything else the detector finds (names it guesses from context,
 *   addresses, phone numbers, registration numbers, numbers shaped like a personnummer whose
 *   checksum fails). The detector is often wrong there ("klass" read as a name, a street named
 *   after a person, an official signing in office), so a person decides, and confirms at the
 *   final step each time, on the server, that what is left identifies no private person.
 */

export interface SubmitterContact {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

/** A finding in one of the texts to publish, with the text it covers. */
export interface Flag {
  field: string;
  kind: FindingKind;
  value: string;
  start: number;
  end: number;
}

const spans = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));

/** Every whole-word occurrence of `phrase` in `text`, case-insensitively, any white space between its words. */
export function occurrences(text: string, phrase: string): { start: number; end: number }[] {
  const p = phrase.trim();
  if (!p) return [];
  return spans(text, new RegExp(`(?<![\\p{L}\\p{N}])${p.split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu'));
}

/** A name part as a word starting with a capital (so "Per" is found but "per dag" is not). */
function namePart(text: string, part: string): { start: number; end: number }[] {
  return occurrences(text, part).filter((o) => {
    const first = text[o.start]!;
    return first !== first.toLowerCase();
  });
}

/** The phone number in any common writing: 070-123 45 67, 0701234567, +46 70 123 45 67, (070) 12 34 567. */
function phoneOccurrences(text: string, phone: string): { start: number; end: number }[] {
  const digits = nationalDigits(phone);
  if (digits.length < 6) return [];
  const between = '[\\s\\-–/().]*';
  const national = digits.startsWith('0');
  const body = (national ? digits.slice(1) : digits).split('').join(between);
  const lead = national ? `(?:(?:\\+|00)\\s?46${between}(?:\\(0\\)${between})?|\\(?0${between})` : '(?:\\+|00)?\\s?';
  return spans(text, new RegExp(`(?<![\\p{N}])${lead}${body}(?![\\p{N}])`, 'gu'));
}

/** Valid personnummer and samordningsnummer: the check digit over YYMMDDNNNN is right. */
function checkedIdentityNumbers(text: string): Finding[] {
  return findIdentityNumbers(text).filter((f) => luhnValid(text.slice(f.start, f.end).replace(/\D/g, '').slice(-10)));
}

/** The hard blocks in one text: valid identity numbers and the submitter's own contact details. */
export function neverPublished(text: string, contact: SubmitterContact | null): Finding[] {
  const out: Finding[] = checkedIdentityNumbers(text);
  if (contact) {
    const name = contact.name?.trim() ?? '';
    for (const o of occurrences(text, name)) out.push({ kind: 'name', ...o });
    const parts = name.split(/[\s,]+/).filter((p) => [...p].length >= 2);
    if (parts.length > 1) for (const part of parts) for (const o of namePart(text, part)) out.push({ kind: 'name', ...o });
    if (contact.email?.trim()) for (const o of occurrences(text, contact.email)) out.push({ kind: 'email', ...o });
    if (contact.phone?.trim()) for (const o of phoneOccurrences(text, contact.phone)) out.push({ kind: 'phone', ...o });
    // Each line of a postal address ("Ekvägen 14", "544 30 Hjo") on its own; a bare town is too common to block.
    for (const line of (contact.address ?? '').split(/\n|,/).map((l) => l.trim())) {
      if (line.length >= 5 && /\d/.test(line)) for (const o of occurrences(text, line)) out.push({ kind: 'address', ...o });
    }
  }
  return mergeOverlaps(out);
}

/** Overlapping spans (the full name and its parts) as one, keeping the first kind. */
function mergeOverlaps(found: Finding[]): Finding[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) last.end = Math.max(last.end, f.end);
    else out.push({ ...f });
  }
  return out;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * The texts about to be saved or published, checked: `blocked` must go before anything is saved,
 * `review` is what the reviewer must look at and confirm before publishing. `keep` is the
 * organization's own contact details, which are never flagged.
 */
export function checkPublicText(texts: readonly { field: string; text: string }[], opts: { keep: readonly string[]; contact: SubmitterContact | null }): { blocked: Flag[]; review: Flag[] } {
  const blocked: Flag[] = [];
  const review: Flag[] = [];
  for (const { field, text } of texts) {
    const hard = neverPublished(text, opts.contact);
    const flag = (f: Finding): Flag => ({ field, kind: f.kind, start: f.start, end: f.end, value: text.slice(f.start, f.end) });
    blocked.push(...hard.map(flag));
    review.push(...findPersonalData(text, { keep: [...opts.keep] }).filter((f) => !hard.some((h) => overlaps(h, f))).map(flag));
  }
  return { blocked, review };
}
