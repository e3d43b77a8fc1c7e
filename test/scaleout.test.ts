import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOnce, startTopology, type Topology } from '../bench/lib/topology.ts';
import { seedDemoOrganization } from '../src/modules/organizations/demo.ts';
import { seedDemoStaff } from '../src/modules/organizations/demoStaff.ts';
import { VALID_SUBMISSION } from './app.ts';
import { newApiKey } from './api.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { HttpSession, registerOverHttp } from './httpSession.ts';
import { pendingJobs } from './jobs.ts';
import { startSmtpSink, type SmtpSink } from './smtp.ts';
import { DEMO } from './staffCases.ts';
import { RECEIVER_HOST, startWebhookReceiver, type WebhookReceiver } from './webhookReceiver.ts';

/**
 * deploy/compose.yaml's topology with real processes: Debian's Caddy with deploy/Caddyfile in
 * front of two app instances (compiled build, RUN_JOBS=false) and one separate job runner, on one
 * PostgreSQL, a real SMTP server and a real webhook receiver. Submissions and staff work go to
 * both instances; every acknowledgement, reminder and webhook must arrive exactly once.
 */

let tdb: TestDatabase;
let orgId: string;
let smtp: SmtpSink;
let hooks: WebhookReceiver;
let top: Topology;

// Every resident here writes from 127.0.0.1 at once, so the form's per-address limit and the
// minimum fill time (which a person filling in the form meets) are set out of the way.
const BURST = { FORM_MIN_SECONDS: '0', FORM_LIMIT_PER_ADDRESS_MINUTE: '0', FORM_LIMIT_PER_ADDRESS_HOUR: '0' };

beforeAll(async () => {
  buildOnce();
  tdb = await createTestDatabase(4);
  orgId = await seedDemoOrganization(tdb.db);
  await seedDemoStaff(tdb.db, orgId);
  smtp = await startSmtpSink();
  hooks = await startWebhookReceiver();
  top = await startTopology({ databaseUrl: tdb.url, env: { SMTP_URL: smtp.url, MAIL_FROM: 'synpunkter@exempelkommun.se', WORKER_CONCURRENCY: '5', WEBHOOK_ALLOW_PRIVATE_TARGETS: RECEIVER_HOST, ...BURST } });
}, 300_000);

