import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, FORM, Session, startTestApp, type TestContext } from '../../test/app.ts';
import { adminScope } from '../modules/admin/policy.ts';
import { listCategories, listLog, listPeople, listTemplates, listUnits } from '../modules/admin/queries.ts';
import { actorForSession } from '../modules/auth/queries.ts';
import { hashSessionId } from '../modules/auth/sessions.ts';
import { loadCaseDetail } from '../modules/cases/detailQueries.ts';
import { countCases, listCases } from '../modules/cases/listQueries.ts';
import type { Actor } from '../modules/cases/policy.ts';
import { seedDemoOrganization } from '../modules/organizations/demo.ts';
import { seedDemoStaff } from '../modules/organizations/demoStaff.ts';
import { rewriteHtml, rewriteOrgUrl, withBase } from './tenant.ts';

/**
 * Several organizations in one installation: the default one at /, another at /o/grannkommun/,
 * a third bound to its own host name. Nothing of one is visible from another.
 */
let t: TestContext;
let orgB: string;
const B = '/o/grannkommun';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  orgB = await seedDemoOrganization(t.db, { slug: 'grannkommun', name: 'Grannkommun', isDefault: false });
  await seedDemoStaff(t.db, orgB);
});
afterAll(() => t.close());

const submission = (description: string, unit = '') => ({ kind: 'klagomal', description, unit, anonymous: 'false', name: 'Siv Svensson', email: 'siv@example.se', phone: '', address: '', replyChannel: 'email', formId: `form-${description.length}-${Math.random().toString(36).slice(2, 12)}` });

async function submit(base: string, description: string) {
  const res = await t.app.inject({ method: 'POST', url: `${base}/synpunkt`, headers: FORM, payload: form(submission(description)) });
  expect(res.statusCode).toBe(303);
  return res.headers.location as string;
}

async function actorOf(s: Session, cookieName: string): Promise<Actor> {
  const a = await actorForSession(t.db, hashSessionId(s.cookie(cookieName)!), t.clock.now());
  return a!;
}

describe('the base path', () => {
  it('is stripped before routing and remembered', () => {
    const raw = { url: '/o/grannkommun/synpunkt?x=1' } as never;
    expect(rewriteOrgUrl(raw)).toBe('/synpunkt?x=1');
    expect(rewriteOrgUrl({ url: '/o/grannkommun' } as never)).toBe('/');
    expect(rewriteOrgUrl({ url: '/o/grannkommun?a' } as never)).toBe('/?a');
    expect(rewriteOrgUrl({ url: '/organisation' } as never)).toBe('/organisation');
    expect(rewriteOrgUrl({ url: '/o/X/' } as never)).toBe('/o/X/');
  });

  it('is put in front of links, form actions and sources, but not external links or the shared assets', () => {
    const html = '<a href="/synpunkt">x</a><form action="/logga-in"></form><img src="/bild.png"><link href="/assets/app.css"><a href="https://x.se/">e</a><a href="//x.se/">p</a><a href="#main">h</a>';
    expect(rewriteHtml(html, B)).toBe(
      `<a href="${B}/synpunkt">x</a><form action="${B}/logga-in"></form><img src="${B}/bild.png"><link href="/assets/app.css"><a href="https://x.se/">e</a><a href="//x.se/">p</a><a href="#main">h</a>`,
    );
    expect(withBase(B, `${B}/redan`)).toBe(`${B}/redan`);
    expect(withBase('', '/x')).toBe('/x');
  });
});

