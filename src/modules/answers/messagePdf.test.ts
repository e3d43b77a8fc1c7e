import { describe, expect, it } from 'vitest';
import { pdfLines } from '../../../test/pdfText.ts';
import { renderMessagePdf, type MessageDocument } from './messagePdf.ts';

const letter = (language: string, statusLink: string): MessageDocument => ({
  orgName: 'Exempelkommun', unitName: 'Gata och park', postalAddress: 'Box 1, 123 45 Exempelstad', contactPhone: null, contactEmail: null,
  caseNumber: 'SYN-2026-00042', channel: 'letter', date: '2026-12-22', recipient: 'Åsa Öberg\nGatan 1', subject: null,
  body: 'Hej!\n\nLampan är lagad.', signer: 'Gustav Gatuchef', language, statusLink,
});

// Tokens are base64url: some start with a digit or hold a hyphen, where pdfkit would break a line.
const TOKENS = ['9bcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ', 'abcdefghijklmnopqrst-uvwxyzABCDEFGHIJKLM_NOP', '-bcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'];

describe('the status link under a printed letter', () => {
  for (const language of ['sv', 'fi', 'ar']) {
    it(`stands whole on a line of its own, whatever its token (${language})`, async () => {
      for (const token of TOKENS) {
        for (const base of ['http://localhost:3000', 'https://synpunkter.en-mycket-lang-kommun.exempelkommun.se']) {
          const link = `${base}/arende/${token}`;
          const seen = pdfLines(await renderMessagePdf(letter(language, link))).map((l) => l.seen);
          expect(seen, seen.join('\n')).toContain(link);
        }
      }
    });
  }

  it('keeps the words around it: the label before, the case number after', async () => {
    const seen = pdfLines(await renderMessagePdf(letter('sv', `http://localhost:3000/arende/${TOKENS[0]}`))).map((l) => l.seen);
    const at = seen.indexOf(`http://localhost:3000/arende/${TOKENS[0]}`);
    expect(seen.slice(at - 1, at + 2)).toEqual(['Här kan du följa ditt ärende:', `http://localhost:3000/arende/${TOKENS[0]}`, 'Ange ärendenummer SYN-2026-00042 om du kontaktar oss.']);
  });
});

describe('the signature under a printed letter', () => {
  it('is signed on the side the letter reads from, also under a right-to-left letter in Latin letters', async () => {
    const sides = async (language: string) => {
      const lines = pdfLines(await renderMessagePdf(letter(language, `http://localhost:3000/arende/${TOKENS[0]}`)));
      return ['Gustav Gatuchef', 'Gata och park'].map((name) => lines.filter((l) => l.seen === name).at(-1)!.x);
    };
    // A4 is 595 points wide with margins of 64: the left margin, or right-aligned past the middle.
    for (const x of await sides('sv')) expect(x).toBe(64);
    for (const x of await sides('ar')) expect(x).toBeGreaterThan(595 / 2);
  });
});
