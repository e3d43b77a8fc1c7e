import { describe, expect, it } from 'vitest';
import { luhnValid } from './luhn.ts';
import { findIdentityNumbers, idKindOfDate } from './personnummer.ts';

const spans = (text: string) => findIdentityNumbers(text).map((f) => [f.kind, text.slice(f.start, f.end)]);

describe('luhnValid', () => {
  it('accepts Skatteverket’s examples and refuses one digit off', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('1212121212')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('idKindOfDate', () => {
  it('tells personnummer from samordningsnummer by the day', () => {
    expect(idKindOfDate(12, 18)).toBe('personnummer');
    expect(idKindOfDate(10, 63)).toBe('samordningsnummer');
    expect(idKindOfDate(2, 30)).toBeNull();
    expect(idKindOfDate(2, 89)).toBe('samordningsnummer');
    expect(idKindOfDate(2, 90)).toBeNull();
    expect(idKindOfDate(13, 1)).toBeNull();
    expect(idKindOfDate(21, 1)).toBeNull(); // organisationsnummer have a month of 20 or more
  });
});

describe('findIdentityNumbers', () => {
  it('finds 10 and 12 digits with dash, plus, space or nothing', () => {
    expect(spans('pnr 811218-9876.')).toEqual([['personnummer', '811218-9876']]);
    expect(spans('född 19811218-9876')).toEqual([['personnummer', '19811218-9876']]);
    expect(spans('(198112189876)')).toEqual([['personnummer', '198112189876']]);
    expect(spans('8112189876 är mitt')).toEqual([['personnummer', '8112189876']]);
    expect(spans('121212+1212 är hundra år')).toEqual([['personnummer', '121212+1212']]);
    expect(spans('811218 9876')).toEqual([['personnummer', '811218 9876']]);
    expect(spans('19811218 - 9876')).toEqual([['personnummer', '19811218 - 9876']]);
  });

  it('finds samordningsnummer (day + 60)', () => {
    expect(spans('samordningsnummer 701063-2391')).toEqual([['samordningsnummer', '701063-2391']]);
    expect(spans('19701063-2391')).toEqual([['samordningsnummer', '19701063-2391']]);
  });

  it('takes a dashed number with a typo in the check digit, but not digits run together without context', () => {
    expect(spans('Mitt personnummer är 850312-1234')).toEqual([['personnummer', '850312-1234']]);
    expect(spans('order 8503121234 skickad')).toEqual([]);
    expect(spans('personnummer 8503121234')).toEqual([['personnummer', '8503121234']]);
  });

  it('leaves dates, case numbers, organisationsnummer and amounts', () => {
    expect(spans('2026-03-15 kl 10.00')).toEqual([]);
    expect(spans('SYN-2026-00042')).toEqual([]);
    expect(spans('Hjo kommun, org.nr 212000-1686')).toEqual([]);
    expect(spans('faktura 20260315123456')).toEqual([]);
    expect(spans('belopp 1 250 000 kr')).toEqual([]);
  });

  it('leaves a mobile number run together unless named as an identity number', () => {
    expect(spans('ring 0703152385')).toEqual([]);
    expect(spans('personnummer: 0703152385')).toEqual([['personnummer', '0703152385']]);
  });
});
