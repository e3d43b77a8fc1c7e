import { sv } from '../../platform/i18n/catalogue.ts';
import { hmac } from '../../platform/secrets.ts';

/**
 * How a person is found for a GDPR request: by e-mail, phone or personnummer. Pure functions:
 * normalizing (so 070-123 45 67 and +46701234567 are the same number), checking, and masking (the
 * identifier is never stored or logged in full; DOMAIN rule 23: personnummer never shown in full).
 */
export type IdentifierKind = 'email' | 'phone' | 'personnummer';
export const IDENTIFIER_KINDS: readonly IdentifierKind[] = ['email', 'phone', 'personnummer'];

export interface Identifier {
  kind: IdentifierKind;
  /** Normalized: lower-case e-mail, phone digits with a leading 0 for +46, personnummer as YYMMDDNNNN. */
  value: string;
  /** Personnummer only: the century digits when given (19, 20), to tell 1925 from 2025. */
  century?: string;
}

export function parseIdentifier(kind: string, raw: string): Identifier | { error: string } {
  const v = raw.trim();
  if (!v) return { error: sv('gdpr.identifier.empty') };
  if (kind === 'email') {
    if (v.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return { error: sv('gdpr.identifier.invalidEmail') };
    return { kind, value: v.toLowerCase() };
  }
  if (kind === 'phone') {
    const digits = normalizePhone(v);
    if (!/^[+\d\s().-]+$/.test(v) || digits.length < 6 || digits.length > 15) return { error: sv('gdpr.identifier.invalidPhone') };
    return { kind, value: digits };
  }
  if (kind === 'personnummer') {
    const m = /^(\d{2})?(\d{6})[-+ ]?(\d{4})$/.exec(v);
    if (!m || !luhn(`${m[2]}${m[3]}`)) return { error: sv('gdpr.identifier.invalidPersonnummer') };
    return { kind, value: `${m[2]}${m[3]}`, ...(m[1] ? { century: m[1] } : {}) };
  }
  return { error: sv('gdpr.identifier.chooseKind') };
}

/** Digits only; a Swedish +46 / 0046 prefix becomes the leading 0. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (raw.trim().startsWith('+46')) return `0${digits.slice(2)}`;
  if (digits.startsWith('0046')) return `0${digits.slice(4)}`;
  return digits;
}

export function luhn(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** What may be stored and shown about the identifier: enough to recognize it, not to read it. */
export function maskIdentifier(id: Identifier): string {
  if (id.kind === 'email') {
    const [local, domain] = id.value.split('@') as [string, string];
    return `${local.slice(0, 1)}***@${domain}`;
  }
  if (id.kind === 'phone') return `${'*'.repeat(Math.max(0, id.value.length - 2))}${id.value.slice(-2)}`;
  return `${id.century ?? ''}${id.value.slice(0, 6)}-****`;
}

/**
 * Recognizes the same person in a later request without storing who it is: a keyed hash (the
 * installation's secret) of the normalized identifier. A personnummer with or without its century
 * is the same number.
 */
export function identifierHash(secret: Buffer, id: Identifier): Buffer {
  return hmac(secret, `${id.kind}:${id.value}`);
}

export const KIND_LABEL: Record<IdentifierKind, string> = { email: sv('gdpr.identifier.email'), phone: sv('gdpr.identifier.phone'), personnummer: sv('gdpr.identifier.personnummer') };
