import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { t, errorSummary, unitId, unit, userId, logCount, as, withAdminApp } from './adminTestKit.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

withAdminApp();

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
    const deactivated = await t.db.selectFrom('admin_log').select('summary').where('action', '=', 'deactivate').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(deactivated.summary).toBe('Kultur, fritid och idrott avaktiverades med 3 underenheter');
    expect(sv('admin.summary.units.deactivatedWithChildren', { name: 'Fritid', children: 1 })).toBe('Fritid avaktiverades med 1 underenhet');
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
    expect(errorSummary(elsewhere.body)).toContain('Du kan inte ge den rollen där. Välj en enhet inom din förvaltning.');
    const orgWide = await s.post('/admin/personer/ny', { name: 'Otto Utanför', email: 'otto@exempelkommun.se', role: 'admin', unitId: '' }, { csrfFrom: '/admin' });
    expect(orgWide.statusCode).toBe(400);
    // A role only the organization admin gives: the message is about the role, even on a unit of their own.
    for (const [role, label] of [['admin', 'administratör'], ['registrar', 'registrator'], ['archivist', 'arkivarie']]) {
      const refused = await s.post('/admin/personer/ny', { name: 'Otto Utanför', email: 'otto@exempelkommun.se', role: role!, unitId: centralskolan }, { csrfFrom: '/admin' });
      expect(refused.statusCode).toBe(400);
      expect(errorSummary(refused.body)).toContain(`Bara organisationens administratör kan ge rollen ${label}. Du kan ge rollerna synpunktsansvarig, handläggare, superanvändare och läsare.`);
      expect(errorSummary(refused.body)).not.toContain('Välj en enhet');
    }
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
