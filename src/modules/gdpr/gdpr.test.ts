import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { buildCase } from '../../../test/factories.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { autoPseudonymisePass } from './pseudonymise.ts';
import { maskIdentifier, parseIdentifier, type Identifier } from './identifier.ts';

/** Register extracts (API and PDF), the erasure review and pseudonymisation. */

let t: TestContext;
let unitId: string;
const EMAIL = 'maja.kvist@example.se';
const PNR = '19850101-2390';
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2029-03-01T08:00:00Z' });
  unitId = (await t.db.selectFrom('org_units').select('id').where('organization_id', '=', t.orgId).where('name', '=', 'Gata och park').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const contact = { name: 'Maja Kvist', email: EMAIL, phone: '070-123 45 67', replyChannel: 'email' as const };
const closedRoutine = (closedAt: string, extra: Record<string, unknown> = {}) =>
  buildCase(t.db, { organizationId: t.orgId, status: 'closed', receivedAt: new Date(new Date(closedAt).getTime() - 86_400_000), closedAt: new Date(closedAt), significance: 'routine', unitId, outcome: 'answered', contact, ...extra });

describe('identifiers', () => {
  it('normalizes, checks and masks', () => {
    expect(parseIdentifier('phone', '+46 70-123 45 67')).toEqual({ kind: 'phone', value: '0701234567' });
    expect(parseIdentifier('personnummer', PNR)).toEqual({ kind: 'personnummer', value: '8501012390', century: '19' });
    expect(parseIdentifier('personnummer', '850101-2394')).toHaveProperty('error');
    expect(parseIdentifier('email', 'inte en adress')).toHaveProperty('error');
    expect(maskIdentifier(parseIdentifier('email', 'Maja.Kvist@Example.se') as Identifier)).toBe('m***@example.se');
    expect(maskIdentifier(parseIdentifier('personnummer', PNR) as Identifier)).toBe('19850101-****');
    expect(maskIdentifier(parseIdentifier('phone', '070-123 45 67') as Identifier)).toBe('********67');
  });
});

describe('GET /api/v1/data-subjects', () => {
  it('finds every case of the person by e-mail, phone or personnummer, with messages, and records the request', async () => {
    const a = await closedRoutine('2028-05-01T10:00:00Z', { answerMessage: true });
    const b = await closedRoutine('2028-06-01T10:00:00Z', { description: `Mitt personnummer är ${PNR}.`, confidential: true, confidentialityRef: 'OSL 26 kap. 1 §' });
    const other = await closedRoutine('2028-06-02T10:00:00Z', { contact: { name: 'Annan', email: 'annan@example.se', replyChannel: 'email' } });
    const archivist = apiClient(t.app, await newApiKey(t.db, t.orgId, 'archivist'));
    const byEmail = await archivist.get(`/data-subjects?email=${encodeURIComponent('MAJA.KVIST@example.se')}`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.cases.map((c: { number: string }) => c.number).sort()).toEqual([a.number, b.number].sort());
    const ca = byEmail.body.cases.find((c: { number: string }) => c.number === a.number);
    expect(ca.contact).toMatchObject({ name: 'Maja Kvist', email: EMAIL });
    expect(ca.messages).toEqual([expect.objectContaining({ direction: 'out', body: 'Tack för din synpunkt.' })]);
    expect(byEmail.body.cases.find((c: { number: string }) => c.number === b.number)).toMatchObject({ confidential: true, confidentialityRef: 'OSL 26 kap. 1 §' });
    const byPhone = await archivist.get('/data-subjects?phone=%2B46701234567');
    expect(byPhone.body.cases).toHaveLength(2);
    const byPnr = await archivist.get('/data-subjects?personnummer=850101-2390');
    expect(byPnr.body.cases.map((c: { number: string }) => c.number)).toEqual([b.number]);
    expect(JSON.stringify(byEmail.body)).not.toContain(other.number);
    // Recorded, masked.
    const reqs = await t.db.selectFrom('data_subject_requests').select(['type', 'identifier_masked', 'channel']).orderBy('requested_at').execute();
    expect(reqs).toEqual([
      { type: 'extract', identifier_masked: 'm***@example.se', channel: 'api' },
      { type: 'extract', identifier_masked: '********67', channel: 'api' },
      { type: 'extract', identifier_masked: '850101-****', channel: 'api' },
    ]);
    expect(JSON.stringify(await t.db.selectFrom('admin_log').select(['summary', 'after']).execute())).not.toContain('2390');
  });

  it('asks for exactly one identifier, and only admin and archivist keys get one', async () => {
    const admin = apiClient(t.app, await newApiKey(t.db, t.orgId, 'admin'));
    expect((await admin.get('/data-subjects')).status).toBe(400);
    expect((await admin.get(`/data-subjects?email=${EMAIL}&phone=0701234567`)).status).toBe(400);
    expect((await admin.get('/data-subjects?personnummer=850101-2394')).body).toMatchObject({ code: 'invalid', fields: { personnummer: expect.stringContaining('kontrollsiffra') } });
    expect((await apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar')).get(`/data-subjects?email=${EMAIL}`)).status).toBe(403);
  });
});

describe('in the admin pages', () => {
  it('gives the extract as a PDF, and keeps the input on an error', async () => {
    const s = await new Session(t.app).signIn('arkivarie@exempelkommun.se');
    const bad = await s.post('/admin/arkiv/registerutdrag', { kind: 'personnummer', value: '123', what: 'extract' }, { csrfFrom: '/admin/arkiv/registerutdrag' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/<title>Fel: /);
    expect(bad.body).toContain('value="123"');
    const pdf = await s.post('/admin/arkiv/registerutdrag', { kind: 'email', value: EMAIL, what: 'extract' }, { csrfFrom: '/admin/arkiv/registerutdrag' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await new Session(t.app).signIn(DEMO.handlerGata).then((h) => h.get('/admin/arkiv/registerutdrag'))).statusCode).toBe(404);
  });

  it('turns an erasure request into a review: kept under archive law, pseudonymised where allowed, closed with a decision', async () => {
    const open = await buildCase(t.db, { organizationId: t.orgId, status: 'in_progress', unitId, significance: 'routine', contact: { ...contact, email: 'radera@example.se' } });
    const closed = await closedRoutine('2028-09-01T10:00:00Z', { contact: { ...contact, email: 'radera@example.se' } });
    const s = await new Session(t.app).signIn(DEMO.admin);
    const res = await s.post('/admin/arkiv/registerutdrag', { kind: 'email', value: 'radera@example.se', what: 'erasure' }, { csrfFrom: '/admin/arkiv/registerutdrag' });
    expect(res.statusCode).toBe(303);
    const review = await s.get(res.headers.location!);
    expect(review.body).toContain(open.number);
    expect(review.body).toContain('Öppet ärende');
    expect(review.body).toContain('sparas tills gallringsplanens tid har gått ut (artikel 17.3 b)');
    // Not allowed until the organization says so.
    expect(review.body).not.toContain('/pseudonymisera');
    const badSettings = await s.post('/admin/arkiv/installningar', { pseudonymiseOnRequest: 'ja', months: 'tolv', archiveName: 'Kommunarkivet' }, { csrfFrom: '/admin/arkiv/installningar' });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.body).toMatch(/<title>Fel: /);
    expect(badSettings.body).toContain('href="#months"');
    expect(badSettings.body).toContain('value="tolv"');
    expect(badSettings.body).toContain('value="Kommunarkivet"');
    const settings = await s.post('/admin/arkiv/installningar', { pseudonymiseOnRequest: 'ja', months: '', archiveName: 'Kommunarkivet' }, { csrfFrom: '/admin/arkiv/installningar' });
    expect(settings.statusCode).toBe(303);
    const reviewUrl = res.headers.location!;
    const ps = await s.post(`${reviewUrl}/pseudonymisera`, { decision: 'KS 2029/45' }, { csrfFrom: reviewUrl });
    expect(ps.statusCode).toBe(303);
    const cc = await t.db.selectFrom('case_contacts').selectAll().where('case_id', 'in', [open.id, closed.id]).orderBy('name').execute();
    expect(cc.find((c) => c.case_id === closed.id)).toMatchObject({ name: `Person ${closed.number.slice(-5)}`, email: null, phone: null });
    expect(cc.find((c) => c.case_id === open.id)).toMatchObject({ name: 'Maja Kvist', email: 'radera@example.se' });
    const empty = await s.post(reviewUrl, { note: '' }, { csrfFrom: reviewUrl });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/<title>Fel: /);
    expect(empty.body).toContain('href="#note"');
    const decision = 'Allmänna handlingar bevaras enligt arkivlagen; kontaktuppgifterna i avslutade ärenden pseudonymiserade.';
    const done = await s.post(reviewUrl, { note: decision }, { csrfFrom: reviewUrl });
    expect(done.statusCode).toBe(303);
    const closedReview = (await s.get(reviewUrl)).body;
    expect(closedReview).toContain(decision);
    expect(closedReview).not.toContain(`action="${reviewUrl}"`);
    // Closed once: a second decision is a conflict shown on the page, not a new decision.
    const again = await s.post(reviewUrl, { note: 'Ett annat beslut.' }, { csrfFrom: reviewUrl });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Granskningen finns inte eller är redan avslutad.');
  });

  it('pseudonymises closed routine cases automatically after the organization’s months, never held or important ones', async () => {
    await t.db.updateTable('retention_settings').set({ pseudonymise_after_months: 6 }).where('organization_id', '=', t.orgId).execute();
    const old = await closedRoutine('2028-07-01T10:00:00Z', { contact: { ...contact, email: 'auto@example.se' } });
    const young = await closedRoutine('2028-12-01T10:00:00Z', { contact: { ...contact, email: 'auto@example.se' } });
    const important = await closedRoutine('2028-07-01T10:00:00Z', { significance: 'important', contact: { ...contact, email: 'auto@example.se' } });
    const held = await closedRoutine('2028-07-01T10:00:00Z', { contact: { ...contact, email: 'auto@example.se' } });
    await t.db.updateTable('cases').set({ legal_hold: true }).where('id', '=', held.id).execute();
    await autoPseudonymisePass({ db: t.db }, t.clock.now());
    const done = await t.db.selectFrom('cases').select(['id', 'contact_pseudonymised_at']).where('id', 'in', [old.id, young.id, important.id, held.id]).execute();
    const set = new Set(done.filter((d) => d.contact_pseudonymised_at).map((d) => d.id));
    expect(set.has(old.id)).toBe(true);
    expect([young.id, important.id, held.id].some((id) => set.has(id))).toBe(false);
  });
});
