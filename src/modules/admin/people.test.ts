import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../test/app.ts';
import { t, errorSummary, unitId, unit, userId, as, withAdminApp } from './adminTestKit.ts';

withAdminApp();

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
