import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildOrg, buildStaff, snapshot, type OrgFixture } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import type { Db } from '../../db/database.ts';
import { fixedClock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { assignCase, simpleTransition, type CaseDeps } from './commands.ts';
import { loadCaseDetail } from './detailQueries.ts';
import type { Actor } from './policy.ts';
import { STALE_MESSAGE, transition } from './transition.ts';

/**
 * Two people on the same case. The optimistic check: whoever saves second with the version they
 * loaded is told someone else changed it, and nothing of theirs is written. The pessimistic
 * one: transition() locks the row, so two changes at the same moment are serialised and the
 * second sees the first's result.
 */

let tdb: TestDatabase;
let db: Db;
let org: OrgFixture;
let deps: CaseDeps;
let sara: Actor; // coordinator, Barn och utbildning
let sven: Actor; // coordinator, Barn och utbildning as well
let hanna: Actor; // handler, Förskoleavdelningen
let kalle: Actor; // handler, Förskoleavdelningen

beforeAll(async () => {
  // Room for several transactions at once.
  tdb = await createTestDatabase(12);
  db = tdb.db;
  org = await buildOrg(db);
  const bou = org.unit('Barn och utbildning');
  const forskola = org.unit('Förskoleavdelningen');
  sara = await buildStaff(db, org.id, { name: 'Sara Samordnare', grants: [{ role: 'coordinator', unitId: bou }] });
  sven = await buildStaff(db, org.id, { name: 'Sven Samordnare', grants: [{ role: 'coordinator', unitId: bou }] });
  hanna = await buildStaff(db, org.id, { name: 'Hanna Handläggare', grants: [{ role: 'handler', unitId: forskola }] });
  kalle = await buildStaff(db, org.id, { name: 'Kalle Handläggare', grants: [{ role: 'handler', unitId: forskola }] });
  deps = { db, clock: fixedClock('2026-12-22T09:00:00Z'), tokenSecret: Buffer.alloc(32, 1) };
});
afterAll(() => tdb.drop());

const assigned = () =>
  buildCase(db, {
    organizationId: org.id,
    status: 'assigned',
    unitId: org.unit('Solrosens förskola'),
    areaId: org.area(),
    subcategoryId: org.subcategory('Barn och utbildning'),
    significance: 'routine',
    handlerId: hanna.id,
  });

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('optimistic: both loaded version N', () => {
  it('the first save wins; the second is refused with the stale message and overwrites nothing', async () => {
    const c = await assigned();
    // Both coordinators open the case page.
    const seenBySara = (await loadCaseDetail(db, sara, c.number))!.case.version;
    const seenBySven = (await loadCaseDetail(db, sven, c.number))!.case.version;
    expect(seenBySven).toBe(seenBySara);

    // Sara reassigns to Kalle …
    const first = await assignCase(deps, { actor: sara, number: c.number, handlerId: kalle.id, expectedVersion: seenBySara });
    expect(first.version).toBe(seenBySara + 1);
    const afterFirst = await snapshot(db, c.id);

    // … Sven, still looking at version N, reassigns to Hanna.
    const err = await refusal(assignCase(deps, { actor: sven, number: c.number, handlerId: hanna.id, expectedVersion: seenBySven }));
    expect(err.code).toBe('conflict');
    expect(err.status).toBe(409);
    expect(err.message).toBe(STALE_MESSAGE);

    const after = await snapshot(db, c.id);
    expect(after).toEqual(afterFirst);
    expect(after.row.handler_id).toBe(kalle.id);
    expect(after.events.filter((e) => e.type === 'assign')).toHaveLength(1);
  });

  it('is told "someone else changed it", not "not possible in this status", when the first save moved the status on', async () => {
    const c = await assigned();
    const n = (await loadCaseDetail(db, hanna, c.number))!.case.version;
    // Sara withdraws the case; Hanna, still on version N, starts handling it.
    await simpleTransition(deps, { actor: sara, number: c.number, event: 'withdraw', expectedVersion: n });
    const before = await snapshot(db, c.id);
    const err = await refusal(simpleTransition(deps, { actor: hanna, number: c.number, event: 'start', expectedVersion: n }));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe(STALE_MESSAGE);
    expect(await snapshot(db, c.id)).toEqual(before);
    // Having reloaded, she gets the real reason.
    const reloaded = (await loadCaseDetail(db, hanna, c.number))!.case.version;
    const err2 = await refusal(simpleTransition(deps, { actor: hanna, number: c.number, event: 'start', expectedVersion: reloaded }));
    expect(err2.message).toMatch(/Det går inte att göra det/);
  });

  it('a save with the current version goes through, and moves the version on by one', async () => {
    const c = await assigned();
    const n = (await loadCaseDetail(db, hanna, c.number))!.case.version;
    const r = await simpleTransition(deps, { actor: hanna, number: c.number, event: 'start', expectedVersion: n });
    expect(r).toMatchObject({ status: 'in_progress', version: n + 1 });
    // The same form posted again (a double click) is now stale.
    const err = await refusal(simpleTransition(deps, { actor: hanna, number: c.number, event: 'wait', expectedVersion: n }));
    expect(err.message).toBe(STALE_MESSAGE);
  });
});

describe('truly concurrent: the row lock serialises them', () => {
  it('two transitions at once with the same version: exactly one wins, the other is refused as stale', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await assigned();
      const n = (await snapshot(db, c.id)).row.version;
      const results = await Promise.allSettled([
        assignCase(deps, { actor: sara, number: c.number, handlerId: kalle.id, expectedVersion: n }),
        assignCase(deps, { actor: sven, number: c.number, handlerId: hanna.id, expectedVersion: n }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(DomainError);
      expect((lost[0]!.reason as DomainError).message).toBe(STALE_MESSAGE);
      const after = await snapshot(db, c.id);
      expect(after.row.version).toBe(n + 1);
      expect(after.events.filter((e) => e.type === 'assign')).toHaveLength(1);
      // The handler is the winner's choice, nothing mixed.
      const winnerChoseKalle = results[0]!.status === 'fulfilled';
      expect(after.row.handler_id).toBe(winnerChoseKalle ? kalle.id : hanna.id);
    }
  });

  it('several at once without a version: the first starts the case, the rest find it already started', async () => {
    const c = await assigned();
    const attempts = [hanna, sara, sven, hanna].map((actor) => simpleTransition(deps, { actor, number: c.number, event: 'start' }));
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(DomainError);
        expect((r.reason as DomainError).code).toBe('conflict');
        expect((r.reason as DomainError).message).toMatch(/Det går inte att göra det/);
      }
    }
    const after = await snapshot(db, c.id);
    expect(after.row.status).toBe('in_progress');
    expect(after.events.filter((e) => e.type === 'start')).toHaveLength(1);
  });

  it('the second transaction waits on the row lock until the first commits, then sees its result', async () => {
    const c = await assigned();
    const n = (await snapshot(db, c.id)).row.version;
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
    let firstHasLock!: () => void;
    const firstLocked = new Promise<void>((r) => (firstHasLock = r));

    const first = db.transaction().execute(async (tx) => {
      const r = await transition(tx, { actor: sara, organizationId: org.id, number: c.number, event: 'withdraw', expectedVersion: n, now: new Date() });
      firstHasLock();
      await firstMayCommit;
      return r;
    });
    await firstLocked;
    const second = db.transaction().execute((tx) => transition(tx, { actor: hanna, organizationId: org.id, number: c.number, event: 'start', expectedVersion: n, now: new Date() }));
    const secondOutcome = second.then(
      () => 'won',
      (e: unknown) => e,
    );

    // The second is blocked on the lock the first holds, not refused and not through.
    await expect.poll(async () => {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
      return rows[0]!.n;
    }, { timeout: 5000, interval: 20 }).toBe(1);
    expect((await snapshot(db, c.id)).row.status).toBe('assigned');

    releaseFirst();
    expect((await first).status).toBe('withdrawn');
    const err = await secondOutcome;
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).message).toBe(STALE_MESSAGE);
    const after = await snapshot(db, c.id);
    expect(after.row.status).toBe('withdrawn');
    expect(after.events.map((e) => e.type)).toEqual(['received', 'withdraw']);
  });
});
