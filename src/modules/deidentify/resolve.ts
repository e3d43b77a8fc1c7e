import type { Finding, FindingKind } from './types.ts';

/** When two findings overlap, the more specific kind wins; among equals, the longer span. */
const PRIORITY: Record<FindingKind, number> = {
  email: 0,
  personnummer: 1,
  samordningsnummer: 1,
  bank_account: 2,
  phone: 3,
  vehicle: 4,
  address: 5,
  postal_code: 6,
  name: 7,
};

/** Non-overlapping findings in text order. */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const ranked = [...findings].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Finding[] = [];
  for (const f of ranked) {
    if (taken.some((t) => f.start < t.end && t.start < f.end)) continue;
    taken.push(f);
  }
  return taken.sort((a, b) => a.start - b.start);
}
