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

describe('a case is tied to the one package it was delivered in', () => {
  const csrfFrom = { csrfFrom: '/admin/arkiv/e-arkiv' };
  const numbersIn = async (zipBytes: Buffer) => Object.keys((await JSZip.loadAsync(zipBytes)).files).filter((f) => f.endsWith('/arende.xml')).map((f) => f.split('/').at(-2)).sort();
  const due = async (numbers: string[]) => (await dueByDelivery(t.db, t.orgId, '2033-02-01', await rulesWithText(t.db, t.orgId), { limit: 100 })).filter((d) => numbers.includes(d.number));

  it('a second export of the year makes no package that takes the cases; the lost package is downloaded again; its receipt frees its cases', async () => {
    const unitId = (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', 'Biblioteket').executeTakeFirstOrThrow()).id;
    const kept = (closedAt: string) => buildCase(t.db, { organizationId: t.orgId, status: 'closed', receivedAt: new Date('2028-01-10T10:00:00Z'), closedAt: new Date(closedAt), significance: 'important', unitId, outcome: 'answered' });
    const first = await kept('2028-02-01T10:00:00Z');
    const s = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    const made = await s.post('/admin/arkiv/e-arkiv', { year: '2028' }, csrfFrom);
    expect(made.headers['content-type']).toBe('application/zip');
    const p1 = (await t.db.selectFrom('archive_packages').select('id').where('closed_year', '=', 2028).executeTakeFirstOrThrow()).id;

    // The download was lost and the button pressed again: no second package, and it says where the cases are.
    const again = await s.post('/admin/arkiv/e-arkiv', { year: '2028' }, csrfFrom);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('finns redan i ett paket som väntar på arkivets kvittens');
    expect(again.body).toContain(p1);
    expect(await t.db.selectFrom('archive_packages').select('id').where('closed_year', '=', 2028).execute()).toHaveLength(1);
    const redownload = await s.post(`/admin/arkiv/e-arkiv/${p1}/ladda-ner`, {}, csrfFrom);
    expect(redownload.headers['content-type']).toBe('application/zip');
    expect(Object.keys((await JSZip.loadAsync(redownload.rawPayload)).files)).toContain(`${p1}/METS.xml`);
    expect(await numbersIn(redownload.rawPayload)).toEqual([first.number]);

    // A case closed later the same year goes in a package of its own; the first stays where it is.
    const later = await kept('2028-11-01T10:00:00Z');
    const second = await s.post('/admin/arkiv/e-arkiv', { year: '2028' }, csrfFrom);
    expect(second.headers['content-type']).toBe('application/zip');
    expect(await numbersIn(second.rawPayload)).toEqual([later.number]);
    const p2 = (await t.db.selectFrom('archive_packages').select('id').where('closed_year', '=', 2028).where('id', '<>', p1).executeTakeFirstOrThrow()).id;
    const tied = await t.db.selectFrom('cases').select(['number', 'delivered_package_id']).where('id', 'in', [first.id, later.id]).orderBy('number').execute();
    expect(tied).toEqual([{ number: first.number, delivered_package_id: p1 }, { number: later.number, delivered_package_id: p2 }]);

    // The receipt for the first package frees exactly its case.
    expect((await s.post(`/admin/arkiv/e-arkiv/${p1}/kvittens`, { receipt: 'KA 2033/20' }, csrfFrom)).statusCode).toBe(303);
    expect((await due([first.number, later.number])).map((d) => [d.number, d.package_id])).toEqual([[first.number, p1]]);
    const confirmed = await s.post(`/admin/arkiv/e-arkiv/${p1}/ladda-ner`, {}, csrfFrom);
    expect(confirmed.statusCode).toBe(409);
    expect(confirmed.body).toContain('Arkivet har redan kvitterat paketet');
    expect((await s.post(`/admin/arkiv/e-arkiv/${p2}/kvittens`, { receipt: 'KA 2033/21' }, csrfFrom)).statusCode).toBe(303);
    expect((await due([first.number, later.number])).map((d) => [d.number, d.package_id])).toEqual([[first.number, p1], [later.number, p2]]);
  }, 180_000);

  it('a case that an older build moved into a second package is freed by the receipt of the first', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'closed', receivedAt: new Date('2029-01-10T10:00:00Z'), closedAt: new Date('2029-02-01T10:00:00Z'), significance: 'important', outcome: 'answered' });
    const pkg = async (id: string, createdAt: string) => {
      await t.db.insertInto('archive_packages').values({ id, organization_id: t.orgId, closed_year: 2029, case_count: 1, mets_sha256: '0'.repeat(64), created_by_label: 'Test', created_at: new Date(createdAt) }).execute();
      await t.db.insertInto('archive_package_cases').values({ package_id: id, case_id: c.id }).execute();
    };
    const delivered = crypto.randomUUID();
    const again = crypto.randomUUID();
    await pkg(delivered, '2032-01-01T10:00:00Z');
    await pkg(again, '2032-01-02T10:00:00Z');
    await t.db.updateTable('cases').set({ delivered_package_id: again }).where('id', '=', c.id).execute();
    const s = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    expect((await s.post(`/admin/arkiv/e-arkiv/${delivered}/kvittens`, { receipt: 'KA 2033/30' }, csrfFrom)).statusCode).toBe(303);
    expect((await due([c.number])).map((d) => d.package_id)).toEqual([delivered]);
    // Confirmed twice (a minute later: the test clock stands still, and a tie would fall to the random
    // package ids), it is still one case to dispose of, by the first receipt.
    t.clock.advance(60 * 1000);
    expect((await s.post(`/admin/arkiv/e-arkiv/${again}/kvittens`, { receipt: 'KA 2033/31' }, csrfFrom)).statusCode).toBe(303);
    expect((await due([c.number])).map((d) => d.package_id)).toEqual([delivered]);
  });
});
