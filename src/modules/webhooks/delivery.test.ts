import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, demoIds, newApiKey, type ApiClient } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { TEST_MAIL } from '../../../test/jobs.ts';
import { submitCase } from '../../../test/staffCases.ts';
import { RECEIVER_NETWORK, startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from '../../../test/webhookReceiver.ts';
import { startJobs, type RunningJobs } from '../notifications/jobs.ts';

/**
 * Deliveries end to end: a change commits → deliveries and their job in the same transaction →
 * the job runner → a real HTTP receiver on loopback. Signatures are checked with the
 * standardwebhooks package, so the test does not trust our own signer.
 */

let t: TestContext;
let receiver: WebhookReceiver;
let jobs: RunningJobs;
let admin: ApiClient;
let registrar: ApiClient;
let coordinator: ApiClient;
let ids: Awaited<ReturnType<typeof demoIds>>;

const TIMEOUT_MS = 700;

beforeAll(async () => {
  t = await startTestApp({ staff: true, config: { webhookNetwork: RECEIVER_NETWORK } });
  receiver = await startWebhookReceiver();
  jobs = await startJobs({ db: t.db, clock: t.clock, mail: TEST_MAIL, cron: false, logLevel: 'error', webhooks: { timeoutMs: TIMEOUT_MS, retry: { baseDelayMs: 150, jitter: 0 }, network: RECEIVER_NETWORK } });
  admin = apiClient(t.app, await newApiKey(t.db, t.orgId, 'admin'));
  registrar = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
  coordinator = apiClient(t.app, await newApiKey(t.db, t.orgId, 'coordinator'));
  ids = await demoIds(t.db, t.orgId);
});
afterAll(async () => {
  await jobs.stop();
  await receiver.close();
  await t.close();
});

async function subscribe(path: string, eventTypes?: string[]): Promise<{ id: string; secret: string }> {
  const res = await admin.post('/webhooks', { url: receiver.url(path), ...(eventTypes ? { eventTypes } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const parse = (h: ReceivedHook) => JSON.parse(h.body) as { type: string; timestamp: string; data: { caseNumber: string; status: string; url: string } };
const forCase = (number: string) => (hooks: ReceivedHook[]) => hooks.filter((h) => parse(h).data.caseNumber === number);

async function register(number: string) {
  const res = await registrar.transition(number, { event: 'register', kind: 'klagomal', areaId: await ids.area('Fysisk miljö'), significance: 'routine', unitId: await ids.unit('Samhällsbyggnad') });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('webhook deliveries', () => {
  it('sends every lifecycle event of a case in order, signed per Standard Webhooks, with a thin payload', async () => {
    const sub = await subscribe('/alla');
    const { number } = await submitCase(t, { description: 'Hemlig text om grannen Åsa', name: 'Åsa Öberg', email: 'asa@example.se' });
    await register(number);
    const gustav = await ids.user('handlaggare.gata@exempelkommun.se');
    expect((await coordinator.transition(number, { event: 'assign', handlerId: gustav, unitId: await ids.unit('Gata och park') })).status).toBe(200);
    expect((await coordinator.transition(number, { event: 'start' })).status).toBe(200);
    expect((await coordinator.transition(number, { event: 'answer', channel: 'email', body: 'Vi lagar lampan.' })).status).toBe(200);
    expect((await coordinator.transition(number, { event: 'close', outcome: 'measure_taken' })).status).toBe(200);

    const hooks = forCase(number)(await receiver.waitFor('/alla', (h) => forCase(number)(h).length >= 5));
    expect(hooks.map((h) => parse(h).type)).toEqual(['case.created', 'case.registered', 'case.assigned', 'case.answered', 'case.closed']);
    expect(hooks.map((h) => parse(h).data.status)).toEqual(['received', 'registered', 'assigned', 'answered', 'closed']);

    const verifier = new Webhook(sub.secret);
    for (const h of hooks) {
      expect(h.headers['content-type']).toBe('application/json');
      expect(h.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(h.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(() => verifier.verify(h.body, h.headers as Record<string, string>)).not.toThrow();
    }
    expect(new Set(hooks.map((h) => h.headers['webhook-id'])).size).toBe(5);
    // A tampered body or another secret does not verify.
    expect(() => verifier.verify(hooks[0]!.body.replace('received', 'closed'), hooks[0]!.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(hooks[0]!.body, hooks[0]!.headers as Record<string, string>)).toThrow();

    // Thin: exactly these fields, and nothing the submitter wrote or is.
    const first = parse(hooks[0]!);
    expect(Object.keys(first).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(Object.keys(first.data).sort()).toEqual(['caseNumber', 'status', 'url']);
    expect(first.data.url).toBe(`${TEST_MAIL.publicUrl}/api/v1/cases/${number}`);
    expect(first.timestamp).toBe(t.clock.now().toISOString());
    for (const h of hooks) {
      for (const personal of ['Åsa', 'Öberg', 'asa@example.se', 'grannen', 'lampan', 'Gustav']) expect(h.body).not.toContain(personal);
    }
    await admin.delete(`/webhooks/${sub.id}`);
  });

  it('announces a case marked as spam as case.marked_spam, not case.closed, with nothing more in it than any event', async () => {
    const all = await subscribe('/skrap');
    const closedOnly = await subscribe('/bara-avslutat', ['case.closed']);
    const { number } = await submitCase(t, { description: 'Köp billiga klockor hos Åsa', name: 'Åsa Öberg', email: 'asa@example.se' });
    await register(number);
    expect((await registrar.transition(number, { event: 'spam' })).status).toBe(200);

    const hooks = forCase(number)(await receiver.waitFor('/skrap', (h) => forCase(number)(h).length >= 3));
    expect(hooks.map((h) => parse(h).type)).toEqual(['case.created', 'case.registered', 'case.marked_spam']);
    const spam = parse(hooks[2]!);
    // The status alone says no more than a case rejected for its content would (not_handled): hence the type.
    expect(spam.data.status).toBe('not_handled');
    expect(Object.keys(spam).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(Object.keys(spam.data).sort()).toEqual(['caseNumber', 'status', 'url']);
    expect(spam.data.url).toBe(`${TEST_MAIL.publicUrl}/api/v1/cases/${number}`);
    for (const personal of ['Åsa', 'Öberg', 'asa@example.se', 'klockor', 'spam']) expect(hooks[2]!.body.replace('case.marked_spam', '')).not.toContain(personal);
    expect(() => new Webhook(all.secret).verify(hooks[2]!.body, hooks[2]!.headers as Record<string, string>)).not.toThrow();

    // A subscriber to case.closed is not told of spam as a closed case.
    await waitUntil(async () => (await admin.get(`/webhooks/${all.id}`)).body.pendingDeliveries === 0);
    expect(forCase(number)(receiver.hooks.filter((h) => h.path === '/bara-avslutat'))).toEqual([]);
    expect((await admin.get(`/webhooks/${closedOnly.id}`)).body.deliveries).toEqual([]);
    await admin.delete(`/webhooks/${all.id}`);
    await admin.delete(`/webhooks/${closedOnly.id}`);
  });

  it('retries after a 500 with the same webhook-id, and holds the case’s next event back until then', async () => {
    const sub = await subscribe('/fel500', ['case.created', 'case.registered']);
    receiver.on('/fel500', (_h, nth) => (nth === 1 ? 500 : 200));
    const { number } = await submitCase(t, { description: 'Retry-test' });
    await register(number);
    const hooks = forCase(number)(await receiver.waitFor('/fel500', (h) => forCase(number)(h).length >= 3));
    expect(hooks.map((h) => parse(h).type)).toEqual(['case.created', 'case.created', 'case.registered']);
    expect(hooks[1]!.headers['webhook-id']).toBe(hooks[0]!.headers['webhook-id']);
    // A retry is signed anew (its own timestamp), and still verifies.
    expect(() => new Webhook(sub.secret).verify(hooks[1]!.body, hooks[1]!.headers as Record<string, string>)).not.toThrow();

    await waitUntil(async () => (await admin.get(`/webhooks/${sub.id}`)).body.pendingDeliveries === 0);
    const detail = await admin.get(`/webhooks/${sub.id}`);
    const created = detail.body.deliveries.find((d: { type: string; caseNumber: string }) => d.type === 'case.created' && d.caseNumber === number);
    expect(created).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    const attempts = await t.db
      .selectFrom('webhook_attempts as a')
      .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
      .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
      .select(['a.status_code', 'a.error'])
      .where('d.subscription_id', '=', sub.id)
      .where('e.type', '=', 'case.created')
      .orderBy('a.id')
      .execute();
    expect(attempts).toEqual([
      { status_code: 500, error: 'Mottagaren svarade 500' },
      { status_code: 200, error: null },
    ]);
    await admin.delete(`/webhooks/${sub.id}`);
  });

  it('cuts off a receiver that does not answer in time, and tries again', async () => {
    const sub = await subscribe('/tyst', ['case.created']);
    receiver.on('/tyst', (_h, nth) => (nth === 1 ? 'hang' : 200));
    const { number } = await submitCase(t, { description: 'Timeout-test' });
    const hooks = forCase(number)(await receiver.waitFor('/tyst', (h) => forCase(number)(h).length >= 2));
    expect(hooks[1]!.headers['webhook-id']).toBe(hooks[0]!.headers['webhook-id']);
    expect(hooks[1]!.at - hooks[0]!.at).toBeGreaterThanOrEqual(TIMEOUT_MS);
    await waitUntil(async () => (await admin.get(`/webhooks/${sub.id}`)).body.pendingDeliveries === 0);
    const rows = await t.db.selectFrom('webhook_deliveries').select(['status', 'attempts', 'last_status']).where('subscription_id', '=', sub.id).execute();
    expect(rows).toEqual([{ status: 'delivered', attempts: 2, last_status: 200 }]);
    const first = await t.db.selectFrom('webhook_attempts as a').innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id').select(['a.error', 'a.duration_ms']).where('d.subscription_id', '=', sub.id).orderBy('a.id').executeTakeFirstOrThrow();
    expect(first.error).toBe(`Inget svar inom ${TIMEOUT_MS / 1000} s`);
    expect(first.duration_ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    await admin.delete(`/webhooks/${sub.id}`);
  });

  it('pauses a subscription that has failed for 24 hours, tells the admins, and sends what waited on resume', async () => {
    const sub = await subscribe('/nere', ['case.created']);
    let up = false;
    receiver.on('/nere', () => (up ? 200 : 503));
    const start = t.clock.now();
    const { number } = await submitCase(t, { description: 'Paus-test' });
    await receiver.waitFor('/nere', (h) => forCase(number)(h).length >= 1);
    // The runner records the failure after the receiver has answered: jump the clock only once it has,
    // or the failures would count from the later time and never reach 24 hours.
    await waitUntil(async () => (await admin.get(`/webhooks/${sub.id}`)).body.failingSince === start.toISOString());
    // A day later (by the app's clock) the next attempt fails too: the subscription is paused.
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    try {
      await waitUntil(async () => (await admin.get(`/webhooks/${sub.id}`)).body.status === 'paused');
      const paused = (await admin.get(`/webhooks/${sub.id}`)).body;
      expect(paused.pauseReason).toBe('Inga leveranser har lyckats på 24 timmar.');
      expect(paused.pendingDeliveries).toBe(1);
      const notice = await t.db.selectFrom('messages').select(['recipient', 'subject', 'body', 'status']).where('purpose', '=', 'other').where('subject', 'like', 'Webhook pausad%').execute();
      expect(notice.map((m) => m.recipient)).toEqual(['admin@exempelkommun.se']);
      expect(notice[0]!.body).toContain(`/admin/webhooks/${sub.id}`);
      const log = await t.db.selectFrom('admin_log').select(['action', 'summary']).where('entity_type', '=', 'webhook').where('entity_id', '=', sub.id).orderBy('id').execute();
      expect(log.map((l) => l.action)).toEqual(['create', 'deactivate']);

      // Events while paused are kept, not sent.
      const during = await submitCase(t, { description: 'Under pausen' });
      await new Promise((r) => setTimeout(r, 400));
      expect(forCase(during.number)(receiver.hooks.filter((h) => h.path === '/nere'))).toHaveLength(0);

      up = true;
      const resumed = await admin.post(`/webhooks/${sub.id}/resume`);
      expect(resumed.status).toBe(200);
      expect(resumed.body).toMatchObject({ status: 'active', pauseReason: null, failingSince: null });
      const hooks = await receiver.waitFor('/nere', (h) => forCase(during.number)(h).length === 1 && forCase(number)(h).length === 3);
      // The first case: failed, failed (paused), then sent on resume with the same webhook-id.
      expect(new Set(forCase(number)(hooks).map((h) => h.headers['webhook-id'])).size).toBe(1);
      await waitUntil(async () => (await admin.get(`/webhooks/${sub.id}`)).body.pendingDeliveries === 0);
    } finally {
      t.clock.set(start);
    }
    await admin.delete(`/webhooks/${sub.id}`);
  });

  it('pauses at once when the receiver answers 410 Gone', async () => {
    const sub = await subscribe('/borta', ['case.created']);
    receiver.on('/borta', () => 410);
    await submitCase(t, { description: 'Gone-test' });
    await waitUntil(async () => (await admin.get(`/webhooks/${sub.id}`)).body.status === 'paused');
    expect((await admin.get(`/webhooks/${sub.id}`)).body.pauseReason).toMatch(/410 Gone/);
    await admin.delete(`/webhooks/${sub.id}`);
  });

  it('writes nothing for an organization without subscriptions', async () => {
    for (const s of (await admin.get('/webhooks')).body.items) await admin.delete(`/webhooks/${s.id}`);
    const before = await t.db.selectFrom('webhook_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const { number } = await submitCase(t, { description: 'Ingen lyssnar' });
    await register(number);
    const after = await t.db.selectFrom('webhook_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('Timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
