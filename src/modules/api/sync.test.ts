import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, demoIds, expectSchema, NEW_CASE, newApiKey, type ApiClient } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';

/** Syncing with the API: what changed since, page by page with a cursor; conditional reads with ETag. */

let t: TestContext;
let key: string;
let api: ApiClient;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  key = await newApiKey(t.db, t.orgId, 'registrar');
  api = apiClient(t.app, key);
  ids = await demoIds(t.db, t.orgId);
});
afterAll(() => t.close());

const numbers = (body: { items: { number: string }[] }) => body.items.map((i) => i.number);

describe('GET /api/v1/cases for sync', () => {
  it('walks every change once, oldest first, page by page, and picks up later changes from the last cursor', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      made.push((await api.post('/cases', NEW_CASE)).body.number);
    }
    const since = '2026-12-22T09:00:30Z';
    const first = await api.get(`/cases?updatedSince=${since}&pageSize=2`);
    expect(first.status).toBe(200);
    expectSchema('CaseList', first.body);
    expect(numbers(first.body)).toEqual(made.slice(0, 2));
    expect(first.body.hasMore).toBe(true);
    const second = await api.get(`/cases?cursor=${first.body.nextCursor}&pageSize=2`);
    expect(numbers(second.body)).toEqual(made.slice(2, 4));
    const third = await api.get(`/cases?cursor=${second.body.nextCursor}&pageSize=2`);
    expect(numbers(third.body)).toEqual(made.slice(4));
    expect(third.body.hasMore).toBe(false);
    const idle = await api.get(`/cases?cursor=${third.body.nextCursor}`);
    expect(idle.body.items).toEqual([]);
    expect(idle.body.nextCursor).toBe(third.body.nextCursor);

    // A change to the first case moves it to the end of the changes: the next sync sees it.
    t.clock.advance(60_000);
    expect((await api.transition(made[0]!, { event: 'register', kind: 'klagomal', areaId: await ids.area('Fysisk miljö'), significance: 'routine', unitId: await ids.unit('Samhällsbyggnad') })).status).toBe(200);
    const later = await api.get(`/cases?cursor=${third.body.nextCursor}`);
    expect(numbers(later.body)).toEqual([made[0]]);
    expect(later.body.items[0].status).toBe('registered');
    expect(later.body.items[0].updatedAt).toBe(t.clock.now().toISOString());
  });

  it('counts a note in the history as a change', async () => {
    const { body } = await api.get('/cases?updatedSince=2026-12-22T00:00:00Z&pageSize=200');
    const number = body.items[0].number;
    const caseId = (await t.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
    t.clock.advance(60_000);
    await t.db.insertInto('case_events').values({ case_id: caseId, type: 'note', occurred_at: t.clock.now(), data: JSON.stringify({ text: 'x' }) }).execute();
    const after = await api.get(`/cases?cursor=${body.nextCursor}`);
    expect(numbers(after.body)).toEqual([number]);
  });

  it('does not find a case again whose time has microseconds (set by the database, not the app)', async () => {
    const number = (await api.post('/cases', NEW_CASE)).body.number;
    await t.db.updateTable('cases').set({ updated_at: new Date('2030-01-01T00:00:00Z') }).where('number', '=', number).execute();
    const { sql } = await import('kysely');
    await sql`UPDATE cases SET updated_at = updated_at + interval '123 microseconds' WHERE number = ${number}`.execute(t.db);
    const page = await api.get('/cases?updatedSince=2029-12-31T00:00:00Z');
    expect(numbers(page.body)).toEqual([number]);
    expect((await api.get(`/cases?cursor=${page.body.nextCursor}`)).body.items).toEqual([]);
  });

  it('refuses a cursor it did not give', async () => {
    const res = await api.get('/cases?cursor=aW50ZS1lbi1jdXJzb3ItYWxscw');
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('cursor');
  });
});

describe('ETag', () => {
  it('answers 304 when nothing changed, and a new ETag when it did', async () => {
    const number = (await api.post('/cases', NEW_CASE)).body.number;
    const first = await t.app.inject({ url: `/api/v1/cases/${number}`, headers: { authorization: `Bearer ${key}` } });
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"/);
    const same = await t.app.inject({ url: `/api/v1/cases/${number}`, headers: { authorization: `Bearer ${key}`, 'if-none-match': tag } });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    await api.transition(number, { event: 'withdraw' });
    const changed = await t.app.inject({ url: `/api/v1/cases/${number}`, headers: { authorization: `Bearer ${key}`, 'if-none-match': tag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
  });
});
