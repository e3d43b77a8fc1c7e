import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, caseDeps, caseRow, categoryId, DEMO, errorSummary, registerTo, submitCase, unitId, versionIn } from '../../../test/staffCases.ts';
import { referCase } from '../cases/commands.ts';
import { STALE_MESSAGE } from '../cases/transition.ts';

/** The registrar's inbox and the registration page: register and route, refer, reject. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const messagesOf = async (number: string) => {
  const c = await caseRow(t, number);
  return t.db.selectFrom('messages').selectAll().where('case_id', '=', c.id).execute();
};

async function registerPage(s: Session, number: string, query = '') {
  const res = await s.get(`/handlaggning/arenden/${number}/registrera${query}`);
  expect(res.statusCode).toBe(200);
  return res;
}

describe('the inbox', () => {
  it('lists what has arrived and is not registered, oldest first, with the time it has waited', async () => {
    t.clock.set('2026-12-18T09:00:00Z');
    const { number: old } = await submitCase(t, { description: 'Gammal synpunkt' });
    t.clock.set('2026-12-21T04:00:00Z');
    const { number: recent } = await submitCase(t, { description: 'Nyare synpunkt' });
    t.clock.set('2026-12-21T08:00:00Z');
    const { number: done } = await submitCase(t);
    await registerTo(t, done, 'Gata och park');
    t.clock.set('2026-12-21T09:00:00Z');

    const s = await new Session(t.app).signIn(DEMO.registrar);
    const res = await s.get('/handlaggning/inkorg');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<a href="/handlaggning/inkorg" aria-current="page">Inkorg</a>');
    const rows = [...res.body.matchAll(/<th scope="row"><a href="\/handlaggning\/arenden\/(SYN-[\d-]+)">[\s\S]*?<td>[^<]*<time[^>]*>[^<]*<\/time><\/td><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      [old, '3 dagar'],
      [recent, '5 timmar'],
    ]);
    expect(res.body).not.toContain(done);
    expect(res.body).toContain(`href="/handlaggning/arenden/${old}/registrera"`);
    expect(res.body).toContain('2 synpunkter väntar');
  });

  it('is for registrars and administrators only', async () => {
    for (const email of [DEMO.coordinatorSbf, DEMO.handlerGata, DEMO.reader]) {
      const s = await new Session(t.app).signIn(email);
      expect((await s.get('/handlaggning/inkorg')).statusCode, email).toBe(404);
    }
  });
});

describe('registering', () => {
  it('asks for what is missing, field by field, and keeps what was chosen', async () => {
    const { number } = await submitCase(t);
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await registerPage(s, number);
    const res = await s.post(`/handlaggning/arenden/${number}/registrera`, { version: versionIn(page.body), kind: 'fraga', areaId: '', unitId: '', subcategoryId: '', significance: '', confidentialityRef: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Fel: Registrera ärende /);
    expect(errorSummary(res.body)).toEqual(['Välj område', 'Välj vilken förvaltning eller enhet ärendet ska till', 'Ange om ärendet är av vikt för verksamheten eller rutinmässigt']);
    expect(res.body).toContain('<a href="#registrera-areaId">');
    expect(res.body).toMatch(/<input type="radio" id="registrera-kind-fraga" name="kind" value="fraga" checked/);
  });

  it('requires a subcategory where the förvaltning says so, and one of its own', async () => {
    const { number } = await submitCase(t, { description: 'Skolskjutsen kom inte i morse.' });
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await registerPage(s, number);
    // Without JavaScript the page lists every förvaltning's subcategories, grouped.
    expect(page.body).toContain('<optgroup label="Barn och utbildning">');
    expect(page.body).toContain('Måste väljas för Barn och utbildning och Vård och omsorg.');
    const base = { version: versionIn(page.body), kind: 'klagomal', areaId: await categoryId(t, 'Tjänster'), unitId: await unitId(t, 'Barn och utbildning'), significance: 'important' };

    const none = await s.post(`/handlaggning/arenden/${number}/registrera`, { ...base, subcategoryId: '' });
    expect(none.statusCode).toBe(400);
    expect(errorSummary(none.body)).toEqual(['Barn och utbildning kräver en underkategori. Välj en underkategori under Barn och utbildning']);
    expect(none.body).toContain('href="#registrera-subcategoryId"');

    const wrong = await s.post(`/handlaggning/arenden/${number}/registrera`, { ...base, subcategoryId: await categoryId(t, 'Bygglov') });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummary(wrong.body)).toEqual(['Välj en underkategori som hör till Barn och utbildning, eller ingen']);
    expect((await caseRow(t, number)).status).toBe('received');

    const ok = await s.post(`/handlaggning/arenden/${number}/registrera`, { ...base, unitId: await unitId(t, 'Grundskoleavdelningen'), subcategoryId: await categoryId(t, 'Skolskjuts') });
    expect(ok.statusCode).toBe(303);
    const grundskolan = await unitId(t, 'Grundskoleavdelningen');
    expect(ok.headers.location).toBe(`/handlaggning/inkorg?klart=registrerad-enhet&arende=${number}&till=${grundskolan}`);
    expect((await s.get(ok.headers.location!)).body).toContain(`Ärende ${number}: Ärendet är registrerat och skickat direkt till Grundskoleavdelningen (Barn och utbildning).`);
    expect(await caseRow(t, number)).toMatchObject({
      status: 'registered',
      unit_id: await unitId(t, 'Grundskoleavdelningen'),
      subcategory_id: await categoryId(t, 'Skolskjuts'),
      significance: 'important',
      registered_by: (await t.db.selectFrom('users').select('id').where('email', '=', DEMO.registrar).executeTakeFirstOrThrow()).id,
    });
  });

  it('confirms where the case went: to the förvaltning, or straight to the unit it names', async () => {
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const register = async (unitName: string) => {
      const { number } = await submitCase(t);
      const page = await registerPage(s, number);
      const res = await s.post(`/handlaggning/arenden/${number}/registrera`, { version: versionIn(page.body), kind: 'klagomal', areaId: await categoryId(t, 'Fysisk miljö'), unitId: await unitId(t, unitName), subcategoryId: '', significance: 'routine' });
      expect(res.statusCode).toBe(303);
      const inbox = await s.get(res.headers.location!);
      expect(inbox.statusCode).toBe(200);
      return inbox.body.match(new RegExp(`Ärende ${number}: ([^<]+)`))?.[1];
    };
    expect(await register('Samhällsbyggnad')).toBe('Ärendet är registrerat och skickat till förvaltningen.');
    expect(await register('Gata och park')).toBe('Ärendet är registrerat och skickat direkt till Gata och park (Samhällsbyggnad).');
  });

  it('marks a case confidential only with a legal reference', async () => {
    const { number } = await submitCase(t);
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await registerPage(s, number);
    const base = { version: versionIn(page.body), kind: 'klagomal', areaId: await categoryId(t, 'Bemötande'), unitId: await unitId(t, 'Gata och park'), subcategoryId: '', significance: 'routine', confidential: 'ja' };
    const missing = await s.post(`/handlaggning/arenden/${number}/registrera`, { ...base, confidentialityRef: '' });
    expect(errorSummary(missing.body)).toEqual(['Ange lagrum för sekretessen, till exempel OSL 26 kap. 1 §']);
    expect(missing.body).toMatch(/<input type="checkbox" id="registrera-confidential" name="confidential" value="ja" checked/);
    const ok = await s.post(`/handlaggning/arenden/${number}/registrera`, { ...base, confidentialityRef: 'OSL 26 kap. 1 §' });
    expect(ok.statusCode).toBe(303);
    expect(await caseRow(t, number)).toMatchObject({ confidential: true, confidentiality_ref: 'OSL 26 kap. 1 §' });
  });

  it('refuses a stale form with the reason and the choices made', async () => {
    const { number } = await submitCase(t);
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await registerPage(s, number);
    await registerTo(t, number, 'Plan och bygg');
    const res = await s.post(`/handlaggning/arenden/${number}/registrera`, {
      version: versionIn(page.body),
      kind: 'klagomal',
      areaId: await categoryId(t, 'Bemötande'),
      unitId: await unitId(t, 'Gata och park'),
      subcategoryId: '',
      significance: 'routine',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain(STALE_MESSAGE);
    expect(res.body).toContain('Gata och park (Samhällsbyggnad)');
    expect((await caseRow(t, number)).unit_id).toBe(await unitId(t, 'Plan och bygg'));
  });
});

describe('not a synpunkt', () => {
  it('refers a fault report with the standard reply, edited, sent by the channel asked for', async () => {
    const { number } = await submitCase(t, { description: 'Gatlampan utanför nummer 12 är trasig.' });
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const choose = await registerPage(s, number);
    expect(choose.body).toContain('<select id="hanvisning" name="hanvisning"');
    expect(choose.body).not.toContain(`action="/handlaggning/arenden/${number}/hanvisa"`);

    const prepared = await registerPage(s, number, '?hanvisning=fault_report');
    expect(prepared.body).toContain('Hänvisas som: <strong>Felanmälan</strong>');
    expect(prepared.body).toContain('Skickas med e-post till asa@example.se.');
    // The organization's own template from the frasbibliotek, its placeholders filled in.
    const template = prepared.body.match(/<textarea id="hanvisa-reply"[^>]*>([\s\S]*?)<\/textarea>/)![1]!;
    expect(template).toContain('Hej Åsa Öberg!');
    expect(template).toContain('www.exempelkommun.se/felanmalan');
    expect(template).toContain(`Ditt ärende ${number} hos oss avslutas.`);
    expect(template).toContain('Rebecka Registrator');
    expect(template).not.toMatch(/\{[a-z]+\}/);

    const empty = await s.post(`/handlaggning/arenden/${number}/hanvisa`, { version: versionIn(prepared.body), referralType: 'fault_report', reply: '' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Skriv svaret till synpunktslämnaren']);
    expect(empty.body).toContain('href="#hanvisa-reply"');

    const reply = 'Hej!\n\nGör en felanmälan på https://www.exempelkommun.se/felanmalan så lagas lampan.\n\nMed vänliga hälsningar\nExempelkommun';
    const res = await s.post(`/handlaggning/arenden/${number}/hanvisa`, { version: versionIn(prepared.body), referralType: 'fault_report', reply });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/handlaggning/inkorg?klart=hanvisat&arende=${number}`);
    expect(await caseRow(t, number)).toMatchObject({ status: 'referred', referral_type: 'fault_report' });
    const [m] = await messagesOf(number);
    expect(m).toMatchObject({ purpose: 'referral', channel: 'email', recipient: 'asa@example.se', status: 'queued' });
    expect(m!.body.startsWith(`${reply}\n\n-- \nÄrende ${number} hos Exempelkommun\n`)).toBe(true);
  });

  it('refuses a reply with the standard text’s [brackets] left in, on the form and in the command', async () => {
    const { number } = await submitCase(t, { description: 'Det gäller Skatteverkets beslut.' });
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await registerPage(s, number, '?hanvisning=other_authority');
    const template = page.body.match(/<textarea id="hanvisa-reply"[^>]*>([\s\S]*?)<\/textarea>/)![1]!;
    expect(template).toContain('[myndighetens namn]');
    const res = await s.post(`/handlaggning/arenden/${number}/hanvisa`, { version: versionIn(page.body), referralType: 'other_authority', reply: template });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['Fyll i eller ta bort det som står inom hakparentes innan du skickar: ”[myndighetens namn]”, ”[hur man når myndigheten]”']);
    expect(res.body).toContain('href="#hanvisa-reply"');
    // The API and every other caller go through the command, which refuses the same.
    const deps = await caseDeps(t);
    const reply = { channel: 'email' as const, body: 'Vänd dig till [myndighetens namn].' };
    await expect(referCase(deps, { actor: await actorFor(t, DEMO.registrar), number, referralType: 'other_authority', reply })).rejects.toThrow(/hakparentes/);
    expect(await messagesOf(number)).toHaveLength(0);
    expect((await caseRow(t, number)).status).toBe('received');
  });

  it('refers an anonymous submission without any reply', async () => {
    const { number } = await submitCase(t, { anonymous: 'true', name: '', email: '', replyChannel: '' });
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await registerPage(s, number, '?hanvisning=appeal');
    expect(page.body).toContain('Synpunktslämnaren är anonym, så inget svar skickas.');
    expect(page.body).not.toContain('id="hanvisa-reply"');
    const res = await s.post(`/handlaggning/arenden/${number}/hanvisa`, { version: versionIn(page.body), referralType: 'appeal' });
    expect(res.statusCode).toBe(303);
    expect((await caseRow(t, number)).status).toBe('referred');
    expect(await messagesOf(number)).toEqual([]);
  });

  it('closes offensive content as not handled, with the standard reply', async () => {
    const { number } = await submitCase(t, { description: 'Personangrepp på en namngiven tjänsteman.' });
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await registerPage(s, number);
    const template = page.body.match(/<textarea id="inte-handlagd-reply"[^>]*>([\s\S]*?)<\/textarea>/)![1]!;
    expect(template).toContain('handläggs det inte som en synpunkt');
    expect(template).toContain(number);
    const noReason = await s.post(`/handlaggning/arenden/${number}/inte-handlagd`, { version: versionIn(page.body), reason: '', reply: template });
    expect(errorSummary(noReason.body)).toEqual(['Välj skäl']);
    const res = await s.post(`/handlaggning/arenden/${number}/inte-handlagd`, { version: versionIn(page.body), reason: 'offensive', reply: template });
    expect(res.statusCode).toBe(303);
    expect(await caseRow(t, number)).toMatchObject({ status: 'not_handled', outcome: 'not_handled' });
    expect((await messagesOf(number)).map((m) => m.purpose)).toEqual(['not_handled']);
    const casePage = await s.get(`/handlaggning/arenden/${number}`);
    expect(casePage.body).toContain('<strong>Inte handlagd</strong>');
    expect(casePage.body).toContain('Kränkande innehåll eller personangrepp');
  });

  it('lets the coordinator refer a case already routed to them, from the case page', async () => {
    const { number } = await submitCase(t, { description: 'Jag vill överklaga bygglovsbeslutet.' });
    await registerTo(t, number, 'Plan och bygg');
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const casePage = await s.get(`/handlaggning/arenden/${number}`);
    expect(casePage.body).toContain(`href="/handlaggning/arenden/${number}/registrera#inte-synpunkt"`);
    // Without a template of the organization's own, the built-in standard reply.
    const deviation = await registerPage(s, number, '?hanvisning=deviation');
    expect(deviation.body).toContain('lex Sarah');
    const page = await registerPage(s, number, '?hanvisning=appeal');
    expect(page.body).not.toContain(`method="post" action="/handlaggning/arenden/${number}/registrera"`);
    const template = page.body.match(/<textarea id="hanvisa-reply"[^>]*>([\s\S]*?)<\/textarea>/)![1]!;
    expect(template).toContain('överklaga');
    expect(template).toContain('Sven Samordnare');
    const res = await s.post(`/handlaggning/arenden/${number}/hanvisa`, { version: versionIn(page.body), referralType: 'appeal', reply: template });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/handlaggning/arenden/${number}?klart=hanvisat`);
    expect((await caseRow(t, number)).status).toBe('referred');
  });

  it('sends a handler who cannot register or refer to the case page instead', async () => {
    const { number } = await submitCase(t);
    await registerTo(t, number, 'Gata och park');
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get(`/handlaggning/arenden/${number}/registrera`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/handlaggning/arenden/${number}`);
    const post = await s.post(`/handlaggning/arenden/${number}/hanvisa`, { version: String((await caseRow(t, number)).version), referralType: 'appeal' });
    expect(post.statusCode).toBe(409);
    expect((await caseRow(t, number)).status).toBe('registered');
  });
});
