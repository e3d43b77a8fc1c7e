import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey, type ApiClient } from '../../../test/api.ts';
import { signedIn, startTestApp, type TestContext } from '../../../test/app.ts';
import { TEST_MAIL } from '../../../test/jobs.ts';
import { errorSummary, submitCase } from '../../../test/staffCases.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhookReceiver.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { startJobs, type RunningJobs } from '../notifications/jobs.ts';
import { SECRET_CONTEXT } from './deliver.ts';
import { generateSecret } from './signing.ts';

/**
 * An organization's admin must not be able to use a webhook to reach this machine or the internal
 * network (a port scanner through the delivery log, the cloud metadata service). The installation
 * here allows nothing internal (no WEBHOOK_ALLOW_PRIVATE_TARGETS), and a real receiver listens on
 * loopback: it must never be connected to.
 */

let t: TestContext;
let receiver: WebhookReceiver;
let jobs: RunningJobs;
let admin: ApiClient;

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  receiver = await startWebhookReceiver();
  jobs = await startJobs({ db: t.db, clock: t.clock, mail: TEST_MAIL, cron: false, logLevel: 'error', webhooks: { timeoutMs: 700, retry: { baseDelayMs: 100, jitter: 0 } } });
  admin = apiClient(t.app, await newApiKey(t.db, t.orgId, 'admin'));
});
afterAll(async () => {
  await jobs?.stop();
  await receiver?.close();
  await t?.close();
});

const port = () => new URL(receiver.url('/')).port;
const REFUSAL = 'leder till den här servern eller ett internt nätverk';

describe('a webhook to an internal address', () => {
  it('is refused when saved through the API, however the address is written, and nothing is connected to', async () => {
    const urls = [
      receiver.url('/oppen'),
      'http://127.0.0.1:1/stangd',
      `http://localhost:${port()}/namn`,
      'https://127.1/hook',
      'https://2130706433/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[::1]/hook',
      'https://0.0.0.0/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/hook',
      'https://192.168.1.1/hook',
      'https://100.64.0.1/hook',
    ];
    const messages = new Set<string>();
    for (const url of urls) {
      const res = await admin.post('/webhooks', { url });
      expect(res.status, url).toBe(400);
      expect(Object.keys(res.body.fields), url).toEqual(['url']);
      expect(res.body.fields.url, url).toContain(REFUSAL);
      expect(res.body.fields.url).toContain('WEBHOOK_ALLOW_PRIVATE_TARGETS');
      messages.add(res.body.fields.url.replace(/^Adressen \S+ /, 'Adressen X '));
    }
    // Plain http with the admin's consent is no way round it.
    const insecure = await admin.post('/webhooks', { url: 'http://169.254.169.254/latest/meta-data/', allowInsecureHttp: true });
    expect(insecure.status).toBe(400);
    expect(insecure.body.fields.url).toContain(REFUSAL);
    // An open port and a closed one get the same answer: nothing tells them apart.
    expect([...messages]).toHaveLength(1);
    expect(await t.db.selectFrom('webhook_subscriptions').select('id').execute()).toEqual([]);
    expect(receiver.connections()).toBe(0);
  });

  it('is refused on the admin page with the address kept and the problem named', async () => {
    const s = await signedIn(t.app, 'admin@exempelkommun.se');
    const url = receiver.url('/sida');
    const res = await s.post('/admin/webhooks', { url, description: 'Intern', eventTypes: ['case.created'] }, { csrfFrom: '/admin/webhooks' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#url"');
    expect(res.body).toContain(`value="${url}"`);
    expect(errorSummary(res.body).join(' ')).toContain(`Adressen 127.0.0.1 ${REFUSAL}`);
    expect(await t.db.selectFrom('webhook_subscriptions').select('id').execute()).toEqual([]);
    expect(receiver.connections()).toBe(0);
  });

  it('is refused when delivering, by name or by address, if such a subscription exists anyway (saved earlier, or a name that now resolves inward)', async () => {
    const sealer = await installationSealer(t.db);
    const stored = async (url: string) =>
      (
        await t.db
          .insertInto('webhook_subscriptions')
          .values({ organization_id: t.orgId, url, description: '', event_types: ['case.created'], secret_sealed: sealer.seal(generateSecret(), SECRET_CONTEXT), allow_insecure: false, created_by: null, created_by_key: null, created_at: t.clock.now() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const ids = [await stored(`http://localhost:${port()}/namn`), await stored(receiver.url('/adress'))];
    await submitCase(t, { description: 'Ett ärende som utlöser en webhook' });

    const attempts = async () =>
      t.db
        .selectFrom('webhook_attempts as a')
        .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
        .select(['d.subscription_id', 'a.status_code', 'a.error'])
        .where('d.subscription_id', 'in', ids)
        .execute();
    const until = Date.now() + 15_000;
    while (new Set((await attempts()).map((a) => a.subscription_id)).size < 2) {
      if (Date.now() > until) throw new Error('no delivery attempt');
      await new Promise((r) => setTimeout(r, 50));
    }
    for (const a of await attempts()) {
      expect(a.status_code).toBeNull();
      expect(a.error).toContain(REFUSAL);
      expect(a.error).toContain('inget skickades');
    }
    expect(receiver.hooks).toEqual([]);
    expect(receiver.connections()).toBe(0);
  });
});
