import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { DEMO, unitId } from '../../../test/staffCases.ts';
import { logAdminChange } from '../admin/log.ts';
import { csvField } from '../../platform/spreadsheet.ts';
import { AUDIT_CSV_COLUMNS } from './csv.ts';

let t: TestContext;
let bou: string;
let sbf: string;

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  bou = await unitId(t, 'Barn och utbildning');
  sbf = await unitId(t, 'Samhällsbyggnad');
  const change = (forvaltningId: string | null, summary: string, after: unknown = null) =>
    logAdminChange(t.db, { organizationId: t.orgId, forvaltningId, actor: { id: null, name: 'Anna Administratör' }, action: 'update', entityType: 'category', entityId: 'x', summary, after, now: new Date('2026-12-20T10:00:00Z') });
  await change(null, 'Ändrade organisationens texter', { intro: 'Välkommen; "säg" vad du tycker' });
  await change(bou, 'Lade till kategorin =HYPERLINK("http://evil.example")');
  await change(sbf, 'Döpte om enheten Gata och park');
});
afterAll(() => t.close());

/** Splits CSV text into records and fields (RFC 4180, semicolons), as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('GET /admin/logg.csv', () => {
  it('gives an organization admin the whole log as CSV a spreadsheet opens safely', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const page = await s.get('/admin/logg');
    expect(page.body).toContain('href="/admin/logg.csv"');
    const res = await s.get('/admin/logg.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="andringslogg-exempelkommun-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const [head, ...rows] = parseCsv(res.body.slice(1));
    expect(head).toEqual(AUDIT_CSV_COLUMNS);
    const count = await t.db.selectFrom('admin_log').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', t.orgId).executeTakeFirstOrThrow();
    expect(rows).toHaveLength(Number(count.n));
    const texts = rows.find((r) => r[8] === 'Ändrade organisationens texter')!;
    expect(texts[1]).toBe('2026-12-20T10:00:00.000Z');
    expect(JSON.parse(texts[10]!)).toEqual({ intro: 'Välkommen; "säg" vad du tycker' });
    // A formula is shown as text, never run.
    expect(rows.find((r) => r[7] === 'Barn och utbildning')![8]).toBe('Lade till kategorin =HYPERLINK("http://evil.example")');
    expect(res.body).toContain('"Lade till kategorin =HYPERLINK(""http://evil.example"")"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField(-2)).toBe('-2');
  });

  it('gives a unit admin only their förvaltning, and nobody else anything', async () => {
    const unitAdmin = await new Session(t.app).signIn(DEMO.unitAdmin);
    const rows = parseCsv((await unitAdmin.get('/admin/logg.csv')).body.slice(1)).slice(1);
    expect(rows.map((r) => r[7])).toEqual(['Barn och utbildning']);
    for (const email of [DEMO.registrar, DEMO.handlerGata, DEMO.reader]) {
      expect((await (await new Session(t.app).signIn(email)).get('/admin/logg.csv')).statusCode, email).toBe(404);
    }
    expect((await t.app.inject('/admin/logg.csv')).statusCode).toBe(303);
  });
});

describe('GET /api/v1/audit', () => {
  it('is a feed an administrator key tails with after=<next>', async () => {
    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'admin'));
    const first = await api.get('/audit?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({ actor: { userId: null, label: 'Anna Administratör' }, action: 'update', entityType: 'category', forvaltning: null, after: { intro: 'Välkommen; "säg" vad du tycker' } });
    expect(first.body.items[1].forvaltning).toEqual({ id: bou, name: 'Barn och utbildning' });
    const ids = first.body.items.map((i: { id: string }) => Number(i.id));
    expect(ids[1]).toBeGreaterThan(ids[0]);
    const rest = await api.get(`/audit?after=${first.body.next}`);
    expect(rest.body.items.map((i: { summary: string }) => i.summary)).toEqual(['Döpte om enheten Gata och park']);
    const none = await api.get(`/audit?after=${rest.body.next}`);
    expect(none.body).toEqual({ items: [], next: rest.body.next });
    expect((await api.get('/audit?since=2030-01-01T00:00:00Z')).body.items).toEqual([]);
  });

  it('refuses other roles (404) and bad parameters (400)', async () => {
    expect((await apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar')).get('/audit')).status).toBe(404);
    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'admin'));
    expect((await api.get('/audit?after=abc')).status).toBe(400);
    expect((await api.get('/audit?limit=5000')).status).toBe(400);
    expect((await apiClient(t.app, null).get('/audit')).status).toBe(401);
  });
});
