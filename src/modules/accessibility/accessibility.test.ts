import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestApp, type TestContext } from '../../../test/app.ts';
import { buildOrg } from '../../../test/factories.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { translator } from '../../platform/i18n/catalogue.ts';
import { DIGG_REPORT_URL } from './views/StatementPage.tsx';

/**
 * The accessibility statement: DIGG's model in the reader's language, per organization, with
 * the organization admin's own answers; the report link opens our own form as a complaint.
 */

let t: TestContext;

beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t?.close());

/** The page's text: inline elements run on, blocks are set apart. */
const text = (html: string) =>
  html
    .replace(/<\/?(?:a|span|strong|bdi)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the statement', () => {
  it('is there with a good default in Swedish: how accessible, what to do, how to report, DIGG, how and when assessed', async () => {
    const res = await t.app.inject('/tillganglighet');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Tillgänglighetsredogörelse – Exempelkommun</title>');
    const body = text(res.body);
    for (const heading of ['Hur tillgänglig är tjänsten?', 'Rapportera brister i tjänstens tillgänglighet', 'Tillsyn', 'Innehåll som inte är tillgängligt', 'Hur vi testat tjänsten']) {
      expect(res.body).toContain(`<h2`);
      expect(body).toContain(heading);
    }
    expect(body).toContain('Tjänsten är delvis förenlig med lagen om tillgänglighet till digital offentlig service');
    expect(body).toContain('Svar som handläggare skriver');
    expect(body).toContain('Vi har gjort en självskattning (intern testning) av tjänsten.');
    expect(body).toContain('Senaste bedömningen gjordes den 2 december 2026.');
    // The organization's published contact details, for another way in.
    expect(body).toContain('kontaktcenter@exempelkommun.se');
    expect(res.body).toContain(`href="${DIGG_REPORT_URL}"`);
    expect(res.body).toContain('<a href="/synpunkt?typ=klagomal">Rapportera en brist i tillgängligheten</a>');
  });

  it('opens the form from the report link with the kind preset, and ignores a kind that does not exist', async () => {
    const preset = await t.app.inject('/synpunkt?typ=klagomal');
    expect(preset.body).toMatch(/<input[^>]*name="kind"[^>]*value="klagomal"[^>]*checked/);
    const unknown = await t.app.inject('/synpunkt?typ=%3Cscript%3E');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).not.toMatch(/name="kind"[^>]*checked/);
  });

  it('speaks every language, right to left in Arabic and Persian, with the same links', async () => {
    for (const code of ['en', 'fi', 'ar', 'so', 'fa']) {
      const res = await t.app.inject(`/tillganglighet?lang=${code}`);
      const i18n = translator(code);
      expect(res.body).toContain(`<html lang="${code}" dir="${i18n.dir}">`);
      expect(res.body).toContain(`<h1>${i18n.t('a11y.heading')}</h1>`);
      expect(res.body).toContain(`href="${DIGG_REPORT_URL}"`);
      expect(res.body).toContain(`<a href="/synpunkt?typ=klagomal">${i18n.t('a11y.report.link')}</a>`);
      expect(text(res.body)).toContain(i18n.t('a11y.assessment.date', { date: i18n.date('2026-12-02') }));
    }
  });

  it('is linked from the footer of citizen, staff and error pages', async () => {
    for (const url of ['/', '/synpunkt', '/logga-in', '/finns-inte', '/svar']) {
      expect((await t.app.inject(url)).body, url).toContain('<a href="/tillganglighet">Tillgänglighetsredogörelse</a>');
    }
    const admin = await signedIn(t.app, DEMO.admin);
    expect((await admin.get('/handlaggning/arenden')).body).toContain('<a href="/tillganglighet">');
  });
});

