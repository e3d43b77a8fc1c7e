import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { deadlineWorld } from '../../../test/deadlineFixture.ts';
import { TEST_MAIL, waitIdle } from '../../../test/jobs.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp.ts';
import { createDb } from '../../db/database.ts';
import { freePort } from '../../db/embedded.ts';
import { enqueue } from '../../platform/jobs.ts';
import { smtpTransport } from '../../platform/mail.ts';
import { answerCase } from '../cases/commands.ts';
import { extendAnswerDate, setDeadlinePolicy, setDigestOptOut } from '../deadlines/commands.ts';
import { DEFAULT_FULL_POLICY } from '../deadlines/policies.ts';
import { acknowledgementPass } from './acknowledgement.ts';
import { digestPass } from './digest.ts';
import { reminderPass } from './reminders.ts';
import { startJobs, type RunningJobs } from './jobs.ts';
import { UNCERTAIN } from './send.ts';

/** Every notification end to end: command → message row + job → runner → SMTP server on loopback. */

let tdb: TestDatabase;
let w: Awaited<ReturnType<typeof deadlineWorld>>;
let sink: SmtpSink;
let jobs: RunningJobs;

beforeAll(async () => {
  tdb = await createTestDatabase();
  w = await deadlineWorld(tdb.db);
  sink = await startSmtpSink();
  jobs = await startJobs({ db: tdb.db, clock: w.clock, mail: { ...TEST_MAIL, smtpUrl: sink.url }, cron: false, logLevel: 'error' });
});
afterAll(async () => {
  await jobs.stop();
  await sink.close();
  await tdb.drop();
});
afterEach(() => {
  sink.mails.length = 0;
  sink.refuse.clear();
});

const message = (id: string) => tdb.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const messagesOf = (caseId: string, purpose?: string) =>
  tdb.db
    .selectFrom('messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .$if(purpose !== undefined, (q) => q.where('purpose', '=', purpose as 'answer'))
    .orderBy('created_at')
    .execute();
const notifyDeps = () => ({ db: tdb.db, clock: w.clock, tokenSecret: w.deps.tokenSecret, publicUrl: TEST_MAIL.publicUrl });

describe('acknowledgement', () => {
  it('is sent when the case is registered: case number in the subject, who is responsible, the answer date and the status link', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.receive();
    await w.register(c.number);
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.envelopeTo).toEqual(['asa@example.se']);
    expect(mail!.subject).toBe(`Vi har tagit emot din synpunkt ${c.number}`);
    expect(mail!.replyTo).toBe(`synpunkt+${c.number}@exempelkommun.se`);
    expect(mail!.parsed.from?.text).toContain('Exempelkommun');
    expect(mail!.text).toContain('Hej Åsa Öberg!');
    expect(mail!.text).toContain('Sven Samordnare, synpunktsansvarig för Samhällsbyggnad ansvarar för ditt ärende');
    expect(mail!.text).toContain('Du får svar senast 12 januari 2027');
    expect(mail!.text).toContain(`https://synpunkter.exempelkommun.se/arende/${c.token}`);

    const [m] = await messagesOf(c.id, 'acknowledgement');
    expect(m).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, last_error: null, reply_to: `synpunkt+${c.number}@exempelkommun.se` });
    expect(mail!.messageId).toBe(m!.header_message_id);
    const row = await w.caseRow(c.id);
    expect(row.acknowledged_at).not.toBeNull();
    expect(row.ack_due_on).toBeNull();
  });

  it('names the handler once one is assigned, and the daily pass catches a case nobody registered by the acknowledgement date', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const waiting = await w.receive();
    w.clock.set('2026-12-27T09:00:00Z');
    expect(await acknowledgementPass(notifyDeps(), w.clock.now())).toBe(0);
    w.clock.set('2026-12-28T06:00:00Z');
    expect(await acknowledgementPass(notifyDeps(), w.clock.now())).toBe(1);
    expect(await acknowledgementPass(notifyDeps(), w.clock.now())).toBe(0);
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toContain(waiting.number);
    expect(mail!.text).toContain('Registratorn hos Exempelkommun ansvarar');
    // Registering it afterwards sends nothing more.
    await w.register(waiting.number);
    await waitIdle(tdb.db);
    expect(sink.mails).toHaveLength(1);
    expect(await messagesOf(waiting.id, 'acknowledgement')).toHaveLength(1);
  });
});

