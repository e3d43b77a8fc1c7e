import type { MessageChannel } from '../../db/schema.ts';
import { formatLongDate } from '../../platform/clock.ts';
import { PDF_TAGGING, pdfStructure } from '../../platform/pdfStructure.ts';
import { loadPdfKit } from '../../platform/pdfkit.ts';

/** Everything printed on a message document; loaded and checked by the caller. */
export interface MessageDocument {
  orgName: string;
  /** The förvaltning answering, printed under the organization's name. */
  unitName: string | null;
  postalAddress: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  caseNumber: string;
  channel: MessageChannel;
  /** YYYY-MM-DD: the letter's date, or the day of the call. */
  date: string;
  recipient: string | null;
  subject: string | null;
  body: string;
  /** The person who wrote the answer. */
  signer: string;
}

const TITLE: Record<MessageChannel, string> = { letter: 'Brev', email: 'Kopia av e-post', phone: 'Anteckning om telefonsamtal' };

// CP1252 characters outside Latin-1 that the standard PDF fonts (WinAnsiEncoding) can show.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const encodable = (ch: string) => {
  const cp = ch.codePointAt(0)!;
  return ch === '\n' || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};

/**
 * The built-in Helvetica covers Swedish (å ä ö é ü) and the rest of Latin-1, nothing more. Other
 * letters lose their accents (ą → a) where that keeps them readable, and become "?" otherwise,
 * rather than printing garbage.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    if (encodable(ch)) out += ch;
    else {
      const base = [...ch.normalize('NFD')].filter(encodable).join('');
      out += base || '?';
    }
  }
  return out;
}

/** "22 december 2026" from a date-only value, without drifting a day through time zones. */
const longDate = (ymd: string) => formatLongDate(new Date(`${ymd}T12:00:00Z`));

/** Renders a message on the case as an A4 PDF with the organization's letterhead. */
export async function renderMessagePdf(m: MessageDocument): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    ...PDF_TAGGING,
    info: { Title: toWinAnsi(`${m.subject ?? TITLE[m.channel]} – ${m.caseNumber}`), Author: toWinAnsi(m.orgName), Subject: m.caseNumber },
  });
  const tags = pdfStructure(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const t = toWinAnsi;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // Letterhead: who sends it, and how to reach them.
  tags.block('P', () => {
    doc.font('Helvetica-Bold').fontSize(16).text(t(m.orgName), left, doc.page.margins.top, { width: width / 2 });
    doc.font('Helvetica').fontSize(10);
    if (m.unitName) doc.text(t(m.unitName), { width: width / 2 });
    for (const line of [m.postalAddress, m.contactPhone && `Telefon ${m.contactPhone}`, m.contactEmail].filter(Boolean) as string[]) {
      doc.text(t(line), { width: width / 2 });
    }
  });
  const headBottom = doc.y;

  // Reference block on the right, as in a Swedish official letter.
  const refX = left + width / 2 + 16;
  tags.block('P', () => {
    doc.fontSize(10).font('Helvetica-Bold').text(TITLE[m.channel], refX, doc.page.margins.top, { width: width / 2 - 16 });
    for (const [label, value] of [
      ['Datum', longDate(m.date)],
      ['Ärendenummer', m.caseNumber],
      ['Handläggare', m.signer],
    ] as const) {
      doc.font('Helvetica-Bold').text(`${label}: `, refX, undefined, { continued: true, width: width / 2 - 16 }).font('Helvetica').text(t(value));
    }
  });

  // Recipient (the window of a C5 envelope sits about here).
  doc.x = left;
  doc.y = Math.max(headBottom, doc.y) + 36;
  const recipient = m.recipient;
  if (recipient) {
    tags.block('P', () => {
      doc.font('Helvetica').fontSize(11);
      if (m.channel === 'email') doc.text(t(`Till: ${recipient}`), left, undefined, { width: width / 2 });
      else if (m.channel === 'phone') doc.text(t(`Samtal till ${recipient}`), left, undefined, { width: width / 2 });
      else doc.text(t(recipient), left, undefined, { width: width / 2 });
    });
  }

  doc.moveDown(2);
  const subject = m.subject;
  if (subject) tags.block('H1', () => doc.font('Helvetica-Bold').fontSize(13).text(t(subject), left, undefined, { width }));
  doc.moveDown(0.8);
  tags.block('P', () => doc.font('Helvetica').fontSize(11).text(t(m.body), left, undefined, { width, lineGap: 2 }));
  // A letter is always signed. Templates end with the writer's name; a letter written from scratch gets it here.
  if (m.channel === 'letter' && !m.body.includes(m.signer)) {
    doc.moveDown(1.5);
    tags.block('P', () => doc.text('Med vänliga hälsningar').moveDown(0.8).text(t(m.signer)).text(t(m.unitName ?? m.orgName)));
  }

  tags.end();
  doc.end();
  return finished;
}
