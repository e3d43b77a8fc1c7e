import client from 'prom-client';

/**
 * The process's Prometheus metrics. Counters count what this process did (each instance and each
 * worker is scraped on its own and Prometheus sums them); gauges that describe the shared
 * database are added per app by modules/metrics. Other modules count through the functions
 * below, so metric names and labels stay in one place.
 */
export const processRegistry = new client.Registry();
client.collectDefaultMetrics({ register: processRegistry });

export const httpDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by route pattern (never the raw path: it can hold tokens), method and status.',
  labelNames: ['route', 'method', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

const mail = {
  sent: counter('lyhord_mail_sent_total', 'Messages handed to the transport.', ['transport']),
  failed: counter('lyhord_mail_failed_total', 'Messages given up on (permanent refusal, out of attempts, or uncertain).', ['transport']),
  deferred: counter('lyhord_mail_deferred_total', 'Send attempts that failed temporarily and will be retried.', ['transport']),
};
export type MailOutcome = keyof typeof mail;

/** One send attempt's outcome (modules/notifications/send.ts). */
export function countMail(outcome: MailOutcome, transport: string): void {
  mail[outcome].inc({ transport });
}

const jobs = {
  completed: counter('lyhord_jobs_completed_total', 'Jobs that ran to completion in this process.', ['task']),
  errors: counter('lyhord_jobs_errors_total', 'Job attempts that threw in this process (retried until out of attempts).', ['task']),
};

/** A job attempt's end, from the job runner's events (platform/jobs.ts). */
export function countJob(outcome: keyof typeof jobs, task: string): void {
  jobs[outcome].inc({ task });
}

const inboundMail = counter(
  'lyhord_inbound_mail_total',
  'Inbound e-mail by source (smtp, imap, release), result (accepted, held, refused) and outcome (what it became, or why it was refused).',
  ['source', 'result', 'outcome'],
);

/** Inbound mail (modules/mailin reports each message; modules/metrics counts it here). */
export function countInboundMail(labels: { source: string; result: 'accepted' | 'held' | 'refused'; outcome: string }): void {
  inboundMail.inc(labels);
}

const webhookDeliveries = counter('lyhord_webhook_deliveries_total', 'Webhook delivery attempts by event type and outcome (delivered, retrying, failed, paused).', ['event_type', 'outcome']);
const webhookDuration = new client.Histogram({
  name: 'lyhord_webhook_delivery_duration_seconds',
  help: 'How long receivers took to answer a webhook delivery, by outcome.',
  labelNames: ['outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

/** Webhooks (modules/webhooks reports each attempt; modules/metrics counts it here). */
export function countWebhookDelivery(o: { eventType: string; outcome: string; durationMs: number }): void {
  webhookDeliveries.inc({ event_type: o.eventType, outcome: o.outcome });
  webhookDuration.observe({ outcome: o.outcome }, o.durationMs / 1000);
}

function counter<L extends string>(name: string, help: string, labelNames: readonly L[]) {
  return new client.Counter<L>({ name, help, labelNames, registers: [processRegistry] });
}

export { client as promClient };
