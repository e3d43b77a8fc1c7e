import { describe, expect, it } from 'vitest';
import { csvField, defuseFormula } from './spreadsheet.ts';

describe('spreadsheet cells', () => {
  it('turns text a spreadsheet would run as a formula into plain text', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+46 70 123 45 67', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(defuseFormula(s), JSON.stringify(s)).toBe(`'${s}`);
    for (const s of ['Hej', '2026-04-02', ' =1', 'Ärende', '', "'=redan"]) expect(defuseFormula(s), JSON.stringify(s)).toBe(s);
    // Numbers are numbers, also negative ones; only text can be a formula.
    expect(defuseFormula(-5)).toBe(-5);
    expect(defuseFormula(null)).toBeNull();
  });

  it('quotes CSV fields RFC 4180 style after defusing them', () => {
    expect(csvField('=1;2')).toBe(`"'=1;2"`);
    expect(csvField('a "b"')).toBe('"a ""b"""');
    expect(csvField('rad\nrad')).toBe('"rad\nrad"');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(new Date('2026-12-22T09:00:00Z'))).toBe('2026-12-22T09:00:00.000Z');
  });
});
