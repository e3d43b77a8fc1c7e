import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectSchema, newApiKey, type ApiClient } from '../../../test/api.ts';
import { signedIn, startTestApp, type TestContext } from '../../../test/app.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { networkPolicyOf } from '../../platform/internalNetwork.ts';
import { SECRET_CONTEXT } from './deliver.ts';

/** Managing subscriptions: the API (admin keys only) and the admin page (org admins only). */

let t: TestContext;
let admin: ApiClient;
let registrar: ApiClient;
beforeAll(async () => {
  // Receivers on this machine are allowed here, as WEBHOOK_ALLOW_PRIVATE_TARGETS would (internalTargets.test.ts: the default).
  t = await startTestApp({ staff: true, config: { webhookNetwork: networkPolicyOf('localhost,127.0.0.1,::1') } });
  admin = apiClient(t.app, await newApiKey(t.db, t.orgId, 'admin'));
  registrar = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
});
afterAll(() => t.close());

describe('/api/v1/webhooks', () => {
  it('creates a subscription and returns its secret once, sealed in the database', async () => {
    const res = await admin.post('/webhooks', { url: 'https://diarium.exempelkommun.se/hook', eventTypes: ['case.created', 'case.closed'], description: 'Diariet' });
    expect(res.status).toBe(201);
    expectSchema('CreatedWebhook', res.body);
    expect(res.body).toMatchObject({ url: 'https://diarium.exempelkommun.se/hook', eventTypes: ['case.created', 'case.closed'], status: 'active', pendingDeliveries: 0, allowInsecureHttp: false });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(res.body.secret.slice(6), 'base64')).toHaveLength(32);
    expect(res.headers.location).toBe(`/api/v1/webhooks/${res.body.id}`);

    const row = await t.db.selectFrom('webhook_subscriptions').select(['secret_sealed', 'created_by_key']).where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.secret_sealed.toString('latin1')).not.toContain(res.body.secret.slice(6, 20));
    expect((await installationSealer(t.db)).open(row.secret_sealed, SECRET_CONTEXT)).toBe(res.body.secret);
    expect(row.created_by_key).not.toBeNull();

    const list = await admin.get('/webhooks');
    expect(list.status).toBe(200);
    expectSchema('WebhookList', list.body);
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
    const one = await admin.get(`/webhooks/${res.body.id}`);
    expectSchema('WebhookDetail', one.body);
    expect(one.body.deliveries).toEqual([]);

    expect((await admin.delete(`/webhooks/${res.body.id}`)).status).toBe(204);
    expect((await admin.get(`/webhooks/${res.body.id}`)).status).toBe(404);
    expect((await admin.delete(`/webhooks/${res.body.id}`)).status).toBe(404);
  });

  it('subscribes to every event type when none are named', async () => {
    const res = await admin.post('/webhooks', { url: 'https://example.se/alla' });
    expect(res.body.eventTypes).toEqual(['case.created', 'case.registered', 'case.assigned', 'case.answered', 'case.closed', 'case.marked_spam', 'case.reopened', 'case.published', 'case.unpublished', 'case.disposed', 'case.exported']);
    await admin.delete(`/webhooks/${res.body.id}`);
  });

  it('requires https outside localhost unless allowed, and refuses other bad input with the field named', async () => {
    const http = await admin.post('/webhooks', { url: 'http://diarium.exempelkommun.se/hook' });
    expect(http.status).toBe(400);
    expect(http.body.fields.url).toMatch(/https/);
    const allowed = await admin.post('/webhooks', { url: 'http://diarium.exempelkommun.se/hook', allowInsecureHttp: true });
    expect(allowed.status).toBe(201);
    await admin.delete(`/webhooks/${allowed.body.id}`);
    for (const url of ['http://localhost:8080/hook', 'http://127.0.0.1/hook', 'http://[::1]:9000/x']) {
      const local = await admin.post('/webhooks', { url });
      expect(local.status, url).toBe(201);
      await admin.delete(`/webhooks/${local.body.id}`);
    }
    const cases: [object, string][] = [
      [{ url: 'ftp://example.se/x' }, 'url'],
      [{ url: 'inte en adress' }, 'url'],
      [{ url: 'https://user:pass@example.se/x' }, 'url'],
      [{ url: 'https://example.se/x', eventTypes: ['case.deleted'] }, 'eventTypes.0'],
      [{ url: 'https://example.se/x', eventTypes: [] }, 'eventTypes'],
      [{ url: 'https://example.se/x', secret: 'whsec_egen' }, 'secret'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/webhooks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.fields), JSON.stringify(res.body)).toContain(field);
    }
    expect((await admin.get('/webhooks')).body.items).toEqual([]);
  });

  it('is for admin keys only', async () => {
    expect((await registrar.get('/webhooks')).status).toBe(403);
    const res = await registrar.post('/webhooks', { url: 'https://example.se/x' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await apiClient(t.app, null).get('/webhooks')).status).toBe(401);
  });
});

