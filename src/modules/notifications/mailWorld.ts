import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { deadlineWorld } from '../../../test/deadlineFixture.ts';
import { TEST_MAIL } from '../../../test/jobs.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp.ts';
import { startJobs, type RunningJobs } from './jobs.ts';

/** The mail tests' world: a database with the deadline fixture, a real SMTP server on loopback and the job runner. */
export let tdb: TestDatabase;
export let w: Awaited<ReturnType<typeof deadlineWorld>>;
export let sink: SmtpSink;
export let jobs: RunningJobs;

export function withMailWorld() {
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
}

export const message = (id: string) => tdb.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const messagesOf = (caseId: string, purpose?: string) =>
  tdb.db
    .selectFrom('messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .$if(purpose !== undefined, (q) => q.where('purpose', '=', purpose as 'answer'))
    .orderBy('created_at')
    .execute();
export const notifyDeps = () => ({ db: tdb.db, clock: w.clock, tokenSecret: w.deps.tokenSecret, publicUrl: TEST_MAIL.publicUrl });

/** Earlier tests' cases fall due too: keep them out of a reminder test about its own cases. */
export const quietOtherCases = () => tdb.db.updateTable('cases').set({ next_reminder_on: null }).execute();
