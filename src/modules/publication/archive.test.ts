import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { categoryId, DEMO, errorSummary, unitId } from '../../../test/staffCases.ts';
import { buildOrg } from '../../../test/factories.ts';
import { publishedCase } from './testFixture.ts';

/** The public archive: order, paging, filters, search (stemming, typos), bounded input, escaping, the feed and "asked before?". */

let t: TestContext;
const n: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  n.snow = (await publishedCase(t, { title: 'Snöröjningen på Ågatan', question: 'Snöröjningen på Ågatan kom för sent i morse.', answer: 'Plogbilarna prioriterar huvudgatorna först.' })).number;
  t.clock.advance(60_000);
  n.lamp = (await publishedCase(t, { title: 'Trasig gatlykta', question: 'Gatlyktan vid busshållplatsen lyser inte.', answer: 'Vi har bytt lampan i gatlyktan.' }, { fields: { kind: 'fraga' } })).number;
  t.clock.advance(60_000);
  n.school = (await publishedCase(t, { title: 'Maten på förskolan', question: 'Maten på förskolan är <script>alert(1)</script> för kall.', answer: 'Vi ser över hur maten hålls varm & serveras.' }, { unit: 'Förskoleavdelningen', handler: DEMO.handlerForskola, subcategory: 'Förskola' })).number;
  await t.db.updateTable('publications').set({ area_id: await categoryId(t, 'Fysisk miljö') }).where('case_number', '=', n.lamp).execute();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const numbersIn = (html: string) => [...html.matchAll(/<a href="\/svar\/(SYN-\d{4}-\d{5})"/g)].map((m) => m[1]!);

