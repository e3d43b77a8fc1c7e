import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, DEMO, registerTo, submitCase } from '../../../test/staffCases.ts';
import { countCases, countCasesUpTo } from './listQueries.ts';

/** The case list counts no further than it must: "more than N" instead of reading every match. */

let t: TestContext;
const today = '2026-12-10';

beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-10T09:00:00Z' });
  for (const description of ['Trasig gatlykta vid skolan.', 'Gatlyktan lyser inte.', 'Mörkt vid gatlyktan.']) {
    await registerTo(t, (await submitCase(t, { description })).number, 'Gata och park');
  }
});
afterAll(() => t.close());

describe('countCasesUpTo', () => {
  it('counts exactly up to the cap and says when there are more, for the same cases as countCases', async () => {
    const registrar = await actorFor(t, DEMO.registrar);
    const exact = await countCases(t.db, registrar, { q: 'gatlyktan' }, today);
    expect(exact).toBeGreaterThanOrEqual(2);
    expect(await countCasesUpTo(t.db, registrar, { q: 'gatlyktan' }, today, exact)).toEqual({ count: exact, more: false });
    expect(await countCasesUpTo(t.db, registrar, { q: 'gatlyktan' }, today, exact - 1)).toEqual({ count: exact - 1, more: true });
    expect(await countCasesUpTo(t.db, registrar, { q: 'gatlyktan' }, today, 1000)).toEqual({ count: exact, more: false });
  });

  it('keeps the scope: a handler of another unit counts none of them', async () => {
    const other = await actorFor(t, DEMO.handlerForskola);
    expect(await countCasesUpTo(t.db, other, { q: 'gatlyktan' }, today)).toEqual({ count: 0, more: false });
  });

  it('shows the exact number on the list page below the cap', async () => {
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const res = await s.get('/handlaggning/arenden?vy=enhet&status=alla&q=gatlyktan');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Alla ärenden: \d+ ärenden/);
    expect(res.body).not.toContain('fler än');
  });
});
