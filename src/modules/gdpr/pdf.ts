import { PDF_TAGGING, pdfStructure } from '../../platform/pdfStructure.ts';
import { formatDateTime, formatLongDate } from '../../platform/clock.ts';
import { toWinAnsi } from '../answers/messagePdf.ts';
import { KIND_LABEL as CASE_KIND, statusLabel } from '../cases/labels.ts';
import type { Extract } from './extract.ts';
import { loadPdfKit } from '../../platform/pdfkit.ts';

const t = toWinAnsi;
const CHANNEL: Record<string, string> = { email: 'E-post', letter: 'Brev', phone: 'Telefon' };

/** The register extract as a PDF the organization can send to the person. */
export async function renderExtractPdf(e: Extract): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 64, right: 64 }, ...PDF_TAGGING, info: { Title: 'Registerutdrag', Author: t(e.organization) } });
  const tags = pdfStructure(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const heading = (s: string, size = 13) => {
    doc.moveDown(0.6);
    tags.block('H2', () => doc.font('Helvetica-Bold').fontSize(size).text(t(s)));
    doc.font('Helvetica').fontSize(10);
  };
  const line = (label: string, value: string | null | undefined) => {
    if (value) tags.block('P', () => doc.font('Helvetica-Bold').text(`${t(label)}: `, { continued: true }).font('Helvetica').text(t(value)));
  };
  const para = (s: string) => tags.block('P', () => doc.text(t(s)));

  tags.block('P', () => doc.font('Helvetica-Bold').fontSize(18).text(t(e.organization)));
  tags.block('H1', () => doc.fontSize(15).text('Registerutdrag enligt artikel 15 i dataskyddsförordningen'));
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  line('Utdraget gäller', `${e.identifier.kind === 'email' ? 'e-postadress' : e.identifier.kind === 'phone' ? 'telefonnummer' : 'personnummer'} ${e.identifier.masked}`);
  line('Upprättat', formatLongDate(new Date(e.generatedAt)));
  line('Referens', e.requestId);
  doc.moveDown(0.5);
  para(
    `Här är de synpunkter och meddelanden där du förekommer (${e.cases.length === 1 ? 'ett ärende' : `${e.cases.length} ärenden`}). Uppgifterna behandlas för att handlägga synpunkter, som en uppgift av allmänt intresse (artikel 6.1 e). Synpunkter är allmänna handlingar och sparas enligt organisationens dokumenthanteringsplan.`,
  );
  if (e.cases.length === 0) {
    doc.moveDown();
    para('Vi har inga ärenden där du förekommer.');
  }
  for (const c of e.cases) {
    heading(`Ärende ${c.number}`);
    line('Inkom', formatDateTime(new Date(c.receivedAt)));
    line('Typ', CASE_KIND[c.kind as keyof typeof CASE_KIND] ?? c.kind);
    line('Status', statusLabel(c.status));
    if (c.confidential) line('Sekretessmarkering', `${c.confidentialityRef ?? 'lagrum inte angivet'} – pröva sekretessen innan utdraget lämnas ut`);
    if (c.contact) line('Kontaktuppgifter', [c.contact.name, c.contact.email, c.contact.phone, c.contact.address].filter(Boolean).join(', ') + (c.contact.pseudonymised ? ' (pseudonymiserade)' : ''));
    line('Plats', c.location);
    doc.moveDown(0.3);
    tags.block('H3', () => doc.font('Helvetica-Bold').text('Synpunkten'));
    tags.block('P', () => doc.font('Helvetica').text(t(c.description)));
    for (const m of c.messages) {
      doc.moveDown(0.3);
      tags.block('H3', () => doc.font('Helvetica-Bold').text(t(`${m.direction === 'in' ? 'Från dig' : 'Till dig'} – ${CHANNEL[m.channel] ?? m.channel}, ${formatDateTime(new Date(m.at))}${m.subject ? ` – ${m.subject}` : ''}`)));
      tags.block('P', () => doc.font('Helvetica').text(t(m.body)));
    }
    if (c.attachments.length) line('Bilagor', c.attachments.map((a) => `${a.filename} (${a.sizeBytes} byte)`).join(', '));
  }
  tags.end();
  doc.end();
  return done;
}