describe('admin page /admin/webhooks', () => {
  const PAGE = '/admin/webhooks';

  it('adds a webhook with the secret shown once, shows its log, and removes it', async () => {
    const s = await signedIn(t.app, 'admin@exempelkommun.se');
    expect((await s.get(PAGE)).body).toContain('Det finns inga webhooks än');
    const created = await s.post(PAGE, { url: 'https://diarium.exempelkommun.se/lyhord', description: 'Diariet', eventTypes: ['case.created', 'case.exported'] }, { csrfFrom: PAGE });
    expect(created.statusCode).toBe(201);
    const secret = created.body.match(/value="(whsec_[^"]+)"/)?.[1];
    expect(secret).toBeDefined();
    const list = await s.get(PAGE);
    expect(list.body).toContain('https://diarium.exempelkommun.se/lyhord');
    expect(list.body).toContain('case.created, case.exported');
    expect(list.body).not.toContain(secret!);

    const row = await t.db.selectFrom('webhook_subscriptions').select(['id', 'created_by']).where('url', '=', 'https://diarium.exempelkommun.se/lyhord').executeTakeFirstOrThrow();
    expect(row.created_by).not.toBeNull();
    const detail = await s.get(`${PAGE}/${row.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Leveranslogg');
    expect(detail.body).toContain('Inget har skickats än');

    const removed = await s.post(`${PAGE}/${row.id}/ta-bort`, {}, { csrfFrom: PAGE });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${PAGE}?borttagen`);
    expect((await s.get(`${PAGE}/${row.id}`)).statusCode).toBe(404);
    const log = await t.db.selectFrom('admin_log').select(['action', 'actor_label']).where('entity_id', '=', row.id).orderBy('id').execute();
    expect(log).toEqual([
      { action: 'create', actor_label: 'Anna Administratör' },
      { action: 'delete', actor_label: 'Anna Administratör' },
    ]);
  });

  it('keeps the input and names each problem', async () => {
    const s = await signedIn(t.app, 'admin@exempelkommun.se');
    const res = await s.post(PAGE, { url: 'http://diarium.exempelkommun.se/x', description: 'Min <b>beskrivning</b>' }, { csrfFrom: PAGE });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Fel: /);
    expect(res.body).toContain('href="#url"');
    expect(res.body).toContain('href="#eventTypes-0"');
    expect(res.body).toContain('value="http://diarium.exempelkommun.se/x"');
    expect(res.body).toContain('Min &lt;b>beskrivning&lt;/b>');
  });

  it('is 404 for everyone but organization admins, and needs the CSRF token', async () => {
    for (const email of ['registrator@exempelkommun.se', 'superanvandare.bou@exempelkommun.se', 'lasare@exempelkommun.se']) {
      expect((await (await signedIn(t.app, email)).get(PAGE)).statusCode).toBe(404);
    }
    const s = await signedIn(t.app, 'admin@exempelkommun.se');
    expect((await s.post(PAGE, { url: 'https://example.se/x', eventTypes: ['case.created'] }, { csrf: false })).statusCode).toBe(403);
    expect((await s.get('/admin')).body).toContain('href="/admin/webhooks"');
  });
});
