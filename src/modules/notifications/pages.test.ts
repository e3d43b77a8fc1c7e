import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestApp, type TestContext } from '../../../test/app.ts';
import { TEST_MAIL, waitIdle } from '../../../test/jobs.ts';
import type { Db } from '../../db/database.ts';
import { assignCase, registerCase, simpleTransition, type CaseDeps } from '../cases/commands.ts';
import type { Actor } from '../cases/policy.ts';
import { submitCase } from '../intake/commands.ts';
import { installationSecret } from '../../platform/secrets.ts';
import { acknowledgementPass } from './acknowledgement.ts';
import { startJobs, type RunningJobs } from './jobs.ts';
import { findOrganizationById } from '../organizations/queries.ts';

/** The admin pages (outbox, deadlines) and the handler's delay-notice form, through HTTP. */

let t: TestContext;
let jobs: RunningJobs;
let deps: CaseDeps;

async function actorFor(db: Db, email: string): Promise<Actor> {
  const u = await db.selectFrom('users').select(['id', 'name', 'organization_id']).where('email', '=', email).executeTakeFirstOrThrow();
  const grants = await db.selectFrom('role_grants').select(['role', 'org_unit_id']).where('user_id', '=', u.id).execute();
  return { kind: 'user', id: u.id, name: u.name, organizationId: u.organization_id, grants: grants.map((g) => ({ role: g.role, unitId: g.org_unit_id })) };
}

beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-22T09:00:00Z' });
  // No SMTP_URL: the embedded default, mail goes to the local outbox.
  jobs = await startJobs({ db: t.db, clock: t.clock, mail: TEST_MAIL, cron: false, logLevel: 'error' });
  deps = { db: t.db, clock: t.clock, tokenSecret: await installationSecret(t.db, 'status-token') };
});
afterAll(async () => {
  await jobs.stop();
  await t.close();
});

async function webCase(email = 'asa@example.se') {
  return submitCase(deps, (await findOrganizationById(t.db, t.orgId))!, { kind: 'klagomal', description: 'Lyktan är trasig.', suggestedUnitId: null, anonymous: false, contact: { name: 'Åsa Öberg', email, phone: null, address: null, replyChannel: 'email' } }, `form-${crypto.randomUUID()}`);
}

