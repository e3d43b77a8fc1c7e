import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { errorSummary, unitId } from '../../../test/staffCases.ts';

/** Walk-through 2, defect 14: the change log reads as Swedish, unit names stay apart, and nothing to do is no success. */

let t: TestContext;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  admin = await new Session(t.app).signIn('admin@exempelkommun.se');
});
afterAll(() => t.close());

describe('the change log', () => {
  it('shows before and after as Swedish labels and values, with names for ids', async () => {
    const sbf = await unitId(t, 'Samhällsbyggnad');
    expect((await admin.post('/admin/enheter', { parentId: sbf, childName: 'Trafik och väg' }, { csrfFrom: `/admin/enheter/${sbf}` })).statusCode).toBe(303);
    const log = (await admin.get('/admin/logg')).body;
    const entry = log.match(/Avdelning Trafik och väg skapades[\s\S]*?<\/tr>/)?.[0] ?? '';
    expect(entry).toContain('<dt>Namn</dt><dd><span class="user-text">Trafik och väg</span></dd>');
    expect(entry).toContain('<dt>Ligger under</dt><dd><span class="user-text">Samhällsbyggnad</span></dd>');
    expect(entry).toContain('<dt>Aktiv</dt><dd><span class="user-text">Ja</span></dd>');
    expect(entry).toContain('<dt>Typ</dt><dd><span class="user-text">Avdelning</span></dd>');
    expect(entry).toContain('<dt>Nämnd</dt><dd><span class="user-text">–</span></dd>');
    // Nothing of the stored JSON: no English keys, no braces, no null.
    expect(entry).not.toMatch(/parentId|sortOrder|subcategoryRequired|null|[{}"]\s*:/);
  });
});

describe('unit names', () => {
  it('refuses a second "Gata och park" in the same förvaltning, and a förvaltning named like a unit', async () => {
    const sbf = await unitId(t, 'Samhällsbyggnad');
    const same = await admin.post('/admin/enheter', { parentId: sbf, childName: 'gata och park' }, { csrfFrom: `/admin/enheter/${sbf}` });
    expect(same.statusCode).toBe(400);
    expect(errorSummary(same.body)).toEqual(['Det finns redan en enhet som heter gata och park i Samhällsbyggnad. Välj ett annat namn, så att ingen lista visar två med samma namn.']);
    const top = await admin.post('/admin/enheter', { parentId: '', name: 'Gata och park', committee: '' }, { csrfFrom: '/admin/enheter' });
    expect(top.statusCode).toBe(400);
    expect(errorSummary(top.body)[0]).toMatch(/^Det finns redan en enhet som heter Gata och park i Samhällsbyggnad/);
    const count = await t.db.selectFrom('org_units').select((eb) => eb.fn.countAll<string>().as('n')).where('organization_id', '=', t.orgId).where('name', 'ilike', 'gata och park').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses renaming a unit to a name used in its förvaltning, but allows the same name in another', async () => {
    const plan = await unitId(t, 'Plan och bygg');
    const rename = await admin.post(`/admin/enheter/${plan}`, { name: 'Gata och park', committee: '', sortOrder: '1' }, { csrfFrom: `/admin/enheter/${plan}` });
    expect(rename.statusCode).toBe(400);
    expect(errorSummary(rename.body)[0]).toMatch(/^Det finns redan en enhet som heter Gata och park i Samhällsbyggnad/);
    // Another förvaltning's "Kansli" is told apart by its förvaltning: "Kansli (Vård och omsorg)".
    for (const name of ['Barn och utbildning', 'Vård och omsorg']) {
      const f = await unitId(t, name);
      expect((await admin.post('/admin/enheter', { parentId: f, childName: 'Kansli' }, { csrfFrom: `/admin/enheter/${f}` })).statusCode).toBe(303);
    }
  });
});

describe('the e-archive with nothing to deliver', () => {
  it('says so in a neutral notice, not the green banner of something done', async () => {
    const res = await admin.post('/admin/arkiv/e-arkiv', { year: '2019' }, { csrfFrom: '/admin/arkiv/e-arkiv' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div class="notice" role="status"><p>Det finns inga ärenden att leverera från 2019');
    expect(res.body).not.toContain('success-banner');
  });
});
