import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { deadlineWorld } from '../../../test/deadlineFixture.ts';
import { listCases, type Sort } from '../cases/listQueries.ts';

/*
 * A registrar enters the morning's stack of letters, all "received 08:00". The list sorts by time
 * received, and these tie: they must show in the order they were registered (their numbers), not
 * shuffled. Eight of them, so a random order passes by chance once in 40 320 runs.
 */
describe('cases received at the same moment', () => {
  let tdb: TestDatabase;
  let w: Awaited<ReturnType<typeof deadlineWorld>>;
  const stack: string[] = [];
  let earlier: string;
  let later: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(4);
    w = await deadlineWorld(tdb.db, '2026-12-22T12:00:00Z');
    earlier = (await w.receive({ receivedAt: '2026-12-22T06:00:00Z' })).number;
    for (let i = 0; i < 8; i++) stack.push((await w.receive({ receivedAt: '2026-12-22T07:00:00Z' })).number);
    later = (await w.receive({ receivedAt: '2026-12-22T07:00:01Z' })).number;
  });
  afterAll(() => tdb.drop());

  const listed = async (sort: Sort, pageSize = 50) => {
    const numbers: string[] = [];
    for (let page = 1; ; page++) {
      const r = await listCases(tdb.db, w.registrar, { filter: {}, sort, today: '2026-12-22', page, pageSize });
      numbers.push(...r.rows.map((c) => c.number));
      if (!r.hasMore) return numbers;
    }
  };

  it('were numbered in the order they were registered', () => {
    expect([...stack].sort()).toEqual(stack);
  });

  it('show in the staff list in case-number order, newest received first around them', async () => {
    expect(await listed('received_desc')).toEqual([later, ...stack, earlier]);
  });

  it('show in case-number order also oldest first, and across pages', async () => {
    expect(await listed('received_asc')).toEqual([earlier, ...stack, later]);
    expect(await listed('received_desc', 3)).toEqual([later, ...stack, earlier]);
  });
});
