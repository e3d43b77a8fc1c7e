import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../index.ts';
import { evaluate, loadCorpus, parseCorpus, precision, recall } from './corpus.ts';

describe('parseCorpus', () => {
  it('turns marks into gold spans over the plain text', () => {
    const [t] = parseCorpus('### x1 sv\nJag heter [[name:Åsa Ek]], ring [[phone:070-123 45 67]].\n');
    expect(t!.text).toBe('Jag heter Åsa Ek, ring 070-123 45 67.');
    expect(t!.gold.map((g) => [g.kind, t!.text.slice(g.start, g.end)])).toEqual([
      ['name', 'Åsa Ek'],
      ['phone', '070-123 45 67'],
    ]);
  });

  it('refuses an unknown kind', () => {
    expect(() => parseCorpus('### x2 sv\n[[nmae:Åsa]]')).toThrow(/unknown kind nmae/);
  });
});

describe('the labelled corpus', () => {
  const corpus = loadCorpus();
  const result = evaluate(corpus, (text) => findPersonalData(text));
  const report = () => JSON.stringify({ misses: result.misses, wrong: result.wrong }, null, 1);

  it('has at least 150 texts in Swedish, English, Finnish and Arabic script', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((t) => t.language))).toEqual(new Set(['sv', 'en', 'fi', 'ar', 'fa']));
    expect(new Set(corpus.map((t) => t.id)).size).toBe(corpus.length);
  });

  it('finds every personnummer, samordningsnummer, e-mail address and phone number', () => {
    for (const kind of ['personnummer', 'samordningsnummer', 'email', 'phone'] as const) {
      expect(result.byKind[kind].gold, kind).toBeGreaterThan(2);
      expect(recall(result.byKind[kind]), `${kind}\n${report()}`).toBe(1);
    }
  });

  it('finds at least 95 % of names and addresses', () => {
    expect(recall(result.byKind.name), report()).toBeGreaterThanOrEqual(0.95);
    expect(recall(result.byKind.address), report()).toBeGreaterThanOrEqual(0.95);
  });

  it('is right at least 90 % of the time overall', () => {
    expect(precision(result.overall), report()).toBeGreaterThanOrEqual(0.9);
  });
});
