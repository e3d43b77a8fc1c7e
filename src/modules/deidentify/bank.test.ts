import { describe, expect, it } from 'vitest';
import { findBankAccounts } from './bank.ts';

const spans = (text: string) => findBankAccounts(text).map((f) => text.slice(f.start, f.end));

describe('findBankAccounts', () => {
  it('finds clearing and account numbers in the common writings', () => {
    expect(spans('Till mitt konto 8327-9, 123 456 789-0 tack')).toEqual(['8327-9, 123 456 789-0']);
    expect(spans('kontonummer 6000 123 456 789')).toEqual(['6000 123 456 789']);
    expect(spans('Handelsbanken, konto 6123-456 789 012.')).toEqual(['6123-456 789 012']);
    expect(spans('clearing 5001, konto 1234567')).toEqual(['5001, konto 1234567']);
    expect(spans('Kontonummer: 12345678')).toEqual(['12345678']);
  });

  it('finds IBAN and card numbers that pass Luhn', () => {
    expect(spans('IBAN SE45 5000 0000 0583 9825 7466.')).toEqual(['SE45 5000 0000 0583 9825 7466']);
    expect(spans('kort 4539 1488 0343 6467, inte 4539 1488 0343 6468')).toEqual(['4539 1488 0343 6467']);
  });

  it('leaves bankgiro, plusgiro, OCR and invoice numbers', () => {
    expect(spans('Bankgiro 5050-1055, plusgiro 12 34 56-7, OCR 4455667788, faktura 2026-0045812, kortnummer 1234 5678 9012')).toEqual([]);
  });
});
