import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../test/app.ts';
import { INSTALLATION, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { seedDemoOrganization } from '../organizations/demo.ts';
import { seedDemoStaff } from '../organizations/demoStaff.ts';
import { clearAddressCache } from './addresses.ts';

/** The admin page for inbound addresses and rules, and the registrar's held mail. */

let t: InboundTest;
beforeAll(async () => {
  t = await startInboundTest();
});
afterAll(() => t.close());

describe('the admin page', () => {
  it('adds an address that then receives mail, refuses a bad one with the input kept, and logs the change', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    expect((await s.get('/admin')).body).toContain('href="/admin/e-post-in"');
    let res = await s.post('/admin/e-post-in/adresser', { address: 'fel adress' }, { csrfFrom: '/admin/e-post-in' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Fel: /);
    expect(res.body).toContain('value="fel adress"');
    expect(res.body).toContain('href="#address"');
    res = await s.post('/admin/e-post-in/adresser', { address: 'Synpunkter@Exempelkommun.se ' }, { csrfFrom: '/admin/e-post-in' });
    expect(res.statusCode).toBe(303);
    expect((await s.get('/admin/e-post-in')).body).toContain('synpunkter@exempelkommun.se');
    expect((await t.send({ from: 'ny@example.se', to: 'synpunkter+park@exempelkommun.se', subject: 'Ny adress', text: 'Hej' })).response).toMatch(/new_case/);
    res = await s.post('/admin/e-post-in/adresser', { address: 'synpunkter@exempelkommun.se' }, { csrfFrom: '/admin/e-post-in' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Adressen finns redan i listan');
    const log = await t.db.selectFrom('admin_log').select(['summary']).where('entity_type', '=', 'inbound_mail').execute();
    expect(log.map((l) => l.summary)).toEqual(['Lade till adressen synpunkter@exempelkommun.se för inkommande e-post']);
    res = await s.post('/admin/e-post-in/adresser/ta-bort', { address: 'synpunkter@exempelkommun.se' }, { csrfFrom: '/admin/e-post-in' });
    expect(res.statusCode).toBe(303);
    await expect(t.send({ from: 'ny@example.se', to: 'synpunkter@exempelkommun.se', subject: 'Borta', text: 'Hej' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('saves the rules, refusing numbers out of range', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    let res = await s.post('/admin/e-post-in/regler', { newCaseAfterDays: '0', senderHourlyLimit: 'många' }, { csrfFrom: '/admin/e-post-in' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Skriv ett antal dagar mellan 1 och 3650');
    expect(res.body).toContain('value="många"');
    res = await s.post('/admin/e-post-in/regler', { newCaseAfterDays: '14', senderHourlyLimit: '2' }, { csrfFrom: '/admin/e-post-in' });
    expect(res.statusCode).toBe(303);
    expect(await t.db.selectFrom('inbound_settings').select(['new_case_after_days', 'sender_hourly_limit']).executeTakeFirst()).toEqual({ new_case_after_days: 14, sender_hourly_limit: 2 });
  });

  it('is not there for a registrar', async () => {
    const s = await new Session(t.app).signIn(DEMO.registrar);
    expect((await s.get('/admin/e-post-in')).statusCode).toBe(404);
  });
});

describe('held mail', () => {
  it('waits for the registrar, who makes a case of one and removes another', async () => {
    // The limit is 2 an hour now (previous test).
    for (let i = 0; i < 4; i++) await t.send({ from: 'ofta@example.se', to: INSTALLATION.replyTo, subject: `Ofta ${i}`, text: `Meddelande ${i}` });
    const s = await new Session(t.app).signIn(DEMO.registrar);
    let res = await s.get('/handlaggning/e-post');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ofta 2');
    expect(res.body).toContain('Ofta 3');
    const ids = [...res.body.matchAll(/action="\/handlaggning\/e-post\/([0-9a-f-]+)\/slapp"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(2);
    res = await s.post(`/handlaggning/e-post/${ids[0]}/slapp`, {}, { csrfFrom: '/handlaggning/e-post' });
    expect(res.statusCode).toBe(303);
    const page = await s.get(res.headers.location as string);
    expect(page.body).toContain('Meddelande 2');
    res = await s.post(`/handlaggning/e-post/${ids[1]}/kasta`, {}, { csrfFrom: '/handlaggning/e-post' });
    expect(res.statusCode).toBe(303);
    res = await s.get('/handlaggning/e-post');
    expect(res.body).toContain('Ingen e-post väntar.');
    expect(res.body).toContain('Borttaget av registratorn');
    const rows = await t.db.selectFrom('inbound_messages').select(['outcome']).where('from_address', '=', 'ofta@example.se').orderBy('received_at').execute();
    expect(rows.map((r) => r.outcome)).toEqual(['new_case', 'new_case', 'released', 'discarded']);
  });

  it('lets the registrar make a case of a mail set aside as an automatic reply, recorded in the case history', async () => {
    const subject = 'Frånvaro av snöröjning på Storgatan';
    const res0 = await t.send({ from: 'parent@example.se', to: INSTALLATION.replyTo, subject, text: 'Ingen har plogat på en vecka.', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(res0.response).toMatch(/auto_reply/);
    const { id } = await t.db.selectFrom('inbound_messages').select('id').where('subject', '=', subject).executeTakeFirstOrThrow();
    const s = await new Session(t.app).signIn(DEMO.registrar);
    let res = await s.get('/handlaggning/e-post');
    expect(res.body).toContain(`action="/handlaggning/e-post/${id}/slapp"`);
    res = await s.post(`/handlaggning/e-post/${id}/slapp`, {}, { csrfFrom: '/handlaggning/e-post' });
    expect(res.statusCode).toBe(303);
    const page = await s.get(res.headers.location as string);
    expect(page.body).toContain('Ingen har plogat på en vecka.');
    expect(page.body).toContain('E-post togs in av registratorn');
    expect(page.body).toContain('Hade sorterats bort som automatiskt svar');
    const row = await t.db.selectFrom('inbound_messages').select(['outcome', 'case_id', 'handled_by']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.outcome).toBe('released');
    const registrar = await t.db.selectFrom('users').select('id').where('email', '=', DEMO.registrar).executeTakeFirstOrThrow();
    expect(row.handled_by).toBe(registrar.id);
    const event = await t.db.selectFrom('case_events').select(['actor_user_id', 'data']).where('case_id', '=', row.case_id!).where('type', '=', 'mail_released').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_user_id: registrar.id, data: { inboundMessageId: id } });
    // Made once: the form is gone and a second post finds nothing to make a case of.
    expect((await s.get('/handlaggning/e-post')).body).not.toContain(`/handlaggning/e-post/${id}/slapp`);
    expect((await s.post(`/handlaggning/e-post/${id}/slapp`, {}, { csrfFrom: '/handlaggning/e-post' })).statusCode).toBe(404);
  });

  it('is not for a handler', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    expect((await s.get('/handlaggning/e-post')).statusCode).toBe(404);
  });
});

describe('an address of someone else', () => {
  const B = '/o/bostadsbolaget';
  let other: string;
  beforeAll(async () => {
    other = await seedDemoOrganization(t.db, { slug: 'bostadsbolaget', name: 'Exempelbostäder AB', isDefault: false });
    await seedDemoStaff(t.db, other);
  });
  const caseOrg = async (subject: string) =>
    (await t.db.selectFrom('inbound_messages as i').innerJoin('cases as c', 'c.id', 'i.case_id').select('c.organization_id').where('i.subject', '=', subject).executeTakeFirstOrThrow()).organization_id;

  it('cannot be taken by another organization’s admin: the installation’s own, or one another organization has', async () => {
    const bo = await new Session(t.app, B).signIn(DEMO.admin);
    let res = await bo.post('/admin/e-post-in/adresser', { address: 'Synpunkt@Exempelkommun.se' }, { csrfFrom: '/admin/e-post-in' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Adressen är installationens egen adress och tar emot e-post till standardorganisationen. Den kan inte läggas till här');
    expect(res.body).toContain('value="Synpunkt@Exempelkommun.se"');
    expect((await t.send({ from: 'medborgare@example.se', to: INSTALLATION.replyTo, subject: 'Till kommunen', text: 'Hej' })).response).toMatch(/new_case/);
    expect(await caseOrg('Till kommunen')).toBe(t.orgId);

    const own = await new Session(t.app).signIn(DEMO.admin);
    expect((await own.post('/admin/e-post-in/adresser', { address: 'registrator@exempelkommun.se' }, { csrfFrom: '/admin/e-post-in' })).statusCode).toBe(303);
    res = await bo.post('/admin/e-post-in/adresser', { address: ' Registrator@EXEMPELKOMMUN.se' }, { csrfFrom: '/admin/e-post-in' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Adressen används redan av en annan organisation. Be installationens administratör om hjälp om adressen ska vara er');
    expect(res.body).toContain('value=" Registrator@EXEMPELKOMMUN.se"');
    expect(await t.db.selectFrom('inbound_addresses').select('address').where('organization_id', '=', other).execute()).toEqual([]);
  });

  it('the installation’s reply address reaches the default organization even if another organization listed it before that was refused', async () => {
    await t.db.insertInto('inbound_addresses').values({ address: INSTALLATION.replyTo, organization_id: other }).onConflict((oc) => oc.column('address').doUpdateSet({ organization_id: other })).execute();
    clearAddressCache(t.db);
    try {
      expect((await t.send({ from: 'medborgare2@example.se', to: INSTALLATION.replyTo, subject: 'Fortfarande till kommunen', text: 'Hej' })).response).toMatch(/new_case/);
      expect(await caseOrg('Fortfarande till kommunen')).toBe(t.orgId);
    } finally {
      await t.db.deleteFrom('inbound_addresses').where('address', '=', INSTALLATION.replyTo).execute();
      clearAddressCache(t.db);
    }
  });
});
