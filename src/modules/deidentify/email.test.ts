import { describe, expect, it } from 'vitest';
import { findEmails } from './email.ts';

const spans = (text: string) => findEmails(text).map((f) => text.slice(f.start, f.end));

describe('findEmails', () => {
  it('finds addresses with dots, plus, digits, å ä ö and subdomains', () => {
    expect(spans('Maila anna.svensson@gmail.com.')).toEqual(['anna.svensson@gmail.com']);
    expect(spans('<kalle+synpunkt@mail.hjo.se>')).toEqual(['kalle+synpunkt@mail.hjo.se']);
    expect(spans('åsa.öberg@telia.se, p.nilsson1970@hotmail.com')).toEqual(['åsa.öberg@telia.se', 'p.nilsson1970@hotmail.com']);
    expect(spans('mejl:ERIK@FOO.SE')).toEqual(['ERIK@FOO.SE']);
  });

  it('finds the ways people hide the @', () => {
    expect(spans('kalle(at)hotmail.se')).toEqual(['kalle(at)hotmail.se']);
    expect(spans('kalle [at] hotmail.se')).toEqual(['kalle [at] hotmail.se']);
  });

  it('leaves things that are not addresses', () => {
    expect(spans('@kommunen på Instagram, hjo.se, 5 st @ 20 kr')).toEqual([]);
  });
});
