import { describe, expect, it } from 'vitest';
import { findVehicles } from './vehicle.ts';

const spans = (text: string) => findVehicles(text).map((f) => text.slice(f.start, f.end));

describe('findVehicles', () => {
  it('finds old and new Swedish plates with or without a space', () => {
    expect(spans('Bilen ABC 123 och XYZ 45B, även KLM482.')).toEqual(['ABC 123', 'XYZ 45B', 'KLM482']);
  });

  it('takes lower case only after a word that names a vehicle', () => {
    expect(spans('min bil abc 123 och reg.nr def456')).toEqual(['abc 123', 'def456']);
    expect(spans('vi har 3 st och abc 123 i listan')).toEqual([]);
  });

  it('leaves currencies, letters no plate uses, and case numbers', () => {
    expect(spans('SEK 500, EUR 100, SYN-2026-00042, AIQ 123, BOX 123')).toEqual([]);
  });
});
