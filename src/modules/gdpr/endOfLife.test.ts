import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { buildCase } from '../../../test/factories.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { autoPseudonymisePass } from './pseudonymise.ts';

/**
 * The end of a person's data in the records: pseudonymisation only where the schedule disposes of
 * the case, on a decision, with a trace on the case; one open erasure review per person; an
 * extract is handed out by someone, not by being generated.
 */

let t: TestContext;
let unitId: string;
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2029-03-01T08:00:00Z' });
  unitId = (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', 'Gata och park').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('retention_settings').values({ organization_id: t.orgId, pseudonymise_on_request: true }).onConflict((oc) => oc.column('organization_id').doUpdateSet({ pseudonymise_on_request: true })).execute();
});
afterAll(() => t.close());

const contactOf = (email: string) => ({ name: 'Petra Provsson', email, phone: '070-765 43 21', replyChannel: 'email' as const });
const closed = (email: string, significance: 'routine' | 'important', closedAt = '2028-09-01T10:00:00Z') =>
  buildCase(t.db, { organizationId: t.orgId, status: 'closed', receivedAt: new Date(new Date(closedAt).getTime() - 86_400_000), closedAt: new Date(closedAt), significance, unitId, outcome: 'answered', contact: contactOf(email) });
const contact = (caseId: string) => t.db.selectFrom('case_contacts').select(['name', 'email', 'phone']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
const erasure = (s: Session, value: string) => s.post('/admin/arkiv/registerutdrag', { kind: 'email', value, what: 'erasure' }, { csrfFrom: '/admin/arkiv/registerutdrag' });

describe('pseudonymisation after an erasure request', () => {
  it('touches only cases the schedule disposes of, asks for the decision, and leaves a trace on the case', async () => {
    const email = 'petra.provsson@example.se';
    const routine = await closed(email, 'routine');
    const kept = await closed(email, 'important');
    const open = await buildCase(t.db, { organizationId: t.orgId, status: 'in_progress', unitId, significance: 'routine', contact: contactOf(email) });
    const s = await new Session(t.app).signIn(DEMO.admin);
    const reviewUrl = (await erasure(s, email)).headers.location!;
    const review = await s.get(reviewUrl);
    expect(review.body).toContain('Pseudonymisera kontaktuppgifterna i 1 avslutat ärende');
    expect(review.body).toContain('Pseudonymiseras inte: 2 ärenden som ska bevaras och levereras till arkivet');
    expect(review.body).toContain('name="decision"');

    const missing = await s.post(`${reviewUrl}/pseudonymisera`, { decision: '  ' }, { csrfFrom: reviewUrl });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toMatch(/<title>Fel: /);
    expect(missing.body).toContain('href="#decision"');
    expect((await contact(routine.id)).email).toBe(email);

    expect((await s.post(`${reviewUrl}/pseudonymisera`, { decision: 'KS 2029/45' }, { csrfFrom: reviewUrl })).statusCode).toBe(303);
    expect(await contact(routine.id)).toEqual({ name: `Person ${routine.number.slice(-5)}`, email: null, phone: null });
    // Kept and delivered to the archive: the register entry names the sender. Open: still handled.
    expect(await contact(kept.id)).toMatchObject({ name: 'Petra Provsson', email });
    expect(await contact(open.id)).toMatchObject({ name: 'Petra Provsson', email });

    const events = await t.db.selectFrom('case_events').select(['case_id', 'type', 'actor_label', 'data']).where('type', '=', 'contact_pseudonymised').execute();
    expect(events).toEqual([{ case_id: routine.id, type: 'contact_pseudonymised', actor_label: 'Anna Administratör', data: { decision: 'KS 2029/45', requestId: reviewUrl.split('/').at(-1) } }]);
    const page = (await s.get(`/handlaggning/arenden/${routine.number}`)).body;
    expect(page).toContain('Kontaktuppgifterna pseudonymiserades');
    expect(page).toContain('E-post – går inte längre, kontaktuppgifterna är pseudonymiserade');
    expect(page).toContain('Kontaktuppgifterna pseudonymiserade');
    expect(page).toContain('Begäran om radering (artikel 17 i dataskyddsförordningen)');
    expect(page).toContain('KS 2029/45');
    expect((await s.get(`/handlaggning/arenden/${kept.number}`)).body).not.toContain('pseudonymiser');

    // Nothing left that may be pseudonymised: refused in words, nothing changes.
    const again = await s.post(`${reviewUrl}/pseudonymisera`, { decision: 'KS 2029/46' }, { csrfFrom: reviewUrl });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Inget av ärendena får pseudonymiseras');
    expect(await contact(kept.id)).toMatchObject({ email });
    const after = await s.get(reviewUrl);
    expect(after.body).not.toContain('name="decision"');
  });

  it('the daily pass records its ground on each case it pseudonymises', async () => {
    await t.db.updateTable('retention_settings').set({ pseudonymise_after_months: 6 }).where('organization_id', '=', t.orgId).execute();
    const c = await closed('auto.provsson@example.se', 'routine', '2028-06-01T10:00:00Z');
    await autoPseudonymisePass({ db: t.db }, t.clock.now());
    await t.db.updateTable('retention_settings').set({ pseudonymise_after_months: null }).where('organization_id', '=', t.orgId).execute();
    const e = await t.db.selectFrom('case_events').select(['actor_label', 'data']).where('case_id', '=', c.id).where('type', '=', 'contact_pseudonymised').executeTakeFirstOrThrow();
    expect(e).toEqual({ actor_label: null, data: { afterMonths: 6 } });
    const s = await new Session(t.app).signIn(DEMO.admin);
    expect((await s.get(`/handlaggning/arenden/${c.number}`)).body).toContain('Automatiskt 6 månader efter att ärendet avslutades');
  });
});

describe('an erasure request', () => {
  it('is refused while the same person has an open review, pointing at it; once closed a new one may be made', async () => {
    await closed('dubbel@example.se', 'routine');
    const s = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    const first = (await erasure(s, 'dubbel@example.se')).headers.location!;
    const second = await erasure(s, ' Dubbel@Example.se ');
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(`${first}?klart=finns`);
    expect((await s.get(second.headers.location!)).body).toContain('Det finns redan en öppen granskning av en begäran om radering från den här personen');
    const reviews = await t.db.selectFrom('data_subject_requests').select('id').where('type', '=', 'erasure').where('identifier_masked', '=', 'd***@example.se').execute();
    expect(reviews).toHaveLength(1);
    // Someone else whose address masks the same is not that person.
    expect((await erasure(s, 'dora@example.se')).headers.location).not.toContain(first);

    expect((await s.post(first, { note: 'Bevaras enligt arkivlagen.' }, { csrfFrom: first })).statusCode).toBe(303);
    const third = await erasure(s, 'dubbel@example.se');
    expect(third.headers.location).toMatch(/\/granskning\/[0-9a-f-]{36}$/);
    expect(third.headers.location).not.toBe(first);
  });
});

describe('a register extract', () => {
  it('is generated, then marked handed out by the one who sent it', async () => {
    await closed('utdrag@example.se', 'routine');
    const s = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    const pdf = await s.post('/admin/arkiv/registerutdrag', { kind: 'email', value: 'utdrag@example.se', what: 'extract' }, { csrfFrom: '/admin/arkiv/registerutdrag' });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await apiClient(t.app, await newApiKey(t.db, t.orgId, 'archivist')).get('/data-subjects?email=utdrag@example.se')).status).toBe(200);
    const extracts = await t.db.selectFrom('data_subject_requests').select(['id', 'channel', 'handed_out_at']).where('type', '=', 'extract').where('identifier_masked', '=', 'u***@example.se').execute();
    expect(extracts.map((e) => [e.channel, e.handed_out_at]).sort()).toEqual([['admin', null], ['api', null]]);
    const admin = extracts.find((e) => e.channel === 'admin');
    const list = await s.get('/admin/arkiv/registerutdrag');
    expect(list.body.match(/Skapat, inte utlämnat/g)).toHaveLength(2);
    expect(list.body).not.toContain('>Utlämnat<');

    const marked = await s.post(`/admin/arkiv/registerutdrag/${admin!.id}/utlamnat`, {}, { csrfFrom: '/admin/arkiv/registerutdrag' });
    expect([marked.statusCode, marked.headers.location]).toEqual([303, '/admin/arkiv/registerutdrag?klart=utlamnat']);
    const row = await t.db.selectFrom('data_subject_requests').select(['handed_out_at', 'handed_out_by_label']).where('id', '=', admin!.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ handed_out_at: t.clock.now(), handed_out_by_label: 'Arvid Arkivarie' });
    const after = await s.get('/admin/arkiv/registerutdrag?klart=utlamnat');
    expect(after.body).toContain('Registerutdraget är markerat som utlämnat.');
    expect(after.body).toContain('Utlämnat 2029-03-01 09:00 av Arvid Arkivarie');
    expect(after.body.match(/Skapat, inte utlämnat/g)).toHaveLength(1);
    expect((await s.post(`/admin/arkiv/registerutdrag/${admin!.id}/utlamnat`, {}, { csrfFrom: '/admin/arkiv/registerutdrag' })).statusCode).toBe(409);
    expect(await t.db.selectFrom('admin_log').select('summary').where('action', '=', 'hand_out').execute()).toEqual([{ summary: 'Registerutdrag (e-post u***@example.se) markerat som utlämnat till personen' }]);
  });
});
