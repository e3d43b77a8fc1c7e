import { formatLongDate } from '../../platform/clock.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/** The placeholders a response template may use, all filled in from the case and the person answering. */
export interface PlaceholderValues {
  arendenummer: string;
  namn: string;
  handlaggare: string;
  mottagen: string;
  forvaltning: string;
}

export function placeholderValues(c: { number: string; received_at: Date }, contactName: string | null | undefined, signer: string, forvaltning: string): PlaceholderValues {
  return {
    arendenummer: c.number,
    // "Hej du!" reads naturally when a name is missing.
    namn: contactName?.trim() || 'du',
    handlaggare: signer,
    mottagen: formatLongDate(c.received_at),
    forvaltning,
  };
}

/** Fills in {placeholder}s. Unknown ones are left as written, so a typo shows instead of vanishing. */
export function fillTemplate(text: string, values: PlaceholderValues): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? values[key as keyof PlaceholderValues] : whole));
}

/**
 * What a template left for the handler to write and is still there: "[beskriv åtgärden …]"
 * instructions in square brackets, and {placeholders} nobody filled in. Sending one would show
 * the submitter a form letter with holes.
 */
export function unfilledPlaceholders(text: string): string[] {
  const found = [...text.matchAll(/\[[^\[\]\n]{0,300}?\p{L}[^\[\]\n]{0,300}\]|\{[a-z_]+\}/gu)].map((m) => m[0]);
  return [...new Set(found)];
}

/** The error for a text with unfilled placeholders, naming the first few. */
export function placeholderError(found: readonly string[]): string {
  const shown = found
    .slice(0, 3)
    .map((p) => sv('answers.error.placeholder', { text: p.length > 60 ? `${p.slice(0, 57)}…` : p }))
    .join(', ');
  return found.length > 3 ? sv('answers.error.placeholdersMore', { shown, more: found.length - 3 }) : sv('answers.error.placeholders', { shown });
}
