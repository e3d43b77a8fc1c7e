import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { assignedTo, caseRow, DEMO, registerTo, submitCase, unitId } from '../../../test/staffCases.ts';

/** The lists: where each role starts, the handler's workspace with its filters and sorts, the coordinator's overview. */

let t: TestContext;
const n = {} as { school: string; park: string; praise: string; preschool: string; inbox: string };

/** The case numbers in a list page, in the order shown. */
const numbersIn = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/handlaggning\/arenden\/(SYN-\d{4}-\d{5})"/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  // Spread over December, so the period filter and the sorts have something to tell apart.
  t.clock.set('2026-12-01T09:00:00Z');
  n.school = (await submitCase(t, { description: 'Min skola serverar kall mat varje dag.', kind: 'klagomal' })).number;
  t.clock.set('2026-12-05T09:00:00Z');
  n.park = (await submitCase(t, { description: 'Parkbänkarna är trasiga.', kind: 'forslag' })).number;
  t.clock.set('2026-12-10T09:00:00Z');
  n.praise = (await submitCase(t, { description: 'Tack för den fina lekplatsen!', kind: 'berom' })).number;
  t.clock.set('2026-12-15T09:00:00Z');
  n.preschool = (await submitCase(t, { description: 'Förskolan stänger för tidigt.', kind: 'fraga' })).number;
  t.clock.set('2026-12-22T09:00:00Z');
  n.inbox = (await submitCase(t, { description: 'Ligger kvar i inkorgen.' })).number;

  await assignedTo(t, n.school, 'Gata och park', DEMO.handlerGata);
  await assignedTo(t, n.park, 'Gata och park', DEMO.handlerGata);
  await registerTo(t, n.praise, 'Gata och park');
  await assignedTo(t, n.preschool, 'Förskoleavdelningen', DEMO.handlerForskola, { subcategory: 'Förskola' });
  // Due dates are the deadlines module's business; set them here so "overdue" is plain to see.
  await t.db.updateTable('cases').set({ answer_by: '2026-12-15' }).where('number', '=', n.school).execute();
  await t.db.updateTable('cases').set({ answer_by: '2027-01-10' }).where('number', '=', n.park).execute();
});
afterAll(() => t.close());

