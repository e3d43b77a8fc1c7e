import { describe, expect, it } from 'vitest';
import { atomFeed, xmlEscape } from './atom.ts';
import { occurrences, propose, remainingFindings, removedButPresent, suggestedTitle } from './draft.ts';
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
    const remaining = remainingFindings(p, [{ field: 'answer', text: 'Mejla kalle@example.se.' }], []);
    expect(remaining).toEqual([{ field: 'answer', kind: 'email', value: 'kalle@example.se', start: 6, end: 22 }]);
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
