import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { uuidv7, uuidv7Generator } from './uuidv7.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
const counterOf = (id: string) => parseInt(id.slice(15, 18), 16);

function expectIncreasing(ids: string[]) {
  for (let i = 1; i < ids.length; i++) {
    if (!(ids[i - 1]! < ids[i]!)) expect.fail(`id ${i} (${ids[i]}) is not greater than the one before (${ids[i - 1]})`);
  }
}

describe('uuidv7', () => {
  it('is a version 7, RFC variant uuid carrying the time it was made', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(id).toMatch(UUID_V7);
    expect(msOf(id)).toBeGreaterThanOrEqual(before);
    expect(msOf(id)).toBeLessThanOrEqual(after);
  });

  it('only grows, over 10 000 calls in a tight loop (many in one millisecond)', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expectIncreasing(ids);
  });

  it('keeps growing when the clock stands still past the counter, and when it steps back', () => {
    let now = 1_760_000_000_000;
    const next = uuidv7Generator(() => now);
    // 4096 is more than the 12-bit counter holds in one millisecond, whatever it started at.
    const still = Array.from({ length: 5000 }, () => next());
    now -= 60_000;
    const back = Array.from({ length: 10 }, () => next());
    const ids = [...still, ...back];
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expectIncreasing(ids);
    expect(msOf(still[0]!)).toBe(1_760_000_000_000);
    expect(msOf(back.at(-1)!)).toBeGreaterThan(1_760_000_000_000);
  });

  it('starts each new millisecond low in the counter, leaving room for at least 2048 more', () => {
    let now = 1_760_000_000_000;
    const next = uuidv7Generator(() => now++);
    for (let i = 0; i < 200; i++) expect(counterOf(next())).toBeLessThan(0x800);
  });

  it('is not the same twice from two generators in the same millisecond', () => {
    const a = uuidv7Generator(() => 1_760_000_000_000);
    const b = uuidv7Generator(() => 1_760_000_000_000);
    const ids = new Set(Array.from({ length: 1000 }, (_, i) => (i % 2 ? a() : b())));
    expect(ids.size).toBe(1000);
  });
});

describe('uuidv7 in PostgreSQL', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(2);
  });
  afterAll(() => tdb.drop());

  it('is a valid uuid there, and ORDER BY on the uuid gives the order the ids were made', async () => {
    const made = Array.from({ length: 2000 }, () => uuidv7());
    // Shuffled, so that the database's order cannot be the input order by accident.
    const shuffled = [...made].sort(() => Math.random() - 0.5);
    const { rows } = await sql<{ id: string }>`SELECT id FROM unnest(${shuffled}::uuid[]) AS t(id) ORDER BY id`.execute(tdb.db);
    expect(rows.map((r) => r.id)).toEqual(made);
  });
});
