import type { Finding, FindingKind } from './types.ts';

/**
 * The Swedish label that replaces each kind. A samordningsnummer is shown as a personnummer: saying
 * which it was would itself tell something about the person. A postal code is part of an address.
 */
export const LABELS: Record<FindingKind, string> = {
  name: '[namn]',
  personnummer: '[personnummer]',
  samordningsnummer: '[personnummer]',
  phone: '[telefonnummer]',
  email: '[e-post]',
  address: '[adress]',
  postal_code: '[adress]',
  vehicle: '[registreringsnummer]',
  bank_account: '[kontonummer]',
};

/**
 * Replaces each finding with its label. Findings may come in any order (a person may have added or
 * removed some); overlapping ones are merged so no text is replaced twice.
 */
export function redact(text: string, findings: readonly Finding[]): string {
  const sorted = [...findings].filter((f) => f.start < f.end && f.start >= 0 && f.end <= text.length).sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const f of sorted) {
    if (f.end <= at) continue;
    if (f.start < at) {
      // Overlaps the previous replacement: extend that one instead of labelling twice.
      at = f.end;
      continue;
    }
    out += text.slice(at, f.start) + LABELS[f.kind];
    at = f.end;
  }
  return out + text.slice(at);
}
