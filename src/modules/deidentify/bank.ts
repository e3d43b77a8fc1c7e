import { before } from './context.ts';
import { luhnValid } from './luhn.ts';
import type { Finding } from './types.ts';

/**
 * Bank account numbers: IBAN, card numbers (Luhn), and Swedish clearing + account numbers
 * (8327-9, 123 456 789-0; 6000 123 456 789) after a word that names an account, or in the clearing
 * shape (four digits, dash, one check digit). Bankgiro and plusgiro numbers are left: they are the
 * payment numbers companies and associations publish on their invoices, not private accounts.
 */
const IBAN = /(?<![\p{L}\d])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?(?![\p{L}\d])/gu;
const CARD = /(?<![\d-])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4}(?:[ -]?\d{1,3})?(?![\d])/g;
// Clearing (4 digits, or 4 digits + check digit) then the account number in groups.
const ACCOUNT = /(?<![\d\p{L}-])\d{4}(?:-\d)?[,\s-]{1,3}\d{1,4}(?:[\s-]?\d{1,4}){1,4}(?:-\d)?(?![\d])/gu;
const CLEARING_SHAPE = /^\d{4}-\d[,\s]/;
const ACCOUNT_CONTEXT = /(?:konto|kontonr|kontonummer|clearing|clearingnr|clearingnummer|bankkonto|bank|account|tili|tilinumero|حساب)[\w.]*[\s:.,]*(?:\d{4}(?:-\d)?[,\s]+)?$/iu;
/** "clearing 5001, konto 1234567" and "kontonummer: 1234567": the numbers a word names. */
const NAMED = /(?:clearing(?:nummer|nr)?\s*:?\s*\d{4}(?:-\d)?[,\s]+(?:och\s+)?(?:konto(?:nummer|nr)?\s*:?\s*)?|(?:bank)?konto(?:nummer|nr)?\s*:?\s*|account(?: number| no\.?)?\s*:?\s*|tilinumero\s*:?\s*)(\d[\d -]{5,18}\d)(?![\d])/giu;
const GIRO_CONTEXT = /(?:bankgiro|plusgiro|bg|pg|postgiro)[\s:.]*$/iu;

export function findBankAccounts(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(IBAN)) {
    if (/\d{4}/.test(m[0].slice(4))) out.push({ kind: 'bank_account', start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(CARD)) {
    if (luhnValid(m[0].replace(/\D/g, ''))) out.push({ kind: 'bank_account', start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(NAMED)) {
    const whole = m[0];
    const clearing = /^clearing/i.test(whole) ? whole.search(/\d/) : whole.length - m[1]!.length;
    out.push({ kind: 'bank_account', start: m.index! + clearing, end: m.index! + whole.length });
  }
  for (const m of text.matchAll(ACCOUNT)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits < 9 || digits > 16) continue;
    const b = before(text, m.index!, 40);
    if (GIRO_CONTEXT.test(b)) continue;
    const overlapsNamed = out.some((f) => f.start < m.index! + m[0].length && m.index! < f.end);
    if (!overlapsNamed && (ACCOUNT_CONTEXT.test(b) || CLEARING_SHAPE.test(m[0]))) {
      out.push({ kind: 'bank_account', start: m.index!, end: m.index! + m[0].replace(/[,\s-]+$/, '').length });
    }
  }
  return out;
}
