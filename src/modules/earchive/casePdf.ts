import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { formatDateTime } from '../../platform/clock.ts';
import { KIND_LABEL, statusLabel } from '../cases/labels.ts';
import { EVENT_LABEL } from '../cases/lifecycle.ts';
import type { CaseFile } from './load.ts';
import { woffToSfnt } from './woff.ts';
import { PDF_TAGGING, pdfStructure } from '../../platform/pdfStructure.ts';
import { loadPdfKit } from '../../platform/pdfkit.ts';

/**
 * The whole case file as PDF/A-2b: fonts embedded (DejaVu Sans from @fontsource), the sRGB output
 * intent and XMP identification pdfkit writes for the subset. A letter the font lacks becomes its
 * base letter or "?" rather than a missing glyph.
 */
const require = createRequire(import.meta.url);
const fontFile = (weight: 400 | 700) => woffToSfnt(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-normal.woff`)));
let fonts: { regular: Buffer; bold: Buffer } | undefined;

// The latin subset: Basic Latin, Latin-1 and common punctuation.
const inFont = (ch: string) => {
  const cp = ch.codePointAt(0)!;
  return ch === '\n' || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || '–—‘’“”„…•€'.includes(ch);
};
const clean = (s: string) => [...s.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')].map((ch) => (inFont(ch) ? ch : [...ch.normalize('NFD')].filter(inFont).join('') || '?')).join('');

export async function renderCasePdf(c: CaseFile, org: string, createdAt: Date): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  fonts ??= { regular: fontFile(400), bold: fontFile(700) };
  const doc = new PDFDocument({
    size: 'A4',
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    ...PDF_TAGGING,
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: { Title: `Ärende ${c.number}`, Author: clean(org), Subject: 'Synpunkt', CreationDate: createdAt },
  });
  doc.registerFont('Regular', fonts.regular);
  doc.registerFont('Bold', fonts.bold);
  const tags = pdfStructure(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const line = (label: string, value: string | null | undefined) => {
    if (value) tags.block('P', () => doc.font('Bold').fontSize(10).text(`${label}: `, { continued: true }).font('Regular').text(clean(value)));
  };
  const heading = (s: string, size: number) => tags.block('H2', () => doc.font('Bold').fontSize(size).text(clean(s)));
  const para = (s: string, size = 10) => tags.block('P', () => doc.font('Regular').fontSize(size).text(clean(s)));
  tags.block('P', () => doc.font('Bold').fontSize(16).text(clean(org)));
  tags.block('H1', () => doc.fontSize(14).text(`Ärende ${c.number}`));
  doc.moveDown(0.5);
  line('Inkom', formatDateTime(c.receivedAt));
  line('Avslutat', c.closedAt && formatDateTime(c.closedAt));
  line('Typ', KIND_LABEL[c.kind as keyof typeof KIND_LABEL] ?? c.kind);
  line('Status', statusLabel(c.status));
  line('Område', c.areaName);
  line('Förvaltning', c.forvaltningName);
  line('Enhet', c.unitName);
  if (c.confidential) line('Sekretessmarkering', c.confidentialityRef ?? 'lagrum ej angivet');
  line('Synpunktslämnare', c.contact ? [c.contact.name, c.contact.email, c.contact.phone, c.contact.address].filter(Boolean).join(', ') : 'Anonym');
  doc.moveDown(0.5);
  heading('Synpunkten', 12);
  para(c.description);
  for (const m of c.messages) {
    doc.moveDown(0.5);
    heading(`${m.subject ?? 'Meddelande'} (${formatDateTime(m.at)})`, 11);
    para(m.body);
  }
  for (const m of c.inbound) {
    doc.moveDown(0.5);
    heading(`Från synpunktslämnaren: ${m.subject ?? ''} (${formatDateTime(m.at)})`, 11);
    para(m.body);
  }
  doc.moveDown(0.5);
  heading('Historik', 12);
  for (const e of c.events) para(`${formatDateTime(e.at)}  ${EVENT_LABEL[e.type as keyof typeof EVENT_LABEL] ?? e.type}${e.actor ? ` – ${e.actor}` : ''}`, 9);
  if (c.attachments.length) line('Bilagor', c.attachments.map((a) => a.filename).join(', '));
  tags.end();
  doc.end();
  return done;
}