describe('public pages per organization', () => {
  it('serves the default organization at / and the other at /o/<slug>/, every link carrying the base path', async () => {
    const a = await t.app.inject('/');
    expect(a.body).toContain('Lämna en synpunkt till Exempelkommun');
    const b = await t.app.inject(`${B}/`);
    expect(b.statusCode).toBe(200);
    expect(b.body).toContain('Lämna en synpunkt till Grannkommun');
    expect(b.body).toContain(`href="${B}/synpunkt"`);
    expect(b.body).toContain('href="/assets/app.css"');
    expect(b.body).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"/>');
    expect(b.body).not.toMatch(/(href|action)="\/(?!o\/grannkommun|assets)/);
    const formPage = await t.app.inject(`${B}/synpunkt`);
    expect(formPage.body).toContain(`action="${B}/synpunkt"`);
  });

  it('serves the icon every page names, and sends clients asking for /favicon.ico to it', async () => {
    const icon = await t.app.inject('/assets/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.body).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
    const old = await t.app.inject('/favicon.ico');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/assets/favicon.svg');
  });

  it('answers 404 for an organization that does not exist or is switched off', async () => {
    expect((await t.app.inject('/o/finns-inte/')).statusCode).toBe(404);
    await t.db.updateTable('organizations').set({ active: false }).where('id', '=', orgB).execute();
    expect((await t.app.inject(`${B}/synpunkt`)).statusCode).toBe(404);
    await t.db.updateTable('organizations').set({ active: true }).where('id', '=', orgB).execute();
  });

  it('keeps a citizen in the organization they wrote to, and a status link works only there', async () => {
    const location = await submit(B, 'Gatlyktan i Grannby är trasig.');
    expect(location).toMatch(new RegExp(`^${B}/synpunkt/kvitto/[A-Za-z0-9_-]{43}$`));
    const receipt = await t.app.inject(location);
    expect(receipt.body).toMatch(new RegExp(`http://localhost(:80)?${B}/arende/[A-Za-z0-9_-]{43}`));
    const token = location.split('/').pop()!;
    const c = await t.db.selectFrom('cases').select(['organization_id', 'number']).where('description', '=', 'Gatlyktan i Grannby är trasig.').executeTakeFirstOrThrow();
    expect(c.organization_id).toBe(orgB);
    expect((await t.app.inject(`${B}/arende/${token}`)).statusCode).toBe(200);
    expect((await t.app.inject(`/arende/${token}`)).statusCode).toBe(404);
    expect((await t.app.inject(`/synpunkt/kvitto/${token}`)).statusCode).toBe(404);
  });

  it('serves an organization bound to its own host name at / on that host, without a base path', async () => {
    await t.db.updateTable('organizations').set({ host_name: 'synpunkter.grannkommun.se' }).where('id', '=', orgB).execute();
    const res = await t.app.inject({ url: '/', headers: { host: 'synpunkter.grannkommun.se' } });
    expect(res.body).toContain('Lämna en synpunkt till Grannkommun');
    expect(res.body).toContain('href="/synpunkt"');
    expect((await t.app.inject({ url: '/', headers: { host: 'Synpunkter.Grannkommun.se:443' } })).body).toContain('Grannkommun');
    expect((await t.app.inject({ url: '/', headers: { host: 'annat.example.se' } })).body).toContain('Exempelkommun');
    await t.db.updateTable('organizations').set({ host_name: null }).where('id', '=', orgB).execute();
  });
});

describe('sessions do not cross organizations', () => {
  it('signs in under the base path with a cookie of its own, and redirects stay inside', async () => {
    const s = new Session(t.app, B);
    const res = await s.post('/logga-in', { email: 'registrator@exempelkommun.se', password: 'exempel-demo-2026', tillbaka: '/handlaggning/arenden' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${B}/handlaggning/arenden`);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]).find((c) => c.startsWith('lyhord_session_grannkommun='))!;
    expect(cookie).toMatch(/Path=\/o\/grannkommun/);
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(200);
    // The same browser is not signed in at the default organization.
    const atA = await t.app.inject({ url: '/handlaggning/arenden', headers: { cookie: `lyhord_session_grannkommun=${s.cookie('lyhord_session_grannkommun')}` } });
    expect(atA.statusCode).toBe(303);
  });

  it('gives nothing in B for a session of A, even under B’s cookie name', async () => {
    const a = await new Session(t.app).signIn('admin@exempelkommun.se');
    const stolen = a.cookie('lyhord_session')!;
    for (const cookie of [`lyhord_session=${stolen}`, `lyhord_session_grannkommun=${stolen}`]) {
      const res = await t.app.inject({ url: `${B}/admin`, headers: { cookie } });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${B}/logga-in?tillbaka=%2Fadmin`);
    }
  });

  it('keeps sign-in failures per organization', async () => {
    const s = new Session(t.app, B);
    for (let i = 0; i < 5; i++) await s.post('/logga-in', { email: 'lasare@exempelkommun.se', password: 'fel' });
    expect((await s.post('/logga-in', { email: 'lasare@exempelkommun.se', password: 'exempel-demo-2026' })).statusCode).toBe(400);
    await new Session(t.app).signIn('lasare@exempelkommun.se');
  });
});

describe('no query returns another organization’s rows', () => {
  it('lists, counts and opens cases of the actor’s own organization only, even with the same case number', async () => {
    await submit('', 'Exempelkommuns ärende.');
    await submit(B, 'Grannkommuns andra ärende.');
    const aAdmin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const bAdmin = await new Session(t.app, B).signIn('admin@exempelkommun.se');
    const actorA = await actorOf(aAdmin, 'lyhord_session');
    const actorB = await actorOf(bAdmin, 'lyhord_session_grannkommun');
    expect(actorA.organizationId).toBe(t.orgId);
    expect(actorB.organizationId).toBe(orgB);

    const listA = await listCases(t.db, actorA, { filter: {}, today: '2026-12-22' });
    const listB = await listCases(t.db, actorB, { filter: {}, today: '2026-12-22' });
    const orgsOf = async (ids: string[]) => new Set((await t.db.selectFrom('cases').select('organization_id').where('id', 'in', ids).execute()).map((r) => r.organization_id));
    expect(await orgsOf(listA.rows.map((r) => r.id))).toEqual(new Set([t.orgId]));
    expect(await orgsOf(listB.rows.map((r) => r.id))).toEqual(new Set([orgB]));
    expect(await countCases(t.db, actorA, {}, '2026-12-22')).toBe(listA.rows.length);

    // Each organization numbers with its own letters (Grannkommun: GRA); a number of the other one does not exist here.
    const numberB = (await t.db.selectFrom('cases').select('number').where('organization_id', '=', orgB).where('description', '=', 'Grannkommuns andra ärende.').executeTakeFirstOrThrow()).number;
    expect(numberB).toMatch(/^GRA-2026-\d{5}$/);
    const detailA = await loadCaseDetail(t.db, actorA, 'SYN-2026-00001');
    expect(detailA!.case.organization_id).toBe(t.orgId);
    expect(await loadCaseDetail(t.db, actorB, 'SYN-2026-00001')).toBeUndefined();
    expect((await bAdmin.get('/handlaggning/arenden/SYN-2026-00001')).statusCode).toBe(404);
    expect(await loadCaseDetail(t.db, actorA, numberB)).toBeUndefined();
    expect((await loadCaseDetail(t.db, actorB, numberB))!.case.description).toBe('Grannkommuns andra ärende.');
    expect((await aAdmin.get(`/handlaggning/arenden/${numberB}`)).statusCode).toBe(404);
  });

  it('keeps the admin pages and queries to one organization', async () => {
    const aAdmin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const actorA = await actorOf(aAdmin, 'lyhord_session');
    const scope = adminScope(actorA);
    const bUnit = await t.db.selectFrom('org_units').select('id').where('organization_id', '=', orgB).executeTakeFirstOrThrow();
    const bUser = await t.db.selectFrom('users').select('id').where('organization_id', '=', orgB).executeTakeFirstOrThrow();
    const bCategory = await t.db.selectFrom('categories').select('id').where('organization_id', '=', orgB).executeTakeFirstOrThrow();
    const bTemplate = await t.db.insertInto('response_templates').values({ organization_id: orgB, title: 'B-mall', body: 'Hej' }).returning('id').executeTakeFirstOrThrow();
    for (const p of [`/admin/enheter/${bUnit.id}`, `/admin/personer/${bUser.id}`, `/admin/kategorier/${bCategory.id}`, `/admin/svarsmallar/${bTemplate.id}`]) {
      expect((await aAdmin.get(p)).statusCode, p).toBe(404);
    }
    expect((await aAdmin.post(`/admin/personer/${bUser.id}/avaktivera`, {}, { csrfFrom: '/admin' })).statusCode).toBe(404);
    expect((await aAdmin.post(`/admin/enheter/${bUnit.id}/avaktivera`, {}, { csrfFrom: '/admin' })).statusCode).toBe(404);
    // A subcategory on another organization's förvaltning: refused, nothing saved.
    const bForvaltning = await t.db.selectFrom('org_units').select('id').where('organization_id', '=', orgB).where('kind', '=', 'forvaltning').executeTakeFirstOrThrow();
    const res = await aAdmin.post('/admin/kategorier/underkategorier', { forvaltningId: bForvaltning.id, subName: 'Smuggel' }, { csrfFrom: '/admin' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Välj en förvaltning i den här organisationen');
    expect(await t.db.selectFrom('categories').select('id').where('name', '=', 'Smuggel').executeTakeFirst()).toBeUndefined();
    // And the database refuses it too.
    await expect(t.db.insertInto('categories').values({ organization_id: t.orgId, level: 'subcategory', org_unit_id: bForvaltning.id, name: 'Smuggel' }).execute()).rejects.toThrow(/categories_unit_same_org/);

    const units = await listUnits(t.db, t.orgId);
    const people = await listPeople(t.db, t.orgId, scope);
    const cats = await listCategories(t.db, t.orgId);
    const templates = await listTemplates(t.db, t.orgId, scope);
    const log = await listLog(t.db, t.orgId, scope, 1);
    const idsIn = async (table: 'org_units' | 'users' | 'categories' | 'response_templates', ids: string[]) =>
      ids.length ? new Set((await t.db.selectFrom(table).select('organization_id').where('id', 'in', ids).execute()).map((r) => r.organization_id)) : new Set([t.orgId]);
    expect(await idsIn('org_units', units.map((u) => u.id))).toEqual(new Set([t.orgId]));
    expect(await idsIn('users', people.map((u) => u.id))).toEqual(new Set([t.orgId]));
    expect(await idsIn('categories', cats.map((u) => u.id))).toEqual(new Set([t.orgId]));
    expect(await idsIn('response_templates', templates.map((u) => u.id))).toEqual(new Set([t.orgId]));
    expect(log.rows.every((r) => !r.summary.includes('B-mall'))).toBe(true);
  });
});
