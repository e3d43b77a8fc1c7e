import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { caseRow } from '../../../test/staffCases.ts';
import { purgeCaseContent } from './disposal.ts';
import { publishedCase } from './testFixture.ts';

/** Disposal removes every text this module keeps of a case, in the caller's transaction, and nothing else. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const words = async () => new Map((await t.db.selectFrom('publication_words').select(['word', 'documents']).execute()).map((w) => [w.word, w.documents]));

describe('purgeCaseContent', () => {
  it('removes the public text, every version and its words; the archive forgets it; past counts stay', async () => {
    const kept = await publishedCase(t, { title: 'Gatlykta på Ågatan', question: 'Gatlyktan är trasig.', answer: 'Vi byter den.' });
    const gone = await publishedCase(t, { title: 'Gatlykta vid skolan', question: 'Gatlyktan vid skolan är trasig.', answer: 'Lampan är bytt.' });
    expect((await words()).get('gatlykta')).toBe(2);
    expect((await words()).get('skolan')).toBe(1);

    const id = (await caseRow(t, gone.number)).id;
    // In the caller's transaction: a rollback leaves everything as it was.
    await expect(
      t.db.transaction().execute(async (tx) => {
        await purgeCaseContent(tx, [id]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await t.app.inject(`/svar/${gone.number}`)).statusCode).toBe(200);

    await t.db.transaction().execute((tx) => purgeCaseContent(tx, [id]));
    expect((await t.app.inject(`/svar/${gone.number}`)).statusCode).toBe(404);
    expect((await t.app.inject('/svar?q=skolan')).body).not.toContain(gone.number);
    expect(await t.db.selectFrom('publication_versions').select('id').where('case_id', '=', id).execute()).toEqual([]);
    const row = await t.db.selectFrom('publications').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    expect([row.title, row.question, row.answer, row.withdrawn_reason]).toEqual([null, null, null, null]);
    expect(row.first_published_at).not.toBeNull();
    const w = await words();
    expect(w.get('gatlykta')).toBe(1);
    expect(w.has('skolan')).toBe(false);
    // The other case is untouched.
    expect((await t.app.inject(`/svar/${kept.number}`)).statusCode).toBe(200);
    await t.db.transaction().execute((tx) => purgeCaseContent(tx, []));
  });
});
