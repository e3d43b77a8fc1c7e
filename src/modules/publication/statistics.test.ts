import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, caseDeps, DEMO } from '../../../test/staffCases.ts';
import { computeStatistics } from '../statistics/queries.ts';
import { withdrawPublication } from './commands.ts';
import { publishedCase } from './testFixture.ts';

/** Statistics count published answers in the month they were first published, in every period compared. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2025-12-10T09:00:00Z' });
});
afterAll(() => t.close());

const text = (i: number) => ({ title: `Svar ${i}`, question: `Fråga nummer ${i} om parken.`, answer: 'Vi har sett över parken.' });

describe('published answers in the statistics', () => {
  it('counts per period, keeps a withdrawn answer in the month it was published, and shows the row', async () => {
    await publishedCase(t, text(1)); // December 2025: same period last year
    t.clock.set('2026-11-05T09:00:00Z');
    await publishedCase(t, text(2)); // November 2026: previous period
    t.clock.set('2026-12-15T09:00:00Z');
    const withdrawn = await publishedCase(t, text(3));
    await publishedCase(t, text(4));
    const revision = (await t.db.selectFrom('publications').select('revision').where('case_number', '=', withdrawn.number).executeTakeFirstOrThrow()).revision;
    await withdrawPublication(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number: withdrawn.number, revision, reason: 'Fel' });

    const r = await computeStatistics(t.db, { scope: { organizationIds: [t.orgId], includeConfidential: true }, period: { from: '2026-12', to: '2026-12' }, filter: {}, groupBy: 'forvaltning', today: '2026-12-15' });
    expect([r.current.published, r.previous.published, r.lastYear.published]).toEqual([2, 1, 1]);
    // Scoped like every other number: a kind none of them has counts nothing.
    const none = await computeStatistics(t.db, { scope: { organizationIds: [t.orgId], includeConfidential: true }, period: { from: '2026-12', to: '2026-12' }, filter: { kind: 'berom' }, groupBy: 'forvaltning', today: '2026-12-15' });
    expect(none.current.published).toBe(0);

    const s = await new Session(t.app).signIn(DEMO.admin);
    const page = await s.get('/statistik?fran=2026-12&till=2026-12');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Publicerade svar på webbplatsen \(avidentifierade\)<\/th>\s*<td[^>]*>2<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>/);
  });
});
