import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { buildCase } from '../../../test/factories.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { rulesWithText } from '../retention/disposal.ts';
import { dueByDelivery } from '../retention/due.ts';

/** The admin button, the download, and the archive's receipt that makes kept cases disposable. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2033-02-01T09:00:00Z' });
});
afterAll(() => t.close());

describe('delivery from the admin pages', () => {
  it('downloads the package as a zip, and only after the receipt are its cases disposable', async () => {
    const unitId = (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', 'Biblioteket').executeTakeFirstOrThrow()).id;
    const kept = await buildCase(t.db, { organizationId: t.orgId, status: 'closed', receivedAt: new Date('2027-09-01T10:00:00Z'), closedAt: new Date('2027-09-20T10:00:00Z'), significance: 'important', unitId, outcome: 'answered' });
    const s = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    const bad = await s.post('/admin/arkiv/e-arkiv', { year: '27' }, { csrfFrom: '/admin/arkiv/e-arkiv' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/<title>Fel: /);
    const none = await s.post('/admin/arkiv/e-arkiv', { year: '2019' }, { csrfFrom: '/admin/arkiv/e-arkiv' });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Det finns inga ärenden att leverera från 2019');

    const res = await s.post('/admin/arkiv/e-arkiv', { year: '2027' }, { csrfFrom: '/admin/arkiv/e-arkiv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const pkg = await t.db.selectFrom('archive_packages').selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(zip.files)).toContain(`${pkg.id}/METS.xml`);
    expect(Object.keys(zip.files)).toContain(`${pkg.id}/representations/rep1/data/${kept.number}/arende.pdf`);
    expect(pkg).toMatchObject({ closed_year: 2027, case_count: 1, confirmed_at: null });

    const rules = await rulesWithText(t.db, t.orgId);
    expect(await dueByDelivery(t.db, t.orgId, '2033-02-01', rules, { limit: 10 })).toEqual([]);
    const empty = await s.post(`/admin/arkiv/e-arkiv/${pkg.id}/kvittens`, { receipt: ' ' }, { csrfFrom: '/admin/arkiv/e-arkiv' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/<title>Fel: /);
    // The summary links to this package's receipt field, which keeps what was typed.
    expect(empty.body).toContain(`href="#receipt-${pkg.id}"`);
    const long = await s.post(`/admin/arkiv/e-arkiv/${pkg.id}/kvittens`, { receipt: 'K'.repeat(201) }, { csrfFrom: '/admin/arkiv/e-arkiv' });
    expect(long.statusCode).toBe(400);
    expect(long.body).toMatch(new RegExp(`id="receipt-${pkg.id}"[^>]*value="${'K'.repeat(201)}"`));
    const ok = await s.post(`/admin/arkiv/e-arkiv/${pkg.id}/kvittens`, { receipt: 'KA 2033/12' }, { csrfFrom: '/admin/arkiv/e-arkiv' });
    expect(ok.statusCode).toBe(303);
    const due = await dueByDelivery(t.db, t.orgId, '2033-02-01', rules, { limit: 10 });
    expect(due.map((d) => d.number)).toEqual([kept.number]);
    expect(due[0]).toMatchObject({ package_id: pkg.id, receipt_ref: 'KA 2033/12' });
    // Delivered and confirmed: the next export of the year has nothing left to deliver.
    expect((await s.post('/admin/arkiv/e-arkiv', { year: '2027' }, { csrfFrom: '/admin/arkiv/e-arkiv' })).body).toContain('Det finns inga ärenden att leverera från 2027');
    const page = await s.get(`/handlaggning/arenden/${kept.number}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Paket ${pkg.id}`);
    expect((await new Session(t.app).signIn(DEMO.registrar).then((r) => r.get('/admin/arkiv/e-arkiv'))).statusCode).toBe(404);
  }, 180_000);
});
