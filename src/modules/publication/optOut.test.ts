import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, NEW_CASE, newApiKey } from '../../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { caseRow, categoryId, DEMO, errorSummary, PHONE_CALL, submitCase, unitId } from '../../../test/staffCases.ts';
import { answeredCase, publishedCase } from './testFixture.ts';

/**
 * "Do not publish" for every way in (DOMAIN 19): recorded by staff registering a phone, letter or
 * visit case, sent by an integration, and changed later on the case page in either direction,
 * with an event in the history; publication respects it.
 */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const casePage = (n: string) => `/handlaggning/arenden/${n}`;
const publishPage = (n: string) => `/handlaggning/arenden/${n}/publicera`;
const events = (number: string) =>
  t.db.selectFrom('case_events as e').innerJoin('cases as c', 'c.id', 'e.case_id').select(['e.type', 'e.data', 'e.actor_label']).where('c.number', '=', number).orderBy('e.id').execute();

const phoneCall = { ...PHONE_CALL, description: 'Ringde om att grinden vid parken inte går att stänga.' };
const register = (s: Session, fields: Record<string, string>) => s.post('/handlaggning/ny', fields, { csrfFrom: '/handlaggning/ny' });
const numberOf = (location: string | undefined) => location!.split('/').pop()!;

describe('recording the answer when registering', () => {
  it('offers the question on the staff form and keeps the answer on the case, for a normal and a quick case', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const form = await s.get('/handlaggning/ny');
    expect(form.body).toContain('<label for="noPublish"');
    expect(form.body).toContain('Personen vill inte att synpunkten publiceras');

    const normal = await register(s, { ...phoneCall, noPublish: 'ja' });
    expect(normal.statusCode, normal.body.slice(0, 600)).toBe(303);
    const number = numberOf(normal.headers.location);
    expect((await caseRow(t, number)).publication_opt_out).toBe(true);
    expect((await events(number))[0]).toMatchObject({ type: 'received', data: expect.objectContaining({ publicationOptOut: true }) });
    // The case waits in the registrar's inbox; its history says what the person answered.
    const registrar = await new Session(t.app).signIn(DEMO.registrar);
    const history = (await registrar.get(casePage(number))).body.split('<h2>Historik</h2>')[1]!;
    expect(history).toMatch(/Vill inte att synpunkten publiceras<\/dt>\s*<dd>Ja<\/dd>/);

    const quick = await register(s, {
      ...phoneCall,
      noPublish: 'ja',
      mode: 'quick',
      unit: await unitId(t, 'Gata och park'),
      area: await categoryId(t, 'Fysisk miljö'),
      subcategory: await categoryId(t, 'Gator och vägar'),
      significance: 'routine',
      answerText: 'Grinden lagas i veckan.',
      outcome: 'measure_taken',
    });
    expect(quick.statusCode, quick.body.slice(0, 600)).toBe(303);
    const quickNumber = numberOf(quick.headers.location);
    expect((await caseRow(t, quickNumber)).publication_opt_out).toBe(true);
    // The quick case is closed at once: publication refuses it, on the page and on a post.
    const page = await s.get(publishPage(quickNumber));
    expect(page.body).toContain('Synpunktslämnaren har bett att synpunkten inte ska publiceras.');
    expect(page.body).not.toContain('name="title"');

    // Left unticked, the case may be published, as before.
    const plain = await register(s, phoneCall);
    expect((await caseRow(t, numberOf(plain.headers.location))).publication_opt_out).toBe(false);
  });

  it('takes it from an integration, shows it back, and refuses to publish', async () => {
    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
    const created = await api.post('/cases', { ...NEW_CASE, publicationOptOut: true });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.publicationOptOut).toBe(true);
    expect((await caseRow(t, created.body.number)).publication_opt_out).toBe(true);
    expect((await api.get(`/cases/${created.body.number}`)).body.publicationOptOut).toBe(true);
    const without = await api.post('/cases', NEW_CASE);
    expect(without.body.publicationOptOut).toBe(false);
    expect((await api.post('/cases', { ...NEW_CASE, publicationOptOut: 'ja' })).status).toBe(400);
  });
});

