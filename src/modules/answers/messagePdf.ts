import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { MessageChannel } from '../../db/schema.ts';
import { translator } from '../../platform/i18n/catalogue.ts';
import { bidiText, hasRtl, type Direction } from '../../platform/pdfBidi.ts';
import { PDF_TAGGING, pdfStructure, type BlockType } from '../../platform/pdfStructure.ts';
import { loadPdfKit } from '../../platform/pdfkit.ts';
import { woffToSfnt } from '../earchive/woff.ts';
import { submitterI18n } from '../notifications/submitterMail.ts';

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
  /** The submitter's language (cases.language): a letter, which goes to them, is framed in it. */
  language?: string | null;
  /** Their status page, printed under a letter. */
  statusLink?: string | null;
}

// A copy of an e-mail and a note of a call are for the case file, so in Swedish; a letter's title is in its language.
const TITLE: Record<Exclude<MessageChannel, 'letter'>, string> = { email: 'Kopia av e-post', phone: 'Anteckning om telefonsamtal' };

// Stands in for the status link in the letter's footer, where the link is drawn on a line of its own.
const LINK_MARK = '\uE000';

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

/**
 * DejaVu Sans, embedded: @fontsource's "latin" file of it is the whole font (5 918 glyphs, its
 * unicode.json names no subset), with Arabic and Persian letters and the OpenType tables that
 * join them, which the standard Helvetica (Latin-1 only) cannot show.
 */
