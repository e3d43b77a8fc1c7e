import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const errorSummary = (html: string) => html.match(/<div class="error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
const unitId = async (name: string) => (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
const unit = async (name: string) => t.db.selectFrom('org_units').selectAll().where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow();
const userId = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).where('organization_id', '=', t.orgId).executeTakeFirstOrThrow()).id;
const logCount = async () => Number((await t.db.selectFrom('admin_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const as = (email: string) => new Session(t.app).signIn(email);

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

describe('the unit tree', () => {
  it('adds a förvaltning with its nämnd, and an avdelning and an enhet under it', async () => {
    const s = await as('admin@exempelkommun.se');
    const res = await s.post('/admin/enheter', { parentId: '', name: 'Socialtjänst', committee: 'Socialnämnden', subcategoryRequired: 'ja' }, { csrfFrom: '/admin/enheter' });
    expect(res.statusCode).toBe(303);
    const f = await unit('Socialtjänst');
    expect(f).toMatchObject({ kind: 'forvaltning', committee: 'Socialnämnden', subcategory_required: true, parent_id: null, ancestor_ids: [f.id] });
    expect(res.headers.location).toBe(`/admin/enheter/${f.id}?klart=skapad`);
    await s.post('/admin/enheter', { parentId: f.id, childName: 'Individ och familj' }, { csrfFrom: '/admin/enheter' });
    const a = await unit('Individ och familj');
    expect(a).toMatchObject({ kind: 'avdelning', parent_id: f.id, ancestor_ids: [f.id, a.id] });
    await s.post('/admin/enheter', { parentId: a.id, childName: 'Barn och unga' }, { csrfFrom: '/admin/enheter' });
    const e = await unit('Barn och unga');
    expect(e).toMatchObject({ kind: 'enhet', ancestor_ids: [f.id, a.id, e.id] });
    // Three levels at most.
    const deeper = await s.post('/admin/enheter', { parentId: e.id, childName: 'För djupt' }, { csrfFrom: '/admin/enheter' });
    expect(deeper.statusCode).toBe(400);
    expect(errorSummary(deeper.body)).toContain('tre nivåer');
    // The same name twice under one parent is refused.
    const dup = await s.post('/admin/enheter', { parentId: f.id, childName: 'individ och familj' }, { csrfFrom: '/admin/enheter' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('href="#childName"');
  });

  it('moves a unit with its subtree, recomputing every ancestor path in one go', async () => {
    const s = await as('admin@exempelkommun.se');
    const forskola = await unit('Förskoleavdelningen');
    const voo = await unitId('Vård och omsorg');
    const res = await s.post(`/admin/enheter/${forskola.id}/flytta`, { parentId: voo }, { csrfFrom: `/admin/enheter/${forskola.id}` });
    expect(res.statusCode).toBe(303);
    const moved = await unit('Förskoleavdelningen');
    expect(moved.parent_id).toBe(voo);
    expect(moved.ancestor_ids).toEqual([voo, forskola.id]);
    for (const child of ['Solrosens förskola', 'Ekbackens förskola']) {
      const c = await unit(child);
      expect(c.ancestor_ids).toEqual([voo, forskola.id, c.id]);
      expect(c.kind).toBe('enhet');
    }
    const log = await t.db.selectFrom('admin_log').selectAll().where('action', '=', 'move').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log.summary).toContain('Förskoleavdelningen flyttades från Barn och utbildning till Vård och omsorg');
    expect(log.before).toMatchObject({ parentId: await unitId('Barn och utbildning') });
    expect(log.after).toMatchObject({ parentId: voo });
    // And back again.
    await s.post(`/admin/enheter/${forskola.id}/flytta`, { parentId: await unitId('Barn och utbildning') }, { csrfFrom: `/admin/enheter/${forskola.id}` });
    expect((await unit('Solrosens förskola')).ancestor_ids[0]).toBe(await unitId('Barn och utbildning'));
  });

  it('refuses a cycle, and a move that would make the tree too deep, saving nothing', async () => {
    const s = await as('admin@exempelkommun.se');
    const sbf = await unit('Samhällsbyggnad');
    const gata = await unitId('Gata och park');
    const before = await t.db.selectFrom('org_units').select(['id', 'ancestor_ids', 'parent_id']).where('organization_id', '=', t.orgId).orderBy('id').execute();
    const logs = await logCount();
    const cycle = await s.post(`/admin/enheter/${sbf.id}/flytta`, { parentId: gata }, { csrfFrom: `/admin/enheter/${sbf.id}` });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toMatch(/<title>Fel: /);
    expect(errorSummary(cycle.body)).toContain('slinga');
    const self = await s.post(`/admin/enheter/${sbf.id}/flytta`, { parentId: sbf.id }, { csrfFrom: `/admin/enheter/${sbf.id}` });
    expect(errorSummary(self.body)).toContain('slinga');
    // Hemtjänsten (with enheter below) under Gata och park would be four levels.
    const hemtjansten = await unitId('Hemtjänsten');
    const deep = await s.post(`/admin/enheter/${hemtjansten}/flytta`, { parentId: gata }, { csrfFrom: `/admin/enheter/${hemtjansten}` });
    expect(deep.statusCode).toBe(400);
    expect(errorSummary(deep.body)).toContain('tre nivåer');
    expect(await t.db.selectFrom('org_units').select(['id', 'ancestor_ids', 'parent_id']).where('organization_id', '=', t.orgId).orderBy('id').execute()).toEqual(before);
    expect(await logCount()).toBe(logs);
  });

  it('renames, deactivates a branch, and never deletes a unit that has cases', async () => {
    const s = await as('admin@exempelkommun.se');
    const kultur = await unit('Kultur och fritid');
    const renamed = await s.post(`/admin/enheter/${kultur.id}`, { name: 'Kultur, fritid och idrott', committee: 'Kultur- och fritidsnämnden', sortOrder: '3' }, { csrfFrom: `/admin/enheter/${kultur.id}` });
    expect(renamed.statusCode).toBe(303);
    expect((await t.db.selectFrom('org_units').select('name').where('id', '=', kultur.id).executeTakeFirstOrThrow()).name).toBe('Kultur, fritid och idrott');

    await s.post(`/admin/enheter/${kultur.id}/avaktivera`, {}, { csrfFrom: `/admin/enheter/${kultur.id}` });
    const branch = await t.db.selectFrom('org_units').select(['name', 'active']).where(sql<boolean>`ancestor_ids @> ARRAY[${kultur.id}]::uuid[]`).execute();
    expect(branch.length).toBe(4);
    expect(branch.every((u) => !u.active)).toBe(true);
    // Deactivated förvaltningar are not offered to citizens.
    expect((await t.app.inject('/synpunkt')).body).not.toContain('Kultur, fritid och idrott');
    await s.post(`/admin/enheter/${kultur.id}/aktivera`, {}, { csrfFrom: `/admin/enheter/${kultur.id}` });

    const simhallen = await unitId('Simhallen');
    await t.db
      .insertInto('cases')
      .values({ organization_id: t.orgId, number: 'SYN-2026-90001', kind: 'fraga', channel: 'phone', description: 'Öppettider?', anonymous: true, received_at: t.clock.now(), unit_id: simhallen, status_token_hash: Buffer.from('x'.repeat(32)) })
      .execute();
    const refused = await s.post(`/admin/enheter/${simhallen}/ta-bort`, {}, { csrfFrom: `/admin/enheter/${simhallen}` });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toContain('har ärenden och kan aldrig tas bort');
    expect(await t.db.selectFrom('org_units').select('id').where('id', '=', simhallen).executeTakeFirst()).toBeDefined();

    await s.post('/admin/enheter', { parentId: kultur.id, childName: 'Tillfällig' }, { csrfFrom: '/admin/enheter' });
    const tmp = await unitId('Tillfällig');
    expect((await s.post(`/admin/enheter/${tmp}/ta-bort`, {}, { csrfFrom: `/admin/enheter/${tmp}` })).statusCode).toBe(303);
    expect(await t.db.selectFrom('org_units').select('id').where('id', '=', tmp).executeTakeFirst()).toBeUndefined();
  });
});

describe('a unit admin (superanvändare) stays within their förvaltning', () => {
  it('sees and changes units in Barn och utbildning only', async () => {
    const s = await as('superanvandare.bou@exempelkommun.se');
    const tree = await s.get('/admin/enheter');
    expect(tree.body).toContain('Centralskolan');
    expect(tree.body).not.toContain('Gata och park');
    expect(tree.body).not.toContain('Lägg till en förvaltning');
    const gata = await unitId('Gata och park');
    expect((await s.get(`/admin/enheter/${gata}`)).statusCode).toBe(404);
    expect((await s.post(`/admin/enheter/${gata}`, { name: 'Kapad', committee: '', sortOrder: '0' }, { csrfFrom: '/admin' })).statusCode).toBe(404);
    expect((await s.post(`/admin/enheter/${gata}/avaktivera`, {}, { csrfFrom: '/admin' })).statusCode).toBe(404);
    expect((await unit('Gata och park')).name).toBe('Gata och park');

    const grund = await unitId('Grundskoleavdelningen');
    expect((await s.post('/admin/enheter', { parentId: grund, childName: 'Västra skolan' }, { csrfFrom: '/admin' })).statusCode).toBe(303);
    // Not the förvaltning itself, and nothing at the top level.
    const bou = await unit('Barn och utbildning');
    const rename = await s.post(`/admin/enheter/${bou.id}`, { name: 'Skola', committee: bou.committee ?? '', subcategoryRequired: 'ja', sortOrder: '0' }, { csrfFrom: '/admin' });
    expect(rename.statusCode).toBe(400);
    expect((await unit('Barn och utbildning')).name).toBe('Barn och utbildning');
    expect((await s.post('/admin/enheter', { parentId: '', name: 'Egen förvaltning', committee: '' }, { csrfFrom: '/admin' })).statusCode).toBe(400);
    // Moving a unit out of the förvaltning is refused.
    const moveOut = await s.post(`/admin/enheter/${grund}/flytta`, { parentId: await unitId('Vård och omsorg') }, { csrfFrom: '/admin' });
    expect(moveOut.statusCode).toBe(400);
    expect((await unit('Grundskoleavdelningen')).parent_id).toBe(bou.id);
  });

  it('cannot reach the organization settings, sign-in, areas or the organizations', async () => {
    const s = await as('superanvandare.bou@exempelkommun.se');
    for (const p of ['/admin/texter', '/admin/inloggning', '/admin/organisationer', '/admin/organisationer/ny']) expect((await s.get(p)).statusCode, p).toBe(404);
    const before = await t.db.selectFrom('organizations').select(['settings', 'password_login']).where('id', '=', t.orgId).executeTakeFirstOrThrow();
    expect((await s.post('/admin/texter', { startPageIntro: 'Kapad' }, { csrfFrom: '/admin' })).statusCode).toBe(404);
    expect((await s.post('/admin/inloggning', { passwordLogin: '' }, { csrfFrom: '/admin' })).statusCode).toBe(404);
    expect((await s.post('/admin/kategorier/omraden', { areaName: 'Kapat område' }, { csrfFrom: '/admin' })).statusCode).toBe(404);
    expect(await t.db.selectFrom('organizations').select(['settings', 'password_login']).where('id', '=', t.orgId).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('manages people with roles in the förvaltning, and gives only roles there', async () => {
    const s = await as('superanvandare.bou@exempelkommun.se');
    const list = await s.get('/admin/personer');
    expect(list.body).toContain('Hanna Handläggare');
    expect(list.body).not.toContain('Gustav Gatuchef');
    expect(list.body).not.toContain('Rebecka Registrator');
    expect((await s.get(`/admin/personer/${await userId('handlaggare.gata@exempelkommun.se')}`)).statusCode).toBe(404);
    expect((await s.get(`/admin/personer/${await userId('registrator@exempelkommun.se')}`)).statusCode).toBe(404);

    const centralskolan = await unitId('Centralskolan');
    const ok = await s.post('/admin/personer/ny', { name: 'Rektor Rut', email: 'rut@exempelkommun.se', role: 'handler', unitId: centralskolan }, { csrfFrom: '/admin' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('/inbjudan/');
    const elsewhere = await s.post('/admin/personer/ny', { name: 'Otto Utanför', email: 'otto@exempelkommun.se', role: 'handler', unitId: await unitId('Gata och park') }, { csrfFrom: '/admin' });
    expect(elsewhere.statusCode).toBe(400);
    const orgWide = await s.post('/admin/personer/ny', { name: 'Otto Utanför', email: 'otto@exempelkommun.se', role: 'admin', unitId: '' }, { csrfFrom: '/admin' });
    expect(orgWide.statusCode).toBe(400);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'otto@exempelkommun.se').executeTakeFirst()).toBeUndefined();

    // A person with roles in two förvaltningar is seen, but only the organization admin deactivates them.
    const hanna = await userId('handlaggare.forskola@exempelkommun.se');
    await t.db.insertInto('role_grants').values({ user_id: hanna, role: 'reader', org_unit_id: await unitId('Samhällsbyggnad') }).execute();
    const refuse = await s.post(`/admin/personer/${hanna}/avaktivera`, {}, { csrfFrom: '/admin' });
    expect(refuse.statusCode).toBe(400);
    expect(errorSummary(refuse.body)).toContain('roller utanför din förvaltning');
    const grants = await t.db.selectFrom('role_grants').select(['id', 'role']).where('user_id', '=', hanna).execute();
    const readerGrant = grants.find((g) => g.role === 'reader')!;
    expect((await s.post(`/admin/personer/${hanna}/roller/${readerGrant.id}/ta-bort`, {}, { csrfFrom: '/admin' })).statusCode).toBe(400);
    await t.db.deleteFrom('role_grants').where('id', '=', readerGrant.id).execute();
  });

  it('adds subcategories and templates for their own förvaltning only', async () => {
    const s = await as('superanvandare.bou@exempelkommun.se');
    const bou = await unitId('Barn och utbildning');
    const sbf = await unitId('Samhällsbyggnad');
    expect((await s.post('/admin/kategorier/underkategorier', { forvaltningId: bou, subName: 'Fritidshem' }, { csrfFrom: '/admin' })).statusCode).toBe(303);
    const other = await s.post('/admin/kategorier/underkategorier', { forvaltningId: sbf, subName: 'Snöröjning' }, { csrfFrom: '/admin' });
    expect(other.statusCode).toBe(400);
    expect(await t.db.selectFrom('categories').select('id').where('name', '=', 'Snöröjning').executeTakeFirst()).toBeUndefined();
    const page = await s.get('/admin/kategorier');
    expect(page.body).toContain('Fritidshem');
    expect(page.body).not.toContain('Gator och vägar');

    expect((await s.post('/admin/svarsmallar/ny', { title: 'Skolskjuts', body: 'Hej {namn}! Ditt ärende {arendenummer}.', kind: 'fraga', purpose: 'answer', forvaltningId: bou }, { csrfFrom: '/admin' })).statusCode).toBe(303);
    const orgWide = await s.post('/admin/svarsmallar/ny', { title: 'Hela kommunen', body: 'Hej', kind: '', purpose: 'answer', forvaltningId: '' }, { csrfFrom: '/admin' });
    expect(orgWide.statusCode).toBe(400);
    const list = await s.get('/admin/svarsmallar');
    expect(list.body).toContain('Skolskjuts');
    expect(list.body).not.toContain('>Tack<');
  });

  it('sees only the log entries of their förvaltning', async () => {
    const s = await as('superanvandare.bou@exempelkommun.se');
    const log = await s.get('/admin/logg');
    expect(log.body).toContain('Fritidshem');
    expect(log.body).not.toContain('Socialtjänst');
  });
});

describe('people and invitations', () => {
  it('invites with a one-time link that sets the password, then refuses the same link', async () => {
    const admin = await as('admin@exempelkommun.se');
    const gata = await unitId('Gata och park');
    const res = await admin.post('/admin/personer/ny', { name: 'Petra Park', email: 'Petra.Park@Exempelkommun.se', role: 'handler', unitId: gata }, { csrfFrom: '/admin' });
    expect(res.statusCode).toBe(200);
    const link = res.body.match(/http:\/\/localhost(?::80)?(\/inbjudan\/[A-Za-z0-9_-]{43})/)![1]!;
    const stored = await t.db.selectFrom('user_invitations').selectAll().where('email', '=', 'petra.park@exempelkommun.se').executeTakeFirstOrThrow();
    // The invitation goes out by e-mail: queued in the outbox with its send job, in the same transaction.
    const mail = await t.db.selectFrom('messages').selectAll().where('id', '=', stored.message_id!).executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ purpose: 'invitation', channel: 'email', recipient: 'petra.park@exempelkommun.se', status: 'queued', case_id: null });
    expect(mail.body).toContain(link);
    const job = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${`send_message:${mail.id}`}`.execute(t.db);
    expect(job.rows[0]!.n).toBe(1);
    expect(stored.token_hash.toString('hex')).not.toContain(Buffer.from(link.split('/').pop()!).toString('hex'));
    expect(stored.mail_body).toContain(link);

    const invited = new Session(t.app);
    const form = await invited.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('petra.park@exempelkommun.se');
    const short = await invited.post(link, { password: 'kort', confirm: 'kort' }, { csrfFrom: link });
    expect(short.statusCode).toBe(400);
    const done = await invited.post(link, { password: 'en lång fras med å ä ö', confirm: 'en lång fras med å ä ö' }, { csrfFrom: link });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/logga-in?inbjudan');
    await invited.signIn('petra.park@exempelkommun.se', 'en lång fras med å ä ö');
    expect((await invited.get('/handlaggning/arenden')).statusCode).toBe(200);
    expect((await new Session(t.app).get(link)).statusCode).toBe(404);

    const person = await admin.get(`/admin/personer/${await userId('petra.park@exempelkommun.se')}`);
    expect(person.body).toContain('Handläggare');
    expect(person.body).toContain('Gata och park');
  });

  it('refuses a duplicate e-mail address with a clear message and saves nothing', async () => {
    const admin = await as('admin@exempelkommun.se');
    const users = Number((await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const res = await admin.post('/admin/personer/ny', { name: 'Dubbel', email: 'LASARE@exempelkommun.se', role: 'reader', unitId: '' }, { csrfFrom: '/admin' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toContain('Det finns redan en person med e-postadressen lasare@exempelkommun.se');
    expect(res.body).toContain('value="LASARE@exempelkommun.se"');
    expect(Number((await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(users);
  });

  it('shows effective permissions as roles × units including the subtree', async () => {
    const admin = await as('admin@exempelkommun.se');
    const page = await admin.get(`/admin/personer/${await userId('samordnare.bou@exempelkommun.se')}`);
    const perms = page.body.slice(page.body.indexOf('<h2>Behörigheter</h2>'), page.body.indexOf('<h2>Roller</h2>'));
    expect(perms).toContain('Synpunktsansvarig');
    for (const u of ['Barn och utbildning', 'Förskoleavdelningen', 'Solrosens förskola', 'Centralskolan']) expect(perms).toContain(u);
    expect(perms).not.toContain('Gata och park');
  });

  it('adds and removes roles, and deactivation keeps the person but ends their sign-in', async () => {
    const admin = await as('admin@exempelkommun.se');
    const lars = await userId('lasare@exempelkommun.se');
    const larsSession = await as('lasare@exempelkommun.se');
    expect((await admin.post(`/admin/personer/${lars}/roller`, { role: 'handler', unitId: await unitId('Biblioteket') }, { csrfFrom: '/admin' })).statusCode).toBe(303);
    const dup = await admin.post(`/admin/personer/${lars}/roller`, { role: 'handler', unitId: await unitId('Biblioteket') }, { csrfFrom: '/admin' });
    expect(dup.statusCode).toBe(400);
    const grant = await t.db.selectFrom('role_grants').select('id').where('user_id', '=', lars).where('role', '=', 'handler').executeTakeFirstOrThrow();
    expect((await admin.post(`/admin/personer/${lars}/roller/${grant.id}/ta-bort`, {}, { csrfFrom: '/admin' })).statusCode).toBe(303);

    expect((await admin.post(`/admin/personer/${lars}/avaktivera`, {}, { csrfFrom: '/admin' })).statusCode).toBe(303);
    expect((await larsSession.get('/handlaggning/arenden')).statusCode).toBe(303);
    const row = await t.db.selectFrom('users').select(['active', 'deactivated_at']).where('id', '=', lars).executeTakeFirstOrThrow();
    expect(row.active).toBe(false);
    expect(row.deactivated_at).not.toBeNull();
    await expect(new Session(t.app).signIn('lasare@exempelkommun.se')).rejects.toThrow();
    await admin.post(`/admin/personer/${lars}/aktivera`, {}, { csrfFrom: '/admin' });
    await new Session(t.app).signIn('lasare@exempelkommun.se');
  });

  it('does not let an admin deactivate themselves or drop the last admin role', async () => {
    const admin = await as('admin@exempelkommun.se');
    const me = await userId('admin@exempelkommun.se');
    expect((await admin.post(`/admin/personer/${me}/avaktivera`, {}, { csrfFrom: '/admin' })).statusCode).toBe(400);
    const grant = await t.db.selectFrom('role_grants').select('id').where('user_id', '=', me).executeTakeFirstOrThrow();
    const res = await admin.post(`/admin/personer/${me}/roller/${grant.id}/ta-bort`, {}, { csrfFrom: '/admin' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toContain('enda administratör');
  });
});

describe('categories', () => {
  it('shows the fixed kinds, adds, renames, reorders and deactivates areas', async () => {
    const s = await as('admin@exempelkommun.se');
    const page = await s.get('/admin/kategorier');
    expect(page.body).toContain('Klagomål, Fråga, Beröm, Förslag');
    expect((await s.post('/admin/kategorier/omraden', { areaName: 'Tillgänglighet' }, { csrfFrom: '/admin' })).statusCode).toBe(303);
    const dup = await s.post('/admin/kategorier/omraden', { areaName: 'tillgänglighet' }, { csrfFrom: '/admin' });
    expect(dup.statusCode).toBe(400);
    expect(errorSummary(dup.body)).toContain('finns redan');
    const area = await t.db.selectFrom('categories').selectAll().where('organization_id', '=', t.orgId).where('name', '=', 'Tillgänglighet').executeTakeFirstOrThrow();
    await s.post(`/admin/kategorier/${area.id}/flytta`, { riktning: 'upp' }, { csrfFrom: '/admin' });
    const areas = await t.db.selectFrom('categories').select(['name', 'sort_order']).where('organization_id', '=', t.orgId).where('level', '=', 'area').orderBy('sort_order').execute();
    expect(areas.map((a) => a.name)).toEqual(['Bemötande', 'Tjänster', 'Fysisk miljö', 'Tillgänglighet', 'Information']);
    await s.post(`/admin/kategorier/${area.id}`, { name: 'Tillgänglighet och bemötande av personer med funktionsnedsättning' }, { csrfFrom: '/admin' });
    await s.post(`/admin/kategorier/${area.id}/avaktivera`, {}, { csrfFrom: '/admin' });
    const after = await t.db.selectFrom('categories').selectAll().where('id', '=', area.id).executeTakeFirstOrThrow();
    expect(after.active).toBe(false);
    expect(after.name).toBe('Tillgänglighet och bemötande av personer med funktionsnedsättning');
  });

  it('makes a subcategory optional or mandatory per förvaltning', async () => {
    const s = await as('admin@exempelkommun.se');
    const sbf = await unit('Samhällsbyggnad');
    expect(sbf.subcategory_required).toBe(false);
    await s.post(`/admin/kategorier/krav/${sbf.id}`, { required: 'ja' }, { csrfFrom: '/admin' });
    expect((await unit('Samhällsbyggnad')).subcategory_required).toBe(true);
    await s.post(`/admin/kategorier/krav/${sbf.id}`, { required: 'nej' }, { csrfFrom: '/admin' });
    expect((await unit('Samhällsbyggnad')).subcategory_required).toBe(false);
  });
});

describe('response templates', () => {
  it('keeps placeholders and refuses unknown ones', async () => {
    const s = await as('admin@exempelkommun.se');
    const bad = await s.post('/admin/svarsmallar/ny', { title: 'Fel', body: 'Hej {förnamn}!', kind: '', purpose: 'answer', forvaltningId: '' }, { csrfFrom: '/admin' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toContain('Okänd platshållare: {förnamn}');
    const ok = await s.post('/admin/svarsmallar/ny', { title: 'Fråga besvarad', body: 'Hej {namn}!\nSvar på {arendenummer} från {mottagen}.\n{handlaggare}', kind: 'fraga', purpose: 'answer', forvaltningId: '' }, { csrfFrom: '/admin' });
    expect(ok.statusCode).toBe(303);
    const tpl = await t.db.selectFrom('response_templates').selectAll().where('title', '=', 'Fråga besvarad').executeTakeFirstOrThrow();
    expect(tpl).toMatchObject({ kind: 'fraga', org_unit_id: null, active: true });
    await s.post(`/admin/svarsmallar/${tpl.id}/avaktivera`, {}, { csrfFrom: '/admin' });
    expect((await t.db.selectFrom('response_templates').select('active').where('id', '=', tpl.id).executeTakeFirstOrThrow()).active).toBe(false);
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
