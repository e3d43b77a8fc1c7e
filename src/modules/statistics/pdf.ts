import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { PDF_TAGGING, pdfStructure } from '../../platform/pdfStructure.ts';
import type { ReportData } from './report.ts';
import { cellText, FEW_TEXT, type Table } from './tableModel.ts';

/**
 * The committee report as a PDF, drawn with pdfkit and the ECharts SVGs through svg-to-pdfkit:
 * pure JavaScript, so production needs no browser. One section per page, as in the printed
 * HTML version; long tables continue on the next page with their headings repeated.
 */

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;
const BOTTOM = 841.89 - MARGIN - 20;

// The standard PDF fonts speak WinAnsi (Latin-1 and a few more): å, ä, ö, é, – and … are there.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function text(s: string): string {
  return s.replace(/−/g, '-').replace(/[^\u0000-\u00ff]/g, (ch) => (WIN_ANSI_EXTRA.has(ch) ? ch : '?'));
}

export async function renderReportPdf(r: ReportData, orgName: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    ...PDF_TAGGING,
    info: { Title: r.title, Author: orgName, Subject: `${r.periodText}, ${r.scopeText}`, Creator: 'Lyhörd' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const tags = pdfStructure(doc);
  const heading = (s: string, size = 16) => {
    tags.block(size >= 20 ? 'H1' : size >= 16 ? 'H2' : 'H3', () => doc.font('Helvetica-Bold').fontSize(size).fillColor('#0b3d5c').text(text(s), { width: WIDTH }));
    doc.moveDown(0.5).fillColor('#1b1b1b');
  };
  const para = (s: string, size = 10) => {
    tags.block('P', () => doc.font('Helvetica').fontSize(size).fillColor('#1b1b1b').text(text(s), { width: WIDTH }));
    doc.moveDown(0.6);
  };
  // The same numbers are in the table after each chart, which the alternative text says.
  const chart = (svg: string | null, height = 230, alt = 'Diagram. Siffrorna finns i tabellen efter diagrammet.') => {
    if (!svg) return;
    if (doc.y + height > BOTTOM) doc.addPage();
    tags.figure(alt, () => SVGtoPDF(doc, svg, MARGIN, doc.y, { width: WIDTH, height, preserveAspectRatio: 'xMinYMin meet', assumePt: false }));
    doc.y += height + 10;
    doc.x = MARGIN;
  };
  const table = (t: Table, fontSize = 8) => {
    const cols = t.head.length;
    const first = Math.min(WIDTH * 0.38, 200);
    const colW = cols > 1 ? (WIDTH - first) / (cols - 1) : WIDTH;
    const widths = [first, ...Array.from({ length: cols - 1 }, () => colW)];
    const rowHeight = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    };
    const drawRow = (cells: string[], bold: boolean) => {
      const h = rowHeight(cells, bold);
      let x = MARGIN;
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize).fillColor('#1b1b1b');
      grid.row(
        cells.map((c, i) => {
          const cellX = x;
          x += widths[i]!;
          return { header: bold || i === 0, draw: () => doc.text(c, cellX + 3, y + 3, { width: widths[i]! - 6, align: i === 0 ? 'left' : 'right' }) };
        }),
      );
      tags.artifact(() => doc.moveTo(MARGIN, y + h).lineTo(MARGIN + WIDTH, y + h).lineWidth(0.5).strokeColor('#b1b4b6').stroke());
      doc.y = y + h;
      doc.x = MARGIN;
    };
    tags.block('H3', () => doc.font('Helvetica-Bold').fontSize(10).fillColor('#1b1b1b').text(text(t.title), MARGIN, doc.y, { width: WIDTH }));
    doc.moveDown(0.3);
    const grid = tags.table();
    const head = t.head.map(text);
    drawRow(head, true);
    if (t.rows.length === 0) drawRow(['Inga ärenden i urvalet.', ...head.slice(1).map(() => '')], false);
    for (const row of t.rows) {
      const cells = [text(row.header + (row.few ? ` (${FEW_TEXT})` : '')), ...row.cells.map((c) => text(cellText(c) + (c.few ? ' *' : '')))];
      if (doc.y + rowHeight(cells, false) > BOTTOM) {
        doc.addPage();
        drawRow(head, true);
      }
      drawRow(cells, false);
    }
    doc.moveDown(0.4);
    const notes = [t.rows.some((r) => r.cells.some((c) => c.few)) ? `* ${FEW_TEXT}.` : '', t.note ?? ''].filter(Boolean);
    for (const n of notes) para(n, 8);
    doc.moveDown(0.5);
  };

  // 1. Title and summary
  heading(r.title, 20);
  para(`${orgName} · ${r.periodText} · ${r.scopeText} · Framtagen ${r.producedOn}`, 10);
  para(r.intro, 10);
  table(r.tables.summary);

  if (r.tables.sideBySide) {
    doc.addPage();
    heading('Förvaltningarna sida vid sida');
    table(r.tables.sideBySide, 7);
  }

  doc.addPage();
  heading('Inkomna synpunkter per månad');
  chart(r.charts.monthKind, 240);
  table(r.tables.monthKind);

  doc.addPage();
  heading('Svarstider och tidsfrister');
  chart(r.charts.times, 220);
  chart(r.charts.deadlines, 200);
  table(r.tables.deadlines, 7);

  doc.addPage();
  heading(r.groupHeading);
  chart(r.charts.groups, Math.min(300, 60 + r.tables.groups.rows.length * 18));
  table(r.tables.groups, 7);

  doc.addPage();
  heading('Vanligaste underkategorierna – var kan vi förbättra?');
  table(r.tables.subcategories, 7);
  heading('Hänvisningar och interna synpunkter', 13);
  table(r.tables.referrals);

  doc.addPage();
  heading('Åtgärder');
  const m = r.result.measures;
  para(
    m.count === 0
      ? 'Inga åtgärder registrerades i ärenden som avslutades under perioden.'
      : `${m.count} ${m.count === 1 ? 'åtgärd' : 'åtgärder'} registrerades i ${m.cases} ärenden som avslutades under perioden.${m.count > m.items.length ? ` De ${m.items.length} senaste visas.` : ''}`,
  );
  for (const item of m.items) {
    tags.block('H3', () => doc.font('Helvetica-Bold').fontSize(9).text(text(`${item.number}, avslutat ${item.closedOn}${item.unit ? `, ${item.unit}` : ''}`), { width: WIDTH }));
    tags.block('P', () => doc.font('Helvetica').fontSize(9).text(text(item.text), { width: WIDTH }));
    doc.moveDown(0.5);
  }
  tags.end();

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    tags.artifact(
      () => doc.font('Helvetica').fontSize(8).fillColor('#505a5f').text(text(`${r.title} · ${r.periodText} · Sida ${i + 1} av ${range.count}`), MARGIN, 841.89 - MARGIN + 10, { width: WIDTH, align: 'center', lineBreak: false }),
      'Pagination',
    );
  }
  doc.end();
  return done;
}
