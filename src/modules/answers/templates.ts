import { formatLongDate } from '../../platform/clock.ts';

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
