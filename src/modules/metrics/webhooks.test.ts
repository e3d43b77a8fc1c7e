import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { TEST_MAIL } from '../../../test/jobs.ts';
import { submitCase } from '../../../test/staffCases.ts';
import { RECEIVER_NETWORK, startWebhookReceiver, type WebhookReceiver } from '../../../test/webhookReceiver.ts';
import { processRegistry } from '../../platform/metrics.ts';
import { startJobs, type RunningJobs } from '../notifications/jobs.ts';
import './webhooks.ts';

let t: TestContext;
let receiver: WebhookReceiver;
let jobs: RunningJobs;

beforeAll(async () => {
  t = await startTestApp({ staff: true, config: { webhookNetwork: RECEIVER_NETWORK } });
  receiver = await startWebhookReceiver();
  jobs = await startJobs({ db: t.db, clock: t.clock, mail: TEST_MAIL, cron: false, logLevel: 'error', webhooks: { timeoutMs: 700, retry: { baseDelayMs: 100, jitter: 0 }, network: RECEIVER_NETWORK } });
});
afterAll(async () => {
  await jobs.stop();
  await receiver.close();
  await t.close();
});

async function deliveries(labels: Record<string, string>): Promise<number> {
  const metric = await processRegistry.getSingleMetric('lyhord_webhook_deliveries_total')!.get();
  return metric.values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
}

it('counts webhook deliveries by event type and outcome, with their duration', async () => {
  const admin = apiClient(t.app, await newApiKey(t.db, t.orgId, 'admin'));
  const before = { delivered: await deliveries({ event_type: 'case.created', outcome: 'delivered' }), retrying: await deliveries({ event_type: 'case.created', outcome: 'retrying' }) };
  // The first attempt is refused with 503, the second taken.
  receiver.on('/metrics', (_hook, nth) => (nth === 1 ? 503 : 204));
  expect((await admin.post('/webhooks', { url: receiver.url('/metrics'), eventTypes: ['case.created'] })).status).toBe(201);
  await submitCase(t);
  await receiver.waitFor('/metrics', (hooks) => hooks.length >= 2);
  const until = Date.now() + 5000;
  while ((await deliveries({ event_type: 'case.created', outcome: 'delivered' })) === before.delivered && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(await deliveries({ event_type: 'case.created', outcome: 'retrying' })).toBe(before.retrying + 1);
  expect(await deliveries({ event_type: 'case.created', outcome: 'delivered' })).toBe(before.delivered + 1);
  const duration = await processRegistry.getSingleMetric('lyhord_webhook_delivery_duration_seconds')!.get();
  expect(duration.values.some((v) => (v as { metricName?: string }).metricName === 'lyhord_webhook_delivery_duration_seconds_count' && v.labels.outcome === 'delivered' && v.value >= 1)).toBe(true);
});
