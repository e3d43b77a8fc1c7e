import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import parsePrometheus, { type Family } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.tsx';
import { outboxTransport } from '../../platform/mail.ts';
import { enqueueSends } from '../../platform/jobs.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { buildCase, buildOrg } from '../../../test/factories.ts';
import { sendMessage } from '../notifications/send.ts';
import { databaseRegistry } from './gauges.ts';
import { metricsAccess } from './access.ts';

const TOKEN = 'metrics-token-for-the-test-0123456789';
let t: TestContext;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-12-22T09:00:00Z' });
  app = await buildApp({ db: t.db, clock: t.clock, config: { demo: true, secureCookies: false, logLevel: 'silent', metricsToken: TOKEN } });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

let lastBody = '';
async function scrape(): Promise<Map<string, Family>> {
  const res = await app.inject('/metrics');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
  lastBody = res.body;
  return new Map(parsePrometheus(res.body).map((f) => [f.name, f]));
}

/**
 * Prometheus's own parser and linter (Debian's prometheus package; .ci/run installs it). Exit 1
 * is a parse error; 3 lists lint findings, which only prom-client's default nodejs_* gauges may
 * have (they end in _total without being counters).
 */
function promtoolCheck(body: string): { status: number | null; output: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
  if (r.error) throw new Error(`promtool is needed (apt-get install prometheus): ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) => {
  const sample = families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample?.value === undefined ? undefined : Number(sample.value);
};

describe('/metrics', () => {
  it('exposes process, HTTP, pool, job, mail and case metrics in the Prometheus text format', async () => {
    const other = await buildOrg(t.db, { slug: 'grannkommun' });
    const orgId = t.orgId;
    await buildCase(t.db, { organizationId: orgId, status: 'received' });
    await buildCase(t.db, { organizationId: orgId, status: 'in_progress', answerBy: '2026-12-30' });
    await buildCase(t.db, { organizationId: orgId, status: 'registered', answerBy: '2026-12-21' }); // overdue
    await buildCase(t.db, { organizationId: orgId, status: 'waiting', answerBy: '2026-12-01' }); // paused: not overdue
    const closed = await buildCase(t.db, { organizationId: orgId, status: 'closed', answerBy: '2026-12-01' });
    await buildCase(t.db, { organizationId: other.id, status: 'assigned', answerBy: '2026-12-10' }); // overdue
    // A message to send and a job due a minute ago that no runner has taken.
    const message = await t.db
      .insertInto('messages')
      .values({ case_id: closed.id, purpose: 'answer', channel: 'email', recipient: 'mottagare@example.se', body: 'Hej', status: 'queued' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`SELECT graphile_worker.add_job('deadline_passes', '{}'::json, run_at => now() - interval '1 minute')`.execute(t.db);
    await enqueueSends(t.db, [message.id]);

    const receipt = await buildCase(t.db, { organizationId: orgId, status: 'received' });
    await t.db.insertInto('backup_runs').values({ kind: 'scheduled', status: 'ok', file: '/x', started_at: new Date('2026-12-22T01:10:00Z') }).execute();
    const before = await scrape();
    await sendMessage({ db: t.db, clock: t.clock, transport: outboxTransport(), from: 'synpunkter@exempelkommun.se', replyTo: 'synpunkt@exempelkommun.se' }, message.id);
    await app.inject('/synpunkt');
    await app.inject('/arende/hemlig-token-som-inte-far-synas');
    const m = await scrape();

    for (const name of ['process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'lyhord_db_pool_connections', 'lyhord_db_pool_waiting', 'lyhord_jobs_failed', 'lyhord_jobs_running', 'lyhord_mail_failed_total', 'lyhord_mail_deferred_total', 'lyhord_inbound_mail_total', 'lyhord_webhook_deliveries_total']) {
      expect(m.has(name), name).toBe(true);
    }
    expect(value(m, 'process_resident_memory_bytes')).toBeGreaterThan(10e6);
    const check = promtoolCheck(lastBody);
    expect(check.output).not.toContain('error while linting');
    expect([0, 3]).toContain(check.status);
    expect(check.output.split('\n').filter((l) => l.trim() && !l.startsWith('nodejs_'))).toEqual([]);
    // (parse-prometheus-text-format folds labelled histograms together, so their lines are read as they are.)
    expect(m.get('http_request_duration_seconds')!.type).toBe('HISTOGRAM');
    expect(lastBody).toMatch(/^http_request_duration_seconds_count\{route="\/synpunkt",method="GET",status_code="200"\} [1-9]/m);
    expect(lastBody).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf",route="\/arende\/:token",method="GET",status_code="404"\} 1$/m);
    expect(lastBody).not.toContain('hemlig-token');

    // Cases: open = received … answered; overdue = registered/assigned/in_progress past answer_by.
    expect(value(m, 'lyhord_cases_open', { organization: 'exempelkommun' })).toBe(5);
    expect(value(m, 'lyhord_cases_overdue', { organization: 'exempelkommun' })).toBe(1);
    expect(value(m, 'lyhord_cases_open', { organization: 'grannkommun' })).toBe(1);
    expect(value(m, 'lyhord_cases_overdue', { organization: 'grannkommun' })).toBe(1);
    expect(receipt.status).toBe('received');

    expect(value(m, 'lyhord_jobs_queued', { task: 'deadline_passes' })).toBe(1);
    expect(value(m, 'lyhord_jobs_oldest_age_seconds')).toBeGreaterThanOrEqual(59);
    expect(value(m, 'lyhord_backup_last_success_timestamp_seconds')).toBe(Date.parse('2026-12-22T01:10:00Z') / 1000);
    expect(value(m, 'lyhord_mail_queued')).toBe(1); // read before the send, within the refresh interval
    expect((value(m, 'lyhord_mail_sent_total', { transport: 'outbox' }) ?? 0) - (value(before, 'lyhord_mail_sent_total', { transport: 'outbox' }) ?? 0)).toBe(1);
  });

  it('answers loopback without a token, and elsewhere only with the right bearer token (401 otherwise)', async () => {
    const from = (remoteAddress: string, headers: Record<string, string> = {}) => app.inject({ url: '/metrics', remoteAddress, headers });
    expect((await from('127.0.0.1')).statusCode).toBe(200);
    expect((await from('::1')).statusCode).toBe(200);
    const outside = await from('198.51.100.7');
    expect(outside.statusCode).toBe(401);
    expect(outside.headers['www-authenticate']).toContain('Bearer');
    expect((await from('198.51.100.7', { authorization: 'Bearer wrong-token-0123456789' })).statusCode).toBe(401);
    expect((await from('198.51.100.7', { authorization: TOKEN })).statusCode).toBe(401);
    expect((await from('198.51.100.7', { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    // Through a reverse proxy on the same machine: loopback, but not a local scraper.
    expect((await from('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(401);
    expect((await from('127.0.0.1', { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    // No token configured: nothing opens it from outside.
    expect(metricsAccess({ remoteAddress: '198.51.100.7', headers: { authorization: 'Bearer ' } }, undefined)).toBe('denied');
    expect(metricsAccess({ remoteAddress: '::ffff:127.0.0.1', headers: {} }, undefined)).toBe('open');
  });
});

describe('database gauges', () => {
  it('read the database at most once per refresh interval, however often scraped', async () => {
    const org = await buildOrg(t.db, { slug: 'cachekommun' });
    const cachedRegistry = databaseRegistry(t.db, t.clock, 60_000);
    const freshRegistry = databaseRegistry(t.db, t.clock, 0);
    const open = async (r: typeof cachedRegistry) => value(new Map(parsePrometheus(await r.metrics()).map((f) => [f.name, f])), 'lyhord_cases_open', { organization: 'cachekommun' });
    expect(await open(cachedRegistry)).toBe(0);
    await buildCase(t.db, { organizationId: org.id, status: 'received' });
    expect(await open(cachedRegistry)).toBe(0);
    expect(await open(freshRegistry)).toBe(1);
  });
});
