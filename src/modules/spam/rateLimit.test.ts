import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { SubmissionRateLimiter, type RateLimits } from './rateLimit.ts';

/**
 * Posts that arrive together are counted together; each must still get the verdict it would have
 * got alone, with the counts shared between processes (two limiters on one database).
 */

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase(20);
});
afterAll(() => tdb?.drop());

const secret = randomBytes(32);
const LIMITS: RateLimits = { perAddressPerMinute: 10, perAddressPerHour: 60, perOrganizationPerMinute: 120 };
const AT = new Date('2026-12-22T09:00:10Z');

const allowed = (verdicts: { ok: boolean }[]) => verdicts.filter((v) => v.ok).length;

describe('counting posts that arrive together', () => {
  it('lets exactly the limit through from 40 simultaneous posts from one address, the first ones in arrival order', async () => {
    const limiter = new SubmissionRateLimiter(tdb.db, secret, LIMITS);
    const org = randomUUID();
    const verdicts = await Promise.all(Array.from({ length: 40 }, () => limiter.check(org, '10.0.0.1', AT)));
    expect(verdicts.map((v) => v.ok)).toEqual([...Array(10).fill(true), ...Array(30).fill(false)]);
    expect(verdicts[10]).toEqual({ ok: false, scope: 'address', retryAfterSeconds: 50 });
  });

  it('counts in fewer statements than posts when they arrive together', async () => {
    const limiter = new SubmissionRateLimiter(tdb.db, secret, LIMITS);
    const org = randomUUID();
    const statements = await countStatements(() => Promise.all(Array.from({ length: 50 }, (_, i) => limiter.check(org, `10.0.1.${i}`, AT))));
    // The first post goes alone; the 49 that arrived while it was counted go together.
    expect(statements).toBe(2);
  });

  it('shares the organization limit between two processes counting at once', async () => {
    const a = new SubmissionRateLimiter(tdb.db, secret, LIMITS);
    const b = new SubmissionRateLimiter(tdb.db, secret, LIMITS);
    const org = randomUUID();
    const verdicts = await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).check(org, `10.2.${i >> 8}.${i & 255}`, AT)));
    expect(allowed(verdicts)).toBe(120);
    expect(verdicts.filter((v) => !v.ok).every((v) => !v.ok && v.scope === 'organization')).toBe(true);
    // And what arrives later is still counted on top.
    expect(await a.check(org, '10.3.0.1', AT)).toMatchObject({ ok: false, scope: 'organization' });
  });

  it('keeps organizations and addresses apart within one batch', async () => {
    const limiter = new SubmissionRateLimiter(tdb.db, secret, LIMITS);
    const [x, y] = [randomUUID(), randomUUID()];
    const posts = Array.from({ length: 60 }, (_, i) => ({ org: i % 2 ? x : y, from: i % 3 === 0 ? '10.4.0.1' : `10.4.1.${i}` }));
    const verdicts = await Promise.all(posts.map((p) => limiter.check(p.org, p.from, AT)));
    // 10.4.0.1 posts 10 times to each organization: all within its limit there.
    expect(allowed(verdicts)).toBe(60);
  });

  it('counts a batch that straddles the turn of a minute in each post’s own window, the previous one weighing in', async () => {
    const limiter = new SubmissionRateLimiter(tdb.db, secret, LIMITS);
    const org = randomUUID();
    const before = new Date('2026-12-22T09:00:59Z');
    const after = new Date('2026-12-22T09:01:01Z');
    const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.check(org, '10.5.0.1', i < 8 ? before : after)));
    // 8 in the old minute; in the new one, 59/60 of those 8 still count, so 2 more fit, not 10.
    expect(verdicts.map((v) => v.ok)).toEqual([...Array(10).fill(true), ...Array(10).fill(false)]);
  });

  it('fails every post of a batch whose statement fails, and counts the next ones again', async () => {
    const broken = await createTestDatabase(2);
    const limiter = new SubmissionRateLimiter(broken.db, secret, LIMITS);
    await broken.db.schema.dropTable('submission_rate').execute();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.check(randomUUID(), '10.6.0.1', AT)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
    await broken.drop();
    // The limiter of the healthy database was not stuck by the other's failure, and neither is a new one.
    expect(await new SubmissionRateLimiter(tdb.db, secret, LIMITS).check(randomUUID(), '10.6.0.1', AT)).toEqual({ ok: true });
  });
});

/** How many statements counted posts while `work` ran: a statement-level trigger on the counters logs each one. */
async function countStatements(work: () => Promise<unknown>): Promise<number> {
  await sql`CREATE TABLE IF NOT EXISTS counting_statements (at timestamptz NOT NULL DEFAULT clock_timestamp())`.execute(tdb.db);
  await sql`CREATE OR REPLACE FUNCTION log_counting_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO counting_statements DEFAULT VALUES; RETURN NULL; END $$`.execute(tdb.db);
  await sql`CREATE OR REPLACE TRIGGER log_counting_statement AFTER INSERT ON submission_rate FOR EACH STATEMENT EXECUTE FUNCTION log_counting_statement()`.execute(tdb.db);
  const logged = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM counting_statements`.execute(tdb.db)).rows[0]!.n);
  const before = await logged();
  await work();
  return (await logged()) - before;
}