describe('changing it later on the case page', () => {
  const decide = async (s: Session, number: string, decision: string, comment = '') => {
    const version = String((await caseRow(t, number)).version);
    return s.post(`${casePage(number)}/publicering`, { decision, comment, version }, { csrfFrom: casePage(number) });
  };

  it('records a no for an e-mailed case, takes a published answer down at once, and a yes again, each with an event', async () => {
    const { number } = await publishedCase(t, { title: 'Grinden', question: 'Grinden går inte att stänga.', answer: 'Vi lagar den.' }, { close: true });
    expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(200);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const page = await s.get(casePage(number));
    expect(page.body).toContain('Publicering på webbplatsen');
    expect(page.body).toContain('Personen har inte sagt nej');

    const no = await decide(s, number, 'publiceras-inte', 'Ringde den 22 december.');
    expect(no.statusCode).toBe(303);
    expect(no.headers.location).toBe(`${casePage(number)}?klart=publiceringsbesked`);
    expect((await caseRow(t, number)).publication_opt_out).toBe(true);
    expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(410);
    expect((await t.app.inject('/svar')).body).not.toContain(number);
    const after = await events(number);
    expect(after.slice(-2)).toMatchObject([
      { type: 'publication_declined', data: { comment: 'Ringde den 22 december.' }, actor_label: expect.any(String) },
      { type: 'publication_withdrawn', data: { reason: 'Synpunktslämnaren har sagt nej till publicering.' } },
    ]);
    const shown = (await s.get(no.headers.location!)).body;
    expect(shown).toContain('Beskedet om publicering är sparat.');
    expect(shown.split('<h2>Historik</h2>')[1]).toContain('Synpunktslämnaren sa nej till publicering');
    expect((await s.get(publishPage(number))).body).toContain('Synpunktslämnaren har bett att synpunkten inte ska publiceras.');

    // The person changes their mind again: the case may be published, nothing is republished by itself.
    expect((await decide(s, number, 'far-publiceras')).statusCode).toBe(303);
    expect((await caseRow(t, number)).publication_opt_out).toBe(false);
    expect((await events(number)).at(-1)).toMatchObject({ type: 'publication_allowed', data: {} });
    expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(410);
    expect((await s.get(publishPage(number))).body).toContain('name="title"');
  });

  it('refuses a stale form and a missing choice without changing anything, and is not offered for anonymous cases', async () => {
    const { number } = await answeredCase(t);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const before = (await events(number)).length;
    const stale = await s.post(`${casePage(number)}/publicering`, { decision: 'publiceras-inte', version: '1' }, { csrfFrom: casePage(number) });
    expect(stale.statusCode).toBe(409);
    const missing = await decide(s, number, '');
    expect(missing.statusCode).toBe(400);
    expect(errorSummary(missing.body)).toEqual(['Välj om en avidentifierad version får publiceras']);
    expect((await caseRow(t, number)).publication_opt_out).toBe(false);
    expect(await events(number)).toHaveLength(before);

    const anon = await submitCase(t, { anonymous: 'true', name: '', email: '', replyChannel: '' });
    const admin = await new Session(t.app).signIn(DEMO.admin);
    expect((await admin.get(casePage(anon.number))).body).not.toContain(`${anon.number}/publicering"`);
    const refused = await admin.post(`${casePage(anon.number)}/publicering`, { decision: 'publiceras-inte', version: String((await caseRow(t, anon.number)).version) }, { csrfFrom: casePage(anon.number) });
    expect(refused.statusCode).toBe(409);
    expect((await caseRow(t, anon.number)).publication_opt_out).toBe(false);
  });

  it('is refused to a reader, who may not change the case', async () => {
    const { number } = await answeredCase(t);
    const reader = await new Session(t.app).signIn(DEMO.reader);
    const res = await reader.post(`${casePage(number)}/publicering`, { decision: 'publiceras-inte', version: String((await caseRow(t, number)).version) }, { csrfFrom: '/handlaggning/arenden' });
    expect(res.statusCode).toBe(409);
    expect(errorSummary(res.body)).toEqual(['Du har inte behörighet att göra det här i ärendet.']);
    expect((await caseRow(t, number)).publication_opt_out).toBe(false);
  });
});
