import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { caseRow, categoryId, DEMO, errorSummary, eventTypes, registerTo, submitCase, unitId } from '../../../test/staffCases.ts';

/** The registrar's inbox: search, filters, sort, and bulk actions with a summary of what was done and refused. */

let t: TestContext;
let registrar: Session;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  registrar = await new Session(t.app).signIn(DEMO.registrar);
});
afterAll(() => t.close());

/** The case numbers listed, in order. */
const listed = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/handlaggning\/arenden\/(SYN-[\d-]+)">/g)].map((m) => m[1]!);
/** The checkbox value (number:version) of each case on the page. */
const boxes = (html: string) => Object.fromEntries([...html.matchAll(/name="arenden" value="((SYN-[\d-]+):\d+)"/g)].map((m) => [m[2]!, m[1]!]));
const inbox = async (query = '') => {
  const res = await registrar.get(`/handlaggning/inkorg${query}`);
  expect(res.statusCode).toBe(200);
  return res.body;
};

describe('search, filters and sort', () => {
  let lamp: string, bench: string, snow: string, park: string;
  beforeAll(async () => {
    t.clock.set('2026-12-14T09:00:00Z');
    ({ number: lamp } = await submitCase(t, { description: 'Lampan på torget blinkar.', name: 'Birgitta Ödman', email: 'b.odman@example.se', phone: '+46 70-123 45 67' }));
    t.clock.set('2026-12-15T09:00:00Z');
    ({ number: bench } = await submitCase(t, { kind: 'forslag', description: 'Fler bänkar vid ån, tack.', unit: await unitId(t, 'Samhällsbyggnad'), name: 'Carl Berg', email: 'carl@example.se' }));
    t.clock.set('2026-12-16T09:00:00Z');
    ({ number: snow } = await submitCase(t, { description: 'Snöröjningen har missat vår gata.', anonymous: 'true', name: '', email: '', replyChannel: 'none' }));
    ({ number: park } = await submitCase(t, { description: 'Parken är fin.', kind: 'berom' }));
    await registerTo(t, park, 'Gata och park');
  });

  it('finds a case by name, e-mail, phone in another notation, case number, running number or a word of the text', async () => {
    expect(listed(await inbox('?q=%C3%B6dman'))).toEqual([lamp]); // "ödman", any case
    expect(listed(await inbox('?q=carl%40example'))).toEqual([bench]);
    expect(listed(await inbox('?q=0701234567'))).toEqual([lamp]);
    expect(listed(await inbox('?q=070-123%2045'))).toEqual([lamp]);
    expect(listed(await inbox(`?q=${bench.toLowerCase()}`))).toEqual([bench]);
    expect(listed(await inbox(`?q=${Number(snow.slice(-5))}`))).toEqual([snow]);
    expect(listed(await inbox('?q=sn%C3%B6r%C3%B6jning'))).toEqual([snow]);
    // A registered case has left the inbox; a LIKE wildcard is taken literally.
    expect(listed(await inbox('?q=Parken'))).toEqual([]);
    expect(listed(await inbox('?q=%25'))).toEqual([]);
    const none = await inbox('?q=Xerxes');
    expect(none).toContain('Inga mottagna synpunkter passar sökningen.');
    expect(none).toContain('value="Xerxes"');
  });

  it('filters by kind, channel and suggested förvaltning, sorts, and keeps it all in the links', async () => {
    expect(listed(await inbox('?typ=forslag'))).toEqual([bench]);
    expect(listed(await inbox(`?forvaltning=${await unitId(t, 'Samhällsbyggnad')}`))).toEqual([bench]);
    expect(listed(await inbox('?forvaltning=ingen'))).toEqual([lamp, snow]);
    expect(listed(await inbox('?kanal=letter'))).toEqual([]);
    expect(listed(await inbox('?kanal=web'))).toEqual([lamp, bench, snow]);
    expect(listed(await inbox('?sortering=nyast'))).toEqual([snow, bench, lamp]);
    const page = await inbox('?typ=klagomal&sortering=nyast');
    expect(page).toContain('<option value="klagomal" selected>');
    expect(page).toContain('href="/handlaggning/inkorg?typ=klagomal&amp;sortering=nyast&amp;markera=alla"');
    // "Select all" without JavaScript: every box on the page comes back ticked.
    expect((await inbox('?typ=klagomal&markera=alla')).match(/name="arenden" value="[^"]+" checked/g)).toHaveLength(2);
    // The submitter's name for the registrar; "Anonym" when there is none.
    const all = await inbox();
    expect(all).toContain('Birgitta Ödman, b.odman@example.se');
    expect(all).toContain('<span class="muted">Anonym</span>');
  });
});

describe('bulk actions', () => {
  it('registers each ticked case in its own transaction, and says what was done and what was refused and why', async () => {
    t.clock.set('2026-12-17T09:00:00Z');
    const samhall = await unitId(t, 'Samhällsbyggnad');
    const { number: a } = await submitCase(t, { description: 'Bulk A', unit: samhall });
    const { number: b } = await submitCase(t, { description: 'Bulk B', unit: samhall });
    const { number: noUnit } = await submitCase(t, { description: 'Bulk C utan förvaltning' });
    const { number: stale } = await submitCase(t, { description: 'Bulk D ändras under tiden', unit: samhall });
    const seen = boxes(await inbox('?sortering=nyast'));
    await registerTo(t, stale, 'Plan och bygg'); // someone else got there first

    const area = await categoryId(t, 'Fysisk miljö');
    const posted = await registrar.post('/handlaggning/inkorg?sortering=nyast', { arenden: [seen[a]!, seen[b]!, seen[noUnit]!, seen[stale]!], atgard: 'registrera', omrade: area, enhet: '', betydelse: 'routine' });
    // Post/Redirect/Get: back to the inbox as it was filtered, the summary as case numbers and reason codes.
    expect(posted.statusCode).toBe(303);
    const location = posted.headers.location!;
    expect(location).toBe(`/handlaggning/inkorg?sortering=nyast&atgard=registrera&gjorda=${a},${b}&nekade=${noUnit}:ingen-forvaltning,${stale}:andrat`);
    const res = await registrar.get(location);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`2 ärenden registrerade och skickade till föreslagen förvaltning`);
    expect(res.body).toContain(`${a}, ${b}`);
    expect(res.body).toContain('2 ärenden kunde inte ändras');
    expect(res.body).toContain(`${noUnit}</a>: Synpunktslämnaren föreslog ingen förvaltning.`);
    expect(res.body).toContain(`${stale}</a>: Någon annan har ändrat ärendet sedan listan visades.`);
    for (const n of [a, b]) {
      expect(await caseRow(t, n)).toMatchObject({ status: 'registered', unit_id: samhall, area_id: area, significance: 'routine' });
      expect(await eventTypes(t, n)).toEqual(['received', 'register']);
    }
    expect((await caseRow(t, noUnit)).status).toBe('received');
    expect((await caseRow(t, stale)).unit_id).toBe(await unitId(t, 'Plan och bygg'));
    // The list under the summary is the inbox as it is now.
    expect(listed(res.body)).toContain(noUnit);
    expect(listed(res.body)).not.toContain(a);

    // Routing the one without a suggestion to a chosen unit.
    const again = await registrar.post('/handlaggning/inkorg', { arenden: [boxes(res.body)[noUnit]!], atgard: 'skicka', omrade: area, enhet: await unitId(t, 'Gata och park'), betydelse: 'important' });
    expect(again.statusCode).toBe(303);
    expect((await registrar.get(again.headers.location!)).body).toContain('1 ärende registrerat och skickat');
    expect(await caseRow(t, noUnit)).toMatchObject({ status: 'registered', unit_id: await unitId(t, 'Gata och park'), significance: 'important' });
  });

  it('marks cases as spam: not handled, outcome spam, no reply, recorded in each history', async () => {
    const { number: x } = await submitCase(t, { description: 'KÖP BILLIGA KLOCKOR' });
    const { number: y } = await submitCase(t, { description: 'KÖP BILLIGA KLOCKOR igen' });
    const seen = boxes(await inbox());
    const mailsBefore = await t.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await registrar.post('/handlaggning/inkorg', { arenden: [seen[x]!, seen[y]!], atgard: 'skrap' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/handlaggning/inkorg?atgard=skrap&gjorda=${x},${y}`);
    expect((await registrar.get(res.headers.location!)).body).toContain('2 ärenden markerade som skräp');
    for (const n of [x, y]) {
      expect(await caseRow(t, n)).toMatchObject({ status: 'not_handled', outcome: 'spam' });
      expect(await eventTypes(t, n)).toEqual(['received', 'spam']);
    }
    const mailsAfter = await t.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(mailsAfter.n)).toBe(Number(mailsBefore.n));
    const casePage = await registrar.get(`/handlaggning/arenden/${x}`);
    expect(casePage.body).toContain('Markerad som skräp (spam)');
    expect(casePage.body).toContain('Skräp (spam)');
    // In the case list it is told apart from a case not handled for its content.
    const list = await registrar.get(`/handlaggning/arenden?status=alla&q=${x}`);
    expect(list.body).toMatch(new RegExp(`${x}</a>[\\s\\S]*?<td>Inte handlagd \\(skräp\\)</td>`));
  });

  it('shows only what the summary codes name: an unknown code or a case number of the wrong form is left out', async () => {
    const page = (await inbox('?atgard=skrap&gjorda=SYN-2026-99998,<b>x</b>&nekade=SYN-2026-99999:saknas,SYN-2026-99997:P%C3%A5hittad%20text')).replace(/<input[^>]*>/g, '');
    expect(page).toContain('1 ärende markerat som skräp');
    expect(page).toContain('SYN-2026-99999</a>: Ärendet finns inte, eller du kan inte se det.');
    expect(page).toContain('1 ärende kunde inte ändras');
    expect(page).not.toContain('Påhittad');
    expect(page).not.toContain('<b>x</b>');
    expect(await inbox('?atgard=okand&gjorda=SYN-2026-99998')).not.toContain('bulk-summary');
  });

  it('refuses a case whose förvaltning requires a subcategory, by the guard that refused it', async () => {
    const { number } = await submitCase(t, { description: 'Bulk till skolan' });
    const area = await categoryId(t, 'Fysisk miljö');
    const res = await registrar.post('/handlaggning/inkorg', { arenden: [boxes(await inbox())[number]!], atgard: 'skicka', omrade: area, enhet: await unitId(t, 'Barn och utbildning'), betydelse: 'routine' });
    expect(res.headers.location).toBe(`/handlaggning/inkorg?atgard=skicka&nekade=${number}:underkategori`);
    expect((await registrar.get(res.headers.location!)).body).toContain('Förvaltningen kräver en underkategori. Registrera ärendet för sig.');
    expect(await caseRow(t, number)).toMatchObject({ status: 'received' });
  });

  it('asks for what is missing with the choices kept, and needs the form token', async () => {
    const { number } = await submitCase(t, { description: 'Bulk utan val' });
    const value = boxes(await inbox())[number]!;
    const none = await registrar.post('/handlaggning/inkorg', { atgard: 'registrera', omrade: '', enhet: '', betydelse: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toMatch(/<title>Fel: Inkorg /);
    expect(errorSummary(none.body)).toEqual(['Välj minst ett ärende i listan', 'Ange om ärendena är av vikt för verksamheten eller rutinmässiga']);
    const area = await categoryId(t, 'Bemötande');
    const noUnit = await registrar.post('/handlaggning/inkorg', { arenden: [value], atgard: 'skicka', omrade: area, enhet: '', betydelse: 'routine' });
    expect(noUnit.statusCode).toBe(400);
    expect(errorSummary(noUnit.body)).toEqual(['Välj vart ärendena ska skickas']);
    expect(noUnit.body).toContain(`value="${value}" checked`);
    expect(noUnit.body).toContain(`<option value="${area}" selected>`);
    expect(noUnit.body).toMatch(/id="bulk-betydelse-routine" name="betydelse" value="routine" checked/);
    const forged = await registrar.post('/handlaggning/inkorg', { arenden: [value], atgard: 'skrap' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await caseRow(t, number)).status).toBe('received');
  });

  it('does nothing to a case the person may not see, and the page is for registrars and admins only', async () => {
    const { number } = await submitCase(t, { description: 'Inte för handläggaren' });
    const v = boxes(await inbox())[number]!;
    const handler = await new Session(t.app).signIn(DEMO.handlerGata);
    expect((await handler.post('/handlaggning/inkorg', { arenden: [v], atgard: 'skrap' })).statusCode).toBe(404);
    expect((await caseRow(t, number)).status).toBe('received');
  });
});

describe('spam, one case at a time', () => {
  it('is offered on the registration page and closes the case as spam', async () => {
    const { number } = await submitCase(t, { description: 'Vinn en resa!!!' });
    const page = await registrar.get(`/handlaggning/arenden/${number}/registrera`);
    expect(page.body).toContain(`action="/handlaggning/arenden/${number}/skrap"`);
    const version = page.body.match(/name="version" value="(\d+)"/)![1]!;
    const res = await registrar.post(`/handlaggning/arenden/${number}/skrap`, { version });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/handlaggning/inkorg?klart=skrap&arende=${number}`);
    expect((await registrar.get(res.headers.location!)).body).toContain(`Ärende ${number}: Ärendet är markerat som skräp`);
    expect(await caseRow(t, number)).toMatchObject({ status: 'not_handled', outcome: 'spam' });
    // Twice is refused: the case is no longer one that can be marked.
    const twice = await registrar.post(`/handlaggning/arenden/${number}/skrap`, { version: String(Number(version) + 1) });
    expect(twice.statusCode).toBe(409);
  });
});

describe('search in right-to-left text', () => {
  it('finds a word that a direction mark touches, and the text is kept exactly', async () => {
    // As Arabic keyboards and copied text give it: marks around a word, an isolate around a number.
    const text = 'مرحبا \u200Fالإنارة\u200E لا تعمل \u2066Skolvägen 12\u2069 🙁';
    const { number } = await submitCase(t, { description: text, name: 'سارة أحمد', email: 'sara@example.se' });
    expect(listed(await inbox(`?q=${encodeURIComponent('الإنارة')}`))).toEqual([number]);
    expect(listed(await inbox('?q=Skolv%C3%A4gen'))).toEqual([number]);
    expect((await caseRow(t, number)).description).toBe(text);
  });
});
