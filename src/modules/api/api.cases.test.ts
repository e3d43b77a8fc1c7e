import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, demoIds, expectSchema, NEW_CASE, newApiKey, type ApiClient } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { seedDemoOrganization } from '../organizations/demo.ts';

let t: TestContext;
let registrar: ApiClient;
let reader: ApiClient;
let otherOrg: ApiClient;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  registrar = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
  reader = apiClient(t.app, await newApiKey(t.db, t.orgId, 'reader'));
  const annan = await seedDemoOrganization(t.db, { slug: 'annan', name: 'Annan kommun', isDefault: false });
  otherOrg = apiClient(t.app, await newApiKey(t.db, annan, 'admin'));
});
afterAll(() => t.close());

describe('POST /api/v1/cases', () => {
  it('registers on behalf with channel and date received, and answers 201 with the case', async () => {
    const res = await registrar.post('/cases', NEW_CASE);
    expect(res.status).toBe(201);
    expectSchema('CreatedCase', res.body);
    expect(res.body).toMatchObject({
      status: 'received',
      kind: 'klagomal',
      channel: 'phone',
      receivedAt: '2026-12-22T09:00:00.000Z',
      anonymous: false,
      unit: null,
      handler: null,
      contact: { name: 'Eva Exempel', email: 'eva@example.se', replyChannel: 'email' },
    });
    expect(res.body.number).toMatch(/^SYN-2026-\d{5}$/);
    expect(res.headers.location).toBe(`/api/v1/cases/${res.body.number}`);
    expect(res.body.events).toEqual([expect.objectContaining({ type: 'received', toStatus: 'received', actor: 'Test registrar' })]);
    expect(res.body.allowedEvents).toContain('register');

    const row = await t.db.selectFrom('cases').select(['channel_confirmed', 'registered_by']).where('number', '=', res.body.number).executeTakeFirstOrThrow();
    expect(row.channel_confirmed).toBe(true);

    // The submitter's private status page works.
    const status = await t.app.inject(new URL(res.body.statusUrl).pathname);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(res.body.number);
  });

  it('registers an anonymous case with contact null, receivedAt defaulting to now', async () => {
    const { receivedAt: _, ...rest } = NEW_CASE;
    const res = await registrar.post('/cases', { ...rest, kind: 'berom', channel: 'letter', contact: null });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ anonymous: true, contact: null, channel: 'letter', receivedAt: t.clock.now().toISOString() });
  });

  it('answers 400 with a message per field for invalid input, and saves nothing', async () => {
    const before = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await registrar.post('/cases', {
      kind: 'klagomål',
      description: '',
      channel: 'fax',
      receivedAt: '2026-12-22 10:00',
      contact: { name: 'Eva', email: 42, replyChannel: 'email', shoeSize: 42 },
      extra: true,
    });
    expect(res.status).toBe(400);
    expectSchema('Error', res.body);
    expect(res.body.code).toBe('invalid');
    expect(Object.keys(res.body.fields).sort()).toEqual(['channel', 'contact.email', 'contact.shoeSize', 'description', 'extra', 'kind', 'receivedAt'].sort());
    expect(res.body.fields.kind).toMatch(/klagomal, fraga, berom, forslag/);
    expect(res.body.fields.receivedAt).toMatch(/tidszon/);
    expect(res.body.fields['contact.shoeSize']).toMatch(/Okänt fält/);
    const after = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('applies the web form’s contact rules, with API field paths', async () => {
    const missing = await registrar.post('/cases', { ...NEW_CASE, contact: { name: ' ', email: null, phone: 'abc', address: null, replyChannel: 'letter' } });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.fields).sort()).toEqual(['contact.address', 'contact.name', 'contact.phone']);
    const required = await registrar.post('/cases', { kind: 'fraga' });
    expect(Object.keys(required.body.fields).sort()).toEqual(['channel', 'contact', 'description']);
    const future = await registrar.post('/cases', { ...NEW_CASE, receivedAt: '2027-01-10T10:00:00+01:00' });
    expect(future.status).toBe(400);
    expect(future.body.fields).toHaveProperty('receivedAt');
  });

  it('refuses roles that do not register feedback with 403', async () => {
    const res = await reader.post('/cases', NEW_CASE);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });
});

describe('GET /api/v1/cases/{number}', () => {
  it('returns the case with its events; a reader sees no contact', async () => {
    const created = (await registrar.post('/cases', NEW_CASE)).body;
    const full = await registrar.get(`/cases/${created.number}`);
    expect(full.status).toBe(200);
    expectSchema('Case', full.body);
    expect(full.body.contact).toMatchObject({ name: 'Eva Exempel' });
    expect(full.body).not.toHaveProperty('statusUrl');

    const read = await reader.get(`/cases/${created.number.toLowerCase()}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('contact');
    expect(JSON.stringify(read.body)).not.toContain('Eva Exempel');
    expect(read.body.allowedEvents).toEqual([]);
  });

  it('answers 404 for a case outside the key’s organization, and for one that does not exist', async () => {
    const created = (await registrar.post('/cases', NEW_CASE)).body;
    const res = await otherOrg.get(`/cases/${created.number}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect((await registrar.get('/cases/SYN-2026-99999')).status).toBe(404);
    const bad = await registrar.get('/cases/inte-ett-nummer');
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('number');
  });
});

describe('GET /api/v1/cases', () => {
  it('lists, filters and pages, scoped to the key', async () => {
    const ids = await demoIds(t.db, t.orgId);
    await registrar.post('/cases', { ...NEW_CASE, kind: 'forslag' });
    await registrar.post('/cases', { ...NEW_CASE, kind: 'forslag' });
    const first = await registrar.get('/cases?kind=forslag&pageSize=1');
    expect(first.status).toBe(200);
    expectSchema('CaseList', first.body);
    expect(first.body).toMatchObject({ page: 1, pageSize: 1, hasMore: true });
    expect(first.body.items).toHaveLength(1);
    const second = await registrar.get('/cases?kind=forslag&pageSize=1&page=2');
    expect(second.body.items[0].number).not.toBe(first.body.items[0].number);

    const received = await registrar.get('/cases?status=received,registered&kind=forslag&kind=klagomal');
    expect(received.body.items.length).toBeGreaterThanOrEqual(2);
    expect(received.body.items.every((i: { status: string }) => i.status === 'received')).toBe(true);

    const inUnit = await registrar.get(`/cases?unit=${await ids.unit('Samhällsbyggnad')}`);
    expect(inUnit.body.items).toEqual([]);

    expect((await reader.get('/cases?kind=forslag')).body.items.length).toBe(2);
    expect((await otherOrg.get('/cases')).body).toMatchObject({ items: [], hasMore: false });
  });

  it('answers 400 naming the parameter for bad filters', async () => {
    const res = await registrar.get('/cases?status=open&pageSize=1000&unitId=x');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields).sort()).toEqual(['pageSize', 'status.0', 'unitId']);
  });
});
