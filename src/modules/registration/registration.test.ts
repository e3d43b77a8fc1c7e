import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { PHONE_CALL } from '../../../test/staffCases.ts';

let t: TestContext;
const unit = (name: string) => t.db.selectFrom('org_units').select('id').where('name', '=', name).executeTakeFirstOrThrow().then((u) => u.id);
const category = (name: string) => t.db.selectFrom('categories').select('id').where('name', '=', name).executeTakeFirstOrThrow().then((c) => c.id);
const userId = (email: string) => t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow().then((u) => u.id);

const HANNA = 'handlaggare.forskola@exempelkommun.se';
const GUSTAV = 'handlaggare.gata@exempelkommun.se';
const ADMIN = 'admin@exempelkommun.se';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

async function signedIn(email: string) {
  return new Session(t.app).signIn(email);
}

/** Posts the form with a CSRF token from the form page itself. */
const register = (s: Session, fields: Record<string, string>) => s.post('/handlaggning/ny', fields, { csrfFrom: '/handlaggning/ny' });

const caseByNumber = (number: string) => t.db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
const caseCount = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const numberFrom = (location: string | undefined) => {
  expect(location).toMatch(/^\/handlaggning\/ny\/registrerad\/SYN-2026-\d{5}$/);
  return location!.split('/').pop()!;
};

describe('the registration form', () => {
  it('offers the three ways, every channel, the time received (now) and the required confirmation', async () => {
    const s = await signedIn(HANNA);
    const res = await s.get('/handlaggning/ny');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Registrera synpunkt åt någon');
    for (const name of ['mode', 'channel', 'receivedAt', 'kind', 'description', 'unit', 'anonymous', 'name', 'email', 'phone', 'address', 'replyChannel', 'confirmed', 'area', 'subcategory', 'significance', 'confidential', 'confidentialityRef', 'answerText', 'outcome', 'measures']) {
      expect(res.body).toContain(`name="${name}"`);
      expect(res.body).toContain(`<label for="${name}"`);
    }
    for (const label of ['Telefon', 'Brev', 'Besök', 'E-post', 'Sociala medier', 'SMS', 'Pappersblankett']) expect(res.body).toContain(`>${label}</option>`);
    expect(res.body).toContain('value="2026-12-22T10:00"');
    expect(res.body).toContain('Jag har frågat personen och hen vill att jag registrerar synpunkten');
    expect(res.body).toContain('Snabbsynpunkt');
    expect(res.body).toContain('Intern synpunkt');
  });

  it('does not exist for a reader, and sends a signed-out visitor to sign in', async () => {
    const reader = await signedIn('lasare@exempelkommun.se');
    expect((await reader.get('/handlaggning/ny')).statusCode).toBe(404);
    const anon = await t.app.inject('/handlaggning/ny');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/logga-in');
  });
});

