import { describe, expect, it } from 'vitest';
import { findPhones } from './phone.ts';

const spans = (text: string) => findPhones(text).map((f) => text.slice(f.start, f.end));

describe('findPhones', () => {
  it('finds Swedish mobile numbers in every common writing', () => {
    for (const n of ['070-123 45 67', '0701234567', '070 123 45 67', '070-1234567', '070 - 123 45 67', '073-12 34 567', '+46 70 123 45 67', '+46701234567', '+46 (0)70-123 45 67', '0046 70 123 45 67', '076/123 45 67']) {
      expect(spans(`ring mig på ${n}, tack`), n).toEqual([n]);
    }
  });

  it('finds landline numbers with two- to four-digit area codes', () => {
    for (const n of ['08-123 456 78', '08-12 34 56', '031-123 45 67', '0503-123 45', '0495-24 00 00', '(08) 12 34 56', '08 123 456 78', '+46 8 123 456 78']) {
      expect(spans(`tel. ${n}.`), n).toEqual([n]);
    }
  });

  it('finds foreign numbers written with + or 00', () => {
    expect(spans('Soita +358 40 123 4567')).toEqual(['+358 40 123 4567']);
    expect(spans('call +44 20 7946 0958 today')).toEqual(['+44 20 7946 0958']);
    expect(spans('00358401234567')).toEqual(['00358401234567']);
  });

  it('keeps two numbers in a row apart', () => {
    expect(spans('0701234567 0812345678')).toEqual(['0701234567', '0812345678']);
    expect(spans('070-123 45 67/08-123 45 67')).toEqual(['070-123 45 67', '08-123 45 67']);
  });

  it('leaves dates, times, case and invoice numbers, amounts and postal codes', () => {
    expect(spans('Öppet 08-16, den 05.01.2026 och 05-01-2026')).toEqual([]);
    expect(spans('Ärende SYN-2026-00042')).toEqual([]);
    expect(spans('fakturanummer 0012345678')).toEqual([]);
    expect(spans('OCR: 0412345678')).toEqual([]);
    expect(spans('det kostade 0 kr, 544 31 Hjo, 2026-01-05')).toEqual([]);
    expect(spans('0,5 km från 2 000 meter')).toEqual([]);
  });
});

describe('findPhones and organizations', () => {
  it('leaves the switchboard and service numbers, by their context or prefix', () => {
    expect(spans('Jag ringde kommunens växel 0503-350 00 och sedan till er på 0503-350 00.')).toEqual([]);
    expect(spans('Kundtjänst: 0771-10 10 10, Migrationsverket 0771-235 235, 020-12 12 12')).toEqual([]);
    expect(spans('Ring mig, inte växeln: 070-123 45 67')).toEqual(['070-123 45 67']);
  });
});
