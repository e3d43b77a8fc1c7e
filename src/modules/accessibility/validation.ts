import { sv } from '../../platform/i18n/catalogue.ts';
import { swedishDate } from '../../platform/clock.ts';
import { COMPLIANCE, defaultShortcomingsText, lines, METHODS, type Compliance, type Method, type StatementValues } from './statement.ts';

/** The admin form as typed, kept as it was written when it comes back with errors. */
export interface StatementInput {
  compliance: string;
  shortcomings: string;
  method: string;
  assessor: string;
  assessedOn: string;
}

export const MAX_SHORTCOMINGS = 5000;
export const MAX_ASSESSOR = 200;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function readStatementInput(body: unknown): StatementInput {
  const b = (body ?? {}) as Record<string, unknown>;
  return { compliance: str(b.compliance), shortcomings: str(b.shortcomings).replace(/\r\n/g, '\n'), method: str(b.method), assessor: str(b.assessor).trim(), assessedOn: str(b.assessedOn).trim() };
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T12:00:00Z`)) && new Date(`${s}T12:00:00Z`).toISOString().startsWith(s);

/** Checks the admin's statement; messages in Swedish (the staff pages), keyed by field. */
export function validateStatement(input: StatementInput, now: Date): { ok: true; value: StatementValues } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!COMPLIANCE.includes(input.compliance as Compliance)) errors.compliance = sv('accessibility.validation.compliance');
  const list = lines(input.shortcomings);
  if (input.shortcomings.length > MAX_SHORTCOMINGS) errors.shortcomings = sv('accessibility.validation.shortcomingsTooLong', { max: String(MAX_SHORTCOMINGS) });
  else if (list.length === 0 && (input.compliance === 'partial' || input.compliance === 'none')) {
    errors.shortcomings = sv('accessibility.validation.shortcomingsMissing');
  }
  if (!METHODS.includes(input.method as Method)) errors.method = sv('accessibility.validation.method');
  else if (input.method === 'external' && !input.assessor) errors.assessor = sv('accessibility.validation.assessorMissing');
  if (input.assessor.length > MAX_ASSESSOR) errors.assessor = sv('accessibility.validation.assessorTooLong', { max: String(MAX_ASSESSOR) });
  if (!input.assessedOn) errors.assessedOn = sv('accessibility.validation.assessedOnMissing');
  else if (!isDay(input.assessedOn)) errors.assessedOn = sv('accessibility.validation.assessedOnInvalid');
  else if (input.assessedOn > swedishDate(now)) errors.assessedOn = sv('accessibility.validation.assessedOnFuture');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const text = list.join('\n');
  return {
    ok: true,
    value: {
      compliance: input.compliance as Compliance,
      // The default list, unchanged, stays the default: it is then shown translated in every language.
      shortcomings: text === defaultShortcomingsText() ? null : text,
      method: input.method as Method,
      assessor: input.method === 'external' ? input.assessor : null,
      assessedOn: input.assessedOn,
    },
  };
}