describe('where each role starts', () => {
  it.each([
    [DEMO.registrar, '/handlaggning/inkorg'],
    [DEMO.admin, '/handlaggning/inkorg'],
    [DEMO.coordinatorSbf, '/handlaggning/forvaltning'],
    [DEMO.handlerGata, '/handlaggning/arenden'],
    [DEMO.reader, '/handlaggning/arenden'],
  ])('%s goes to %s', async (email, to) => {
    const s = await new Session(t.app).signIn(email);
    const res = await s.get('/handlaggning');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(to);
  });

  it('sends people who are not signed in to the sign-in page, and back afterwards', async () => {
    const res = await t.app.inject('/handlaggning/arenden?vy=enhet');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/logga-in?tillbaka=${encodeURIComponent('/handlaggning/arenden?vy=enhet')}`);
  });
});

describe("the handler's workspace", () => {
  it('starts a handler on their own cases, with Swedish labels and links to each case', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get('/handlaggning/arenden');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Mina ärenden – Exempelkommun</title>');
    expect(res.body).toMatch(/<a href="\/handlaggning\/arenden\?vy=mina" aria-current="page">Mina ärenden<\/a>/);
    expect(numbersIn(res.body).sort()).toEqual([n.school, n.park].sort());
    expect(res.body).toContain('Tilldelad');
    expect(res.body).toContain('Gata och park');
    expect(res.body).toContain('Gustav Gatuchef');
    expect(res.body).toContain('Klagomål');
    expect(res.body).toContain('2026-12-01');
  });

  it("shows the unit's cases, including ones with no handler yet, but not other units'", async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get('/handlaggning/arenden?vy=enhet');
    expect(numbersIn(res.body).sort()).toEqual([n.school, n.park, n.praise].sort());
    expect(res.body).not.toContain(n.preschool);
    expect(res.body).toContain('Ingen ännu');
    expect(res.body).toMatch(/aria-current="page">Min enhets ärenden<\/a>/);
  });

  it('calls the second tab "Alla ärenden" for a role on the whole organization', async () => {
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const res = await s.get('/handlaggning/arenden?vy=enhet');
    expect(res.body).toContain('<title>Alla ärenden – Exempelkommun</title>');
    expect(res.body).toMatch(/aria-current="page">Alla ärenden<\/a>/);
    expect(res.body).not.toContain('Min enhets ärenden');
  });

  it('marks overdue cases and filters on them', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const all = await s.get('/handlaggning/arenden?vy=enhet');
    expect(all.body).toMatch(new RegExp(`${n.school}[\\s\\S]*?2026-12-15</time> <span class="tag-warning">Försenad</span>`));
    const overdue = await s.get('/handlaggning/arenden?vy=enhet&forsenade=ja');
    expect(numbersIn(overdue.body)).toEqual([n.school]);
    expect(overdue.body).toMatch(/<input type="checkbox" id="forsenade" name="forsenade" value="ja" checked/);
  });

  it('filters by status, kind, unit, handler and area', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const list = async (qs: string) => numbersIn((await s.get(`/handlaggning/arenden?vy=enhet&${qs}`)).body).sort();
    expect(await list('status=registered')).toEqual([n.praise]);
    expect(await list('status=received')).toEqual([n.inbox]);
    expect(await list('status=alla')).toHaveLength(5);
    expect(await list('typ=forslag')).toEqual([n.park]);
    expect(await list(`enhet=${await unitId(t, 'Barn och utbildning')}`)).toEqual([n.preschool]);
    const hanna = await t.db.selectFrom('users').select('id').where('email', '=', DEMO.handlerForskola).executeTakeFirstOrThrow();
    expect(await list(`handlaggare=${hanna.id}`)).toEqual([n.preschool]);
    const area = (await caseRow(t, n.school)).area_id!;
    expect(await list(`omrade=${area}`)).toHaveLength(4);
  });

  it('searches the text with Swedish stemming, and by case number', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const search = async (q: string) => numbersIn((await s.get(`/handlaggning/arenden?vy=enhet&status=alla&q=${encodeURIComponent(q)}`)).body);
    expect(await search('skolor')).toEqual([n.school]);
    expect(await search('förskolan')).toEqual([n.preschool]);
    expect(await search('bänk')).toEqual([]);
    expect(await search('parkbänkar')).toEqual([n.park]);
    expect(await search(n.praise.toLowerCase())).toEqual([n.praise]);
  });

  it('filters by the period received, and explains a malformed date', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const period = await s.get('/handlaggning/arenden?vy=enhet&status=alla&fran=2026-12-05&till=2026-12-10');
    expect(numbersIn(period.body).sort()).toEqual([n.park, n.praise].sort());
    expect(period.body).toContain('value="2026-12-05"');

    const bad = await s.get('/handlaggning/arenden?vy=enhet&fran=5+december');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/<title>Fel: /);
    expect(bad.body).toContain('<a href="#fran">Skriv från-datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-01</a>');
    // The shape of a date, but no day PostgreSQL knows (it has no year 0).
    expect((await s.get('/handlaggning/arenden?vy=enhet&fran=0000-01-01')).statusCode).toBe(400);
    const backwards = await s.get('/handlaggning/arenden?vy=enhet&fran=2026-12-10&till=2026-12-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('Till-datumet kan inte vara före från-datumet');
  });

  it('sorts by received date either way, by status and by answer date, with aria-sort on the column', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const sorted = async (sort: string) => numbersIn((await s.get(`/handlaggning/arenden?vy=enhet&status=alla&sortering=${sort}`)).body);
    expect(await sorted('received_desc')).toEqual([n.inbox, n.preschool, n.praise, n.park, n.school]);
    expect(await sorted('received_asc')).toEqual([n.school, n.park, n.praise, n.preschool, n.inbox]);
    expect((await sorted('answer_by_asc'))[0]).toBe(n.school);
    // Status order: the three assigned cases, then received, then registered.
    const byStatus = await sorted('status');
    expect(byStatus.slice(0, 3).sort()).toEqual([n.school, n.park, n.preschool].sort());
    expect(byStatus.slice(3)).toEqual([n.inbox, n.praise]);
    const page = await s.get('/handlaggning/arenden?vy=enhet&sortering=received_asc');
    // Clicking the current column again turns it around (newest first is the default, so no parameter).
    expect(page.body).toContain('<th scope="col" aria-sort="ascending"><a href="/handlaggning/arenden?vy=enhet">Mottagen');
    // The filters survive a change of sort.
    const filtered = await s.get('/handlaggning/arenden?vy=enhet&typ=klagomal');
    expect(filtered.body).toContain('href="/handlaggning/arenden?vy=enhet&amp;typ=klagomal&amp;sortering=received_asc"');
  });

  it('pages through long lists', async () => {
    for (let i = 0; i < 26; i++) await submitCase(t, { description: `Massutskick nummer ${i}` });
    const s = await new Session(t.app).signIn(DEMO.admin);
    const first = await s.get('/handlaggning/arenden?vy=enhet&q=massutskick');
    expect(numbersIn(first.body)).toHaveLength(25);
    expect(first.body).toContain('Sida 1 av 2');
    expect(first.body).toContain('href="/handlaggning/arenden?vy=enhet&amp;q=massutskick&amp;sida=2">Nästa sida');
    const second = await s.get('/handlaggning/arenden?vy=enhet&q=massutskick&sida=2');
    expect(numbersIn(second.body)).toHaveLength(1);
    expect(second.body).toContain('Föregående sida');
  });

  it('shows readers no excerpts of what people wrote', async () => {
    const reader = await new Session(t.app).signIn(DEMO.reader);
    const res = await reader.get('/handlaggning/arenden?vy=enhet&status=alla&sortering=received_asc');
    expect(numbersIn(res.body)).toContain(n.school);
    expect(res.body).not.toContain('kall mat');
    const handler = await new Session(t.app).signIn(DEMO.handlerGata);
    expect((await handler.get('/handlaggning/arenden?vy=enhet')).body).toContain('kall mat');
  });
});

describe("the coordinator's overview", () => {
  it('shows unassigned, overdue and the other open cases of their förvaltning only, each case once', async () => {
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const res = await s.get('/handlaggning/forvaltning');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Samhällsbyggnad</h1>');
    const section = (title: string) => res.body.split(`>${title} (`)[1]!.split('</section>')[0]!;
    expect(numbersIn(section('Att fördela'))).toEqual([n.praise]);
    expect(numbersIn(section('Försenade'))).toEqual([n.school]);
    expect(numbersIn(section('Övriga öppna'))).toEqual([n.park]);
    const all = numbersIn(res.body);
    expect(all.length).toBe(new Set(all).size);
    expect(res.body).not.toContain(n.preschool);
  });

  it('is not there for people who are not coordinators', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    expect((await s.get('/handlaggning/forvaltning')).statusCode).toBe(404);
    expect((await s.get('/handlaggning/inkorg')).statusCode).toBe(404);
  });
});

describe('links from the statistics pages', () => {
  it('keep their filters when the list is sorted or paged', async () => {
    const { readListParams, listHref } = await import('./listParams.ts');
    const actor = { kind: 'user' as const, id: '00000000-0000-0000-0000-000000000001', name: 'X', organizationId: 'o', grants: [{ role: 'registrar' as const, unitId: null }] };
    const { params, filter } = readListParams({ vy: 'enhet', kanal: 'phone', tidsfrist: 'i-tid', omrade: 'ingen' }, actor);
    expect(filter.channel).toBe('phone');
    const next = new URL(listHref(params, { sida: 2 }), 'http://x');
    expect(next.searchParams.get('kanal')).toBe('phone');
    expect(next.searchParams.get('omrade')).toBe('ingen');
    expect(next.searchParams.get('sida')).toBe('2');
  });
});

// Last: its case would change what the lists above show.
describe('excerpts', () => {
  it('ends a long text at a whole word with an ellipsis, in the list and in the inbox', async () => {
    const long = 'Det är stora potthål på Skolvägen precis utanför Centralskolan. Bilarna svänger ut mot cykelbanan för att undvika dem, och det är farligt för barnen som cyklar till skolan.';
    const { number } = await submitCase(t, { description: long });
    const registrar = await new Session(t.app).signIn(DEMO.registrar);
    const shown = (html: string) => {
      const row = html.split(`/handlaggning/arenden/${number}"`)[1];
      if (row === undefined) throw new Error(`${number} is not on the page`);
      return row.split('</th>')[0]!;
    };
    // Looked up by its number: on the standing clock this case and the 27 before it (the paging
    // test's among them) share one time of receipt, so the id decides their order, and a random
    // id puts it past the first page (25) of the whole list about one run in ten.
    const inbox = shown((await registrar.get(`/handlaggning/inkorg?q=${number}`)).body);
    expect(inbox).toContain('och det är farligt …</span>');
    await registerTo(t, number, 'Gata och park');
    const list = shown((await registrar.get(`/handlaggning/arenden?vy=enhet&status=alla&q=${number}`)).body);
    expect(list).toContain('och det är farligt …</span>');
  });
});
