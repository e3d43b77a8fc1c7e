import { before } from './context.ts';
import type { Finding } from './types.ts';

/**
 * Phone numbers: Swedish mobile and landline numbers in every common writing (070-123 45 67,
 * 0701234567, 070 123 45 67, 08-123 456 78, (08) 12 34 56, +46 70 123 45 67, +46 (0)8 …, 0046 …)
 * and foreign numbers written with + or 00.
 *
 * A start (+, 00, 0 or "(0") is found by a regular expression; from there digit groups joined by one
 * separator are collected, and the longest run of groups that makes a valid number is taken, so that
 * two numbers after each other are not read as one.
 */
const START = /(?<![\p{L}\p{N}_+]|\p{L}[-/.]|\p{N}[-.])(?:\+\s?\d|\(0|0)/gu;
const GROUP = /^\d+/;
// Between groups: one space, dash or slash, maybe padded by spaces; or a parenthesis (+46 (0)70).
const SEPARATOR = /^(?:\s?[-–/]\s?|\s|\s?\(|\)\s?|\s?\(0\)\s?)/;

/** The organization's switchboard and service lines are no one's personal number. */
const SWITCHBOARD_CONTEXT = /(?:(?:till|hos) (?:er|kommunen|kommunhuset|receptionen)\s(?:på\s)?(?:nummer\s|numret\s)?$|växel|växeln|vxl|kontaktcenter|kundtjänst|servicecenter|medborgarservice|kommunens (?:telefon|nummer)|switchboard|vaihde)\S*[\s:.,]*(?:på|nr|nummer|tel\.?|telefon|är)?[\s:.,]*$/iu;
/** Freephone, shared-cost and premium numbers (020, 0771, 0900 …) belong to organizations. */
const SERVICE_NUMBER = /^(?:020|0200|077[0-9]|0900|0939|0944)/;

/** Opening hours, dates and invoice numbers that start with 0 are not phone numbers. */
const NOT_PHONE_CONTEXT = /(faktura|fakturanr|fakturanummer|ocr|ärende|ärendenr|kundnummer|kundnr|ordernr|ordernummer|referens|ref\.?|invoice|case|order|lgh|lägenhet|org\.?\s?nr|organisationsnummer)\s*(nr|nummer|number|no\.?)?[\s.:#]*$/iu;

export function validPhoneDigits(digits: string, plus: boolean): boolean {
  if (plus || digits.startsWith('00')) {
    const international = plus ? digits : digits.slice(2);
    if (international.startsWith('46')) {
      let national = international.slice(2);
      if (national.startsWith('0')) national = national.slice(1);
      return national.length >= 7 && national.length <= 9 && !national.startsWith('0');
    }
    return international.length >= 8 && international.length <= 15 && !international.startsWith('0');
  }
  if (!digits.startsWith('0')) return false;
  if (/^07[02369]/.test(digits)) return digits.length === 10;
  return digits.length >= 8 && digits.length <= 10;
}

/** Digits in national form (08…), for telling service numbers. */
function nationalForm(digits: string, plus: boolean): string {
  const international = plus ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  if (international === null) return digits;
  return international.startsWith('46') ? `0${international.slice(2).replace(/^0/, '')}` : '';
}

interface Groups {
  /** End offset of each group, and the digits up to and including it. */
  ends: number[];
  digits: string[];
}

function collectGroups(text: string, from: number): Groups {
  const ends: number[] = [];
  const digits: string[] = [];
  let i = from;
  let acc = '';
  if (text[i] === '+') i += 1;
  if (text[i] === ' ') i += 1;
  for (;;) {
    if (text[i] === '(') i += 1;
    const g = GROUP.exec(text.slice(i, i + 20));
    if (!g) break;
    acc += g[0];
    i += g[0].length;
    if (text[i] === ')') i += 1;
    ends.push(i);
    digits.push(acc);
    if (acc.length > 16) break;
    // After "(0)" the next group may follow without a separator.
    const sep = SEPARATOR.exec(text.slice(i, i + 6))?.[0] ?? (text[i - 1] === ')' ? '' : null);
    if (sep === null || !/\d|\(/.test(text[i + sep.length] ?? '')) break;
    i += sep.length;
  }
  return { ends, digits };
}

/** A date (05-01-2026, 05/01/26) or a time range (08-16) in the shape of a number. */
function looksLikeDateOrTime(s: string): boolean {
  return /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(s) || /^\d{1,2}[-–]\d{1,2}$/.test(s);
}

export function findPhones(text: string): Finding[] {
  const out: Finding[] = [];
  let lastEnd = 0;
  for (const m of text.matchAll(START)) {
    const start = m.index!;
    if (start < lastEnd) continue;
    const plus = text[start] === '+';
    const { ends, digits } = collectGroups(text, start);
    for (let k = ends.length - 1; k >= 0; k--) {
      const d = digits[k]!;
      if (!validPhoneDigits(d, plus)) continue;
      let end = ends[k]!;
      // "(08) 12 34 56" closes its own parenthesis; a parenthesis around the whole number stays out.
      if (text[end - 1] === ')' && !text.slice(start, end - 1).includes('(')) end -= 1;
      const raw = text.slice(start, end);
      if (looksLikeDateOrTime(raw)) break;
      if (!plus && NOT_PHONE_CONTEXT.test(before(text, start, 30))) break;
      const national = nationalForm(d, plus);
      // A switchboard is a landline: a mobile number next to the word is someone's own.
      if (SERVICE_NUMBER.test(national) || (!/^07/.test(national) && SWITCHBOARD_CONTEXT.test(before(text, start, 40)))) break;
      out.push({ kind: 'phone', start, end });
      lastEnd = end;
      break;
    }
  }
  return out;
}