describe('/admin/utkorg', () => {
  it('shows an admin what would have been sent, with status, and each message in full', async () => {
    const c = await webCase();
    t.clock.set('2026-12-28T07:00:00Z');
    expect(await acknowledgementPass({ ...deps, publicUrl: TEST_MAIL.publicUrl }, t.clock.now())).toBe(1);
    await waitIdle(t.db);
    const msg = await t.db.selectFrom('messages').selectAll().where('purpose', '=', 'acknowledgement').executeTakeFirstOrThrow();
    expect(msg).toMatchObject({ status: 'sent', transport: 'outbox', reply_to: `synpunkt+${c.number}@exempelkommun.se` });

    const admin = await signedIn(t.app, 'admin@exempelkommun.se');
    const list = await admin.get('/admin/utkorg');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`Vi har tagit emot din synpunkt ${c.number}`);
    expect(list.body).toContain('i den lokala utkorgen');
    const detail = await admin.get(`/admin/utkorg/${msg.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('asa@example.se');
    expect(detail.body).toContain(`synpunkt+${c.number}@exempelkommun.se`);
    expect(detail.body).toContain('Du får svar senast');
    expect(detail.body).toContain(`${msg.id}@exempelkommun.se`);
  });

  it('a failed message shows its reason and purpose in words, and can be sent again by an admin', async () => {
    const c = await webCase();
    const m = await t.db
      .insertInto('messages')
      .values({ case_id: (await t.db.selectFrom('cases').select('id').where('number', '=', c.number).executeTakeFirstOrThrow()).id, purpose: 'question', channel: 'email', recipient: 'asa@example.se', subject: `Ärende ${c.number}`, body: 'Hej', status: 'failed', attempts: 1, last_error: 'Kunde inte nå e-postservern' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const admin = await signedIn(t.app, 'admin@exempelkommun.se');
    const failed = await admin.get('/admin/utkorg?status=failed');
    expect(failed.body).toContain('Kunde inte nå e-postservern');
    expect(failed.body).toContain('<td>Fråga till synpunktslämnaren</td>');
    const res = await admin.post(`/admin/utkorg/${m.id}/skicka-igen`, {}, { csrfFrom: `/admin/utkorg/${m.id}` });
    expect(res.statusCode).toBe(303);
    await waitIdle(t.db);
    expect(await t.db.selectFrom('messages').select(['status', 'attempts']).where('id', '=', m.id).executeTakeFirstOrThrow()).toEqual({ status: 'sent', attempts: 2 });
  });

  it('does not exist for anyone but the organization admin', async () => {
    const msg = await t.db.selectFrom('messages').select('id').executeTakeFirstOrThrow();
    for (const email of ['handlaggare.forskola@exempelkommun.se', 'registrator@exempelkommun.se', 'samordnare.bou@exempelkommun.se']) {
      const s = await signedIn(t.app, email);
      expect((await s.get('/admin/utkorg')).statusCode).toBe(404);
      expect((await s.get(`/admin/utkorg/${msg.id}`)).statusCode).toBe(404);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/utkorg' });
    expect(anonymous.statusCode).toBe(303);
  });
});

describe('/admin/tidsfrister', () => {
  it('refuses an invalid policy GOV.UK style and saves a valid one', async () => {
    const admin = await signedIn(t.app, 'admin@exempelkommun.se');
    expect((await admin.get('/admin/tidsfrister')).statusCode).toBe(200);
    const bad = await admin.post(
      '/admin/tidsfrister',
      { kind: '', acknowledgeWorkingDays: '2', answerDays: '0', answerUnit: 'working', reminders: '1', reminderIntervalWorkingDays: '5', escalateAfterWorkingDays: '-3' },
      { csrfFrom: '/admin/tidsfrister' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/<title>Fel: Tidsfrister/);
    expect(bad.body).toContain('href="#answerDays"');
    expect(bad.body).toContain('Svarstiden ska vara ett helt antal dagar, minst 1');
    expect(bad.body).toContain('href="#escalateAfterWorkingDays"');
    expect(bad.body).toContain('value="-3"');

    const ok = await admin.post(
      '/admin/tidsfrister',
      { kind: '', acknowledgeWorkingDays: '2', answerDays: '7', answerUnit: 'calendar', reminders: '1', reminderIntervalWorkingDays: '5', escalateAfterWorkingDays: '' },
      { csrfFrom: '/admin/tidsfrister' },
    );
    expect(ok.statusCode).toBe(303);
    const page = await admin.get(ok.headers.location as string);
    expect(page.body).toContain('öppna ärenden fick nya datum');
    expect(page.body).toContain('svar inom 7 kalenderdagar');

    const closed = await admin.post('/admin/tidsfrister/stangda-dagar', { day: '2027-13-01', description: '' }, { csrfFrom: '/admin/tidsfrister' });
    expect(closed.statusCode).toBe(400);
    expect(closed.body).toContain('href="#day"');
    expect((await admin.post('/admin/tidsfrister/stangda-dagar', { day: '2027-05-14', description: 'Klämdag' }, { csrfFrom: '/admin/tidsfrister' })).statusCode).toBe(303);
    expect((await admin.get('/admin/tidsfrister')).body).toContain('14 maj 2027 – Klämdag');
    const r = await admin.post('/admin/tidsfrister', { kind: '', acknowledgeWorkingDays: '2', answerDays: '10', answerUnit: 'working', reminders: '1', reminderIntervalWorkingDays: '5', escalateAfterWorkingDays: '5' }, { csrfFrom: '/admin/tidsfrister' });
    expect(r.statusCode).toBe(303);

    const handler = await signedIn(t.app, 'handlaggare.gata@exempelkommun.se');
    expect((await handler.get('/admin/tidsfrister')).statusCode).toBe(404);
  });
});

describe('/handlaggning/arenden/:number/forlang', () => {
  it('the handler extends the answer date with a reason; errors are shown on the form', async () => {
    t.clock.set('2026-12-22T09:00:00Z');
    const c = await webCase();
    const registrar = await actorFor(t.db, 'registrator@exempelkommun.se');
    const coordinator = await actorFor(t.db, 'samordnare.sbf@exempelkommun.se');
    const handler = await actorFor(t.db, 'handlaggare.gata@exempelkommun.se');
    const units = await t.db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', t.orgId).execute();
    const area = await t.db.selectFrom('categories').select('id').where('organization_id', '=', t.orgId).where('level', '=', 'area').executeTakeFirstOrThrow();
    await registerCase(deps, { actor: registrar, number: c.number, classification: { kind: 'klagomal', areaId: area.id, subcategoryId: null, significance: 'routine', confidential: false, confidentialityRef: null, unitId: units.find((u) => u.name === 'Gata och park')!.id } });
    await assignCase(deps, { actor: coordinator, number: c.number, handlerId: handler.id });
    await simpleTransition(deps, { actor: handler, number: c.number, event: 'start' });

    const s = await signedIn(t.app, 'handlaggare.gata@exempelkommun.se');
    const form = await s.get(`/handlaggning/arenden/${c.number}/forlang`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('12 januari 2027');
    const bad = await s.post(`/handlaggning/arenden/${c.number}/forlang`, { newDate: 'i morgon', reason: '' }, { csrfFrom: `/handlaggning/arenden/${c.number}/forlang` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#newDate"');
    expect(bad.body).toContain('href="#reason"');
    // A Saturday: refused, with the next working day proposed and the reason kept.
    const saturday = await s.post(`/handlaggning/arenden/${c.number}/forlang`, { newDate: '2027-01-16', reason: 'Vi behöver mer tid.' }, { csrfFrom: `/handlaggning/arenden/${c.number}/forlang` });
    expect(saturday.statusCode).toBe(400);
    expect(saturday.body).toContain('2027-01-16 är en lördag, inte en arbetsdag. Välj en arbetsdag, till exempel 2027-01-18.');
    expect(saturday.body).toContain('Vi behöver mer tid.');
    expect((await t.db.selectFrom('cases').select('answer_by').where('number', '=', c.number).executeTakeFirstOrThrow()).answer_by).toBe('2027-01-12');
    const ok = await s.post(`/handlaggning/arenden/${c.number}/forlang`, { newDate: '2027-01-26', reason: 'Vi behöver mer tid.' }, { csrfFrom: `/handlaggning/arenden/${c.number}/forlang` });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/handlaggning/arenden/${c.number}?klart=forlangt-email`);
    expect((await s.get(ok.headers.location!)).body).toContain('Svarsdatumet är ändrat. Synpunktslämnaren får besked med e-post');
    expect((await t.db.selectFrom('cases').select('answer_by').where('number', '=', c.number).executeTakeFirstOrThrow()).answer_by).toBe('2027-01-26');
    await waitIdle(t.db);
    const notice = await t.db.selectFrom('messages').select(['status', 'body']).where('purpose', '=', 'delay_notice').executeTakeFirstOrThrow();
    expect(notice.status).toBe('sent');
    expect(notice.body).toContain('Vi behöver mer tid.');
    // The submitter's history names the new date, in their language too, and the handler's reason.
    const status = await t.app.inject(`/arende/${c.token}`);
    expect(status.body).toContain('Vi flyttade datumet för vårt svar: du får svar senast 26 januari 2027');
    expect(status.body).toContain('Varför det dröjer: <span class="user-text" dir="auto">Vi behöver mer tid.</span>');
    expect((await t.app.inject(`/arende/${c.token}?lang=en`)).body).toContain('you will get a reply by 26 January 2027 at the latest');

    // Once answered there is no answer date left to move: the page says so and offers no form.
    await t.db.updateTable('cases').set({ first_answered_at: t.clock.now() }).where('number', '=', c.number).execute();
    const answered = await s.get(`/handlaggning/arenden/${c.number}/forlang`);
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain('Svarsdatumet kan bara förlängas för ett registrerat ärende som inte har besvarats.');
    expect(answered.body).not.toContain('<form method="post" action="/handlaggning/arenden/');

    // Someone who may not see the case gets 404.
    const other = await signedIn(t.app, 'handlaggare.forskola@exempelkommun.se');
    expect((await other.get(`/handlaggning/arenden/${c.number}/forlang`)).statusCode).toBe(404);
  });

  it('a handler who may see a case in their unit but not change it finds no form: 404 on GET and POST, as on the answer page', async () => {
    t.clock.set('2026-12-22T09:00:00Z');
    const c = await webCase();
    const registrar = await actorFor(t.db, 'registrator@exempelkommun.se');
    const units = await t.db.selectFrom('org_units').select(['id', 'name']).where('organization_id', '=', t.orgId).execute();
    const area = await t.db.selectFrom('categories').select('id').where('organization_id', '=', t.orgId).where('level', '=', 'area').executeTakeFirstOrThrow();
    // Registered to the handler's unit, assigned to nobody: visible to them, not theirs to change.
    await registerCase(deps, { actor: registrar, number: c.number, classification: { kind: 'klagomal', areaId: area.id, subcategoryId: null, significance: 'routine', confidential: false, confidentialityRef: null, unitId: units.find((u) => u.name === 'Gata och park')!.id } });

    const handler = await signedIn(t.app, 'handlaggare.gata@exempelkommun.se');
    expect((await handler.get(`/handlaggning/arenden/${c.number}`)).statusCode).toBe(200);
    expect((await handler.get(`/handlaggning/arenden/${c.number}/svara`)).statusCode).toBe(404);
    expect((await handler.get(`/handlaggning/arenden/${c.number}/forlang`)).statusCode).toBe(404);
    const post = await handler.post(`/handlaggning/arenden/${c.number}/forlang`, { newDate: '2027-01-26', reason: 'Vi behöver mer tid.' }, { csrfFrom: `/handlaggning/arenden/${c.number}` });
    expect(post.statusCode).toBe(404);
    expect((await t.db.selectFrom('cases').select('answer_by').where('number', '=', c.number).executeTakeFirstOrThrow()).answer_by).toBe('2027-01-12');

    // The registrar may change it; a form saved from a stale version gets the staff conflict page with the text kept.
    const reg = await signedIn(t.app, 'registrator@exempelkommun.se');
    const form = await reg.get(`/handlaggning/arenden/${c.number}/forlang`);
    expect(form.statusCode).toBe(200);
    const stale = await reg.post(`/handlaggning/arenden/${c.number}/forlang`, { newDate: '2027-01-26', reason: 'Vi behöver mer tid.', version: '0' }, { csrfFrom: `/handlaggning/arenden/${c.number}/forlang` });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('class="staff-nav"');
    expect(stale.body).toContain('Vi behöver mer tid.');
  });
});

