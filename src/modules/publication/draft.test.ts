import { describe, expect, it } from 'vitest';
import { atomFeed, xmlEscape } from './atom.ts';
import { occurrences, propose, removedButPresent, suggestedTitle } from './draft.ts';
import { checkPublicText, neverPublished } from './guard.ts';
import { wordsOf } from './lexicon.ts';
import { searchTerms } from './archiveQueries.ts';

/** The pure parts: proposing a redaction, the person's choices, the checks before publishing, words and the feed. */

const originals = { question: 'Hej! Jag heter Anna Berg och bor på Storgatan 5. Ring 070-123 45 67.', answer: 'Hej Anna! Vi har lagat lampan. Ring oss på 0503-350 00.' };

describe('propose', () => {
  it('replaces what the de-identification finds, and never the organization’s own contact details', () => {
    const p = propose(originals, {}, ['0503-350 00']);
    expect(p.texts.question).toBe('Hej! Jag heter [namn] och bor på [adress]. Ring [telefonnummer].');
    expect(p.texts.answer).toBe('Hej [namn]! Vi har lagat lampan. Ring oss på 0503-350 00.');
    expect(p.findings.map((f) => [f.field, f.kind, f.value])).toEqual([
      ['question', 'name', 'Anna Berg'],
      ['question', 'address', 'Storgatan 5'],
      ['question', 'phone', '070-123 45 67'],
      ['answer', 'name', 'Anna'],
    ]);
  });

  it('keeps what the person keeps and removes what they add, wherever it stands as a word', () => {
    const first = propose(originals, {}, []);
    const address = first.findings.find((f) => f.kind === 'address')!;
    const p = propose(originals, { keep: [address.key], extra: [{ kind: 'name', text: 'lampan' }] }, []);
    expect(p.texts.question).toContain('bor på Storgatan 5.');
    expect(p.texts.answer).toContain('Vi har lagat [namn].');
    expect(p.findings.find((f) => f.added)).toMatchObject({ field: 'answer', value: 'lampan', kept: false });
  });

  it('matches added text case-insensitively but only as whole words', () => {
    expect(occurrences('Annons och ANNA och anna.', 'Anna')).toEqual([
      { start: 11, end: 15 },
      { start: 20, end: 24 },
    ]);
    expect(occurrences('Storgatan  5', 'storgatan 5')).toEqual([{ start: 0, end: 12 }]);
  });
});

describe('before publishing', () => {
  it('finds removed text that came back, and personal data typed in while editing', () => {
    const p = propose(originals, {}, []);
    expect(removedButPresent(p, ['Ring 070-123 45 67 om du vill.'])).toEqual(['070-123 45 67']);
    expect(removedButPresent(p, ['Ring [telefonnummer].'])).toEqual([]);
    const { review } = checkPublicText([{ field: 'answer', text: 'Mejla kalle@example.se.' }], { keep: [], contact: null });
    expect(review).toEqual([{ field: 'answer', kind: 'email', value: 'kalle@example.se', start: 6, end: 22 }]);
  });

  it('flags again what the person kept in the review, for them to confirm at the end', () => {
    const first = propose(originals, {}, []);
    const kept = propose(originals, { keep: first.findings.map((f) => f.key) }, []);
    expect(kept.texts.question).toBe(originals.question);
    expect(checkPublicText([{ field: 'question', text: kept.texts.question }], { keep: [], contact: null }).review.map((f) => f.value)).toEqual(['Anna Berg', 'Storgatan 5', '070-123 45 67']);
  });
});

describe('what is never published', () => {
  const olle = { name: 'Olle Berg', email: 'olle.berg@example.se', phone: '070-222 33 44', address: 'Ekvägen 14\n544 30 Hjo' };

  it('finds a personnummer with a valid check digit in any writing, and leaves a wrong one to the reviewer', () => {
    const valid = (s: string) => neverPublished(s, null).map((f) => [f.kind, s.slice(f.start, f.end)]);
    expect(valid('Mitt personnummer är 19790202-2347.')).toEqual([['personnummer', '19790202-2347']]);
    expect(valid('pnr 790202-2347 och 7902022347')).toEqual([['personnummer', '790202-2347'], ['personnummer', '7902022347']]);
    expect(valid('Mitt personnummer är 19790202-2345.')).toEqual([]);
    const check = checkPublicText([{ field: 'answer', text: 'Personnummer 19790202-2345.' }], { keep: [], contact: null });
    expect(check.blocked).toEqual([]);
    expect(check.review.map((f) => f.kind)).toEqual(['personnummer']);
  });

  it('finds the submitter’s own name, e-mail, phone and address, however they are written', () => {
    const text = 'Skriv till OLLE BERG, olle.berg@example.se, ring +46 70-222 33 44 eller 0702223344. Hej Olle! Berg bor på Ekvägen 14. Det kostar 30 kr per dag och är ett berg.';
    const found = neverPublished(text, olle).map((f) => [f.kind, text.slice(f.start, f.end)]);
    expect(found).toEqual([
      ['name', 'OLLE BERG'],
      ['email', 'olle.berg@example.se'],
      ['phone', '+46 70-222 33 44'],
      ['phone', '0702223344'],
      ['name', 'Olle'],
      ['name', 'Berg'],
      ['address', 'Ekvägen 14'],
    ]);
  });

  it('always removes it in the proposal, whatever the person unticks', () => {
    const o = { question: 'Jag, Olle Berg, har personnummer 19790202-2347 och bor på Ekvägen 14.', answer: 'Hej Olle!' };
    const first = propose(o, {}, [], olle);
    expect(first.findings.every((f) => f.locked)).toBe(true);
    const p = propose(o, { keep: first.findings.map((f) => f.key) }, [], olle);
    expect(p.texts.question).toBe('Jag, [namn], har personnummer [personnummer] och bor på [adress].');
    expect(p.texts.answer).toBe('Hej [namn]!');
    expect(p.findings.some((f) => f.kept)).toBe(false);
  });

  it('suggests a title from the first sentence, shortened at a word', () => {
    expect(suggestedTitle('Snöröjningen kom sent. Mer text.')).toBe('Snöröjningen kom sent.');
    const long = suggestedTitle('Det här är en väldigt lång första mening som fortsätter och fortsätter utan att ta slut någon gång alls.');
    expect(long.length).toBeLessThanOrEqual(92);
    expect(long.endsWith(' …')).toBe(true);
  });
});

describe('words and search terms', () => {
  it('keeps letters only, in lower case, sorted and unique', () => {
    expect(wordsOf('Snöröjning, SNÖRÖJNING och [namn] 123 på')).toEqual(['namn', 'och', 'snöröjning']);
    expect(searchTerms("snö & | ! ( ' : * SYN-2026-00042")).toEqual(['snö', 'syn', '2026', '00042']);
    expect(searchTerms('a b c d e f g h i j k l')).toEqual([]);
    expect(searchTerms(Array.from({ length: 12 }, (_, i) => `ord${i}`).join(' '))).toHaveLength(8);
  });
});

describe('the Atom feed', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape('<a href="x">&\'\u0001</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    const xml = atomFeed({ title: 'T & T', selfUrl: 'http://x/svar/flode.atom', archiveUrl: 'http://x/svar', author: 'Kommun', now: new Date('2026-12-22T10:00:00Z'), entries: [] });
    expect(xml).toContain('<title>T &amp; T</title>');
    expect(xml).toContain('<updated>2026-12-22T10:00:00.000Z</updated>');
  });
});