const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const fontFile = (weight: 400 | 700) => woffToSfnt(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-normal.woff`)));

/** Renders a message on the case as an A4 PDF with the organization's letterhead. */
export async function renderMessagePdf(m: MessageDocument): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  fonts ??= { regular: fontFile(400), bold: fontFile(700) };
  const letter = m.channel === 'letter';
  const i18n = letter ? submitterI18n(m.language) : translator();
  const swedish = i18n.code === 'sv';
  const title = m.channel === 'letter' ? i18n.t('letter.title') : TITLE[m.channel];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    ...PDF_TAGGING,
    lang: swedish ? PDF_TAGGING.lang : i18n.code,
    info: { Title: `${m.subject ?? title} – ${m.caseNumber}`.replace(/[\u2066-\u2069]/g, ''), Author: m.orgName, Subject: m.caseNumber },
  });
  doc.registerFont('Regular', fonts.regular);
  doc.registerFont('Bold', fonts.bold);
  const structure = pdfStructure(doc);
  // Right-to-left lines are drawn in visual order; screen readers and copying get the text as written.
  const tags = {
    block: (type: BlockType, logical: string[], draw: () => void, options: { lang?: string } = {}) => {
      const actual = logical.join('\n').replace(/[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g, '');
      structure.block(type, draw, hasRtl(actual) ? { ...options, actual } : options);
    },
    end: () => structure.end(),
  };
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const dir: Direction = i18n.dir;
  const t = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const text = (s: string, x: number, w: number, lineGap?: number, force?: Direction) => bidiText(doc, t(s), x, w, { fallback: dir, lineGap, dir: force });
  // The letterhead and the addresses are Swedish whatever the letter's language.
  const svLang = swedish ? {} : { lang: PDF_TAGGING.lang };

  // Letterhead: who sends it, and how to reach them.
  const contact = [m.postalAddress, m.contactPhone && (letter ? i18n.t('letter.phone', { phone: i18n.ltr(m.contactPhone) }) : `Telefon ${m.contactPhone}`), m.contactEmail].filter(Boolean) as string[];
  tags.block('P', [m.orgName, m.unitName ?? '', ...contact], () => {
    doc.font('Bold').fontSize(16);
    doc.y = doc.page.margins.top;
    text(m.orgName, left, width / 2);
    doc.font('Regular').fontSize(10);
    if (m.unitName) text(m.unitName, left, width / 2);
    for (const line of contact) text(line, left, width / 2);
  }, svLang);
  const headBottom = doc.y;

  // Reference block on the right, as in a Swedish official letter; its labels in the letter's language.
  const refX = left + width / 2 + 16;
  const refWidth = width / 2 - 16;
  const rows: [string, string][] = letter
    ? [[i18n.t('letter.date'), i18n.date(m.date)], [i18n.t('letter.caseNumber'), m.caseNumber], [i18n.t('letter.handler'), m.signer]]
    : [['Datum', i18n.date(m.date)], ['Ärendenummer', m.caseNumber], ['Handläggare', m.signer]];
  tags.block('P', [title, ...rows.map(([label, value]) => `${label}: ${i18n.ltr(value)}`)], () => {
    doc.y = doc.page.margins.top;
    doc.fontSize(10).font('Bold');
    text(title, refX, refWidth);
    for (const [label, value] of rows) labelled(label, value);
  });

  /** "Label: value": the label bold at the line's start (the right in a right-to-left letter), the value after it. */
  function labelled(label: string, value: string) {
    const y = doc.y;
    const head = `${label}: `;
    const labelWidth = doc.font('Bold').widthOfString(head);
    if (dir === 'rtl') {
      text(head, refX, refWidth);
      doc.y = y;
      doc.font('Regular');
      // Right next to its label, also a value that reads left to right (the case number).
      text(value, refX, refWidth - labelWidth, undefined, 'rtl');
    } else {
      doc.text(head, refX, y, { width: refWidth, lineBreak: false });
      doc.y = y;
      doc.font('Regular');
      text(value, refX + labelWidth, refWidth - labelWidth);
    }
  }

  // Recipient (the window of a C5 envelope sits about here).
  doc.x = left;
  doc.y = Math.max(headBottom, doc.y) + 36;
  const recipient = m.recipient;
  if (recipient) {
    tags.block('P', [recipient], () => {
      doc.font('Regular').fontSize(11);
      if (m.channel === 'email') text(`Till: ${recipient}`, left, width / 2);
      else if (m.channel === 'phone') text(`Samtal till ${recipient}`, left, width / 2);
      else text(recipient, left, width / 2);
    }, svLang);
  }

  doc.moveDown(2);
  const subject = m.subject;
  if (subject) tags.block('H1', [subject], () => (doc.font('Bold').fontSize(13), text(subject, left, width)));
  doc.moveDown(0.8);
  // The handler's own text, in whatever language they wrote it: each paragraph takes the direction of its first letter.
  tags.block('P', [m.body], () => (doc.font('Regular').fontSize(11), text(m.body, left, width, 2)));
  // A letter is always signed. Templates end with the writer's name; a letter written from scratch gets it here.
  if (letter && !m.body.includes(m.signer)) {
    doc.moveDown(1.5);
    const closing = i18n.t('mail.answer.closing');
    tags.block('P', [closing, m.signer, m.unitName ?? m.orgName], () => {
      text(closing, left, width);
      doc.moveDown(0.8);
      // Under the closing, on its side of the page, also when the names are in Latin letters.
      text(m.signer, left, width, undefined, dir);
      text(m.unitName ?? m.orgName, left, width, undefined, dir);
    });
  }
  // Under a letter: where to follow the case, and the number to give, in the letter's language.
  if (letter && m.statusLink) {
    doc.moveDown(2);
    const link = m.statusLink;
    const [before = '', after = ''] = i18n.t('letter.footer', { number: i18n.ltr(m.caseNumber), statusLink: LINK_MARK }).split(LINK_MARK);
    tags.block('P', [before + i18n.ltr(link) + after], () => {
      doc.font('Regular').fontSize(9);
      text(before.trimEnd(), left, width);
      wholeLine(link, 9);
      if (after.trim()) text(after.replace(/^ *\n?/, ''), left, width);
    });
  }

  /**
   * A printed link is typed in by hand, so it gets a line of its own and is never broken: pdfkit
   * would break it after a hyphen of its token, or before a digit. A long host name makes it smaller.
   */
  function wholeLine(s: string, size: number) {
    doc.fontSize(Math.min(size, (size * width) / doc.fontSize(size).widthOfString(s)));
    if (doc.y + doc.currentLineHeight(true) > doc.page.maxY()) doc.addPage();
    const y = doc.y;
    const x = dir === 'rtl' ? left + width - doc.widthOfString(s) : left;
    doc.text(s, x, y, { lineBreak: false });
    doc.x = left;
    doc.y = y + doc.currentLineHeight(true);
    doc.fontSize(size);
  }

  tags.end();
  doc.end();
  return finished;
}
