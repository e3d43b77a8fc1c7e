import { describe, expect, it } from 'vitest';
import { chooseLanguage, fromAcceptLanguage } from './negotiate.ts';

const offered = (c: string) => ['sv', 'en', 'fi', 'ar', 'so', 'fa'].includes(c);

describe('choosing the language of a citizen page', () => {
  it('takes ?lang= first and remembers that it was chosen', () => {
    expect(chooseLanguage({ query: 'ar', cookie: 'en', acceptLanguage: 'fi', orgDefault: 'sv' }, offered)).toEqual({ code: 'ar', chosen: true });
    expect(chooseLanguage({ query: 'AR', orgDefault: 'sv' }, offered)).toEqual({ code: 'ar', chosen: true });
    expect(chooseLanguage({ query: 'fi-FI', acceptLanguage: 'en', orgDefault: 'sv' }, offered)).toEqual({ code: 'fi', chosen: true });
    expect(chooseLanguage({ query: 'ar-SA', orgDefault: 'sv' }, offered)).toEqual({ code: 'ar', chosen: true });
    expect(chooseLanguage({ query: ['fi', 'en'], orgDefault: 'sv' }, offered)).toEqual({ code: 'fi', chosen: true });
  });

  it('then the cookie, then the case, then Accept-Language, then the organization', () => {
    expect(chooseLanguage({ cookie: 'en', caseLanguage: 'ar', acceptLanguage: 'fi', orgDefault: 'sv' }, offered).code).toBe('en');
    expect(chooseLanguage({ caseLanguage: 'ar', acceptLanguage: 'fi', orgDefault: 'sv' }, offered).code).toBe('ar');
    expect(chooseLanguage({ acceptLanguage: 'fi-FI,fi;q=0.9', orgDefault: 'sv' }, offered).code).toBe('fi');
    expect(chooseLanguage({ orgDefault: 'en' }, offered).code).toBe('en');
    expect(chooseLanguage({ orgDefault: 'de' }, offered).code).toBe('sv');
  });

  it('passes quietly over anything not offered or malformed', () => {
    for (const query of ['xx', '', '../../etc', 'sv"><script>', 42, null]) {
      expect(chooseLanguage({ query, acceptLanguage: 'en', orgDefault: 'sv' }, offered)).toEqual({ code: 'en', chosen: false });
    }
    expect(chooseLanguage({ cookie: 'klingon', orgDefault: 'sv' }, offered).code).toBe('sv');
  });

  it('reads Accept-Language by quality, then order, falling back from region to language', () => {
    expect(fromAcceptLanguage('de-DE,de;q=0.9,ar-SE;q=0.8,en;q=0.7', offered)).toBe('ar');
    expect(fromAcceptLanguage('en;q=0.5,so;q=0.9', offered)).toBe('so');
    expect(fromAcceptLanguage('fa-IR', offered)).toBe('fa');
    expect(fromAcceptLanguage('sv;q=0,en', offered)).toBe('en');
    expect(fromAcceptLanguage('*', offered)).toBeUndefined();
    expect(fromAcceptLanguage('de, nb', offered)).toBeUndefined();
    expect(fromAcceptLanguage(undefined, offered)).toBeUndefined();
  });
});
