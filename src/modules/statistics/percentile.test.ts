import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { percentileCont } from './percentile.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase(2);
});
afterAll(async () => t?.drop());

describe('percentiles from a histogram of days', () => {
  it('equal PostgreSQL percentile_cont over the raw values', async () => {
    const sets = [[1], [1, 2, 4], [0, 0, 0, 1, 9, 30], [5, 5, 6], [1, 2, 2, 8], [3, 3, 3, 3, 3, 3, 40, 41]];
    let seed = 7;
    for (let i = 0; i < 20; i++) sets.push(Array.from({ length: 1 + (i * 13) % 37 }, () => (seed = (seed * 48271) % 2147483647) % 60));
    for (const values of sets) {
      const h = new Map<number, number>();
      for (const v of values) h.set(v, (h.get(v) ?? 0) + 1);
      for (const f of [0.5, 0.9]) {
        const { rows } = await sql<{ p: number }>`SELECT percentile_cont(${f}::float8) WITHIN GROUP (ORDER BY v) AS p FROM unnest(${values}::int[]) v`.execute(t.db);
        expect(percentileCont(h, f)).toBeCloseTo(rows[0]!.p, 9);
      }
    }
    expect(percentileCont(new Map(), 0.5)).toBeNull();
  });
});
