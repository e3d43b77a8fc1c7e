import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../db/embedded.ts';
import { seedDemoOrganization } from '../modules/organizations/demo.ts';
import { seedDemoStaff } from '../modules/organizations/demoStaff.ts';
import { VALID_SUBMISSION } from '../../test/app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { newApiKey } from '../../test/api.ts';
import { HttpSession, registerOverHttp } from '../../test/httpSession.ts';
import { startProcess, waitForOk, type RunningProcess } from '../../test/processes.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp.ts';
import { MAX_LINE } from './logging.ts';

// A resident nobody else is: every piece of this must stay out of the log.
const NAME = 'Zygmunta Qvarnbäck-Yxlund';
const EMAIL = 'zygmunta.qvarnback@exempel-test.se';
const PHONE = '070-987 65 43';
const ADDRESS = 'Kvastgränd 17, 599 99 Ödeshög';
const TEXT = 'Flamingoparaplyet vid Ödeshögs torg läcker; mitt personnummer är 19121212-1212.';
const FORBIDDEN = ['Zygmunta', 'Qvarnb', 'Yxlund', 'zygmunta', 'exempel-test', '987 65 43', '9876543', 'Kvastgränd', 'Flamingoparaply', '19121212', 'registrator@exempelkommun.se', 'samordnare.sbf@exempelkommun.se'];

let tdb: TestDatabase;
let smtp: SmtpSink;
let server: RunningProcess;
let base: string;
let apiKey: string;
let orgId: string;

beforeAll(async () => {
  tdb = await createTestDatabase(4);
  orgId = await seedDemoOrganization(tdb.db);
  await seedDemoStaff(tdb.db, orgId);
  apiKey = await newApiKey(tdb.db, orgId, 'registrar');
  smtp = await startSmtpSink();
  // The acknowledgement is refused with the address in the error text: a job failure to log.
  smtp.refuse.add(EMAIL);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startProcess('server', 'src/server.ts', {
    DATABASE_URL: tdb.url,
    PUBLIC_URL: base,
    PORT: String(port),
    HOST: '127.0.0.1',
    SECURE_COOKIES: 'false',
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'synpunkter@exempelkommun.se',
    // The test posts the form without first waiting on it as a person would (modules/spam).
    FORM_MIN_SECONDS: '0',
  });
  await waitForOk(`${base}/health/ready`, server);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await tdb?.drop();
});

it('keeps a resident\'s name, e-mail, phone, address and text, and staff e-mail, out of the whole log', async () => {
  const citizen = new HttpSession(base);
  const fields = { ...VALID_SUBMISSION, name: NAME, email: EMAIL, phone: PHONE, address: ADDRESS, description: TEXT };
  // Refused first (no kind chosen): the error page keeps the input.
  const refused = await citizen.post('/synpunkt', { ...fields, kind: '' }, { csrf: false });
  expect(refused.status).toBe(400);
  expect(refused.body).toContain('Flamingoparaplyet');
  const sent = await citizen.post('/synpunkt', fields, { csrf: false });
  expect(sent.status, sent.body.match(/<div class="error-summary[\s\S]*?<\/div>/)?.[0]).toBe(303);
  const receiptPath = sent.headers.get('location')!;
  const receipt = await citizen.get(receiptPath);
  const number = receipt.body.match(/SYN-\d{4}-\d{5}/)![0];
  // Far too large: refused, and not one byte of it logged.
  // The server answers 413 at the door and may close the connection before the client has written the whole body.
  const huge = await citizen.post('/synpunkt', { ...fields, description: `${TEXT} `.repeat(30_000) }, { csrf: false }).catch((e: unknown) => e as Error & { cause?: { code?: string } });
  if (huge instanceof Error) expect(huge.cause?.code).toMatch(/^(EPIPE|ECONNRESET)$/);
  else expect(huge.status).toBe(413);
  await citizen.get(`/synpunkt?namn=${encodeURIComponent(NAME)}&epost=${encodeURIComponent(EMAIL)}`);

  const staff = await new HttpSession(base).signIn('registrator@exempelkommun.se');
  expect((await staff.get(`/handlaggning/arenden/${number}`)).body).toContain(NAME);
  expect((await staff.get(`/handlaggning/arenden?q=${encodeURIComponent('Qvarnbäck')}`)).status).toBe(200);
  // Registering sends the acknowledgement, which the SMTP server refuses.
  expect((await registerOverHttp(staff, tdb.db, orgId, number)).status).toBe(303);
  // The acknowledgement waits for a handler (it names them): the coordinator assigns one.
  const coordinator = await new HttpSession(base).signIn('samordnare.sbf@exempelkommun.se');
  const version = (await coordinator.get(`/handlaggning/arenden/${number}`)).body.match(/name="version" value="(\d+)"/)![1]!;
  const idOf = async (table: 'users' | 'org_units', column: 'email' | 'name', value: string) =>
    (await tdb.db.selectFrom(table).select('id').where(column as never, '=', value as never).executeTakeFirstOrThrow()).id;
  const assigned = await coordinator.post(`/handlaggning/arenden/${number}/tilldela`, {
    version,
    unitId: await idOf('org_units', 'name', 'Samhällsbyggnad'),
    handlerId: await idOf('users', 'email', 'handlaggare.gata@exempelkommun.se'),
  });
  expect(assigned.status).toBe(303);
  const api = await fetch(`${base}/api/v1/cases/${number}`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(await api.text()).toContain(EMAIL);
  const badJson = await fetch(`${base}/api/v1/cases`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: `{"description":"${TEXT}", "email": "${EMAIL}"` });
  expect(badJson.status).toBe(400);

  // The acknowledgement to the resident is refused by the SMTP server: wait for the job to give up.
  const until = Date.now() + 30_000;
  for (;;) {
    const m = await tdb.db.selectFrom('messages').select('status').where('recipient', '=', EMAIL).executeTakeFirst();
    if (m?.status === 'failed') break;
    if (Date.now() > until) throw new Error(`acknowledgement not failed: ${m?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop();

  const log = server.output();
  const lines = log.split('\n').filter((l) => l.length > 0);
  expect(lines.length).toBeGreaterThan(10);
  for (const word of [...FORBIDDEN, apiKey, receiptPath.split('/').pop()!]) {
    expect(log.toLowerCase(), `"${word}" in the log`).not.toContain(word.toLowerCase());
  }
  for (const line of lines) {
    expect(Buffer.byteLength(line), line.slice(0, 200)).toBeLessThanOrEqual(MAX_LINE);
    expect(() => JSON.parse(line), line.slice(0, 200)).not.toThrow();
  }
  const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const requests = entries.filter((e) => e.msg === 'request');
  const casePage = requests.find((e) => e.route === '/handlaggning/arenden/:number');
  expect(casePage).toMatchObject({ method: 'GET', status: 200, org: 'exempelkommun', path: `/handlaggning/arenden/${number}` });
  expect(casePage!.userId).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof casePage!.reqId).toBe('string');
  expect(typeof casePage!.ms).toBe('number');
  expect(requests.find((e) => e.status === 413)).toMatchObject({ route: '/synpunkt', method: 'POST' });
  expect(requests.find((e) => String(e.route).startsWith('/api/v1/cases/'))).toHaveProperty('apiKeyId');
  // The refused acknowledgement is logged for operators, without the reason (it names the recipient).
  expect(log).toContain('could not be sent and is marked failed');
  if (process.env.SHOW_LOG) console.log(log);
}, 120_000);
