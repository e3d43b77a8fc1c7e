import type { OrganizationSettings } from '../../db/schema.ts';

/**
 * The organization's own published contact details, which stay when a text is de-identified: the
 * contact e-mail, phone and postal address, the visiting address, the letterhead's, and any further
 * ones the admin lists (switchboard, functional mailboxes), one per line. Addresses are also split
 * at commas so that "Storgatan 1" and "123 45" match on their own.
 */
export function organizationContacts(s: OrganizationSettings): string[] {
  const l = s.letterhead ?? {};
  const raw = [s.contactEmail, s.contactPhone, s.postalAddress, s.visitingAddress, l.postalAddress, l.phone, l.email, s.publishedContacts];
  const out = new Set<string>();
  for (const value of raw) {
    if (!value) continue;
    for (const line of value.split(/\r?\n/)) {
      const whole = line.trim();
      if (!whole) continue;
      out.add(whole);
      for (const part of whole.split(',')) if (part.trim()) out.add(part.trim());
    }
  }
  return [...out];
}