describe('answer and delay notice', () => {
  it('the answer by e-mail is sent by the job enqueued with it', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    await waitIdle(tdb.db);
    sink.mails.length = 0;
    const r = await answerCase(w.deps, { actor: w.handler, number: c.number, message: { channel: 'email', body: 'Vi har lagat lyktan. Tack för att du hörde av dig!' } });
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toBe(`Svar på din synpunkt ${c.number}`);
    expect(mail!.text).toContain('Vi har lagat lyktan.');
    expect(await message(r.messageId)).toMatchObject({ status: 'sent', transport: 'smtp' });
    expect((await w.caseRow(c.id)).next_reminder_on).toBeNull();
  });

  it('the delay notice tells the submitter the new date and why', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    await waitIdle(tdb.db);
    sink.mails.length = 0;
    w.clock.set('2027-01-11T09:00:00Z');
    await extendAnswerDate(notifyDeps(), { actor: w.handler, number: c.number, newDate: '2027-01-29', reason: 'Vi väntar på reservdelar.' });
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toBe(`Svaret på din synpunkt ${c.number} dröjer`);
    expect(mail!.text).toContain('du får svar senast 29 januari 2027');
    expect(mail!.text).toContain('Varför det dröjer: Vi väntar på reservdelar.');
    expect(mail!.replyTo).toBe(`synpunkt+${c.number}@exempelkommun.se`);
  });
});

