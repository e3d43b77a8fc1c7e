import { before } from './context.ts';
import type { Finding } from './types.ts';

/**
 * Swedish registration numbers: three letters and three digits (ABC 123) or two digits and a letter
 * (ABC 12A). I, Q and V are never used. Upper case on its own; lower case only after a word that
 * names a vehicle (reg.nr, bilen).
 */
const PLATE = /(?<![\p{L}\d-])([A-HJ-PR-UW-Z]{3}|[a-hj-pr-uw-z]{3})[ -]?(\d{2}[\dA-HJ-PR-UW-Za-hj-pr-uw-z])(?![\p{L}\d])/gu;
/** Three capitals and three digits that are something else: currencies and abbreviations. */
const NOT_PLATES = new Set(['SEK', 'EUR', 'USD', 'NOK', 'DKK', 'GBP', 'BOX', 'LGH', 'SYN', 'NR', 'TEL', 'KAP', 'SFS', 'ISO', 'ORG', 'FAX', 'KVM', 'CAD', 'PDF', 'DOC']);
const VEHICLE_CONTEXT = /(?:reg\.?\s?nr|regnr|registreringsnummer|registreringsskylt|skylt|bil|bilen|bilar|fordon|fordonet|husbil|lastbil|mc|moped|släp|plate|car|van|rekisteri)\w*[\s:.,]*$/iu;

export function findVehicles(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(PLATE)) {
    const letters = m[1]!;
    if (NOT_PLATES.has(letters.toUpperCase())) continue;
    const lowerCase = letters === letters.toLowerCase();
    // ABC 12A in lower case or mixed case is too much like a word and a number.
    if (lowerCase && !VEHICLE_CONTEXT.test(before(text, m.index!, 30))) continue;
    if (!lowerCase && /[a-z]/.test(m[2]!)) continue;
    out.push({ kind: 'vehicle', start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}