describe('registering on behalf', () => {
  it.each(['phone', 'letter', 'visit', 'email', 'social_media', 'sms', 'paper_form'])('records feedback received by %s with the real time received, into the inbox', async (channel) => {
    const s = await signedIn(HANNA);
    const forvaltning = await unit('Barn och utbildning');
    const res = await register(s, { ...PHONE_CALL, channel, unit: forvaltning });
    expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
    const number = numberFrom(res.headers.location);

    const c = await caseByNumber(number);
    expect(c).toMatchObject({ channel, status: 'received', kind: 'klagomal', is_internal: false, is_quick: false, channel_confirmed: true, suggested_unit_id: forvaltning, unit_id: null });
    // 14:30 Swedish winter time.
    expect(c.received_at.toISOString()).toBe('2026-12-21T13:30:00.000Z');
    const contact = await t.db.selectFrom('case_contacts').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'Örjan Ådahl', phone: '0123-45 67 89', reply_channel: 'phone' });
    const received = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(received).toMatchObject({ type: 'received', actor_user_id: await userId(HANNA) });
    expect(received.data).toMatchObject({ channel, registeredOnBehalf: true, confirmedWithSubmitter: true });

    // The confirmation page gives the number and the submitter's private link, which works.
    const page = await s.get(res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(number);
    const link = page.body.match(/https?:\/\/[^"<]+\/arende\/([A-Za-z0-9_-]{43})/);
    expect(link).not.toBeNull();
    const status = await t.app.inject(`/arende/${link![1]}`);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(number);
    expect(status.body).toContain('Ringde om att grinden');
  });

  it('refuses without the confirmation that the person was asked: 400, the input kept, nothing stored', async () => {
    const s = await signedIn(HANNA);
    const before = await caseCount();
    const res = await register(s, { ...PHONE_CALL, confirmed: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fel: Registrera synpunkt åt någon');
    expect(res.body).toContain('href="#confirmed"');
    expect(res.body).toContain('Bekräfta att du har frågat personen');
    expect(res.body).toContain('Ringde om att grinden vid förskolan inte går att stänga.');
    expect(res.body).toContain('value="Örjan Ådahl"');
    expect(await caseCount()).toBe(before);
  });

  it('refuses a time received in the future, and a time that is not a time', async () => {
    const s = await signedIn(HANNA);
    const before = await caseCount();
    const future = await register(s, { ...PHONE_CALL, receivedAt: '2026-12-22T12:00' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('href="#receivedAt"');
    expect(future.body).toContain('Tidpunkten kan inte ligga i framtiden');
    expect(future.body).toContain('value="2026-12-22T12:00"');
    const garbage = await register(s, { ...PHONE_CALL, receivedAt: 'igår' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.body).toContain('Skriv datum och klockslag i formen');
    expect(await caseCount()).toBe(before);
  });

  it('applies the citizen form’s rules to the person’s details, worded for staff', async () => {
    const s = await signedIn(HANNA);
    const res = await register(s, { ...PHONE_CALL, phone: '', name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Skriv personens namn');
    expect(res.body).toContain('Skriv personens telefonnummer, eftersom hen vill bli uppringd');
  });

  it('lets the person who registered see the confirmation even when the case is not theirs to open; no one else', async () => {
    const s = await signedIn(GUSTAV);
    const res = await register(s, { ...PHONE_CALL });
    const page = await s.get(res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Öppna ärende');
    const other = await signedIn(HANNA);
    expect((await other.get(res.headers.location!)).statusCode).toBe(404);
  });
});

describe('quick case (snabbsynpunkt)', () => {
  async function quickFields() {
    return {
      ...PHONE_CALL,
      mode: 'quick',
      description: 'Gatlyktan på Storgatan 3 är trasig.',
      unit: await unit('Gata och park'),
      area: await category('Fysisk miljö'),
      subcategory: await category('Gator och vägar'),
      significance: 'routine',
      answerText: 'Jag lovade att lampan byts i veckan.',
      outcome: 'measure_taken',
      measures: 'Beställt byte av armatur hos driften.',
    };
  }

  it('is registered, answered and closed in one step, with the outcome, the measure and the answer kept', async () => {
    const s = await signedIn(GUSTAV);
    const res = await register(s, await quickFields());
    expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
    const number = numberFrom(res.headers.location);
    const c = await caseByNumber(number);
    expect(c).toMatchObject({ status: 'closed', is_quick: true, outcome: 'measure_taken', significance: 'routine', unit_id: await unit('Gata och park'), handler_id: await userId(GUSTAV) });
    expect(c.closed_at).not.toBeNull();
    expect(c.first_answered_at).not.toBeNull();

    const events = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', c.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['received', 'quick_close', 'measure']);
    expect(events[1]!.data).toMatchObject({ outcome: 'measure_taken', answeredOnSpot: 'Jag lovade att lampan byts i veckan.' });
    expect(events[2]!.data).toMatchObject({ text: 'Beställt byte av armatur hos driften.' });

    // Said on the phone: kept as a recorded call on the day it came in, never queued for sending.
    const messages = await t.db.selectFrom('messages').selectAll().where('case_id', '=', c.id).execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'phone', status: 'recorded', occurred_on: '2026-12-21', body: 'Jag lovade att lampan byts i veckan.' });

    const page = await s.get(res.headers.location!);
    expect(page.body).toContain('registrerad, besvarad och avslutad');
    expect(page.body).toContain(`href="/handlaggning/arenden/${number}"`);
  });

  it('keeps what was answered for an anonymous person, shown on the case page', async () => {
    const s = await signedIn(GUSTAV);
    const res = await register(s, { ...(await quickFields()), anonymous: 'true', name: '', phone: '', replyChannel: 'none', answerText: 'Jag sa att vi lagar lampan på fredag.' });
    expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
    const c = await caseByNumber(numberFrom(res.headers.location));
    expect(c).toMatchObject({ anonymous: true, status: 'closed' });
    expect(c.first_answered_at).not.toBeNull();
    const page = await s.get(`/handlaggning/arenden/${c.number}`);
    expect(page.body).toContain('Jag sa att vi lagar lampan på fredag.');
    expect(page.body).toContain('Svar som gavs direkt');
  });

  it('is refused for a unit where the person does not work, before anything is stored', async () => {
    const s = await signedIn(GUSTAV);
    const before = await caseCount();
    const res = await register(s, { ...(await quickFields()), unit: await unit('Biblioteket'), subcategory: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#unit"');
    expect(res.body).toContain('Du kan bara registrera snabbsynpunkter för verksamheter där du arbetar');
    expect(await caseCount()).toBe(before);
  });

  it('needs the classification, an outcome and the subcategory a förvaltning requires', async () => {
    const s = await signedIn(ADMIN);
    const res = await register(s, { ...PHONE_CALL, mode: 'quick', unit: await unit('Solrosens förskola') });
    expect(res.statusCode).toBe(400);
    for (const field of ['area', 'subcategory', 'significance', 'outcome']) expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain('Barn och utbildning kräver en underkategori');

    const wrongSub = await register(s, { ...(await quickFields()), unit: await unit('Solrosens förskola') });
    expect(wrongSub.statusCode).toBe(400);
    expect(wrongSub.body).toContain('Underkategorin hör inte till Barn och utbildning');
  });
});

describe('internal case (intern synpunkt)', () => {
  it('needs no confirmation, is flagged internal, routed toward the chosen unit, and gets no status link', async () => {
    const s = await signedIn(HANNA);
    const solrosen = await unit('Solrosens förskola');
    const res = await register(s, {
      ...PHONE_CALL,
      mode: 'internal',
      channel: '',
      confirmed: '',
      kind: 'forslag',
      description: 'Vi borde ha en gemensam rutin för att låsa grinden vid hämtning.',
      unit: solrosen,
      anonymous: 'true',
      name: '',
      phone: '',
      replyChannel: '',
    });
    expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
    const number = numberFrom(res.headers.location);
    const c = await caseByNumber(number);
    expect(c).toMatchObject({ is_internal: true, channel: 'internal', status: 'received', suggested_unit_id: solrosen, anonymous: true, channel_confirmed: false });

    const page = await s.get(res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(number);
    expect(page.body).toContain('publiceras aldrig');
    expect(page.body).not.toContain('/arende/');
  });

  it('must say which unit it concerns', async () => {
    const s = await signedIn(HANNA);
    const res = await register(s, { ...PHONE_CALL, mode: 'internal', confirmed: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#unit"');
    expect(res.body).not.toContain('href="#confirmed"');
  });
});

describe('time of receipt', () => {
  it('refuses a time more than a year back, as a mistyped year would be', async () => {
    const { receivedAtProblem } = await import('../cases/receivedAt.ts');
    const now = new Date('2026-12-22T09:00:00Z');
    expect(receivedAtProblem(new Date('2016-12-22T09:00:00Z'), now)).toMatch(/mer än ett år bakåt/);
    expect(receivedAtProblem(new Date('2026-01-05T09:00:00Z'), now)).toBeNull();
    expect(receivedAtProblem(new Date('2026-12-23T09:00:00Z'), now)).toMatch(/framtiden/);
  });
});

describe('a double-click on the staff form', () => {
  it('registers one case, one after the other and at the same moment', async () => {
    const s = await signedIn(HANNA);
    const before = await caseCount();
    const fields = { ...PHONE_CALL, formId: 'personalformular-dubbel-01' };
    const [a, b] = [await register(s, fields), await register(s, fields)];
    expect(numberFrom(b.headers.location)).toBe(numberFrom(a.headers.location));
    const same = { ...PHONE_CALL, formId: 'personalformular-samtidig-1' };
    const csrf = await s.csrf('/handlaggning/ny');
    const [c, d] = await Promise.all([s.post('/handlaggning/ny', same, { csrf }), s.post('/handlaggning/ny', same, { csrf })]);
    expect(numberFrom(d.headers.location)).toBe(numberFrom(c.headers.location));
    expect(await caseCount()).toBe(before + 2);
  });
});
