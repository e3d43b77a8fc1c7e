import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, demoIds, expectSchema, NEW_CASE, newApiKey, type ApiClient } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { seedDemoOrganization } from '../organizations/demo.ts';

let t: TestContext;
let registrar: ApiClient;
let coordinator: ApiClient;
let handler: ApiClient;
let ids: Awaited<ReturnType<typeof demoIds>>;
let classification: Record<string, unknown>;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  registrar = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
  coordinator = apiClient(t.app, await newApiKey(t.db, t.orgId, 'coordinator'));
  handler = apiClient(t.app, await newApiKey(t.db, t.orgId, 'handler'));
  ids = await demoIds(t.db, t.orgId);
  classification = { kind: 'klagomal', areaId: await ids.area('Fysisk miljö'), significance: 'routine', unitId: await ids.unit('Samhällsbyggnad') };
});
afterAll(() => t.close());

const newCase = async (body: object = NEW_CASE): Promise<string> => (await registrar.post('/cases', body)).body.number;

describe('POST /api/v1/cases/{number}/transitions', () => {
  it('walks a case from received to closed, with the version check and the history', async () => {
    const number = await newCase();
    const registered = await registrar.transition(number, { event: 'register', ...classification, version: 1 });
    expect(registered.status).toBe(200);
    expectSchema('Case', registered.body);
    expect(registered.body).toMatchObject({ status: 'registered', unit: { name: 'Samhällsbyggnad' }, area: { name: 'Fysisk miljö' }, significance: 'routine', version: 2 });

    const gustav = await ids.user('handlaggare.gata@exempelkommun.se');
    const assigned = await coordinator.transition(number, { event: 'assign', handlerId: gustav, unitId: await ids.unit('Gata och park'), version: 2 });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', handler: { id: gustav, name: 'Gustav Gatuchef' }, unit: { name: 'Gata och park' } });

    // An API key is never the case's own handler, so an org-wide coordinator key works the case.
    expect((await coordinator.transition(number, { event: 'start' })).body.status).toBe('in_progress');
    expect((await coordinator.transition(number, { event: 'wait', comment: 'Frågat om platsen' })).body.status).toBe('waiting');
    expect((await coordinator.transition(number, { event: 'resume' })).body.status).toBe('in_progress');
    const answered = await coordinator.transition(number, { event: 'answer', channel: 'email', body: 'Lyktan är lagad nu. Tack för att du hörde av dig!' });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');
    const message = await t.db.selectFrom('messages').select(['status', 'recipient']).where('purpose', '=', 'answer').executeTakeFirstOrThrow();
    expect(message).toEqual({ status: 'queued', recipient: 'eva@example.se' });

    const closed = await coordinator.transition(number, { event: 'close', outcome: 'measure_taken', measures: 'Lyktan byttes.', version: answered.body.version });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'measure_taken' });
    expect(closed.body.events.map((e: { type: string }) => e.type)).toEqual(['received', 'register', 'assign', 'start', 'wait', 'resume', 'answer', 'close', 'measure']);
    expect(closed.body.events[1]).toMatchObject({ fromStatus: 'received', toStatus: 'registered', actor: 'Test registrar', label: 'Registrerad' });

    expect((await coordinator.transition(number, { event: 'reopen' })).body.status).toBe('in_progress');
  });

  it('refuses an illegal transition with 409 and the reason', async () => {
    const number = await newCase();
    const res = await registrar.transition(number, { event: 'close', outcome: 'answered' });
    expect(res.status).toBe(409);
    expectSchema('Error', res.body);
    expect(res.body.code).toBe('illegal_transition');
    expect(res.body.message).toMatch(/status/);
  });

  it('refuses a failing guard with 409 and what is missing', async () => {
    const number = await newCase({ ...NEW_CASE, contact: null });
    await registrar.transition(number, { event: 'register', ...classification });
    await coordinator.transition(number, { event: 'assign', handlerId: await ids.user('handlaggare.gata@exempelkommun.se'), unitId: await ids.unit('Gata och park') });
    const res = await coordinator.transition(number, { event: 'wait' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'guard_failed', message: expect.stringMatching(/anonym/) });
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const number = await newCase();
    await registrar.transition(number, { event: 'register', ...classification, version: 1 });
    const res = await registrar.transition(number, { event: 'route', unitId: await ids.unit('Kultur och fritid'), version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('stale_version');
    const after = await registrar.get(`/cases/${number}`);
    expect(after.body).toMatchObject({ version: 2, unit: { name: 'Samhällsbyggnad' } });
  });

  it('answers 400 with the event’s fields for invalid input', async () => {
    const number = await newCase();
    const res = await registrar.transition(number, { event: 'register', kind: 'klagomal', areaId: 'x', significance: 'huge', subcategoryId: null, confidential: 'ja' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid');
    expect(Object.keys(res.body.fields).sort()).toEqual(['areaId', 'confidential', 'significance', 'unitId']);

    const unknown = await registrar.transition(number, { event: 'quick_close' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toHaveProperty('event');
    const extra = await registrar.transition(number, { event: 'start', handlerId: 'x' });
    expect(extra.body.fields).toEqual({ handlerId: 'Okänt fält.' });

    // Checked by the command: an area of another organization, a handler who cannot take the case.
    const foreign = await registrar.transition(number, { event: 'register', ...classification, areaId: '00000000-0000-4000-8000-000000000000' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields).toHaveProperty('areaId');
  });

  it('answers 403 when the key’s role may not perform the event', async () => {
    const number = await newCase();
    const res = await handler.transition(number, { event: 'register', ...classification });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('answers 404 for a case of another organization, whatever the event', async () => {
    const number = await newCase();
    const annan = await seedDemoOrganization(t.db, { slug: 'annan', name: 'Annan kommun', isDefault: false });
    const other = apiClient(t.app, await newApiKey(t.db, annan, 'admin'));
    const res = await other.transition(number, { event: 'withdraw' });
    expect(res.status).toBe(404);
    expect((await registrar.get(`/cases/${number}`)).body.status).toBe('received');
  });

  it('refers, rejects, merges and withdraws', async () => {
    const referred = await registrar.transition(await newCase(), { event: 'refer', referralType: 'fault_report', reply: { channel: 'email', body: 'Gör en felanmälan på webben.' } });
    expect(referred.body).toMatchObject({ status: 'referred', referralType: 'fault_report' });

    const rejected = await registrar.transition(await newCase(), { event: 'reject', reason: 'Personangrepp' });
    expect(rejected.body.status).toBe('not_handled');

    const original = await newCase();
    const duplicate = await newCase();
    const merged = await registrar.transition(duplicate, { event: 'merge', intoNumber: original });
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: original });
    const badMerge = await registrar.transition(await newCase(), { event: 'merge', intoNumber: 'SYN-2026-99999' });
    expect(badMerge.status).toBe(400);
    expect(badMerge.body.fields).toHaveProperty('intoNumber');

    expect((await registrar.transition(await newCase(), { event: 'withdraw', comment: 'Ringde och tog tillbaka' })).body.status).toBe('withdrawn');
  });
});
