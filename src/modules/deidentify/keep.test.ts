import { describe, expect, it } from 'vitest';
import { deidentify } from './index.ts';
import { nationalDigits } from './keep.ts';
import { organizationContacts } from './organizationContacts.ts';

describe('organizationContacts', () => {
  it('lists every published contact detail, and each part of an address', () => {
    expect(
      organizationContacts({
        contactEmail: 'kommunen@hjo.se',
        contactPhone: '0503-350 00',
        postalAddress: 'Hjo kommun, Box 42\n544 21 Hjo',
        visitingAddress: 'Torggatan 2, Hjo',
        publishedContacts: 'bygglov@hjo.se\n\n0503-351 00',
        letterhead: { phone: '0503-350 00' },
      }),
    ).toEqual(['kommunen@hjo.se', '0503-350 00', 'Hjo kommun, Box 42', 'Hjo kommun', 'Box 42', '544 21 Hjo', 'Torggatan 2, Hjo', 'Torggatan 2', 'Hjo', 'bygglov@hjo.se', '0503-351 00']);
    expect(organizationContacts({})).toEqual([]);
  });

  it('keeps them in a text however they are written, and nothing else', () => {
    const keep = organizationContacts({ contactPhone: '0503-350 00', postalAddress: 'Box 42, 544 21 Hjo', visitingAddress: 'Torggatan 2', contactEmail: 'Kommunen@hjo.se' });
    const { text } = deidentify('Skriv till Box 42, 544 21 Hjo eller kommunen@HJO.se, ring +46 503 350 00, besök Torggatan 2. Jag bor på Torggatan 9, Box 7, 544 30 Hjo.', { keep });
    expect(text).toBe('Skriv till Box 42, 544 21 Hjo eller kommunen@HJO.se, ring +46 503 350 00, besök Torggatan 2. Jag bor på [adress], [adress], [adress] Hjo.');
  });
});

describe('nationalDigits', () => {
  it('writes Swedish numbers the same way from any notation', () => {
    for (const n of ['0503-350 00', '+46 503 350 00', '+46 (0)503-35000', '0046 503 35000']) expect(nationalDigits(n), n).toBe('050335000');
  });
});
