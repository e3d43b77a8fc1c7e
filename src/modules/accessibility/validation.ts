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
  if (!COMPLIANCE.includes(input.compliance as Compliance)) errors.compliance = 'Välj hur väl tjänsten uppfyller lagen';
  const list = lines(input.shortcomings);
  if (input.shortcomings.length > MAX_SHORTCOMINGS) errors.shortcomings = `Bristerna får vara högst ${MAX_SHORTCOMINGS} tecken`;
  else if (list.length === 0 && (input.compliance === 'partial' || input.compliance === 'none')) {
    errors.shortcomings = 'Beskriv bristerna, en per rad, eller välj att tjänsten är helt förenlig med lagen';
  }
  if (!METHODS.includes(input.method as Method)) errors.method = 'Välj hur tjänsten har granskats';
  else if (input.method === 'external' && !input.assessor) errors.assessor = 'Skriv vem som granskade tjänsten';
  if (input.assessor.length > MAX_ASSESSOR) errors.assessor = `Namnet får vara högst ${MAX_ASSESSOR} tecken`;
  if (!input.assessedOn) errors.assessedOn = 'Skriv datum för den senaste bedömningen';
  else if (!isDay(input.assessedOn)) errors.assessedOn = 'Datum för bedömningen måste vara ett riktigt datum som 2026-11-30';
  else if (input.assessedOn > swedishDate(now)) errors.assessedOn = 'Datum för bedömningen kan inte vara i framtiden';
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