describe('the archive page', () => {
  it('lists published answers newest first, linked from the start page', async () => {
    const res = await get('/svar');
    expect(res.statusCode).toBe(200);
    expect(numbersIn(res.body)).toEqual([n.school, n.lamp, n.snow]);
    expect((await get('/')).body).toContain('href="/svar"');
  });

  it('escapes everything and shows only the reviewed text', async () => {
    const list = (await get('/svar')).body;
    expect(list).not.toContain('<script>alert(1)');
    expect(list).toContain('&lt;script>alert(1)&lt;/script>');
    const page = await get(`/svar/${n.school}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hålls varm &amp; serveras');
    expect(page.body).not.toContain('<script>alert(1)');
    for (const text of ['Frågan ställdes', 'Besvarad', 'Barn och utbildning', 'Tjänster', '22 december 2026']) expect(page.body).toContain(text);
    // Nothing of the submitter: the test cases were sent by Åsa Öberg.
    expect(page.body).not.toContain('Öberg');
    expect(page.body).not.toContain('asa@example.se');
  });

  it('filters by area, förvaltning and kind', async () => {
    expect(numbersIn((await get(`/svar?omrade=${await categoryId(t, 'Fysisk miljö')}`)).body)).toEqual([n.lamp]);
    expect(numbersIn((await get(`/svar?forvaltning=${await unitId(t, 'Barn och utbildning')}`)).body)).toEqual([n.school]);
    expect(numbersIn((await get('/svar?typ=fraga')).body)).toEqual([n.lamp]);
  });

  it('finds inflected forms with the Swedish configuration, and something despite a typo', async () => {
    expect(numbersIn((await get('/svar?q=snöröjning')).body)).toEqual([n.snow]);
    expect(numbersIn((await get(`/svar?q=${encodeURIComponent('gatlyktor')}`)).body)).toEqual([n.lamp]);
    expect(numbersIn((await get(`/svar?q=${encodeURIComponent('snöröjnig')}`)).body)).toEqual([n.snow]);
    expect(numbersIn((await get(`/svar?q=${encodeURIComponent('förskolan mat')}`)).body)).toEqual([n.school]);
    const none = await get('/svar?q=simhall');
    expect(numbersIn(none.body)).toEqual([]);
    expect(none.body).toContain('Inga publicerade svar matchar din sökning');
    // Operators and punctuation are words to us, not syntax.
    expect((await get(`/svar?q=${encodeURIComponent("snö & | ! ( ' : *")}`)).statusCode).toBe(200);
  });

  it('refuses unbounded or unknown input with a clear message, keeping what was typed', async () => {
    const long = await get(`/svar?q=${'a'.repeat(201)}&typ=x&omrade=${crypto.randomUUID()}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('<title>Fel: ');
    expect(errorSummary(long.body)).toEqual(['Sökningen får vara högst 200 tecken', 'Välj ett område i listan', 'Välj klagomål, fråga, beröm eller förslag']);
    expect(long.body).toContain(`value="${'a'.repeat(201)}"`);
  });

  it('pages 20 at a time, keeping the search in the links', async () => {
    for (let i = 0; i < 21; i++) await publishedCase(t, { title: `Parkering ${i}`, question: `Parkeringen vid torget, fråga ${i}.`, answer: 'Parkeringen är avgiftsfri på söndagar.' });
    const first = await get('/svar?q=parkering');
    expect(numbersIn(first.body)).toHaveLength(20);
    expect(first.body).toContain('href="/svar?q=parkering&amp;sida=2"');
    const second = await get('/svar?q=parkering&sida=2');
    expect(numbersIn(second.body)).toHaveLength(1);
    expect(second.body).toContain('href="/svar?q=parkering" rel="prev"');
    expect(numbersIn((await get('/svar?sida=2')).body)).toHaveLength(4);
    // Past the end: 404 with a link to the last page (archivePages.test.ts).
    expect((await get('/svar?sida=99999999')).statusCode).toBe(404);
  });

  it('keeps organizations apart: /o/<slug>/svar shows only that organization’s answers', async () => {
    const other = await buildOrg(t.db, { slug: 'annan-kommun' });
    const res = await get(`/o/${other.slug}/svar`);
    expect(res.statusCode).toBe(200);
    expect(numbersIn(res.body)).toEqual([]);
    expect(res.body).toContain('href="/o/annan-kommun/svar/flode.atom"');
    expect((await get(`/o/${other.slug}/svar/${n.snow}`)).statusCode).toBe(404);
  });

  it('answers 404 for numbers never published and malformed ones', async () => {
    expect((await get('/svar/SYN-2026-99999')).statusCode).toBe(404);
    expect((await get('/svar/inte-ett-nummer')).statusCode).toBe(404);
  });
});

describe('the Atom feed', () => {
  it('is well-formed Atom with the newest answers and absolute links', async () => {
    const res = await get('/svar/flode.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const dir = mkdtempSync(join(tmpdir(), 'lyhord-atom-'));
    writeFileSync(join(dir, 'feed.xml'), res.body);
    execFileSync('xmllint', ['--noout', join(dir, 'feed.xml')]);
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">');
    expect(res.body).toContain(`<link rel="alternate" type="text/html" href="http://localhost/svar/${n.snow}"/>`);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('"has this been asked before?"', () => {
  it('returns up to three published answers sharing specific words, and nothing for unrelated text', async () => {
    const res = await get(`/svar/liknande.json?text=${encodeURIComponent('Gatlyktan utanför busshållplatsen på min gata har inte lyst på länge')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { answers: { number: string; url: string; title: string }[] };
    expect(body.answers[0]).toMatchObject({ number: n.lamp, url: `/svar/${n.lamp}`, title: 'Trasig gatlykta' });
    expect(body.answers.length).toBeLessThanOrEqual(3);
    const unrelated = (await get(`/svar/liknande.json?text=${encodeURIComponent('Biblioteket borde ha längre öppettider på lördagar')}`)).json() as { answers: unknown[] };
    expect(unrelated.answers).toEqual([]);
    expect((await get(`/svar/liknande.json?text=${'a'.repeat(2001)}`)).statusCode).toBe(400);
  });

  it('is offered on the form by a script, hidden without JavaScript, and the script is served from our origin', async () => {
    const form = (await get('/synpunkt')).body;
    expect(form).toContain('<aside id="liknande-svar" class="similar-answers" hidden');
    expect(form).toContain('<script src="/assets/liknande-svar.js" defer></script>');
    const js = await get('/assets/liknande-svar.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain("'/liknande.json'");
  });
});
