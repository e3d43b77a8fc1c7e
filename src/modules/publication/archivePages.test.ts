import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { publishedCase } from './testFixture.ts';

/** Archive pages past the end: they say so (404) and point at the last page, never that nothing is published. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  for (const i of [1, 2, 3]) await publishedCase(t, { title: `Hundrastgård ${i}`, question: `Hundrastgården i parken, fråga ${i}.`, answer: 'Vi lagar staketet.' });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a page past the end of the archive', () => {
  it('is 404, says there are no answers on that page, and links to the last page', async () => {
    const res = await get('/svar?sida=2');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<title>Sida 2 finns inte');
    expect(text(res.body)).toContain('Det finns inga svar på sida 2. Den sista sidan med svar är sida 1.');
    expect(res.body).toContain('<a href="/svar">Gå till sida 1</a>');
    expect(res.body).not.toContain('Inga svar är publicerade ännu');
    // The search form is there, so the person can go on from here.
    expect(res.body).toContain('name="q"');
  });

  it('keeps the number asked for instead of quietly showing another page', async () => {
    const res = await get('/svar?sida=999');
    expect(res.statusCode).toBe(404);
    expect(text(res.body)).toContain('Det finns inga svar på sida 999.');
    expect(res.body).not.toContain('Sida 250');
  });

  it('keeps the search in the link, and says plainly when the search matches nothing at all', async () => {
    const res = await get(`/svar?q=${encodeURIComponent('hundrastgård')}&sida=3`);
    expect(res.statusCode).toBe(404);
    expect(text(res.body)).toContain('Det finns inga svar på sida 3. Den sista sidan med svar är sida 1.');
    expect(res.body).toContain(`<a href="/svar?q=${encodeURIComponent('hundrastgård')}">Gå till sida 1</a>`);
    const none = await get('/svar?q=simhall&sida=3');
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('Inga publicerade svar matchar din sökning');
  });

  it('leaves the first page as it was, also for a number that is not one', async () => {
    for (const url of ['/svar', '/svar?sida=1', '/svar?sida=abc', '/svar?sida=0']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('Hundrastgård 3');
    }
  });
});
