import { DomainError } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { STALE_MESSAGE } from './transition.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { firstString } from '../../platform/formValue.ts';

/** A posted form as plain strings. A field sent twice (not possible with our forms) counts as its first value. */
export function readFields(body: unknown, names: readonly string[]): Record<string, string> {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const out: Record<string, string> = {};
  for (const n of names) {
    out[n] = firstString(source[n]);
  }
  return out;
}

/**
 * The case version the form was rendered with, for the optimistic check. Every staff form carries
 * it; a form without it was not made by us.
 */
export function readVersion(body: unknown): number {
  const v = readFields(body, ['version']).version!;
  const n = Number.parseInt(v, 10);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) {
    throw new DomainError('invalid', sv('cases.error.noVersion'));
  }
  return n;
}

export { CASE_NUMBER } from './numbering.ts';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Someone else saved the case after this form was rendered. */
export const isStale = (err: unknown) => err instanceof DomainError && err.code === 'conflict' && err.message === STALE_MESSAGE;

/** Field keys some commands use that differ from the form's field names. */
const FIELD_ALIASES: Record<string, string> = { unit: 'unitId' };

/**
 * A refusal from a command as messages for the form: field messages when the command named
 * fields ('invalid'), otherwise the reason for the form as a whole (under the key '_form').
 */
export function errorsFrom(err: DomainError, fields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  if (err.code === 'invalid' && err.details) {
    for (const [key, message] of Object.entries(err.details)) {
      const field = FIELD_ALIASES[key] ?? key;
      errors[fields.includes(field) ? field : '_form'] = message;
    }
  }
  if (Object.keys(errors).length === 0) errors._form = err.message;
  return errors;
}
