import { describe, expect, it } from 'vitest';
import { t, errorSummary, unitId, userId, as, withAdminApp } from './adminTestKit.ts';

withAdminApp();

describe('who gets into /admin', () => {
  it('is a 404 for staff who administer nothing, and the nav link is not shown to them', async () => {
    const s = await as('handlaggare.gata@exempelkommun.se');
    expect((await s.get('/admin')).statusCode).toBe(404);
    expect((await s.get('/admin/enheter')).statusCode).toBe(404);
    expect((await s.get('/handlaggning/arenden')).body).not.toContain('href="/admin"');
  });

  it('sends people who are not signed in to the sign-in page', async () => {
    const res = await t.app.inject('/admin/personer');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/logga-in?tillbaka=%2Fadmin%2Fpersoner');
  });

  it('shows each admin the sections their role reaches', async () => {
    const unitAdmin = await (await as('superanvandare.bou@exempelkommun.se')).get('/admin');
    expect(unitAdmin.statusCode).toBe(200);
    expect(unitAdmin.body).toContain('href="/admin/enheter"');
    expect(unitAdmin.body).not.toContain('href="/admin/texter"');
    expect(unitAdmin.body).not.toContain('href="/admin/inloggning"');
    expect(unitAdmin.body).not.toContain('href="/admin/organisationer"');
    const admin = await (await as('admin@exempelkommun.se')).get('/admin');
    for (const href of ['/admin/enheter', '/admin/personer', '/admin/kategorier', '/admin/svarsmallar', '/admin/texter', '/admin/inloggning', '/admin/logg', '/admin/organisationer']) {
      expect(admin.body).toContain(`href="${href}"`);
    }
  });

  it('renders every admin page for the organization admin, with the admin navigation', async () => {
    const s = await as('admin@exempelkommun.se');
    const bou = await unitId('Barn och utbildning');
    const person = await userId('handlaggare.forskola@exempelkommun.se');
    const category = (await t.db.selectFrom('categories').select('id').where('organization_id', '=', t.orgId).executeTakeFirstOrThrow()).id;
    await s.post('/admin/svarsmallar/ny', { title: 'Tack', body: 'Hej {namn}!', kind: '', purpose: 'answer', forvaltningId: '' }, { csrfFrom: '/admin' });
    const template = (await t.db.selectFrom('response_templates').select('id').where('organization_id', '=', t.orgId).executeTakeFirstOrThrow()).id;
    const pages = [
      '/admin',
      '/admin/organisationer',
      '/admin/organisationer/ny',
      `/admin/organisationer/${t.orgId}`,
      '/admin/enheter',
      `/admin/enheter/${bou}`,
      '/admin/personer',
      '/admin/personer/ny',
      `/admin/personer/${person}`,
      '/admin/kategorier',
      `/admin/kategorier/${category}`,
      '/admin/svarsmallar',
      '/admin/svarsmallar/ny',
      `/admin/svarsmallar/${template}`,
      '/admin/texter',
      '/admin/inloggning',
      '/admin/logg',
    ];
    for (const p of pages) {
      const res = await s.get(p);
      expect(res.statusCode, p).toBe(200);
      expect(res.body, p).toContain('aria-label="Administration"');
      expect(res.body, p).toMatch(/<title>[^<]+ – Exempelkommun<\/title>/);
    }
  });
});