describe('the organization admin', () => {
  it('is the only one who sees the admin page', async () => {
    const handler = await signedIn(t.app, DEMO.handlerGata);
    expect((await handler.get('/admin/tillganglighet')).statusCode).toBe(404);
    const unitAdmin = await signedIn(t.app, DEMO.unitAdmin);
    expect((await unitAdmin.get('/admin/tillganglighet')).statusCode).toBe(404);
    expect((await unitAdmin.post('/admin/tillganglighet', { compliance: 'full', shortcomings: '', method: 'self', assessor: '', assessedOn: '2026-11-01' })).statusCode).toBe(404);
    expect((await t.app.inject('/admin/tillganglighet')).statusCode).toBe(303);
  });

  it('gets clear messages for what is wrong, with what they wrote kept', async () => {
    const admin = await signedIn(t.app, DEMO.admin);
    const page = await admin.get('/admin/tillganglighet');
    expect(page.statusCode).toBe(200);
    // The default list is there to edit.
    expect(page.body).toContain('Svar som handläggare skriver, och filer som bifogas svaren, granskas inte automatiskt.');
    expect(page.body).toMatch(/value="partial"[^>]*checked/);
    const bad = await admin.post('/admin/tillganglighet', { compliance: 'partial', shortcomings: '  \n ', method: 'external', assessor: '', assessedOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/<title>Fel: Tillgänglighetsredogörelse/);
    expect(bad.body).toContain('href="#shortcomings"');
    expect(bad.body).toContain('Skriv vem som granskade tjänsten');
    expect(bad.body).toContain('Datum för bedömningen måste vara ett riktigt datum som 2026-11-30');
    expect(bad.body).toContain('value="2026-02-30"');
    const future = await admin.post('/admin/tillganglighet', { compliance: 'full', shortcomings: '', method: 'self', assessor: '', assessedOn: '2026-12-23' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('kan inte vara i framtiden');
    expect(await t.db.selectFrom('accessibility_statements').selectAll().execute()).toEqual([]);
  });

  it('writes the organization’s own statement: shown in every language, marked as Swedish, logged, and only for that organization', async () => {
    const other = await buildOrg(t.db, { slug: 'annan-kommun', name: 'Annan kommun' });
    const admin = await signedIn(t.app, DEMO.admin);
    const saved = await admin.post('/admin/tillganglighet', {
      compliance: 'partial',
      shortcomings: 'Kartan över lekplatser saknar textalternativ.\r\n\r\nVideon om vinterväghållning saknar syntolkning.',
      method: 'external',
      assessor: 'Funka Nu AB',
      assessedOn: '2026-11-20',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/tillganglighet?sparat');
    expect((await admin.get('/admin/tillganglighet?sparat')).body).toContain('Redogörelsen är sparad.');

    const sv = text((await t.app.inject('/tillganglighet')).body);
    expect(sv).toContain('Kartan över lekplatser saknar textalternativ.');
    expect(sv).toContain('Tjänsten har granskats av Funka Nu AB.');
    expect(sv).toContain('Senaste bedömningen gjordes den 20 november 2026.');
    expect(sv).toContain('Redogörelsen uppdaterades senast den 22 december 2026.');
    expect(sv).not.toContain('Svar som handläggare skriver');
    // What the organization wrote is Swedish on an English page, and says so.
    const en = (await t.app.inject('/tillganglighet?lang=en')).body;
    expect(en).toMatch(/<ul lang="sv">\s*<li class="user-text">Kartan över lekplatser saknar textalternativ.<\/li>\s*<li class="user-text">Videon om vinterväghållning saknar syntolkning.<\/li>/);
    expect(en).toContain('The service has been reviewed by <span lang="sv">Funka Nu AB</span>.');

    const log = await t.db.selectFrom('admin_log').select(['summary', 'after']).where('organization_id', '=', t.orgId).where('summary', '=', 'Tillgänglighetsredogörelsen ändrades').executeTakeFirstOrThrow();
    expect(log.summary).toBe('Tillgänglighetsredogörelsen ändrades');
    expect(log.after).toMatchObject({ compliance: 'partial', method: 'external', assessor: 'Funka Nu AB', assessedOn: '2026-11-20' });

    // Another organization keeps its default, at its own address.
    const theirs = await t.app.inject(`/o/${other.slug}/tillganglighet`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain('<title>Tillgänglighetsredogörelse – Annan kommun</title>');
    expect(theirs.body).toContain(`<a href="/o/${other.slug}/synpunkt?typ=klagomal">`);
    expect(text(theirs.body)).toContain('Svar som handläggare skriver');
  });

  it('keeps the default list translated while it is left as it was, and can say no shortcomings are known', async () => {
    const admin = await signedIn(t.app, DEMO.admin);
    const form = (await admin.get('/admin/tillganglighet')).body;
    expect(form).toContain('Kartan över lekplatser');
    const defaultText = translator('sv').t('a11y.default.shortcomings');
    expect((await admin.post('/admin/tillganglighet', { compliance: 'partial', shortcomings: defaultText.replace(/\n/g, '\r\n'), method: 'self', assessor: 'ignoreras', assessedOn: '2026-12-01' })).statusCode).toBe(303);
    const row = await t.db.selectFrom('accessibility_statements').selectAll().where('organization_id', '=', t.orgId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ shortcomings: null, method: 'self', assessor: null, assessed_on: '2026-12-01' });
    const fi = text((await t.app.inject('/tillganglighet?lang=fi')).body);
    expect(fi).toContain('Käsittelijöiden kirjoittamia vastauksia');

    expect((await admin.post('/admin/tillganglighet', { compliance: 'full', shortcomings: '', method: 'self', assessor: '', assessedOn: '2026-12-01' })).statusCode).toBe(303);
    const full = text((await t.app.inject('/tillganglighet')).body);
    expect(full).toContain('Tjänsten är helt förenlig med lagen');
    expect(full).toContain('Vi känner inte till några brister just nu.');
  });
});
