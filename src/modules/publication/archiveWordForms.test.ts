import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { publishedCase } from './testFixture.ts';

/** The archive's search finds a noun in its other forms, as the staff search does (platform/swedishWordForms.ts). */

let t: TestContext;
let definite = '';
let plural = '';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  // Every searched form is a word some answer uses, so no typo correction stands in for the forms.
  definite = (await publishedCase(t, { title: 'Maten på förskolan', question: 'Maten på förskolan är kall.', answer: 'Köket ser över rutinerna.' })).number;
  t.clock.advance(60_000);
  plural = (await publishedCase(t, { title: 'Plats i förskola', question: 'Kommunen behöver fler förskolor.', answer: 'Två nya förskolor byggs nästa år.' })).number;
});
afterAll(() => t.close());

const found = async (q: string) => {
  const res = await t.app.inject({ url: `/svar?q=${encodeURIComponent(q)}` });
  expect(res.statusCode).toBe(200);
  return [...res.body.matchAll(/<a href="\/svar\/(SYN-\d{4}-\d{5})"/g)].map((m) => m[1]!);
};

it('finds an answer about "förskolan" by "förskola" and "förskolor", and back', async () => {
  for (const q of ['förskola', 'förskolor', 'förskolan', 'förskolorna']) expect(await found(q), q).toEqual([plural, definite]);
  expect(await found('maten förskola')).toEqual([definite]);
});

it('asks nothing of a stop word, not even in invented forms', async () => {
  expect(await found('förskola och')).toEqual([plural, definite]);
  expect(await found('kall och förskola')).toEqual([definite]);
});