describe('/admin/e-postmallar', () => {
  it('an organization edits a template; unknown placeholders are refused; the next message uses it', async () => {
    const admin = await signedIn(t.app, 'admin@exempelkommun.se');
    expect((await admin.get('/admin/e-postmallar')).body).toContain('Bekräftelse till synpunktslämnaren');
    const edit = await admin.get('/admin/e-postmallar/acknowledgement');
    expect([edit.statusCode, edit.headers.location]).toEqual([200, undefined]);
    const bad = await admin.post('/admin/e-postmallar/acknowledgement', { subject: 'Tack {arendenummer}', body: 'Hej {fornamn}!' }, { csrfFrom: '/admin/e-postmallar/acknowledgement' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Okänd platshållare: {fornamn}');
    const noNumber = await admin.post('/admin/e-postmallar/acknowledgement', { subject: 'Tack', body: 'Hej {namn}!' }, { csrfFrom: '/admin/e-postmallar/acknowledgement' });
    expect(noNumber.body).toContain('ska innehålla {arendenummer}');
    const ok = await admin.post('/admin/e-postmallar/acknowledgement', { subject: 'Tack för din synpunkt {arendenummer}', body: 'Hej {namn}! Svar senast {svarsdatum}.' }, { csrfFrom: '/admin/e-postmallar/acknowledgement' });
    expect(ok.statusCode).toBe(303);
    t.clock.set('2027-02-01T09:00:00Z');
    const c = await webCase('bo@example.se');
    t.clock.set('2027-02-03T07:00:00Z');
    await acknowledgementPass({ ...deps, publicUrl: TEST_MAIL.publicUrl }, t.clock.now());
    const m = await t.db.selectFrom('messages').select(['subject', 'body']).where('recipient', '=', 'bo@example.se').executeTakeFirstOrThrow();
    expect(m.subject).toBe(`Tack för din synpunkt ${c.number}`);
    expect(m.body).toBe('Hej Åsa Öberg! Svar senast 15 februari 2027.');
    // The fake clock moved past the session's lifetime: sign in again.
    const again = await signedIn(t.app, 'admin@exempelkommun.se');
    expect((await again.post('/admin/e-postmallar/acknowledgement/aterstall', {}, { csrfFrom: '/admin/e-postmallar/acknowledgement' })).statusCode).toBe(303);
    expect(await t.db.selectFrom('message_templates').select('key').execute()).toEqual([]);
    await waitIdle(t.db);
  });
});

describe('the admin log', () => {
  it('records deadline, closure-day and template changes with who and before/after', async () => {
    const rows = await t.db.selectFrom('admin_log').select(['entity_type', 'action', 'actor_label', 'before', 'after']).where('entity_type', 'in', ['deadline_policy', 'closure_day', 'message_template']).execute();
    // The tests above changed the policy, closure days and a template through the admin pages.
    expect(new Set(rows.map((r) => r.entity_type))).toEqual(new Set(['deadline_policy', 'closure_day', 'message_template']));
    expect(rows.every((r) => r.actor_label)).toBe(true);
  });
});
