import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { buildCase, buildOrg, type OrgFixture } from '../../../test/factories.ts';
import { sealerFor } from '../../platform/crypto.ts';
import { ANNOUNCED_HISTORY, emitCaseEvent, WEBHOOK_EVENT_TYPES } from './events.ts';
import { createSubscription } from './subscriptions.ts';
import { purgeCases } from '../retention/purge.ts';

/** The history trigger announces exactly what webhooks/events.ts says, from any module's INSERT. */

let tdb: TestDatabase;
let org: OrgFixture;
let other: OrgFixture;
const now = new Date('2026-12-22T09:00:00Z');
beforeAll(async () => {
  tdb = await createTestDatabase();
  org = await buildOrg(tdb.db);
  other = await buildOrg(tdb.db);
  const by = { organizationId: org.id, userId: null, apiKeyId: null, name: 'Test' };
  await createSubscription(tdb.db, sealerFor(Buffer.alloc(32, 1)), by, { url: 'https://example.se/a', eventTypes: [...WEBHOOK_EVENT_TYPES], description: '', allowInsecure: false }, now);
  await createSubscription(tdb.db, sealerFor(Buffer.alloc(32, 1)), by, { url: 'https://example.se/b', eventTypes: ['case.closed'], description: '', allowInsecure: false }, now);
});
afterAll(() => tdb.drop());

const eventsOf = (caseId: string) => tdb.db.selectFrom('webhook_events').select(['id', 'type', 'status', 'case_number']).where('case_id', '=', caseId).orderBy('occurred_at').execute();

describe('the case history trigger', () => {
  it('announces each kind of history entry as the table in events.ts says, with a delivery and a job per subscription that wants it', async () => {
    for (const [entry, announced] of Object.entries(ANNOUNCED_HISTORY)) {
      const c = await buildCase(tdb.db, { organizationId: org.id, status: 'registered' });
      const before = (await eventsOf(c.id)).length;
      await tdb.db.insertInto('case_events').values({ case_id: c.id, type: entry, to_status: entry === 'exported' ? null : 'closed', occurred_at: now, data: '{}' }).execute();
      const events = (await eventsOf(c.id)).slice(before);
      expect(events.map((e) => e.type), entry).toEqual(announced ? [announced] : []);
      if (!announced) continue;
      expect(events[0]!.status).toBe(entry === 'exported' ? 'registered' : 'closed');
      expect(events[0]!.case_number).toBe(c.number);
      const deliveries = await tdb.db.selectFrom('webhook_deliveries').select('chain').where('event_id', '=', events[0]!.id).execute();
      expect(deliveries).toHaveLength(announced === 'case.closed' ? 2 : 1);
      expect(deliveries.every((d) => d.chain === c.id)).toBe(true);
    }
    const jobs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'webhook_deliver'`.execute(tdb.db);
    expect(jobs.rows[0]!.n).toBeGreaterThan(0);
  });

  it('covers the received entry of every way in (buildCase writes it like the intake does)', async () => {
    const c = await buildCase(tdb.db, { organizationId: org.id });
    expect((await eventsOf(c.id)).map((e) => e.type)).toEqual(['case.created']);
  });

  it('records nothing for an organization without subscriptions', async () => {
    const c = await buildCase(tdb.db, { organizationId: other.id });
    await emitCaseEvent(tdb.db, { type: 'case.disposed', organizationId: other.id, caseId: c.id, number: c.number, status: 'closed', at: now });
    expect(await eventsOf(c.id)).toEqual([]);
  });

  it('emitCaseEvent announces what leaves no history entry', async () => {
    const c = await buildCase(tdb.db, { organizationId: org.id });
    await emitCaseEvent(tdb.db, { type: 'case.disposed', organizationId: org.id, caseId: c.id, number: c.number, status: 'closed', at: new Date(now.getTime() + 1000) });
    expect((await eventsOf(c.id)).map((e) => e.type)).toEqual(['case.created', 'case.disposed']);
  });

  it('disposal announces case.disposed after purging job payloads, so its job stays, and blanks the Open311 place', async () => {
    const c = await buildCase(tdb.db, { organizationId: org.id, status: 'closed' });
    await tdb.db.updateTable('cases').set({ latitude: 57.7, longitude: 11.9, media_url: 'https://example.se/bild.jpg' }).where('id', '=', c.id).execute();
    await tdb.db.transaction().execute((tx) => purgeCases(tx, { organizationId: org.id, caseIds: [c.id], marker: 'Gallrad', now: new Date(now.getTime() + 2000) }));
    const events = await eventsOf(c.id);
    expect(events.map((e) => [e.type, e.status])).toEqual([
      ['case.created', 'received'],
      ['case.disposed', 'closed'],
    ]);
    const jobs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'chain' = ${c.id}`.execute(tdb.db);
    expect(jobs.rows[0]!.n).toBe(1);
    const row = await tdb.db.selectFrom('cases').select(['latitude', 'longitude', 'media_url']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ latitude: null, longitude: null, media_url: null });
  });
});
