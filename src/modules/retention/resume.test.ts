import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { buildCase } from '../../../test/factories.ts';
import { processRun, startRun } from './disposal.ts';
import { retentionNoticePass } from './notice.ts';
import type { Actor } from '../cases/policy.ts';

/** Interrupted disposal, legal holds over the API and on the case page, significance, the daily notice. */

let t: TestContext;
let archivist: Actor;
let unitId: string;
let areaId: string;
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2029-03-01T08:00:00Z' });
  unitId = (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', 'Gata och park').executeTakeFirstOrThrow()).id;
  areaId = (await t.db.selectFrom('categories').select('id').where('organization_id', '=', t.orgId).where('level', '=', 'area').executeTakeFirstOrThrow()).id;
  const u = await t.db.selectFrom('users').select(['id', 'name']).where('email', '=', 'arkivarie@exempelkommun.se').executeTakeFirstOrThrow();
  archivist = { kind: 'user', id: u.id, name: u.name, organizationId: t.orgId, grants: [{ role: 'archivist', unitId: null }] };
});
afterAll(() => t.close());

const routine = (closedAt: string) =>
  buildCase(t.db, { organizationId: t.orgId, status: 'closed', receivedAt: new Date(new Date(closedAt).getTime() - 86_400_000), closedAt: new Date(closedAt), significance: 'routine', unitId, areaId, outcome: 'answered' });
const disposed = async (id: string) => (await t.db.selectFrom('cases').select('disposed_at').where('id', '=', id).executeTakeFirstOrThrow()).disposed_at !== null;

