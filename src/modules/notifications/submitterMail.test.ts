import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { deadlineWorld } from '../../../test/deadlineFixture.ts';
import { TEST_MAIL, waitIdle } from '../../../test/jobs.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp.ts';
import { answerCase } from '../cases/commands.ts';
import { extendAnswerDate } from '../deadlines/extension.ts';
import { acknowledgementPass } from './acknowledgement.ts';
import { startJobs, type RunningJobs } from './jobs.ts';

/**
 * Messages to a submitter who wrote in another language: the acknowledgement, the delay notice
 * and the frame of an answer (subject, footer with the case number and the status link) in their
 * language, through the real job runner and SMTP; the handler's own words as written.
 */

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
});

const LRI = '\u2066';
const PDI = '\u2069';

async function receivedIn(language: string) {
  w.clock.set('2026-12-22T09:00:00Z');
  const c = await w.receive();
  await tdb.db.updateTable('cases').set({ language }).where('id', '=', c.id).execute();
  return c;
}

describe('messages to a submitter in their language', () => {
  it('acknowledges in Arabic: case number and link isolated left to right, the date and who answers in Arabic', async () => {
    const c = await receivedIn('ar');
    await w.register(c.number);
    // Not assigned by its due day: the daily pass names the coordinator.
    w.clock.set('2026-12-28T06:00:00Z');
    await acknowledgementPass({ db: tdb.db, clock: w.clock, tokenSecret: w.deps.tokenSecret, publicUrl: TEST_MAIL.publicUrl }, w.clock.now());
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toBe(`استلمنا ملاحظتك ${LRI}${c.number}${PDI}`);
    expect(mail!.text).toContain('مرحبًا Åsa Öberg،');
    expect(mail!.text).toContain(`رقم الملف ${LRI}${c.number}${PDI}`);
    expect(mail!.text).toContain('Sven Samordnare، مسؤول الملاحظات في Samhällsbyggnad');
    expect(mail!.text).toContain('12 يناير 2027');
    expect(mail!.text).toContain(`${LRI}https://synpunkter.exempelkommun.se/arende/${c.token}${PDI}`);
    expect(mail!.text).not.toMatch(/Hej|ärende|svar senast/);
  });

  it.each([
    ['fi', 'Olemme saaneet palautteesi', 'viimeistään 12. tammikuuta 2027'],
    ['so', 'Waan helnay fikraddaada', 'ugu dambayn Janaayo 12, 2027'],
    ['fa', 'نظر شما را دریافت کردیم', '۱۲ ژانویهٔ ۲۰۲۷'],
    ['en', 'We have received your feedback', 'by 12 January 2027'],
  ])('acknowledges in %s', async (language, subject, date) => {
    const c = await receivedIn(language);
    await w.register(c.number);
    await w.assign(c.number);
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject.startsWith(subject)).toBe(true);
    expect(mail!.subject).toContain(c.number);
    expect(mail!.text).toContain(date);
    expect(mail!.text).toContain(c.token);
  });

  it('tells a Persian submitter about a later answer date in Persian, with the reason as the handler wrote it', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    await tdb.db.updateTable('cases').set({ language: 'fa' }).where('id', '=', c.id).execute();
    await waitIdle(tdb.db);
    sink.mails.length = 0;
    await extendAnswerDate({ db: tdb.db, clock: w.clock, tokenSecret: w.deps.tokenSecret, publicUrl: TEST_MAIL.publicUrl }, { actor: w.handler, number: c.number, newDate: '2027-01-29', reason: 'Vi väntar på ett yttrande från entreprenören.' });
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toBe(`پاسخ به نظر شما ${LRI}${c.number}${PDI} به تأخیر افتاده است`);
    expect(mail!.text).toContain('۲۹ ژانویهٔ ۲۰۲۷');
    expect(mail!.text).toContain('دلیل تأخیر: Vi väntar på ett yttrande från entreprenören.');
  });

  it('frames an answer to a Somali submitter in Somali, around the words the handler chose', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    await tdb.db.updateTable('cases').set({ language: 'so' }).where('id', '=', c.id).execute();
    await waitIdle(tdb.db);
    sink.mails.length = 0;
    await answerCase({ ...w.deps, publicUrl: TEST_MAIL.publicUrl }, { actor: w.handler, number: c.number, message: { channel: 'email', body: 'Salaan Åsa,\n\nWaan hagaajinnay laydhka.' } });
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toBe(`Jawaabta fikraddaada ${c.number}`);
    expect(mail!.text).toContain('Waan hagaajinnay laydhka.');
    expect(mail!.text).toContain(`Kiiska ${c.number} ee Exempelkommun`);
    expect(mail!.text).toContain(`La soco kiiskaaga: ${TEST_MAIL.publicUrl}/arende/`);
  });
});
