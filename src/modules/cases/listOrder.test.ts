import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildOrg, buildStaff, policyCases, type OrgFixture } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import type { Db } from '../../db/database.ts';
import type { Status } from './lifecycle.ts';
import { countCases, countCasesUpTo, listCases, SORTS, type CaseFilter, type Sort } from './listQueries.ts';
import { canSee, type Actor } from './policy.ts';

/*
 * The list reads the cases an actor may see in parts (their own cases, then each unit of their
 * grants, see visibleParts.ts) and merges them. Paging through must give the same order as one
 * ORDER BY over all of them, for every sort, with ties (same time, same date, same status) and
 * NULLs across the parts, and the capped count must agree with the exact one.
 */
describe('the case list merges its parts in list order', () => {
  let tdb: TestDatabase;
  let db: Db;
  let org: OrgFixture;
  let actors: Record<string, Actor>;
  const today = '2026-12-22';

  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = tdb.db;
    org = await buildOrg(db);
    const u = org.unit;
    actors = {
      // A förvaltning: the parts are its units' (and their subunits').
      coordinator: await buildStaff(db, org.id, { grants: [{ role: 'coordinator', unitId: u('Barn och utbildning') }] }),
      // Two units and cases of their own elsewhere.
      handler: await buildStaff(db, org.id, { grants: [{ role: 'handler', unitId: u('Solrosens förskola') }, { role: 'handler', unitId: u('Gata och park') }] }),
    };
    const units = ['Barn och utbildning', 'Förskoleavdelningen', 'Solrosens förskola', 'Centralskolan', 'Gata och park', 'Hemtjänst norr'];
    const statuses: Status[] = ['registered', 'assigned', 'in_progress', 'waiting', 'closed'];
    for (let n = 0; n < 60; n++) {
      await buildCase(db, {
        organizationId: org.id,
        status: statuses[n % statuses.length],
        unitId: u(units[n % units.length]!),
        handlerId: n % 4 === 0 ? actors.handler!.id : null,
        confidential: n % 9 === 0,
        confidentialityRef: n % 9 === 0 ? 'OSL 26 kap. 1 §' : null,
        // Three cases at each moment, in different parts: the order falls back on the id.
        receivedAt: new Date(Date.UTC(2026, 10, 1 + Math.floor(n / 3), 9)),
        answerBy: n % 5 === 0 ? null : `2026-12-${String(1 + (n % 7)).padStart(2, '0')}`,
      });
    }
  });
  afterAll(() => tdb.drop());

  async function paged(a: Actor, sort: Sort, filter: CaseFilter = {}) {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const r = await listCases(db, a, { filter, sort, today, page, pageSize: 7 });
      ids.push(...r.rows.map((x) => x.id));
      if (!r.hasMore) break;
    }
    return ids;
  }

  /** One ORDER BY over exactly the visible cases: the order the parts must merge into. */
  async function reference(a: Actor, sort: Sort, only?: (id: string) => boolean) {
    const visible = (await policyCases(db)).filter((c) => canSee(a, c.policy) && (!only || only(c.id))).map((c) => c.id);
    const [col, dir] = SORTS[sort];
    const rows = await db.selectFrom('cases as c').select('c.id').where('c.id', 'in', visible).orderBy(col, dir).orderBy('c.id').execute();
    return rows.map((r) => r.id);
  }

  it.each(Object.keys(SORTS) as Sort[])('sort %s: page after page in the same order as one ORDER BY', async (sort) => {
    for (const a of [actors.coordinator!, actors.handler!]) {
      const ids = await paged(a, sort);
      expect(ids.length).toBeGreaterThan(14);
      expect(ids).toEqual(await reference(a, sort));
    }
  });

  it('keeps the order with a filter and counts the same with and without the cap', async () => {
    const a = actors.handler!;
    const open = await db.selectFrom('cases').select('id').where('status', 'in', ['registered', 'assigned', 'in_progress', 'waiting']).execute();
    const openIds = new Set(open.map((r) => r.id));
    const ids = await paged(a, 'received_asc', { open: true });
    expect(ids).toEqual(await reference(a, 'received_asc', (id) => openIds.has(id)));
    const exact = await countCases(db, a, { open: true }, today);
    expect(exact).toBe(ids.length);
    expect(await countCasesUpTo(db, a, { open: true }, today, exact)).toEqual({ count: exact, more: false });
    expect(await countCasesUpTo(db, a, { open: true }, today, exact - 1)).toEqual({ count: exact - 1, more: true });
    // The page's own count (one statement with the page), also on a later page and past the last.
    const withCount = (cap: number, page = 1) => listCases(db, a, { filter: { open: true }, sort: 'received_asc', today, page, pageSize: 7, countUpTo: cap });
    expect(await withCount(exact)).toMatchObject({ count: exact, more: false });
    expect(await withCount(exact - 1)).toMatchObject({ count: exact - 1, more: true });
    expect(await withCount(exact, 2)).toMatchObject({ count: exact, more: false, hasMore: exact > 14 });
    expect(await withCount(exact, 99)).toMatchObject({ rows: [], count: exact, more: false });
    expect(await listCases(db, a, { filter: { q: 'inget sådant ord' }, today, countUpTo: 1000 })).toMatchObject({ rows: [], count: 0, more: false });
    expect((await withCount(exact, 2)).rows.map((r) => r.id)).toEqual(ids.slice(7, 14));
    // Their own list reads only their own cases, wherever they lie.
    const own = await paged(a, 'received_desc', { handlerId: a.id });
    const assigned = await db.selectFrom('cases').select('id').where('handler_id', '=', a.id).execute();
    expect(new Set(own)).toEqual(new Set(assigned.map((r) => r.id)));
    expect(own.length).toBe(15);
  });

  it('has the ties it claims to test', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT received_at FROM cases GROUP BY received_at HAVING count(*) > 1) t`.execute(db);
    expect(rows[0]!.n).toBe(20);
  });
});
