import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../test/app.ts';
import { pdfTagging } from '../../../test/pdf.ts';
import { countCases } from '../cases/listQueries.ts';
import { caseListHref, readDrillDownParams } from './drilldown.ts';
import { allTables } from './tables.ts';
import { FEW_TEXT } from './tableModel.ts';
import { t, fx, actors, TODAY, stats, withStatisticsWorld } from './statisticsWorld.ts';

withStatisticsWorld();

describe('drill-down', () => {
  it('links every number to a case list with exactly as many cases, for every role', async () => {
    for (const who of ['admin', 'reader', 'bou', 'forskola'] as const) {
      for (const groupBy of ['forvaltning', 'enhet', 'kind', 'channel', 'namnd'] as const) {
        const r = await stats(actors[who]!, { groupBy });
        let checked = 0;
        for (const table of allTables(r)) {
          for (const row of table.rows) {
            for (const cell of row.cells) {
              if (!cell.filter || typeof cell.v !== 'number') continue;
              expect(await countCases(t.db, actors[who]!, cell.filter, TODAY), `${who} ${table.id} ${row.header}`).toBe(cell.v);
              // The link carries the same filter.
              const url = new URL(caseListHref(cell.filter), 'http://x');
              const back = readDrillDownParams(Object.fromEntries(url.searchParams));
              for (const [k, v] of Object.entries(back)) expect((cell.filter as Record<string, unknown>)[k], k).toEqual(v);
              checked++;
            }
          }
        }
        expect(checked).toBeGreaterThan(20);
      }
    }
  });
});

describe('drill-down through the case list page', () => {
  it('shows the cases behind a number, filtered by the extra drill-down parameters', async () => {
    const s = await new Session(t.app).signIn('admin@exempelkommun.se');
    const r = await stats(actors.admin!);
    const referral = allTables(r).find((x) => x.id === 'hanvisningar')!.rows.find((row) => row.header.includes('Felanmälan'))!.cells[0]!;
    const res = await s.get(caseListHref(referral.filter!));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(fx.cases.F!.number);
    expect(res.body).not.toContain(fx.cases.A!.number);
    const measures = await s.get(caseListHref({ status: ['closed'], closedFrom: '2026-01-01', closedTo: '2026-12-31', hasMeasure: true }));
    expect(measures.body).toContain(fx.cases.A!.number);
    expect(measures.body).not.toContain(fx.cases.B!.number);
  });
});