describe('a disposal interrupted half-way', () => {
  it('goes on where it stopped, and touches nothing that was not due when it started', async () => {
    const cases = [await routine('2026-01-10T10:00:00Z'), await routine('2026-01-11T10:00:00Z'), await routine('2026-01-12T10:00:00Z'), await routine('2026-01-13T10:00:00Z')];
    // Due the day after the run starts: not covered by it.
    const tomorrow = await routine('2027-03-02T10:00:00Z');
    const run = (await startRun(t.db, archivist, t.orgId, 'KS 2029/20', t.clock.now(), { enqueue: false }))!;
    expect(run.expected).toBe(4);
    // The process dies after the first batch.
    await expect(
      processRun(t.db, run.id, {
        now: () => t.clock.now(),
        batchSize: 1,
        onBatch: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await Promise.all(cases.map((c) => disposed(c.id)))).toEqual([true, false, false, false]);
    // Meanwhile someone puts a hold on one of the rest, and a day passes.
    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
    expect((await api.post(`/cases/${cases[3]!.number}/legal-hold`, { reason: 'Begärd av revisionen' })).status).toBe(201);
    t.clock.set('2029-03-02T08:00:00Z');
    // The daily job resumes it.
    const done = await processRun(t.db, run.id, { now: () => t.clock.now(), batchSize: 1 });
    expect(done).toEqual({ disposed: 3, done: true });
    expect(await Promise.all(cases.map((c) => disposed(c.id)))).toEqual([true, true, true, false]);
    expect(await disposed(tomorrow.id)).toBe(false);
    t.clock.set('2029-03-01T08:00:00Z');
  });
});

describe('legal hold', () => {
  it('is placed and lifted over the API, with a reason, by the roles that may', async () => {
    const c = await routine('2026-02-01T10:00:00Z');
    const registrar = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
    const reader = apiClient(t.app, await newApiKey(t.db, t.orgId, 'reader'));
    expect((await registrar.post(`/cases/${c.number}/legal-hold`, {})).status).toBe(400);
    expect((await registrar.post(`/cases/${c.number}/legal-hold`, { reason: '' })).status).toBe(400);
    expect((await reader.post(`/cases/${c.number}/legal-hold`, { reason: 'x' })).status).toBe(403);
    expect((await registrar.post('/cases/SYN-2020-99999/legal-hold', { reason: 'x' })).status).toBe(404);
    const placed = await registrar.post(`/cases/${c.number}/legal-hold`, { reason: 'JO-anmälan 123-2029' });
    expect(placed).toMatchObject({ status: 201, body: { number: c.number, legalHold: { reason: 'JO-anmälan 123-2029', placedBy: 'Test registrar' } } });
    expect((await registrar.post(`/cases/${c.number}/legal-hold`, { reason: 'igen' })).status).toBe(409);
    const admin = `Bearer ${await newApiKey(t.db, t.orgId, 'admin')}`;
    const lift = (payload?: object) => t.app.inject({ method: 'DELETE', url: `/api/v1/cases/${c.number}/legal-hold`, headers: { authorization: admin }, ...(payload ? { payload } : {}) });
    // Lifting takes a reason, as placing does.
    for (const without of [undefined, {}, { reason: '' }]) expect((await lift(without)).statusCode, JSON.stringify(without)).toBe(400);
    const lifted = await lift({ reason: 'JO avslutade ärendet 123-2029' });
    expect(lifted.statusCode).toBe(200);
    expect(JSON.parse(lifted.body).legalHold).toBeNull();
    expect((await t.db.selectFrom('legal_holds').select('lift_reason').where('case_id', '=', c.id).executeTakeFirstOrThrow()).lift_reason).toBe('JO avslutade ärendet 123-2029');
    const lift2 = await lift({ reason: 'igen' });
    expect(lift2.statusCode).toBe(409);
    const events = await t.db.selectFrom('case_events').select('type').where('case_id', '=', c.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['received', 'legal_hold', 'legal_hold_lifted']);
  });

  it('is shown on the case page and placed there by the registrar, with the GOV.UK error pattern', async () => {
    const c = await routine('2026-02-02T10:00:00Z');
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await s.get(`/handlaggning/arenden/${c.number}`);
    expect(page.body).toContain('Arkiv och gallring');
    expect(page.body).toContain('Lägg bevarandestopp');
    const empty = await s.post(`/handlaggning/arenden/${c.number}/bevarandestopp`, { reason: '' }, { csrfFrom: `/handlaggning/arenden/${c.number}/bevarandestopp` });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/<title>Fel: /);
    const ok = await s.post(`/handlaggning/arenden/${c.number}/bevarandestopp`, { reason: 'Tvist om skadestånd' }, { csrfFrom: `/handlaggning/arenden/${c.number}/bevarandestopp` });
    expect(ok.statusCode).toBe(303);
    const after = await s.get(ok.headers.location!);
    expect(after.body).toContain('Tvist om skadestånd');
    expect(after.body).toContain('Häv bevarandestoppet');
    const handler = await new Session(t.app).signIn(DEMO.admin);
    expect((await handler.get(`/handlaggning/arenden/${c.number}/bevarandestopp`)).statusCode).toBe(200);
    const reader = await new Session(t.app).signIn(DEMO.reader);
    expect((await reader.get(`/handlaggning/arenden/${c.number}/bevarandestopp`)).statusCode).toBe(404);
  });
});

describe('significance', () => {
  it('can be changed later, with an event and a version check', async () => {
    const c = await routine('2026-03-01T10:00:00Z');
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await s.get(`/handlaggning/arenden/${c.number}/betydelse`);
    expect(page.statusCode).toBe(200);
    const stale = await s.post(`/handlaggning/arenden/${c.number}/betydelse`, { significance: 'important', version: '99' }, { csrfFrom: `/handlaggning/arenden/${c.number}/betydelse` });
    expect(stale.statusCode).toBe(409);
    const bad = await s.post(`/handlaggning/arenden/${c.number}/betydelse`, { significance: 'viktig', version: '1' }, { csrfFrom: `/handlaggning/arenden/${c.number}/betydelse` });
    expect(bad.statusCode).toBe(400);
    const ok = await s.post(`/handlaggning/arenden/${c.number}/betydelse`, { significance: 'important', version: '1' }, { csrfFrom: `/handlaggning/arenden/${c.number}/betydelse` });
    expect(ok.statusCode).toBe(303);
    const row = await t.db.selectFrom('cases').select(['significance', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ significance: 'important', version: 2 });
    const ev = await t.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('type', '=', 'significance').executeTakeFirstOrThrow();
    expect(ev.data).toEqual({ significance: 'important', from: 'routine' });
  });
});

describe('the daily notice', () => {
  it('tells the archivist once a day what has become due, and disposes of nothing', async () => {
    await routine('2026-05-01T10:00:00Z');
    await routine('2027-03-02T12:00:00Z');
    const runs = await t.db.selectFrom('disposal_runs').select('id').execute();
    const deps = { db: t.db, publicUrl: 'http://lyhord.test' };
    expect(await retentionNoticePass(deps, t.clock.now())).toBe(1);
    expect(await retentionNoticePass(deps, t.clock.now())).toBe(0);
    const mail = await t.db.selectFrom('messages').selectAll().where('dedupe_key', 'like', 'retention_notice:%').executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ recipient: 'arkivarie@exempelkommun.se', case_id: null, status: 'queued' });
    expect(mail.body).toContain('http://lyhord.test/admin/arkiv/gallring');
    expect(mail.body).toMatch(/Inget gallras utan beslut/);
    // The next day the case closed 2027-03-02 has become due; the day after, nothing new.
    expect(await retentionNoticePass(deps, new Date('2029-03-02T08:00:00Z'))).toBe(1);
    expect(await retentionNoticePass(deps, new Date('2029-03-03T08:00:00Z'))).toBe(0);
    expect(await t.db.selectFrom('disposal_runs').select('id').execute()).toEqual(runs);
  });
});
