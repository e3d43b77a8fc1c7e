import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { deadlineWorld } from '../../../test/deadlineFixture.ts';
import { TEST_MAIL, waitIdle } from '../../../test/jobs.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp.ts';
import { createDb } from '../../db/database.ts';
import { freePort } from '../../db/embedded.ts';
import { enqueue } from '../../platform/jobs.ts';
import { smtpTransport } from '../../platform/mail.ts';
import { reminderPass } from './reminders.ts';
import { startJobs } from './jobs.ts';
import { UNCERTAIN } from './send.ts';
import { tdb, w, sink, message, messagesOf, withMailWorld } from './mailWorld.ts';

/** Mail when things go wrong: faults, an SMTP server that is down, two runners on one database. */

withMailWorld();

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
      // One handler, twelve cases: each case in exactly one mail (a pass bundles what it finds for one person).
      const reminders = twoSink.mails.filter((m) => m.subject.startsWith('Påminnelse'));
      const mentioned = reminders.flatMap((m) => [...m.text.matchAll(/\/handlaggning\/arenden\/(SYN-\d{4}-\d{5})/g)].map((x) => x[1]!));
      expect(mentioned.sort()).toEqual([...numbers].sort());
      const rows = await shared.db.selectFrom('messages').select(['status']).where((eb) => eb.or([eb('purpose', '=', 'reminder'), eb('dedupe_key', 'like', 'reminders:%')])).execute();
      expect(rows).toHaveLength(reminders.length);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      const perCase = await sql<{ n: number }>`
        SELECT (SELECT count(*) FROM messages m WHERE m.case_id = c.id AND m.purpose = 'reminder')
             + (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.type = 'message' AND e.data->>'purpose' = 'reminder') AS n
        FROM cases c WHERE c.number = ANY(${numbers})`.execute(shared.db);
      expect(perCase.rows.map((r) => Number(r.n))).toEqual(numbers.map(() => 1));
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
