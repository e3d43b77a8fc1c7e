import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, FORM, Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { seedDemoOrganization } from '../organizations/demo.ts';
import { seedDemoStaff } from '../organizations/demoStaff.ts';
import { registerTo } from '../../../test/staffCases.ts';

/** A case forwarded to the installation's housing company: referred here, received there, linked both ways. */
let t: TestContext;
let company: string;
const B = '/o/bostadsbolaget';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  company = await seedDemoOrganization(t.db, { slug: 'bostadsbolaget', name: 'Exempelbostäder AB', isDefault: false });
  await seedDemoStaff(t.db, company);
});
afterAll(() => t.close());

const KIM = { anonymous: 'false', name: 'Kim Hyresgäst', email: 'kim@example.se', phone: '070-123 45 67', address: 'Storgatan 3', replyChannel: 'email' };
/** The status link's token of the last case made by citizenCase. */
let lastToken = '';

async function citizenCase(description: string, who: Record<string, string> = KIM): Promise<string> {
  const payload = form({ kind: 'klagomal', description, unit: '', ...who, formId: `f-${Math.random().toString(36).slice(2, 14)}-x` });
  const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  lastToken = res.headers.location!.split('/').pop()!;
  const row = await t.db.selectFrom('cases').select('number').where('description', '=', description).executeTakeFirstOrThrow();
  return row.number;
}

async function forward(number: string) {
  const s = await new Session(t.app).signIn('registrator@exempelkommun.se');
  const res = await s.post(`/handlaggning/arenden/${number}/vidarebefordra`, { toOrganizationId: company }, { csrfFrom: `/handlaggning/arenden/${number}/vidarebefordra` });
  expect(res.statusCode).toBe(303);
  const here = await t.db.selectFrom('cases').select(['id', 'forwarded_to_case_id']).where('organization_id', '=', t.orgId).where('number', '=', number).executeTakeFirstOrThrow();
  const there = await t.db.selectFrom('cases').select('number').where('id', '=', here.forwarded_to_case_id!).executeTakeFirstOrThrow();
  return { location: res.headers.location!, page: (await s.get(res.headers.location!)).body, hereId: here.id, newNumber: there.number };
}