describe('pages and exports', () => {
  it('shows the statistics page to a reader, with charts, tables and drill-down links, and no personal data', async () => {
    const s = await new Session(t.app).signIn('lasare@exempelkommun.se');
    const res = await s.get('/statistik?fran=2026-01&till=2026-12');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Statistik</h1>');
    expect(res.body).toMatch(/<svg role="img" aria-label="Stapeldiagram: inkomna synpunkter per månad/);
    expect(res.body).toContain('<th scope="col"');
    expect(res.body).toContain('/handlaggning/arenden?vy=enhet&amp;status=alla');
    expect(res.body).toContain(FEW_TEXT);
    expect(res.body).not.toContain('Åsa Öberg');
    expect(res.body).not.toContain('asa@example.se');
    expect(res.body).not.toContain('name="personuppgifter"');
  });

  it('re-shows the form with errors for a period that does not exist', async () => {
    const s = await new Session(t.app).signIn('lasare@exempelkommun.se');
    const res = await s.get('/statistik?fran=2026-13&till=2026-12');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fel: Statistik');
  });

  it('exports a statistic as CSV and all of them as XLSX, readable by the same library', async () => {
    const s = await new Session(t.app).signIn('admin@exempelkommun.se');
    const csv = await s.get('/statistik/export.csv?tabell=per-manad-och-typ&fran=2026-01&till=2026-12');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const wb = new ExcelJS.Workbook();
    const ws = await wb.csv.read(Readable.from(csv.rawPayload.subarray(3)), { parserOptions: { delimiter: ';' } });
    expect(ws.getRow(1).values).toEqual([undefined, 'Månad', 'Klagomål', 'Fråga', 'Beröm', 'Förslag', 'Totalt']);
    const april = ws.getRow(5).values as unknown[];
    expect(april.slice(1)).toEqual(['april 2026', 1, 0, 0, 0, 1]);
    const total = ws.getRow(14).values as unknown[];
    expect(total.slice(1)).toEqual(['Totalt', 4, 2, 1, 0, 7]);

    const xlsx = await s.get('/statistik/export.xlsx?tabell=alla&fran=2026-01&till=2026-12');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toContain('Sammanfattning med jämförelse');
    const summary = book.getWorksheet('Sammanfattning med jämförelse')!;
    expect(summary.getRow(3).values).toEqual([undefined, 'Inkomna synpunkter', 7, 1]);
  });

  it('names a twelve-month comparison once when the previous period is the same months last year', async () => {
    const s = await new Session(t.app).signIn('admin@exempelkommun.se');
    const year = await s.get('/statistik?fran=2026-01&till=2026-12');
    expect(year.body).toContain('Synpunkter som kom in januari–december 2026, jämfört med januari–december 2025.');
    expect(year.body).not.toContain('Samma period förra året');
    const csv = await s.get('/statistik/export.csv?tabell=sammanfattning&fran=2026-01&till=2026-12');
    const ws = await new ExcelJS.Workbook().csv.read(Readable.from(csv.rawPayload.subarray(3)), { parserOptions: { delimiter: ';' } });
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(['Mått', 'Vald period (januari–december 2026)', 'Föregående år (januari–december 2025)', 'Anmärkning']);
    for (const id of ['svarstider', 'tidsfrister', 'underkategorier']) {
      const body = (await s.get(`/statistik/export.csv?tabell=${id}&fran=2026-01&till=2026-12`)).body;
      expect(body, id).not.toMatch(/förra året/i);
      expect(body, id).toMatch(/föregående år/i);
    }
    const report = await s.get('/statistik/rapport?namnd=alla&period=2026');
    expect(report.body).not.toContain('Samma period förra året');
    expect(report.body).toContain('Föregående år (januari–december 2025)');
    // Shorter periods keep both comparisons.
    const month = await s.get('/statistik?fran=2026-11&till=2026-11');
    expect(month.body).toContain('jämfört med oktober 2026 och med november 2025.');
    expect(month.body).toContain('Samma period förra året (november 2025)');
    const half = (await s.get('/statistik/export.csv?tabell=sammanfattning&fran=2026-01&till=2026-06')).body;
    expect(half).toContain('Föregående period (juli–december 2025)');
    expect(half).toContain('Samma period förra året (januari–juni 2025)');
  });

  it('exports the case list without personal data, and with it only when the role allows and it is asked for', async () => {
    const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const plain = await admin.get('/statistik/arenden?fran=2026-01&till=2026-12&format=xlsx');
    expect(plain.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(plain.rawPayload as unknown as ArrayBuffer);
    const ws = book.getWorksheet('Ärenden')!;
    expect(ws.getRow(1).values).toContain('Ärendenummer');
    expect(ws.getRow(1).values).not.toContain('Synpunktslämnare');
    expect(ws.rowCount).toBe(13); // header + A B C D E F G H I K L M
    const rows = ws.getSheetValues() as unknown[][];
    const a = rows.find((row) => row?.[1] === fx.cases.A!.number)!;
    expect(a[2]).toBe('2026-04-02');
    // Not handled (offensive) and spam are in the list, each labelled as its own group, never as a synpunkt.
    expect(rows.find((row) => row?.[1] === fx.cases.L!.number)).toContain('Inte handlagd');
    expect(rows.find((row) => row?.[1] === fx.cases.M!.number)).toContain('Skräp (spam)');
    expect(a).toContain('Synpunkt');
    expect(plain.body).not.toContain('asa@example.se');

    const withPd = await admin.get('/statistik/arenden?fran=2026-01&till=2026-12&format=csv&personuppgifter=ja');
    const csvBook = new ExcelJS.Workbook();
    const csvWs = await csvBook.csv.read(Readable.from(withPd.rawPayload.subarray(3)), { parserOptions: { delimiter: ';' } });
    expect(csvWs.getRow(1).values).toContain('Synpunktslämnare');
    expect(JSON.stringify(csvWs.getSheetValues())).toContain('asa@example.se');

    const reader = await new Session(t.app).signIn('lasare@exempelkommun.se');
    const readerPd = await reader.get('/statistik/arenden?fran=2026-01&till=2026-12&format=csv&personuppgifter=ja');
    expect(readerPd.statusCode).toBe(200);
    expect(readerPd.body).not.toContain('Synpunktslämnare');
    expect(readerPd.body).not.toContain('asa@example.se');
  });

  it('makes the committee report as HTML and as a PDF', async () => {
    const s = await new Session(t.app).signIn('lasare@exempelkommun.se');
    const html = await s.get('/statistik/rapport?namnd=Barn-+och+utbildningsn%C3%A4mnden&period=2026');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Synpunkter – rapport till Barn- och utbildningsnämnden');
    expect(html.body).toContain('Rutinen för lämning och hämtning har setts över.');
    const pdf = await s.get('/statistik/rapport.pdf?namnd=Barn-+och+utbildningsn%C3%A4mnden&period=2026');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Tagged: headings, paragraphs, charts as figures, tables with rows, header and data cells.
    const tags = pdfTagging(pdf.rawPayload);
    expect(tags).toMatchObject({ structTreeRoot: true, marked: true, lang: 'sv-SE', displayTitle: true, hasTitle: true });
    for (const type of ['Document', 'H1', 'H2', 'P', 'Figure', 'Table', 'TR', 'TH', 'TD']) expect(tags.types[type], type).toBeGreaterThan(0);
    const ks = await s.get('/statistik/rapport?namnd=alla&period=2026');
    expect(ks.body).toContain('Förvaltningarna sida vid sida');
  });

  it('publishes aggregates only, with small groups suppressed and nothing personal', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/statistik/publik?ar=2026' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Statistik över synpunkter');
    expect(res.body).toContain('färre än 5');
    for (const c of Object.values(fx.cases)) expect(res.body).not.toContain(c.number);
    expect(res.body).not.toContain('Åsa Öberg');
    expect(res.body).not.toContain('Rutinen för lämning');
    expect(res.body).not.toContain('Gatlyktan');
    expect(res.body).not.toContain('/handlaggning/');
  });
});