describe('texts and letterhead', () => {
  it('changes the start page and the referral links, and logs before and after', async () => {
    const s = await as('admin@exempelkommun.se');
    const values = {
      startPageIntro: 'Berätta vad du tycker om Exempelkommun – vi läser allt.',
      startPageExtra: '',
      faultReport: 'https://www.exempelkommun.se/felanmalan-ny',
      appeal: '',
      deviation: '',
      schoolHarassmentUrl: 'https://www.exempelkommun.se/krankning',
      otherAuthorityText: '',
      contactEmail: 'kontakt@exempelkommun.se',
      contactPhone: '',
      postalAddress: '',
      senderName: 'Exempelkommun',
      letterPostalAddress: 'Storgatan 1\n123 45 Exempelstad',
      letterPhone: '',
      letterEmail: '',
      website: 'https://www.exempelkommun.se',
      signature: 'Med vänliga hälsningar',
    };
    const bad = await s.post('/admin/texter', { ...values, faultReport: 'felanmalan' }, { csrfFrom: '/admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#faultReport"');
    expect((await s.post('/admin/texter', values, { csrfFrom: '/admin' })).statusCode).toBe(303);
    const start = await t.app.inject('/');
    expect(start.body).toContain('Berätta vad du tycker om Exempelkommun – vi läser allt.');
    expect(start.body).toContain('href="https://www.exempelkommun.se/felanmalan-ny"');
    expect(start.body).toContain('href="https://www.exempelkommun.se/krankning"');
    const org = await t.db.selectFrom('organizations').select('settings').where('id', '=', t.orgId).executeTakeFirstOrThrow();
    expect(org.settings.letterhead).toMatchObject({ senderName: 'Exempelkommun', postalAddress: 'Storgatan 1\n123 45 Exempelstad' });
    const log = await t.db.selectFrom('admin_log').selectAll().where('entity_type', '=', 'settings').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((log.before as { referralLinks: { faultReport: string } }).referralLinks.faultReport).toBe('https://www.exempelkommun.se/felanmalan');
    expect((log.after as { referralLinks: { faultReport: string } }).referralLinks.faultReport).toBe('https://www.exempelkommun.se/felanmalan-ny');
    expect((await s.get('/admin/logg')).body).toContain('Texter, hänvisningar och brevhuvud ändrades');
  });
});

describe('the admin log', () => {
  it('is append-only', async () => {
    await expect(t.db.updateTable('admin_log').set({ summary: 'ändrad' } as never).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('admin_log').execute()).rejects.toThrow(/append-only/);
  });

  it('records who and when for every change made through the pages', async () => {
    const s = await as('admin@exempelkommun.se');
    const ok = async (url: string, fields: Record<string, string>) => expect((await s.post(url, fields, { csrfFrom: '/admin' })).statusCode, url).toBe(303);
    await ok('/admin/enheter', { parentId: '', name: 'Loggförvaltningen', committee: '' });
    await ok('/admin/kategorier/omraden', { areaName: 'Loggområdet' });
    await ok('/admin/svarsmallar/ny', { title: 'Loggmallen', body: 'Hej {namn}!', kind: '', purpose: 'answer', forvaltningId: '' });
    expect((await s.post('/admin/personer/ny', { name: 'Logg Loggsson', email: 'logg.loggsson@exempelkommun.se', role: 'handler', unitId: '' }, { csrfFrom: '/admin' })).statusCode).toBe(200);
    await ok(`/admin/personer/${await userId('logg.loggsson@exempelkommun.se')}/roller`, { role: 'reader', unitId: '' });
    expect((await s.post(`/admin/personer/${await userId('logg.loggsson@exempelkommun.se')}/ny-inbjudan`, {}, { csrfFrom: '/admin' })).statusCode).toBe(200);
    const rows = await t.db.selectFrom('admin_log').select(['actor_label', 'entity_type', 'occurred_at']).where('organization_id', '=', t.orgId).execute();
    const types = new Set(rows.map((r) => r.entity_type));
    for (const type of ['unit', 'user', 'role_grant', 'category', 'template', 'settings', 'invitation']) expect(types, type).toContain(type);
    expect(rows.every((r) => r.actor_label && r.occurred_at)).toBe(true);
  });
});

describe('organizations (installation admin)', () => {
  it('is only for the installation admin', async () => {
    await t.db.updateTable('users').set({ is_installation_admin: false }).where('email', '=', 'admin@exempelkommun.se').execute();
    const s = await as('admin@exempelkommun.se');
    expect((await s.get('/admin/organisationer')).statusCode).toBe(404);
    expect((await s.post('/admin/organisationer/ny', { slug: 'x-org', name: 'X', kind: 'company', adminName: 'A', adminEmail: 'a@x.se' }, { csrfFrom: '/admin' })).statusCode).toBe(404);
    await t.db.updateTable('users').set({ is_installation_admin: true }).where('email', '=', 'admin@exempelkommun.se').execute();
  });

  it('creates an organization with default areas and a first admin, and refuses a duplicate slug', async () => {
    const s = await as('admin@exempelkommun.se');
    const bad = await s.post('/admin/organisationer/ny', { slug: 'Ogiltig Slug', name: '', kind: '', hostName: 'https://fel', adminName: '', adminEmail: 'nej' }, { csrfFrom: '/admin' });
    expect(bad.statusCode).toBe(400);
    for (const f of ['slug', 'name', 'kind', 'hostName', 'adminName', 'adminEmail']) expect(bad.body).toContain(`href="#${f}"`);

    const res = await s.post('/admin/organisationer/ny', { slug: 'exempelbostader', name: 'Exempelbostäder AB', kind: 'company', hostName: '', adminName: 'Bo Bostad', adminEmail: 'bo@exempelbostader.se' }, { csrfFrom: '/admin' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/o/exempelbostader/inbjudan/');
    const org = await t.db.selectFrom('organizations').selectAll().where('slug', '=', 'exempelbostader').executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: 'Exempelbostäder AB', kind: 'company', is_default: false, active: true });
    const areas = await t.db.selectFrom('categories').select('name').where('organization_id', '=', org.id).orderBy('sort_order').execute();
    expect(areas.map((a) => a.name)).toEqual(['Bemötande', 'Tjänster', 'Fysisk miljö', 'Information']);
    const admins = await t.db.selectFrom('users as u').innerJoin('role_grants as g', 'g.user_id', 'u.id').select(['u.email', 'g.role', 'g.org_unit_id']).where('u.organization_id', '=', org.id).execute();
    expect(admins).toEqual([{ email: 'bo@exempelbostader.se', role: 'admin', org_unit_id: null }]);

    const orgs = Number((await t.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const dup = await s.post('/admin/organisationer/ny', { slug: 'exempelbostader', name: 'Kopia', kind: 'company', hostName: '', adminName: 'K', adminEmail: 'k@k.se' }, { csrfFrom: '/admin' });
    expect(dup.statusCode).toBe(400);
    expect(errorSummary(dup.body)).toContain('Adressnamnet ”exempelbostader” används redan');
    expect(Number((await t.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(orgs);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'k@k.se').executeTakeFirst()).toBeUndefined();

    // Its pages answer under /o/<slug>/ at once.
    const start = await t.app.inject('/o/exempelbostader/');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Lämna en synpunkt till Exempelbostäder AB');

    // Editing: a host name taken by another organization is refused.
    await t.db.updateTable('organizations').set({ host_name: 'synpunkter.exempelkommun.se' }).where('id', '=', t.orgId).execute();
    const taken = await s.post(`/admin/organisationer/${org.id}`, { name: 'Exempelbostäder AB', kind: 'company', hostName: 'synpunkter.exempelkommun.se', active: 'ja' }, { csrfFrom: '/admin' });
    expect(taken.statusCode).toBe(400);
    expect(errorSummary(taken.body)).toContain('används redan');
    await t.db.updateTable('organizations').set({ host_name: null }).where('id', '=', t.orgId).execute();
  });
});