describe('forwarding a case to another organization', () => {
  it('refers the case here and makes a new received case there, with the same content and contact, linked both ways', async () => {
    const number = await citizenCase('Tvättstugan i mitt hyreshus är trasig igen.');
    const token = lastToken;
    const s = await new Session(t.app).signIn('registrator@exempelkommun.se');
    const form = await s.get(`/handlaggning/arenden/${number}/vidarebefordra`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Exempelbostäder AB');
    expect(form.body).not.toContain('>Exempelkommun</option>');

    const missing = await s.post(`/handlaggning/arenden/${number}/vidarebefordra`, { toOrganizationId: '' }, { csrfFrom: `/handlaggning/arenden/${number}/vidarebefordra` });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#toOrganizationId"');
    // A tampered form with no UUID names no organization (and never reaches the database).
    const tampered = await s.post(`/handlaggning/arenden/${number}/vidarebefordra`, { toOrganizationId: 'inte-ett-id' }, { csrfFrom: `/handlaggning/arenden/${number}/vidarebefordra` });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.body).toContain('href="#toOrganizationId"');

    const res = await s.post(`/handlaggning/arenden/${number}/vidarebefordra`, { toOrganizationId: company, comment: 'Gäller bolagets fastighet.' }, { csrfFrom: `/handlaggning/arenden/${number}/vidarebefordra` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/handlaggning/arenden/${number}?klart=vidarebefordrat-email`);
    expect((await s.get(res.headers.location!)).body).toContain('Synpunktslämnaren får besked med e-post');

    const here = await t.db.selectFrom('cases').selectAll().where('organization_id', '=', t.orgId).where('number', '=', number).executeTakeFirstOrThrow();
    expect(here).toMatchObject({ status: 'referred', referral_type: 'other_organization' });
    expect(here.closed_at).not.toBeNull();
    const there = await t.db.selectFrom('cases').selectAll().where('id', '=', here.forwarded_to_case_id!).executeTakeFirstOrThrow();
    expect(there).toMatchObject({
      organization_id: company,
      status: 'received',
      kind: here.kind,
      channel: here.channel,
      description: here.description,
      anonymous: false,
      forwarded_from_case_id: here.id,
    });
    expect(there.received_at.toISOString()).toBe(here.received_at.toISOString());
    // Numbered there with the company's own letters: the number names this case in the whole installation.
    expect(there.number).toMatch(/^BOS-\d{4}-\d{5}$/);
    expect(there.unit_id).toBeNull();
    const contact = await t.db.selectFrom('case_contacts').selectAll().where('case_id', '=', there.id).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'Kim Hyresgäst', email: 'kim@example.se', phone: '070-123 45 67', address: 'Storgatan 3', reply_channel: 'email' });

    // Rule 6 ("tillfrågad") travels with the case; the submitter is told where it went and how to follow it.
    expect(there.channel_confirmed).toBe(here.channel_confirmed);
    const told = await t.db.selectFrom('messages').select(['purpose', 'recipient', 'subject', 'body', 'status']).where('case_id', '=', here.id).where('purpose', '=', 'referral').executeTakeFirstOrThrow();
    expect(told).toMatchObject({ recipient: 'kim@example.se', status: 'queued', subject: `Din synpunkt ${number} har skickats vidare` });
    expect(told.body).toContain(`Där har den fått nummer ${there.number}`);
    expect(told.body).toContain('Exempelbostäder AB');
    expect(told.body).toMatch(/\/o\/bostadsbolaget\/arende\/[A-Za-z0-9_-]{43}/);
    // The status page of the case here says where it went, with the link to follow it there.
    const status = (await t.app.inject(`/arende/${token}`)).body;
    expect(status).toContain('Exempelbostäder AB');
    expect(status).toContain(there.number);
    expect(status).toMatch(/href="http:\/\/localhost:3000\/o\/bostadsbolaget\/arende\/[A-Za-z0-9_-]{43}"/);

    const referEvent = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', here.id).where('type', '=', 'refer').executeTakeFirstOrThrow();
    expect(referEvent.data).toMatchObject({ referralType: 'other_organization', forwardedTo: { organization: 'Exempelbostäder AB', number: there.number } });
    const receivedEvent = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', there.id).executeTakeFirstOrThrow();
    expect(receivedEvent).toMatchObject({ type: 'received', to_status: 'received' });
    expect(receivedEvent.data).toMatchObject({ forwardedFrom: { organization: 'Exempelkommun', number }, comment: 'Gäller bolagets fastighet.' });
    // The history here names where it went; a bare "Annan organisation" left staff guessing.
    const historyHere = (await s.get(`/handlaggning/arenden/${number}`)).body;
    expect(historyHere).toMatch(new RegExp(`Vidarebefordrat till</dt>\\s*<dd>Exempelbostäder AB, ${there.number}<`));
    // So do the case's connections, without a link: the company's case is not this user's to open.
    expect(historyHere).not.toContain('Inga länkade eller sammanslagna ärenden');
    expect(historyHere).toContain(`<li>Vidarebefordrat till Exempelbostäder AB, ${there.number}</li>`);

    // The company's registrar finds it in its own organization; Exempelkommun's staff do not.
    const companyStaff = await new Session(t.app, B).signIn('registrator@exempelkommun.se');
    const detail = await companyStaff.get(`/handlaggning/arenden/${there.number}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Tvättstugan i mitt hyreshus är trasig igen.');
    expect(detail.body).toMatch(new RegExp(`Vidarebefordrat från</dt>\\s*<dd>Exempelkommun, ${number}<`));
    expect(detail.body).toContain(`<li>Vidarebefordrat från Exempelkommun, ${number}</li>`);
    // Who the received entry is by agrees with the ärende, as the details under it do (not "Vidarebefordrad").
    expect(receivedEvent.actor_label).toBe('Vidarebefordrat från Exempelkommun');
    expect(detail.body).toContain(' av Vidarebefordrat från Exempelkommun');

    // Forwarding twice is refused, and nothing more is made.
    const again = await s.get(`/handlaggning/arenden/${number}/vidarebefordra`);
    expect(again.body).toContain('redan vidarebefordrat');
    const twice = await s.post(`/handlaggning/arenden/${number}/vidarebefordra`, { toOrganizationId: company }, { csrfFrom: `/handlaggning/arenden/${number}/vidarebefordra` });
    expect(twice.statusCode).toBe(409);
    expect(Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', company).executeTakeFirstOrThrow()).n)).toBe(1);
  });

  it('is not for those who may not refer the case, and not to the same organization', async () => {
    const number = await citizenCase('Hissen står still.');
    const handler = await new Session(t.app).signIn('handlaggare.gata@exempelkommun.se');
    expect((await handler.get(`/handlaggning/arenden/${number}/vidarebefordra`)).statusCode).toBe(404);
    expect((await handler.post(`/handlaggning/arenden/${number}/vidarebefordra`, { toOrganizationId: company }, { csrfFrom: '/handlaggning/arenden' })).statusCode).toBe(404);

    const registrar = await new Session(t.app).signIn('registrator@exempelkommun.se');
    const self = await registrar.post(`/handlaggning/arenden/${number}/vidarebefordra`, { toOrganizationId: t.orgId }, { csrfFrom: `/handlaggning/arenden/${number}/vidarebefordra` });
    expect(self.statusCode).toBe(400);
    const reader = await new Session(t.app).signIn('lasare@exempelkommun.se');
    expect((await reader.get(`/handlaggning/arenden/${number}/vidarebefordra`)).statusCode).toBe(404);

    // A handler who sees a case in their unit but never forwards it: no page either, not a refusal on one.
    const inUnit = await citizenCase('Bänken i parken är trasig.');
    await registerTo(t, inUnit, 'Gata och park');
    expect((await handler.get(`/handlaggning/arenden/${inUnit}`)).statusCode).toBe(200);
    expect((await handler.get(`/handlaggning/arenden/${inUnit}/vidarebefordra`)).statusCode).toBe(404);
    expect((await handler.post(`/handlaggning/arenden/${inUnit}/vidarebefordra`, { toOrganizationId: company }, { csrfFrom: `/handlaggning/arenden/${inUnit}` })).statusCode).toBe(404);
    // The registrar still gets the page for it, with the form.
    expect((await registrar.get(`/handlaggning/arenden/${inUnit}/vidarebefordra`)).body).toContain('<button type="submit">Vidarebefordra</button>');
    const still = await t.db.selectFrom('cases').select(['status', 'forwarded_to_case_id']).where('organization_id', '=', t.orgId).where('number', '=', number).executeTakeFirstOrThrow();
    expect(still).toEqual({ status: 'received', forwarded_to_case_id: null });
  });

  it('tells a submitter without e-mail by a letter to print or a call to make, and an anonymous one on the status page', async () => {
    const byLetter = await citizenCase('Porten till nummer 5 går inte att låsa.', { anonymous: 'false', name: 'Bo Brevsson', address: 'Storgatan 5\n123 45 Exempelstad', replyChannel: 'letter' });
    const letterToken = lastToken;
    const letter = await forward(byLetter);
    expect(letter.location).toBe(`/handlaggning/arenden/${byLetter}?klart=vidarebefordrat-letter`);
    expect(letter.page).toContain('skriv ut det och skicka det');
    const sent = await t.db.selectFrom('messages').select(['purpose', 'channel', 'recipient', 'subject', 'body', 'status']).where('case_id', '=', letter.hereId).execute();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ purpose: 'referral', channel: 'letter', status: 'recorded', recipient: 'Bo Brevsson\nStorgatan 5\n123 45 Exempelstad', subject: `Din synpunkt ${byLetter} har skickats vidare` });
    expect(sent[0]!.body).toContain(`Där har den fått nummer ${letter.newNumber}`);
    const letterStatus = (await t.app.inject(`/arende/${letterToken}`)).body;
    expect(letterStatus).toContain('Besked med brev');
    expect(letterStatus).toContain(letter.newNumber);

    const byPhone = await citizenCase('Det luktar gas i trapphuset.', { anonymous: 'false', name: 'Pia Telefon', phone: '070-765 43 21', replyChannel: 'phone' });
    const phone = await forward(byPhone);
    expect(phone.location).toBe(`/handlaggning/arenden/${byPhone}?klart=vidarebefordrat-phone`);
    expect(phone.page).toContain('Ring synpunktslämnaren');
    const call = await t.db.selectFrom('messages').select(['channel', 'recipient', 'status', 'body']).where('case_id', '=', phone.hereId).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ channel: 'phone', recipient: '070-765 43 21', status: 'recorded' });
    expect(call.body).toContain(phone.newNumber);

    const anonymous = await citizenCase('Någon har klottrat på garaget.', { anonymous: 'true', name: '', email: '', phone: '', address: '', replyChannel: '' });
    const anonToken = lastToken;
    const anon = await forward(anonymous);
    expect(anon.location).toBe(`/handlaggning/arenden/${anonymous}?klart=vidarebefordrat-none`);
    expect(await t.db.selectFrom('messages').select('id').where('case_id', '=', anon.hereId).execute()).toEqual([]);
    const anonStatus = (await t.app.inject(`/arende/${anonToken}`)).body;
    expect(anonStatus).toContain('Exempelbostäder AB');
    expect(anonStatus).toContain(anon.newNumber);
  });
});
