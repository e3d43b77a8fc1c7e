import type { Finding } from './types.ts';

/**
 * The organization's own published contact details (switchboard, e-mail, visiting address) are not
 * personal data and stay. A finding is kept when it lies inside an occurrence of a keep string, or
 * when it is the same phone number or e-mail address written another way.
 */
export interface KeepMatcher {
  keeps(text: string, f: Finding): boolean;
}

/** A phone number's digits in national form: +46 (0)8-123 45 67 and 08-1234567 are both 081234567. */
export function nationalDigits(s: string): string {
  let d = s.replace(/\D/g, '');
  const international = s.trim().startsWith('+') || d.startsWith('00');
  if (d.startsWith('00')) d = d.slice(2);
  if (international && d.startsWith('46')) {
    d = d.slice(2);
    if (!d.startsWith('0')) d = `0${d}`;
  }
  return d;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function keepMatcher(text: string, keep: readonly string[] | undefined): KeepMatcher {
  const items = (keep ?? []).map((k) => k.trim()).filter((k) => k.length >= 3);
  if (items.length === 0) return { keeps: () => false };
  const ranges: [number, number][] = [];
  for (const item of items) {
    // Line breaks and runs of spaces in a stored address match any white space in the text.
    const pattern = item.split(/\s+/).map(escapeRegExp).join('[\\s,]+');
    for (const m of text.matchAll(new RegExp(pattern, 'giu'))) ranges.push([m.index!, m.index! + m[0].length]);
  }
  const phones = new Set(items.map(nationalDigits).filter((d) => d.length >= 6));
  const emails = new Set(items.filter((k) => k.includes('@')).map((k) => k.toLowerCase()));
  return {
    keeps(t, f) {
      if (ranges.some(([s, e]) => f.start >= s && f.end <= e)) return true;
      const value = t.slice(f.start, f.end);
      if (f.kind === 'phone') return phones.has(nationalDigits(value));
      if (f.kind === 'email') return emails.has(value.toLowerCase());
      return false;
    },
  };
}
