import type { CaseKind, ReplyChannel } from '../../db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { KINDS, REPLY_CHANNELS } from '../cases/labels.ts';
import { sv, type MessageKey, type Values } from '../../platform/i18n/catalogue.ts';
import { containsNul } from '../../platform/inputGuards.ts';

type Translate = (key: MessageKey, values?: Values) => string;

export const MAX_DESCRIPTION = 10_000;
const MAX_NAME = 200;
const MAX_EMAIL = 254;
const MAX_PHONE = 40;
const MAX_ADDRESS = 500;

/** What the form posts, as strings, exactly as typed: it is echoed back when there are errors. */
export interface SubmissionInput {
  kind: string;
  description: string;
  unit: string;
  anonymous: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  replyChannel: string;
  formId: string;
}

export interface Submission {
  kind: CaseKind;
  description: string;
  suggestedUnitId: string | null;
  anonymous: boolean;
  contact: null | { name: string; email: string | null; phone: string | null; address: string | null; replyChannel: ReplyChannel };
  /** "Publicera inte min synpunkt" (DOMAIN rule 19): read apart from the other fields, see publicationOptOut(). */
  publicationOptOut?: boolean;
}

/** The citizen form's checkbox "Publicera inte min synpunkt". */
export function publicationOptOut(body: unknown): boolean {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>).noPublish : undefined;
  return v === 'ja' || (Array.isArray(v) && v.includes('ja'));
}

/** An empty form with a fresh form id (see newFormId: a double-click posts the same id twice). */
export function emptySubmissionInput(formId: string): SubmissionInput {
  return { kind: '', description: '', unit: '', anonymous: '', name: '', email: '', phone: '', address: '', replyChannel: '', formId };
}

const FIELDS: (keyof SubmissionInput)[] = ['kind', 'description', 'unit', 'anonymous', 'name', 'email', 'phone', 'address', 'replyChannel', 'formId'];
/** The fields a person writes in: NUL in them is taken out and pointed out (see readSubmissionInput). */
const TEXT_FIELDS: ReadonlySet<string> = new Set(['description', 'name', 'email', 'phone', 'address']);

/** NUL anywhere else in the form (a choice, a hidden field) was not typed by a person, and the post is refused as a whole. */
export function nulOutsideText(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  return Object.entries(body).some(([k, v]) => containsNul(k) || (!TEXT_FIELDS.has(k) && containsNul(v)));
}

/**
 * Takes the parsed form body as it came. A field sent twice arrives as an array; that is not
 * something a person can do with this form, so it is reported rather than guessed at.
 */
export function readSubmissionInput(body: unknown): { input: SubmissionInput; malformed: (keyof SubmissionInput)[]; nulRemoved: (keyof SubmissionInput)[] } {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const input = {} as SubmissionInput;
  const malformed: (keyof SubmissionInput)[] = [];
  const nulRemoved: (keyof SubmissionInput)[] = [];
  for (const field of FIELDS) {
    const v = source[field];
    if (typeof v === 'string') {
      // Text pasted from some PDF and Word exports carries NUL, which PostgreSQL cannot store: it is
      // taken out and the person asked to look the text over, rather than the form being lost.
      input[field] = TEXT_FIELDS.has(field) ? v.replaceAll('\u0000', '') : v;
      if (input[field] !== v) nulRemoved.push(field);
    } else {
      input[field] = '';
      if (v !== undefined) malformed.push(field);
    }
  }
  return { input, malformed, nulRemoved };
}

// Deliberately simple: one @, no spaces, a dot in the domain. Anything stricter rejects real addresses.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the usual separators; 6–15 digits (E.164 allows at most 15).
const PHONE = /^\+?[\d\s\-()]+$/;

const codePoints = (s: string) => [...s].length;

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits as 0–9: a phone number typed on an Arabic or Persian keyboard is still a phone number. */
export const asciiDigits = (s: string) => s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf));
const blank = (s: string) => s.trim() === '';

export function parseAnonymous(v: string): boolean | undefined {
  if (['true', 'ja', 'on', '1'].includes(v)) return true;
  if (['false', 'nej', '0'].includes(v)) return false;
  return undefined;
}

export function validateSubmission(
  { input, malformed, nulRemoved = [] }: { input: SubmissionInput; malformed: (keyof SubmissionInput)[]; nulRemoved?: (keyof SubmissionInput)[] },
  forvaltningIds: ReadonlySet<string>,
  /** The language of the messages: the form's, Swedish for staff and the API. */
  t: Translate = sv,
): { ok: true; value: Submission } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};

  if (!KINDS.includes(input.kind as CaseKind)) {
    errors.kind = t(input.kind ? 'validation.kind.unknown' : 'validation.kind.missing');
  }

  const length = codePoints(input.description);
  if (blank(input.description)) errors.description = t('validation.description.missing');
  else if (length > MAX_DESCRIPTION) errors.description = t('validation.description.tooLong', { max: MAX_DESCRIPTION, length });

  const unit = input.unit.trim();
  const suggestedUnitId = unit === '' || unit === 'vet-inte' ? null : unit;
  if (suggestedUnitId && !forvaltningIds.has(suggestedUnitId)) {
    errors.unit = t('validation.unit.unknown');
  }

  const anonymous = parseAnonymous(input.anonymous);
  const name = input.name.trim();
  const email = input.email.trim();
  const phone = asciiDigits(input.phone.trim());
  const address = input.address.trim();
  const replyChannel = input.replyChannel as ReplyChannel;

  if (anonymous === undefined) {
    errors.anonymous = t('validation.anonymous.missing');
  } else if (anonymous) {
    if (!blank(name) || !blank(email) || !blank(phone) || !blank(address) || (input.replyChannel && replyChannel !== 'none')) {
      errors.anonymous = t('validation.anonymous.withContact');
    }
  } else {
    if (blank(name)) errors.name = t('validation.name.missing');
    else if (codePoints(name) > MAX_NAME) errors.name = t('validation.name.tooLong', { max: MAX_NAME });

    if (!REPLY_CHANNELS.includes(replyChannel)) errors.replyChannel = t('validation.replyChannel.missing');

    if (email && (!EMAIL.test(email) || email.length > MAX_EMAIL)) {
      errors.email = t('validation.email.format');
    } else if (!email && replyChannel === 'email') {
      errors.email = t('validation.email.missing');
    }

    const digits = phone.replace(/\D/g, '').length;
    if (phone && (!PHONE.test(phone) || digits < 6 || digits > 15 || phone.length > MAX_PHONE)) {
      errors.phone = t('validation.phone.format');
    } else if (!phone && replyChannel === 'phone') {
      errors.phone = t('validation.phone.missing');
    }

    if (codePoints(address) > MAX_ADDRESS) errors.address = t('validation.address.tooLong', { max: MAX_ADDRESS });
    else if (!address && replyChannel === 'letter') {
      errors.address = t('validation.address.missing');
    }

    if (replyChannel === 'none' && !email && !phone && !address && !errors.name) {
      errors.email = t('validation.contact.none');
    }
  }

  for (const field of malformed) {
    errors[field] = t('validation.field.repeated');
  }
  for (const field of nulRemoved) {
    if (!errors[field]) errors[field] = t('validation.field.nulRemoved');
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: input.kind as CaseKind,
      description: input.description,
      suggestedUnitId,
      anonymous: anonymous!,
      contact: anonymous
        ? null
        : { name, email: email || null, phone: phone || null, address: address || null, replyChannel },
    },
  };
}
