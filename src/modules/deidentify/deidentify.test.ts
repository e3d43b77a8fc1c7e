import { describe, expect, it } from 'vitest';
import { deidentify, redact } from './index.ts';

describe('deidentify', () => {
  it('redacts with Swedish labels and reports UTF-16 offsets into the input', () => {
    const input = 'Hej 😀 mitt nr är 070-123 45 67 och pnr 811218-9876, mejla åsa@exempel.se';
    const { text, findings } = deidentify(input);
    expect(text).toBe('Hej 😀 mitt nr är [telefonnummer] och pnr [personnummer], mejla [e-post]');
    expect(findings.map((f) => [f.kind, input.slice(f.start, f.end)])).toEqual([
      ['phone', '070-123 45 67'],
      ['personnummer', '811218-9876'],
      ['email', 'åsa@exempel.se'],
    ]);
  });

  it('keeps the organization’s own published contact details, however written', () => {
    const input = 'Ring växeln 0503-350 00 eller +46 503 35000, mejla kommunen@hjo.se, inte mig 070-111 22 33 eller per@hjo.se';
    const { text } = deidentify(input, { keep: ['0503-35000', 'Kommunen@hjo.se'] });
    expect(text).toBe('Ring växeln 0503-350 00 eller +46 503 35000, mejla kommunen@hjo.se, inte mig [telefonnummer] eller [e-post]');
  });

  it('is stable on empty and number-free text', () => {
    expect(deidentify('')).toEqual({ text: '', findings: [] });
    expect(deidentify('Gatlampan är trasig sedan i tisdags.').findings).toEqual([]);
  });
});

describe('redact', () => {
  it('applies a reviewed list in any order and merges overlaps', () => {
    expect(redact('abc def ghi', [{ kind: 'name', start: 8, end: 11 }, { kind: 'name', start: 0, end: 3 }])).toBe('[namn] def [namn]');
    expect(redact('abcdef', [{ kind: 'name', start: 0, end: 4 }, { kind: 'phone', start: 2, end: 6 }])).toBe('[namn]');
  });
});