afterAll(async () => {
  await top?.stop();
  await hooks?.close();
  await smtp?.close();
  await tdb?.drop();
});

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}\n${top.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function idOf(table: 'users' | 'org_units' | 'categories', column: 'email' | 'name', value: string): Promise<string> {
  return (await tdb.db.selectFrom(table).select('id').where(column as never, '=', value as never).executeTakeFirstOrThrow()).id;
}

/** Staff work two at a time (one at each instance), each answered with a redirect. */
async function inPairs(numbers: string[], act: (number: string, index: number) => Promise<{ status: number }>): Promise<void> {
  for (let i = 0; i < numbers.length; i += 2) {
    const pair = numbers.slice(i, i + 2);
    const answers = await Promise.all(pair.map((n, k) => act(n, i + k)));
    answers.forEach((r, k) => expect(r.status, pair[k]).toBe(303));
  }
}

it('serves submissions and staff on either instance, and sends every acknowledgement, reminder and webhook exactly once', async () => {
  expect(top.apps.length).toBe(2); // as in deploy/compose.yaml
  const [a, b] = top.apps as [Topology['apps'][0], Topology['apps'][0]];
  const key = await newApiKey(tdb.db, orgId, 'admin');
  const subscribed = await fetch(`${top.proxyUrl}/api/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: hooks.url('/lyhord'), eventTypes: ['case.created', 'case.registered', 'case.assigned'] }),
  });
  expect(subscribed.status).toBe(201);

  // 24 residents: a third through the proxy, a third straight to each instance, all at once.
  const bases = [top.proxyUrl, a.url, b.url];
  const submitted = await Promise.all(
    Array.from({ length: 24 }, async (_, i) => {
      const s = new HttpSession(bases[i % 3]!);
      const res = await s.post('/synpunkt', { ...VALID_SUBMISSION, email: `person${i}@example.se`, description: `Synpunkt nummer ${i} om belysningen.` }, { csrf: false });
      expect(res.status).toBe(303);
      return (await s.get(res.headers.get('location')!)).body.match(/SYN-\d{4}-\d{5}/)![0];
    }),
  );
  expect(new Set(submitted).size).toBe(24);

  // One signed-in registrar, through the proxy (round robin) and straight at each instance.
  const staff = await new HttpSession(top.proxyUrl).signIn(DEMO.registrar);
  for (const base of [a.url, b.url, top.proxyUrl]) {
    staff.base = base;
    const list = await staff.get('/handlaggning/inkorg');
    expect(list.status, base).toBe(200);
    expect(list.body).toContain(submitted[0]);
  }
  // A form fetched from one instance is accepted by the other (session and CSRF secrets are shared).
  staff.base = a.url;
  const form = await staff.get(`/handlaggning/arenden/${submitted[0]}/registrera`);
  staff.base = b.url;
  const version = form.body.match(/name="version" value="(\d+)"/)![1]!;
  const csrf = form.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
  const unit = await idOf('org_units', 'name', 'Gata och park');
  const area = await idOf('categories', 'name', 'Tjänster');
  const crossed = await staff.post(`/handlaggning/arenden/${submitted[0]}/registrera`, { version, kind: 'klagomal', areaId: area, unitId: unit, subcategoryId: '', significance: 'routine', confidentialityRef: '' }, { csrf });
  expect(crossed.status).toBe(303);
  // The rest, alternating between the instances: one registrar signed in at each, working at once.
  const atA = await new HttpSession(a.url).signIn(DEMO.registrar);
  const atB = await new HttpSession(b.url).signIn(DEMO.registrar);
  await inPairs(submitted.slice(1), (n, j) => registerOverHttp(j % 2 ? atA : atB, tdb.db, orgId, n));
  // The coordinator assigns every case to a handler, one session walking between the instances;
  // the acknowledgement waits for this (it names the handler).
  const coordinator = await new HttpSession(top.proxyUrl).signIn(DEMO.coordinatorSbf);
  const gata = await idOf('org_units', 'name', 'Gata och park');
  const handler = await idOf('users', 'email', DEMO.handlerGata);
  await inPairs(submitted, async (n, j) => {
    const s = j % 2 ? coordinator.at(a.url) : coordinator.at(b.url);
    const page = await s.get(`/handlaggning/arenden/${n}`);
    return s.post(`/handlaggning/arenden/${n}/tilldela`, { version: page.body.match(/name="version" value="(\d+)"/)![1]!, unitId: gata, handlerId: handler });
  });

  // Acknowledgements: the worker sends one to each resident.
  await until('24 acknowledgements', async () => smtp.mails.length >= 24 && (await pendingJobs(tdb.db)) === 0);

  // Reminders: the answer date passes for every case, and the daily pass is started three times
  // at once (as if cron and two people had asked): the worker runs them side by side.
  await sql`UPDATE cases SET answer_by = current_date - 30, next_reminder_on = current_date - 1 WHERE status = 'assigned'`.execute(tdb.db);
  await sql`SELECT graphile_worker.add_job('deadline_passes', '{}'::json) FROM generate_series(1, 3)`.execute(tdb.db);
  await until('reminders', async () => (await pendingJobs(tdb.db)) === 0 && (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE next_reminder_on < current_date`.execute(tdb.db)).rows[0]!.n === 0);
  await until('every message sent', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE channel = 'email' AND status IN ('queued', 'sending')`.execute(tdb.db);
    return rows[0]!.n === 0 && (await pendingJobs(tdb.db)) === 0;
  });
  await until('webhooks', async () => hooks.hooks.length >= 3 * 24);
  await new Promise((r) => setTimeout(r, 1500)); // anything sent twice would arrive by now

  const sent = await tdb.db.selectFrom('messages').select(['id', 'purpose', 'recipient', 'status', 'header_message_id', 'case_id']).where('channel', '=', 'email').execute();
  expect(sent.filter((m) => m.status !== 'sent')).toEqual([]);
  const received = smtp.mails.map((m) => m.messageId);
  expect(received.length).toBe(new Set(received).size); // no mail twice
  expect(new Set(received)).toEqual(new Set(sent.map((m) => m.header_message_id))); // every one sent arrived
  const acks = sent.filter((m) => m.purpose === 'acknowledgement');
  expect(acks.map((m) => m.recipient).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `person${i}@example.se`).sort());
  // A reminder is a message of its own case, or one line of a mail listing several (recorded on each case).
  const { rows: reminded } = await sql<{ case_id: string; purpose: string; recipient: string }>`
    SELECT m.case_id, m.purpose, m.recipient FROM messages m WHERE m.purpose IN ('reminder', 'escalation')
    UNION ALL
    SELECT e.case_id, e.data->>'purpose', m.recipient FROM case_events e JOIN messages m ON m.id = (e.data->>'messageId')::uuid
    WHERE e.type = 'message' AND e.data->>'purpose' IN ('reminder', 'escalation') AND m.case_id IS NULL`.execute(tdb.db);
  expect(new Set(reminded.filter((r) => r.purpose === 'reminder').map((r) => r.case_id)).size).toBe(24); // every case reminded …
  expect(reminded.length).toBe(new Set(reminded.map((r) => `${r.case_id}:${r.purpose}:${r.recipient}`)).size); // … once per person

  const ids = hooks.hooks.map((h) => h.headers['webhook-id']);
  expect(ids.length).toBe(new Set(ids).size);
  const events = hooks.hooks.map((h) => JSON.parse(h.body) as { type: string; data: { caseNumber: string } });
  for (const type of ['case.created', 'case.registered', 'case.assigned']) {
    expect(events.filter((e) => e.type === type).map((e) => e.data.caseNumber).sort(), type).toEqual([...submitted].sort());
  }

  // Operations endpoints: metrics for a scraper on the instance itself, not through the proxy.
  expect((await fetch(`${top.proxyUrl}/metrics`)).status).toBe(404);
  expect((await fetch(`${a.url}/metrics`)).status).toBe(200);
  expect((await fetch(`${top.worker.url}/metrics`)).status).toBe(200);
  expect(await (await fetch(`${top.worker.url}/health/ready`)).json()).toMatchObject({ status: 'ready', checks: { jobRunner: 'ok' } });
}, 240_000);
