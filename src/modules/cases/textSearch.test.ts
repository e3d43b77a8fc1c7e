import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, DEMO, registerTo, submitCase } from '../../../test/staffCases.ts';
import { listCases } from './listQueries.ts';
import { wordForms } from '../../platform/swedishWordForms.ts';
import { searchTsQuery } from './textSearch.ts';

/** Staff search finds a Swedish noun in its definite and indefinite forms, as the hint promises. */

let t: TestContext;
const today = '2026-12-10';
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-10T09:00:00Z' });
});
afterAll(() => t.close());

/** Whether the search q finds a text, by PostgreSQL's own Swedish configuration. */
async function finds(text: string, q: string): Promise<boolean> {
  const { rows } = await sql<{ hit: boolean }>`SELECT to_tsvector('swedish', ${text}) @@ ${searchTsQuery(q)} AS hit`.execute(t.db);
  return rows[0]!.hit;
}

describe('Swedish word forms in PostgreSQL', () => {
  // The common declensions: -a/-an/-or/-orna, -ar/-arna, -er/-erna, neuter -et/-en, -e/-et/-en/-ena, a vowel and -n.
  const nouns = [
    ['förskola', 'förskolan', 'förskolans', 'förskolor', 'förskolorna'],
    ['skola', 'skolan', 'skolor', 'skolorna'],
    ['gata', 'gatan', 'gator', 'gatorna'],
    ['lampa', 'lampan', 'lampor', 'lamporna'],
    ['soptunna', 'soptunnan', 'soptunnor', 'soptunnorna'],
    ['cykelbana', 'cykelbanan', 'cykelbanor', 'cykelbanorna'],
    ['gatlykta', 'gatlyktan', 'gatlyktor'],
    ['bil', 'bilen', 'bilar', 'bilarna'],
    ['väg', 'vägen', 'vägar', 'vägarna'],
    ['buss', 'bussen', 'bussar', 'bussarna'],
    ['pojke', 'pojken', 'pojkar', 'pojkarna'],
    ['park', 'parken', 'parker', 'parkerna'],
    ['lekplats', 'lekplatsen', 'lekplatser', 'lekplatserna'],
    ['hus', 'huset', 'husen'],
    ['träd', 'trädet', 'träden'],
    ['bibliotek', 'biblioteket', 'bibliotekets', 'biblioteken'],
    ['äldreboende', 'äldreboendet', 'äldreboenden', 'äldreboendena'],
    ['område', 'området', 'områden', 'områdena'],
    ['kontor', 'kontoret', 'kontoren'],
    ['cykel', 'cykeln'],
    ['snö', 'snön', 'snöns'],
  ];
  it('finds every form of a noun by every other', async () => {
    const misses: string[] = [];
    for (const forms of nouns) {
      for (const text of forms) for (const q of forms) if (!(await finds(`Det gäller ${text} i centrum.`, q))) misses.push(`${q} → ${text}`);
    }
    expect(misses).toEqual([]);
  });

  it('asks for a handful of forms, none that reads a lemma as a definite form', async () => {
    for (const forms of nouns) for (const w of forms) expect(wordForms(w).length, w).toBeLessThanOrEqual(5);
    // "plats" is no genitive of a "pla" (stemmed like "byggplast"), "trots" none of "tro".
    expect(await finds('Byggplast på tomten.', 'byggplats')).toBe(false);
    expect(await finds('Det var i god tro.', 'trots')).toBe(false);
  });

  it('keeps words apart that only look alike, every word required, stop words and operators as before', async () => {
    expect(await finds('Barnen leker.', 'bar')).toBe(false);
    expect(await finds('Bra bar.', 'barn')).toBe(false);
    expect(await finds('Snön på förskolan.', 'förskola snö')).toBe(true);
    expect(await finds('Snön på förskolan.', 'förskola bibliotek')).toBe(false);
    // "och" is a stop word: it asks for nothing, its invented forms neither.
    expect(await finds('Snön på förskolan.', 'snö och förskola')).toBe(true);
    expect(await finds('Snö på förskolan.', 'snö -förskolan')).toBe(false);
    expect(await finds('Snö på skolan.', 'snö -förskolan')).toBe(true);
    expect(await finds('Snön på förskolan.', '"snön på förskolan"')).toBe(true);
    // At least three letters stay: "sten" is no definite form of "st".
    expect(wordForms('sten')).not.toContain('st');
    expect(wordForms('ön')).not.toContain('ö');
  });
});

describe('the Ärenden list', () => {
  it('finds a definite form by the indefinite and back, and a case by its running number alone', async () => {
    const texts = ['Snön ligger kvar vid förskolan.', 'Förskola utan snöröjning.', 'Biblioteket stänger tidigt.', 'Ett bibliotek till behövs.'];
    const numbers: string[] = [];
    for (const description of texts) {
      const { number } = await submitCase(t, { description });
      await registerTo(t, number, 'Gata och park');
      numbers.push(number);
    }
    const registrar = await actorFor(t, DEMO.registrar);
    const found = async (q: string) => (await listCases(t.db, registrar, { filter: { q }, today, pageSize: 50 })).rows.map((r) => r.number).sort();
    expect(await found('förskolan')).toEqual([numbers[0], numbers[1]].sort());
    expect(await found('förskola')).toEqual([numbers[0], numbers[1]].sort());
    expect(await found('förskolor')).toEqual([numbers[0], numbers[1]].sort());
    expect(await found('bibliotek')).toEqual([numbers[2], numbers[3]].sort());
    expect(await found('snö')).toEqual([numbers[0]]);

    const s = await new Session(t.app).signIn(DEMO.registrar);
    for (const q of [numbers[2]!.slice(-5), String(Number(numbers[2]!.slice(-5)))]) {
      const res = await s.get(`/handlaggning/arenden?status=alla&q=${q}`);
      expect(res.statusCode).toBe(200);
      expect(res.body, q).toContain(numbers[2]);
      for (const other of [numbers[0], numbers[1], numbers[3]]) expect(res.body, q).not.toContain(`>${other}<`);
    }
  });
});