describe('reminders, escalation and the digest', () => {
  it('reminds the handler once the working day after the deadline, then escalates to the coordinator after K working days', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    await waitIdle(tdb.db);
    sink.mails.length = 0;
    const handlerEmail = await w.email(w.handler);
    const coordinatorEmail = await w.email(w.coordinator);

    // Other tests' cases in this database fall due too: look at this case's mail only.
    const mine = () => sink.mails.filter((m) => m.subject.includes(c.number));
    const reminders = async () => (await messagesOf(c.id)).filter((m) => m.purpose === 'reminder' || m.purpose === 'escalation').length;
    w.clock.set('2027-01-12T15:00:00Z'); // the answer date itself: not yet late
    await reminderPass(notifyDeps(), w.clock.now());
    expect(await reminders()).toBe(0);
    w.clock.set('2027-01-13T06:00:00Z');
    await reminderPass(notifyDeps(), w.clock.now());
    expect(await reminders()).toBe(1);
    expect((await reminderPass(notifyDeps(), w.clock.now())).messages).toBe(0);
    await waitIdle(tdb.db);
    let mails = mine();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.envelopeTo).toEqual([handlerEmail]);
    expect(mails[0]!.subject).toBe(`Påminnelse: svarstiden har gått ut för ${c.number}`);
    expect(mails[0]!.text).toContain(`https://synpunkter.exempelkommun.se/handlaggning/arenden/${c.number}`);

    w.clock.set('2027-01-19T06:00:00Z');
    await reminderPass(notifyDeps(), w.clock.now());
    expect(await reminders()).toBe(1);
    w.clock.set('2027-01-20T06:00:00Z'); // five working days after the first reminder
    await reminderPass(notifyDeps(), w.clock.now());
    expect(await reminders()).toBe(2);
    await waitIdle(tdb.db);
    mails = mine();
    expect(mails).toHaveLength(2);
    expect(mails[1]!.envelopeTo).toEqual([coordinatorEmail]);
    expect(mails[1]!.subject).toBe(`Försenat ärende: ${c.number} har inte besvarats`);
    const row = await w.caseRow(c.id);
    expect(row.next_reminder_on).toBeNull();
    expect(row.reminders_sent).toBe(1);
    expect(row.escalated_at).not.toBeNull();
    expect(await messagesOf(c.id, 'reminder')).toHaveLength(1);
    // Overdue cases are in the coordinator's digest (08:00 Swedish time, a working day).
    sink.mails.length = 0;
    w.clock.set('2027-01-20T07:00:00Z');
    expect(await digestPass(notifyDeps(), w.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await digestPass(notifyDeps(), w.clock.now())).toBe(0);
    await waitIdle(tdb.db);
    const digest = (await sink.waitFor(1)).find((m) => m.envelopeTo[0] === coordinatorEmail)!;
    expect(digest.subject).toContain('daglig sammanställning');
    expect(digest.text).toContain('Ärenden där svarstiden har gått ut');
    expect(digest.text).toContain(c.number);
  });

  it('an organization can choose more reminders; a coordinator can opt out of the digest', async () => {
    await setDeadlinePolicy(tdb.db, w.admin, null, { ...DEFAULT_FULL_POLICY, reminders: 3, reminderIntervalWorkingDays: 2, escalateAfterWorkingDays: null });
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    const days = ['2027-01-13', '2027-01-14', '2027-01-15', '2027-01-18', '2027-01-19', '2027-01-20', '2027-01-25'];
    const sent: string[] = [];
    for (const d of days) {
      w.clock.set(`${d}T06:00:00Z`);
      const before = (await messagesOf(c.id, 'reminder')).length;
      await reminderPass(notifyDeps(), w.clock.now());
      if ((await messagesOf(c.id, 'reminder')).length > before) sent.push(d);
    }
    expect(sent).toEqual(['2027-01-13', '2027-01-15', '2027-01-19']);
    await setDeadlinePolicy(tdb.db, w.admin, null, DEFAULT_FULL_POLICY);

    await setDigestOptOut(tdb.db, w.coordinator, true);
    w.clock.set('2027-01-21T07:00:00Z');
    expect(await digestPass(notifyDeps(), w.clock.now())).toBe(0);
    await setDigestOptOut(tdb.db, w.coordinator, false);
    await waitIdle(tdb.db);
  });
});

