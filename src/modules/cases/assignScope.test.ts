import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, assignedTo, caseDeps, caseRow, DEMO, errorSummary, registerTo, submitCase, unitId, versionIn } from '../../../test/staffCases.ts';
import { assignCase } from './commands.ts';
import { assignRefusal, type Actor, type PolicyCase } from './policy.ts';

/**
 * Assigning stays inside the case's förvaltning and inside what the person distributes, also when
 * the case's unit has been deactivated (walk-through 2, defect 4); and deactivating a unit with open
 * cases says how many first.
 */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const userId = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const tilldelaSelect = (html: string) => html.match(/<select id="tilldela-unitId"[\s\S]*?<\/select>/)?.[0] ?? '';
const handlerSelect = (html: string) => html.match(/<select id="tilldela-handlerId"[\s\S]*?<\/select>/)?.[0] ?? '';

describe('a unit with open cases is deactivated', () => {
  let number: string;
  let gata: string;
  beforeAll(async () => {
    ({ number } = await submitCase(t));
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    gata = await unitId(t, 'Gata och park');
  });

  it('tells the admin how many open cases there are, and deactivates only when confirmed', async () => {
    const admin = await new Session(t.app).signIn(DEMO.admin);
    const page = await admin.get(`/admin/enheter/${gata}`);
    expect(page.body).toContain('1 öppet ärende ligger på Gata och park eller dess underenheter.');
    const refused = await admin.post(`/admin/enheter/${gata}/avaktivera`, {}, { csrfFrom: `/admin/enheter/${gata}` });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(['Gata och park har 1 öppet ärende. Kryssa i rutan för att avaktivera ändå, eller flytta ärendena först.']);
    expect((await t.db.selectFrom('org_units').select('active').where('id', '=', gata).executeTakeFirstOrThrow()).active).toBe(true);

    const done = await admin.post(`/admin/enheter/${gata}/avaktivera`, { confirmOpen: 'ja' }, { csrfFrom: `/admin/enheter/${gata}` });
    expect(done.statusCode).toBe(303);
    expect((await t.db.selectFrom('org_units').select('active').where('id', '=', gata).executeTakeFirstOrThrow()).active).toBe(false);
  });

  it('offers the coordinator only their own förvaltning, selects nothing, and says why', async () => {
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const page = await s.get(`/handlaggning/arenden/${number}`);
    expect(page.statusCode).toBe(200);
    const units = tilldelaSelect(page.body);
    expect(units).toMatch(/^<select[^>]*><option value selected>Välj enhet<\/option>/);
    expect(units).toContain('>Plan och bygg (Samhällsbyggnad)<');
    expect(units).not.toContain('Barn och utbildning');
    expect(units).not.toContain('Förskoleavdelningen');
    expect(units).not.toMatch(/ selected>(?!Välj enhet)/);
    expect(handlerSelect(page.body)).not.toContain('Hanna Handläggare');
    expect(page.body).toContain('Ärendets enhet, Gata och park, är avaktiverad. Välj en enhet som är i bruk.');
  });

  it('refuses to move the case to another förvaltning by assigning, or to leave it on the inactive unit', async () => {
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const version = versionIn((await s.get(`/handlaggning/arenden/${number}`)).body);
    const elsewhere = await s.post(`/handlaggning/arenden/${number}/tilldela`, { version, unitId: await unitId(t, 'Förskoleavdelningen'), handlerId: await userId(DEMO.handlerForskola) });
    expect(elsewhere.statusCode).toBe(400);
    expect(errorSummary(elsewhere.body)[0]).toMatch(/^Ett ärende tilldelas inom sin egen förvaltning/);
    const stay = await s.post(`/handlaggning/arenden/${number}/tilldela`, { version, unitId: '', handlerId: await userId(DEMO.handlerGata) });
    expect(stay.statusCode).toBe(400);
    expect(errorSummary(stay.body)).toEqual(['Enheten är avaktiverad. Välj en enhet som är i bruk.']);
    expect(await caseRow(t, number)).toMatchObject({ unit_id: gata, handler_id: await userId(DEMO.handlerGata) });

    const moved = await s.post(`/handlaggning/arenden/${number}/tilldela`, { version, unitId: await unitId(t, 'Samhällsbyggnad'), handlerId: await userId(DEMO.coordinatorSbf) });
    expect(moved.statusCode).toBe(303);
    expect(await caseRow(t, number)).toMatchObject({ unit_id: await unitId(t, 'Samhällsbyggnad') });
  });

  it('names the deactivated unit in the history', async () => {
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const page = await s.get(`/handlaggning/arenden/${number}`);
    expect(page.body).toMatch(/<dt>Förvaltning eller enhet<\/dt><dd>Gata och park<\/dd>/);
    expect(page.body).not.toContain('Okänd');
  });
});

describe('the assign command itself (any way in: page or API)', () => {
  it('refuses a registrar moving a case into another förvaltning by assigning', async () => {
    const { number } = await submitCase(t);
    await registerTo(t, number, 'Samhällsbyggnad');
    const registrar = await actorFor(t, DEMO.registrar);
    const attempt = assignCase(await caseDeps(t), { actor: registrar, number, unitId: await unitId(t, 'Förskoleavdelningen'), handlerId: await userId(DEMO.handlerForskola) });
    await expect(attempt).rejects.toMatchObject({ code: 'invalid', details: { unitId: expect.stringMatching(/^Ett ärende tilldelas inom sin egen förvaltning/) } });
    expect((await caseRow(t, number)).status).toBe('registered');
  });
});

describe('assignRefusal (pure)', () => {
  const F = 'f0000000-0000-4000-8000-000000000001';
  const A = 'a0000000-0000-4000-8000-000000000001';
  const E = 'e0000000-0000-4000-8000-000000000001';
  const OTHER = 'f0000000-0000-4000-8000-000000000002';
  const actor = (grants: Actor['grants']): Actor => ({ kind: 'user', id: 'u', name: 'U', organizationId: 'o', grants });
  const c: PolicyCase = { organizationId: 'o', status: 'assigned', unitPath: [F, A], handlerId: null, confidential: false };
  const inF = { path: [F, A, E], active: true };

  it('lets a coordinator assign inside the part of the förvaltning they distribute in', () => {
    expect(assignRefusal(actor([{ role: 'coordinator', unitId: F }]), c, inF)).toBeNull();
    expect(assignRefusal(actor([{ role: 'coordinator', unitId: A }]), c, inF)).toBeNull();
    expect(assignRefusal(actor([{ role: 'coordinator', unitId: A }]), c, { path: [F], active: true })).toMatch(/^Du fördelar inte ärenden/);
  });

  it('never lets anyone assign into another förvaltning or to an inactive unit', () => {
    expect(assignRefusal(actor([{ role: 'admin', unitId: null }]), c, { path: [OTHER], active: true })).toMatch(/^Ett ärende tilldelas inom sin egen förvaltning/);
    expect(assignRefusal(actor([{ role: 'admin', unitId: null }]), c, { ...inF, active: false })).toMatch(/^Enheten är avaktiverad/);
  });

  it('does not count roles that do not distribute, nor another organization', () => {
    expect(assignRefusal(actor([{ role: 'handler', unitId: F }]), c, inF)).toMatch(/^Du fördelar inte ärenden/);
    expect(assignRefusal(actor([{ role: 'unit_admin', unitId: F }]), c, inF)).toMatch(/^Du fördelar inte ärenden/);
    expect(assignRefusal({ ...actor([{ role: 'registrar', unitId: null }]), organizationId: 'x' }, c, inF)).toMatch(/^Du fördelar inte ärenden/);
  });
});
