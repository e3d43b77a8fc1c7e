import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { DEMO, versionIn } from '../../../test/staffCases.ts';
import { enqueue } from '../../platform/jobs.ts';
import { refreshStatistics } from '../statistics/rollup.ts';
import { processRun, startRun } from './disposal.ts';
import { retentionCases, SECRET_TEXT, type RetentionCases } from './testFixture.ts';

/** Disposal over HTTP and in the database: the decision, the purge everywhere, statistics, the log. */

let t: TestContext;
let c: RetentionCases;
const NOTE = 'Anteckning-om-Sixten-Lindqvist';
const EMAIL = 'sixten.lindqvist@example.se';
const FILE = 'kvitto-lindqvist.pdf';

beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2029-03-01T08:00:00Z' });
  const id = async (table: 'org_units' | 'categories', name: string) => (await t.db.selectFrom(table).select('id').where('organization_id', '=', t.orgId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  c = await retentionCases(t.db, { id: t.orgId, unitId: await id('org_units', 'Gata och park'), areaId: await id('categories', 'Bemötande') });
  // Everything a case can leave behind, on the old routine case.
  const caseId = c.routineOld.id;
  await t.db.updateTable('case_contacts').set({ name: 'Sixten Lindqvist', email: EMAIL }).where('case_id', '=', caseId).execute();
  await t.db.updateTable('cases').set({ location: 'Lindqvists gård' }).where('id', '=', caseId).execute();
  // A published, de-identified version (modules/publication).
  const now = new Date('2027-01-10T10:00:00Z');
  const v = await t.db
    .insertInto('publication_versions')
    .values({ case_id: caseId, number: 1, title: 'Publicerad text om Lindqvist', question: NOTE, answer: 'Svar', author_kind: 'user', author_id: caseId, author_label: 'Test', created_at: now, approved_at: now, approver_kind: 'user', approver_id: caseId, approver_label: 'Test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('publications')
    .values({ case_id: caseId, organization_id: t.orgId, case_number: c.routineOld.number, public_version_id: v.id, title: 'Publicerad text om Lindqvist', question: NOTE, answer: 'Svar', created_at: now, updated_at: now, first_published_at: now, published_at: now })
    .execute();
  await t.db.insertInto('case_events').values({ case_id: caseId, type: 'note', actor_label: 'Test', data: JSON.stringify({ text: NOTE }) }).execute();
  await t.db.insertInto('case_events').values({ case_id: caseId, type: 'measure', actor_label: 'Test', data: JSON.stringify({ text: `Åtgärd för ${NOTE}` }) }).execute();
  await t.db.insertInto('attachments').values({ case_id: caseId, filename: FILE, content_type: 'application/pdf', size_bytes: 4, sha256: Buffer.alloc(32), content: Buffer.from('%PDF') }).execute();
  await t.db.insertInto('messages').values({ case_id: caseId, purpose: 'answer', channel: 'email', recipient: EMAIL, subject: 'Svar', body: `Hej Sixten, ${NOTE}`, status: 'sent', transport: 'outbox' }).execute();
  await enqueue(t.db, 'acknowledge_case', { caseId, note: NOTE });
  // A reply by mail, raw message and all (modules/mailin).
  await t.db
    .insertInto('inbound_messages')
    .values({ organization_id: t.orgId, case_id: caseId, message_key: `<${NOTE}@example.se>`, source: 'smtp', from_address: EMAIL, subject: 'Re: Svar', body: NOTE, body_stripped: NOTE, outcome: 'reply', raw: Buffer.from(`From: ${EMAIL}\r\n\r\n${NOTE}`), raw_size: 60, received_at: new Date('2027-01-05T10:00:00Z') })
    .execute();
});
afterAll(() => t.close());

const api = async (role: 'admin' | 'archivist' | 'reader') => apiClient(t.app, await newApiKey(t.db, t.orgId, role));

/** Every row of every table (ours and the job queue's) that mentions the text. */
async function traces(needle: string): Promise<string[]> {
  const { rows: tables } = await sql<{ t: string }>`
    SELECT format('%I.%I', table_schema, table_name) AS t FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'graphile_worker')`.execute(t.db);
  const found: string[] = [];
  for (const { t: table } of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(table)} x WHERE x::text ILIKE ${`%${needle}%`}`.execute(t.db);
    if (rows[0]!.n > 0) found.push(table);
  }
  return found;
}

const statistics = async () => ({
  stats: await t.db.selectFrom('case_stats').selectAll().orderBy('case_id').execute(),
  monthly: await sql`SELECT * FROM statistics_monthly ORDER BY 1, 2, 3, 4, 5, 6, 7`.execute(t.db).then((r) => r.rows),
  days: await sql`SELECT * FROM statistics_monthly_days ORDER BY 1, 2, 3, 4, 5, 6`.execute(t.db).then((r) => r.rows),
  months: await t.db.selectFrom('statistics_months').select(['month', 'valid']).orderBy('month').execute(),
});

describe('executing disposal', () => {
  it('asks for the decision and keeps what was typed', async () => {
    const s = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    const page = await s.get('/admin/arkiv/gallring');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(c.routineOld.number);
    expect(page.body).not.toContain(c.importantOld.number);
    const res = await s.post('/admin/arkiv/gallring', { decision: '   ' }, { csrfFrom: '/admin/arkiv/gallring' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Fel: /);
    expect(res.body).toContain('href="#decision"');
    const long = await s.post('/admin/arkiv/gallring', { decision: 'x'.repeat(301) }, { csrfFrom: '/admin/arkiv/gallring' });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain(`value="${'x'.repeat(301)}"`);
    expect(await t.db.selectFrom('disposal_runs').select('id').execute()).toEqual([]);
  });

  it('is not for handlers or readers', async () => {
    for (const who of [DEMO.handlerGata, DEMO.reader, DEMO.registrar]) {
      const s = await new Session(t.app).signIn(who);
      expect((await s.get('/admin/arkiv/gallring')).statusCode).toBe(404);
    }
    expect((await (await api('reader')).get('/disposals')).status).toBe(403);
  });

  it('removes the content everywhere, leaves the log, and keeps past statistics as they were', async () => {
    await refreshStatistics(t.db, '2029-03-01', { full: true });
    const before = await statistics();
    expect(before.months.length).toBeGreaterThan(0);
    for (const needle of [SECRET_TEXT, NOTE, EMAIL, FILE]) expect(await traces(needle), needle).not.toEqual([]);

    // A handler has the case open when it is disposed of.
    const handler = await new Session(t.app).signIn(DEMO.admin);
    const open = await handler.get(`/handlaggning/arenden/${c.routineOld.number}`);
    expect(open.statusCode).toBe(200);

    const s = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    const res = await s.post('/admin/arkiv/gallring', { decision: 'KS 2029/17' }, { csrfFrom: '/admin/arkiv/gallring' });
    expect(res.statusCode).toBe(303);
    const run = await t.db.selectFrom('disposal_runs').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'running', expected: 2, decision_ref: 'KS 2029/17', due_on: '2029-03-01' });
    expect(await t.db.selectFrom('admin_log').select('summary').where('entity_type', '=', 'disposal').execute()).toEqual([{ summary: expect.stringContaining('KS 2029/17') }]);
    await processRun(t.db, run.id, { now: () => t.clock.now(), batchSize: 1 });

    // No trace of any text; the held, open, kept, young and unclassified cases untouched.
    for (const needle of [NOTE, EMAIL, FILE, 'Lindqvist']) expect(await traces(needle), needle).toEqual([]);
    for (const kept of [c.open, c.held, c.importantOld, c.routineYoung, c.unclassified]) {
      expect((await t.db.selectFrom('cases').select('description').where('id', '=', kept.id).executeTakeFirstOrThrow()).description).toContain(SECRET_TEXT);
    }
    const row = await t.db.selectFrom('cases').selectAll().where('id', '=', c.routineOld.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ description: 'Gallrad 2029-03-01 enligt beslut KS 2029/17.', location: null, status: 'closed', significance: 'routine' });
    expect(row.disposed_at).toEqual(t.clock.now());
    // The history keeps its events (the measures count for statistics) without their text.
    const events = await t.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', c.routineOld.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['received', 'note', 'measure']);
    expect(events.map((e) => e.data)).toEqual([{}, {}, {}]);

    expect(await statistics()).toEqual(before);

    const log = await t.db.selectFrom('disposal_log').selectAll().orderBy('case_number').execute();
    expect(log.map((l) => l.case_number).sort()).toEqual([c.routineOld.number, c.referredOld.number].sort());
    expect(log.find((l) => l.case_number === c.routineOld.number)).toMatchObject({
      received_on: '2026-11-20',
      closed_on: '2026-12-10',
      kind: 'klagomal',
      area_name: 'Bemötande',
      forvaltning_name: 'Samhällsbyggnad',
      decision_ref: 'KS 2029/17',
      disposed_by_label: 'Arvid Arkivarie',
      rule_text: 'Rutinmässiga: gallras 2 år efter att ärendet avslutades',
    });
    expect((await t.db.selectFrom('disposal_runs').select(['status', 'disposed']).executeTakeFirstOrThrow())).toEqual({ status: 'done', disposed: 2 });

    // The person who had it open: nothing they send is saved, and they are told why.
    const note = await handler.post(`/handlaggning/arenden/${c.routineOld.number}/anteckning`, { text: 'Sen anteckning', version: versionIn(open.body) }, { csrfFrom: '/handlaggning/arenden' });
    expect(note.statusCode).toBe(410);
    expect(note.body).toContain('gallrades');
    expect(note.body).toContain('KS 2029/17');
    expect(await traces('Sen anteckning')).toEqual([]);
  });

  it('answers 410 for the disposed case in the API, and lists it in the disposal log', async () => {
    const admin = await api('admin');
    const gone = await admin.get(`/cases/${c.routineOld.number}`);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ code: 'disposed', decision: 'KS 2029/17', disposedAt: '2029-03-01T08:00:00.000Z' });
    expect((await admin.get(`/cases/${c.open.number}`)).status).toBe(200);

    const list = await (await api('archivist')).get('/disposals?pageSize=1');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.hasMore).toBe(true);
    expect(list.body.items[0]).toMatchObject({ decision: 'KS 2029/17', ruleDecision: expect.stringContaining('Dokumenthanteringsplan') });
    expect((await admin.get('/disposals?from=2029-03-02')).body.items).toEqual([]);
    expect((await admin.get('/disposals?from=2029-03-01&to=2029-03-01')).body.items).toHaveLength(2);
    expect((await admin.get('/disposals?from=mars')).status).toBe(400);
  });

  it('shows the log in the admin pages, and as CSV', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const page = await s.get('/admin/arkiv/gallringslogg?fran=2029-03-01');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(c.referredOld.number);
    const csv = await s.get('/admin/arkiv/gallringslogg.csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Ärendenummer;Inkom;Typ/);
    expect(lines).toHaveLength(3);
    expect((await s.get('/admin/arkiv/gallringslogg?fran=igår')).statusCode).toBe(400);
    // Not a day on the calendar, a date sent twice: the filter says so, the database is not asked.
    for (const q of ['fran=2026-02-30', 'till=0000-01-01', 'fran=2029-03-01&fran=2029-03-02']) {
      expect((await s.get(`/admin/arkiv/gallringslogg?${q}`)).statusCode, q).toBe(q.includes('&') ? 200 : 400);
      expect((await s.get(`/admin/arkiv/gallringslogg.csv?${q}`)).statusCode, q).toBe(q.includes('&') ? 200 : 400);
    }
  });

  it('starts nothing when nothing is due, and never a second run while one is going', async () => {
    const actor = { kind: 'user' as const, id: (await t.db.selectFrom('users').select('id').where('email', '=', DEMO.admin).executeTakeFirstOrThrow()).id, name: 'Anna', organizationId: t.orgId, grants: [{ role: 'admin' as const, unitId: null }] };
    expect(await startRun(t.db, actor, t.orgId, 'KS 2029/18', t.clock.now(), { enqueue: false })).toBeUndefined();
  });
});