describe('faults: nothing silent, nothing twice', () => {
  it('a recipient the server refuses: failed with the reason, on the case, not retried', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    sink.refuse.add('finns-inte@example.se');
    const c = await w.inProgress({ email: 'finns-inte@example.se' });
    await waitIdle(tdb.db);
    const [ack] = await messagesOf(c.id, 'acknowledgement');
    expect(ack).toMatchObject({ status: 'failed', attempts: 1 });
    expect(ack!.last_error).toMatch(/Mottagarens adress togs inte emot.*550/);
    const ev = await tdb.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('type', '=', 'message').execute();
    expect(ev.map((e) => e.data)).toContainEqual(expect.objectContaining({ purpose: 'acknowledgement', status: 'failed' }));
    expect(sink.mails).toHaveLength(0);
  });

  it('a message left "sending" by a crashed attempt is not sent again but marked for a person to check', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress({ replyChannel: 'phone' });
    const r = await tdb.db.transaction().execute(async (tx) => {
      const m = await tx
        .insertInto('messages')
        .values({ case_id: c.id, purpose: 'other', channel: 'email', recipient: 'asa@example.se', subject: `Ärende ${c.number}`, body: 'Hej', status: 'sending', attempts: 1, sending_started_at: new Date(Date.now() - 11 * 60_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueue(tx, 'send_message', { messageId: m.id });
      return m;
    });
    await waitIdle(tdb.db);
    expect(await message(r.id)).toMatchObject({ status: 'failed', last_error: UNCERTAIN });
    expect(sink.mails).toHaveLength(0);
  });
});

describe('SMTP server down', () => {
  it('leaves the message queued with the reason, and the job retries with back-off until it is sent', async () => {
    const db2 = await createTestDatabase();
    const w2 = await deadlineWorld(db2.db);
    const port = await freePort();
    const down = await startJobs({ db: db2.db, clock: w2.clock, mail: { ...TEST_MAIL, smtpUrl: `smtp://127.0.0.1:${port}` }, cron: false, logLevel: 'error' });
    let late: SmtpSink | undefined;
    try {
      const c = await w2.inProgress({ replyChannel: 'phone' });
      const m = await db2.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('messages')
          .values({ case_id: c.id, purpose: 'other', channel: 'email', recipient: 'asa@example.se', subject: `Ärende ${c.number}`, body: 'Hej igen', status: 'queued' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await enqueue(tx, 'send_message', { messageId: row.id }, { jobKey: `send_message:${row.id}`, maxAttempts: 5 });
        return row;
      });
      await waitIdle(db2.db);
      const first = await db2.db.selectFrom('messages').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
      expect(first.status).toBe('queued');
      expect(first.last_error).toMatch(/Kunde inte nå e-postservern .*ECONNREFUSED/);
      const job = (await sql<{ attempts: number; last_error: string }>`SELECT attempts, last_error FROM graphile_worker.jobs WHERE key = ${`send_message:${m.id}`}`.execute(db2.db)).rows[0]!;
      expect(job.attempts).toBe(1);

      late = await startSmtpSink(port);
      const [mail] = await late.waitFor(1, 20_000);
      expect(mail!.text).toContain('Hej igen');
      await waitIdle(db2.db);
      const sent = await db2.db.selectFrom('messages').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
      expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    } finally {
      await down.stop();
      await late?.close();
      await db2.drop();
    }
  });
});

describe('two runners on one database', () => {
  it('send each reminder exactly once', async () => {
    const shared = await createTestDatabase();
    const ws = await deadlineWorld(shared.db);
    const twoSink = await startSmtpSink();
    const numbers: string[] = [];
    for (let i = 0; i < 12; i++) numbers.push((await ws.inProgress({ replyChannel: 'phone' })).number);
    const dbA = createDb(shared.url, 6);
    const dbB = createDb(shared.url, 6);
    const mail = { ...TEST_MAIL, smtpUrl: twoSink.url };
    const a = await startJobs({ db: dbA, clock: ws.clock, mail, cron: false, logLevel: 'error', transport: smtpTransport(twoSink.url) });
    const b = await startJobs({ db: dbB, clock: ws.clock, mail, cron: false, logLevel: 'error', transport: smtpTransport(twoSink.url) });
    try {
      ws.clock.set('2027-01-13T06:00:00Z');
      // As if every instance's cron fired: several passes at once, on both runners, plus two direct calls.
      await shared.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 4; i++) await enqueue(tx, 'deadline_passes', {});
      });
      const direct = await Promise.all([
        reminderPass({ db: dbA, publicUrl: TEST_MAIL.publicUrl }, ws.clock.now(), 3),
        reminderPass({ db: dbB, publicUrl: TEST_MAIL.publicUrl }, ws.clock.now(), 3),
      ]);
      await waitIdle(shared.db);
      await new Promise((r) => setTimeout(r, 300));
      const reminders = twoSink.mails.filter((m) => m.subject.startsWith('Påminnelse'));
      expect(reminders.map((m) => m.subject.split(' ').pop()).sort()).toEqual([...numbers].sort());
      const rows = await shared.db.selectFrom('messages').select(['status']).where('purpose', '=', 'reminder').execute();
      expect(rows).toHaveLength(12);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      expect(direct[0]!.messages + direct[1]!.messages).toBeLessThanOrEqual(12);
    } finally {
      await a.stop();
      await b.stop();
      await dbA.destroy();
      await dbB.destroy();
      await twoSink.close();
      await shared.drop();
    }
  });
});
