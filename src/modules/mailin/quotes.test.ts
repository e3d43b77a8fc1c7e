import { describe, expect, it } from 'vitest';
import { splitReply, strippedText } from './quotes.ts';

/** Quoted text and signatures from the mail programs people use, in Swedish and English. */

const OUTLOOK_SV = `Hej!

Jag är fortfarande inte nöjd med svaret.

Med vänlig hälsning
Anna Andersson

Från: Exempelkommun <synpunkter@exempel.se>
Skickat: den 22 december 2026 10:00
Till: Anna Andersson <anna@example.se>
Ämne: Svar på din synpunkt SYN-2026-00042

Tack för din synpunkt.
`;

const OUTLOOK_LINE = `Tack, det löste sig.

________________________________
Från: Exempelkommun
Skickat: den 22 december 2026 10:00
Till: Anna Andersson
Ämne: Svar

Tack för din synpunkt.
`;

const OUTLOOK_EN = `Not solved.\r\n\r\n-----Original Message-----\r\nFrom: Exempelkommun <synpunkter@exempel.se>\r\nSent: Tuesday, December 22, 2026 10:00 AM\r\nTo: Anna\r\nSubject: Answer\r\n\r\nThank you.\r\n`;

const GMAIL_SV_WRAPPED = `Nej, inte alls.

Den tis 22 dec. 2026 kl 10:00 skrev Exempelkommun <
synpunkter+SYN-2026-00042@exempel.se>:

> Tack för din synpunkt.
>
> Vänliga hälsningar
`;

const GMAIL_EN = `Still broken.\n\nOn Tue, Dec 22, 2026 at 10:00 AM Exempelkommun <synpunkter@exempel.se> wrote:\n\n> Thank you.\n`;

const IPHONE = `Okej tack!

Skickat från min iPhone

> 22 dec. 2026 kl. 10:00 skrev Exempelkommun <synpunkter@exempel.se>:
>
> Tack
`;

describe('what the sender wrote now', () => {
  it.each([
    ['Outlook in Swedish ("Från:" block)', OUTLOOK_SV, 'Hej!\n\nJag är fortfarande inte nöjd med svaret.\n\nMed vänlig hälsning\nAnna Andersson'],
    ['Outlook with the underscore line and no addresses', OUTLOOK_LINE, 'Tack, det löste sig.'],
    ['Outlook in English ("Original Message")', OUTLOOK_EN, 'Not solved.'],
    ['Gmail in Swedish ("Den … skrev", wrapped)', GMAIL_SV_WRAPPED, 'Nej, inte alls.'],
    ['Gmail in English ("On … wrote:")', GMAIL_EN, 'Still broken.'],
    ['iPhone in Swedish (signature and Apple attribution)', IPHONE, 'Okej tack!'],
    ['a "-- " signature', 'Parken behöver fler bänkar.\n\n-- \nAnna Andersson\nStorgatan 1\n', 'Parken behöver fler bänkar.'],
  ])('%s', (_name, text, expected) => {
    expect(strippedText(text)).toBe(expected);
  });

  it('keeps the whole text when nothing of the sender’s own is left (a plain forward)', () => {
    const forward = '-----Original Message-----\nFrom: A <a@b.se>\nSent: today\n\nThe original.';
    expect(strippedText(forward)).toBe(forward);
  });

  it('does not take "… skrev hon:" in running text for a quote', () => {
    const text = 'I brevet den 3 maj skrev hon:\n"Vi återkommer."\nMen ingen återkom.';
    expect(strippedText(text)).toBe(text);
  });

  it('folds inline quotes in place and keeps the answers between them', () => {
    const segments = splitReply('> Har du fått svar?\nNej.\n> Vilken gata?\nStorgatan.');
    expect(segments.map((s) => s.kind)).toEqual(['quote', 'text', 'quote', 'text']);
    expect(strippedText('> Har du fått svar?\nNej.\n> Vilken gata?\nStorgatan.')).toBe('Nej.\nStorgatan.');
  });

  it('loses nothing: the segments together are the text', () => {
    for (const text of [OUTLOOK_SV, OUTLOOK_LINE, GMAIL_SV_WRAPPED, GMAIL_EN, IPHONE]) {
      expect(splitReply(text).map((s) => s.text).join('\n')).toBe(text.replace(/\r\n/g, '\n'));
    }
  });
});
