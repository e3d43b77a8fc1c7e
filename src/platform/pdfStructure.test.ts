import { describe, expect, it } from 'vitest';
import { pdfTagging } from '../../test/pdf.ts';
import { pdfLines } from '../../test/pdfText.ts';
import { renderMessagePdf } from '../modules/answers/messagePdf.ts';
import { renderCasePdf } from '../modules/earchive/casePdf.ts';
import { renderExtractPdf } from '../modules/gdpr/pdf.ts';

/** Letters, case files and register extracts are tagged PDFs: a structure tree in reading order, Swedish, titled. */

const expectTagged = (pdf: Buffer, types: string[]) => {
  const tags = pdfTagging(pdf);
  expect(tags).toMatchObject({ structTreeRoot: true, marked: true, lang: 'sv-SE', displayTitle: true, hasTitle: true });
  for (const type of ['Document', ...types]) expect(tags.types[type], type).toBeGreaterThan(0);
  expect(tags.marked_content).toBeGreaterThanOrEqual(types.length);
};

describe('tagged PDFs', () => {
  it('a letter: letterhead, heading and text', async () => {
    const pdf = await renderMessagePdf({
      orgName: 'Exempelkommun',
      unitName: 'Samhällsbyggnad',
      postalAddress: 'Box 1, 123 45 Exempelstad',
      contactPhone: '0123-456 00',
      contactEmail: 'kommun@example.se',
      caseNumber: 'SYN-2026-00042',
      channel: 'letter',
      date: '2026-12-22',
      recipient: 'Åsa Öberg\nGatan 1\n123 45 Exempelstad',
      subject: 'Svar på din synpunkt',
      body: 'Hej Åsa!\n\nTack för att du hörde av dig.',
      signer: 'Gustav Gatuchef',
    });
    expectTagged(pdf, ['H1', 'P']);
    // A letter to a Swedish-speaking submitter (no language on the case) keeps its Swedish frame.
    expect(pdfLines(pdf).map((l) => l.seen)).toEqual(expect.arrayContaining(['Brev', 'Datum: 22 december 2026', 'Ärendenummer: SYN-2026-00042', 'Handläggare: Gustav Gatuchef', 'Med vänliga hälsningar']));
  });

  it('a case file for the archive and a register extract', async () => {
    const at = new Date('2026-12-22T09:00:00Z');
    const casePdf = await renderCasePdf(
      {
        id: '1', number: 'SYN-2026-00042', kind: 'klagomal', channel: 'web', status: 'closed', significance: 'important', confidential: false, confidentialityRef: null, anonymous: false,
        description: 'Gatlyktorna är släckta.', location: null, outcome: 'answered', receivedAt: at, closedAt: at, areaName: 'Fysisk miljö', unitName: 'Gata och park', forvaltningName: 'Samhällsbyggnad',
        handlerName: 'Gustav', contact: { name: 'Åsa Öberg', email: 'asa@example.se', phone: null, address: null, replyChannel: 'email' },
        events: [{ type: 'received', at, actor: null, data: {} }], messages: [{ id: 'm', purpose: 'answer', channel: 'email', status: 'sent', transport: 'smtp', recipient: 'asa@example.se', subject: 'Svar', body: 'Lagat.', at, occurredOn: null, sentAt: at, headerMessageId: null, replyTo: null, sent: null }], inbound: [], attachments: [],
      },
      'Exempelkommun',
      at,
    );
    expectTagged(casePdf, ['H1', 'H2', 'P']);
    const extract = await renderExtractPdf({
      organization: 'Exempelkommun',
      identifier: { kind: 'email', masked: 'a***@example.se' },
      generatedAt: at.toISOString(),
      requestId: 'R-1',
      cases: [{ number: 'SYN-2026-00042', receivedAt: at.toISOString(), kind: 'klagomal', status: 'closed', confidential: false, confidentialityRef: null, description: 'Text', location: null, contact: null, messages: [], attachments: [] }],
    });
    expectTagged(extract, ['H1', 'H2', 'P']);
  });
});
