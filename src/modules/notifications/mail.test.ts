import { describe, expect, it } from 'vitest';
import { waitIdle } from '../../../test/jobs.ts';
import { answerCase } from '../cases/commands.ts';
import { setDeadlinePolicy, setDigestOptOut } from '../deadlines/commands.ts';
import { extendAnswerDate } from '../deadlines/extension.ts';
import { DEFAULT_FULL_POLICY } from '../deadlines/policies.ts';
import { acknowledgementPass } from './acknowledgement.ts';
import { digestPass } from './digest.ts';
import { reminderPass } from './reminders.ts';
import { tdb, w, sink, message, messagesOf, notifyDeps, quietOtherCases, withMailWorld } from './mailWorld.ts';

/** Every notification end to end: command → message row + job → runner → SMTP server on loopback. */

withMailWorld();

describe('acknowledgement', () => {
  it('waits for the handler and names them: case number in the subject, who is responsible, the answer date and the status link', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.receive();
    await w.register(c.number);
    await waitIdle(tdb.db);
    expect(await messagesOf(c.id, 'acknowledgement')).toHaveLength(0);
    await w.assign(c.number);
    await waitIdle(tdb.db);
    const [mail] = await sink.waitFor(1);
    expect(mail!.envelopeTo).toEqual(['asa@example.se']);
    expect(mail!.subject).toBe(`Vi har tagit emot din synpunkt ${c.number}`);
    expect(mail!.replyTo).toBe(`synpunkt+${c.number}@exempelkommun.se`);
    expect(mail!.parsed.from?.text).toContain('Exempelkommun');
    expect(mail!.text).toContain('Hej Åsa Öberg!');
    expect(mail!.text).toContain('Gustav Gatuchef, Gata och park ansvarar för ditt ärende');
    expect(mail!.text).toContain('Du får svar senast 12 januari 2027');
    expect(mail!.text).toContain(`https://synpunkter.exempelkommun.se/arende/${c.token}`);

    const [m] = await messagesOf(c.id, 'acknowledgement');
    expect(m).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, last_error: null, reply_to: `synpunkt+${c.number}@exempelkommun.se` });
    expect(mail!.messageId).toBe(m!.header_message_id);
    const row = await w.caseRow(c.id);
    expect(row.acknowledged_at).not.toBeNull();
    expect(row.ack_due_on).toBeNull();
    // A reassignment sends nothing more.
    await w.assign(c.number);
    await waitIdle(tdb.db);
    expect(await messagesOf(c.id, 'acknowledgement')).toHaveLength(1);
  });

  it('is sent on its due day to whoever is responsible then: the coordinator of a case not yet assigned, the registrar of one not yet registered', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const routed = await w.receive();
    await w.register(routed.number);
    const waiting = await w.receive();
    await waitIdle(tdb.db);
    w.clock.set('2026-12-27T09:00:00Z');
    expect(await acknowledgementPass(notifyDeps(), w.clock.now())).toBe(0);
    w.clock.set('2026-12-28T06:00:00Z');
    expect(await acknowledgementPass(notifyDeps(), w.clock.now())).toBe(2);
    expect(await acknowledgementPass(notifyDeps(), w.clock.now())).toBe(0);
    await waitIdle(tdb.db);
    const mails = await sink.waitFor(2);
    expect(mails.find((m) => m.subject.includes(routed.number))!.text).toContain('Sven Samordnare, synpunktsansvarig för Samhällsbyggnad ansvarar');
    expect(mails.find((m) => m.subject.includes(waiting.number))!.text).toContain('Registratorn hos Exempelkommun ansvarar');
    // Registering and assigning afterwards sends nothing more.
    await w.register(waiting.number);
    await w.assign(waiting.number);
    await waitIdle(tdb.db);
    expect(sink.mails).toHaveLength(2);
    expect(await messagesOf(waiting.id, 'acknowledgement')).toHaveLength(1);
  });

  it('registered on its due day, it is sent at once', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.receive();
    w.clock.set('2026-12-28T10:00:00Z');
    await w.register(c.number);
    await waitIdle(tdb.db);
    expect(await messagesOf(c.id, 'acknowledgement')).toHaveLength(1);
  });

  it('never promises a date that has passed: a letter registered after its answer date says the answer is late', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    // Received Friday 2026-11-20: the answer was due 2026-12-04.
    const c = await w.receive({ receivedAt: '2026-11-20T10:00:00Z' });
    expect(await acknowledgementPass(notifyDeps(), w.clock.now())).toBe(1);
    await waitIdle(tdb.db);
    const mail = (await sink.waitFor(1)).find((m) => m.subject.includes(c.number))!;
    expect(mail.text).not.toContain('Du får svar senast');
    expect(mail.text).toContain('Vi skulle ha svarat dig senast 4 december 2026 och ber om ursäkt för att det dröjer');
    expect(mail.text).toContain('Registratorn hos Exempelkommun ansvarar');
    // The default template itself is untouched for the next case.
    const next = await w.receive();
    await w.register(next.number);
    await w.assign(next.number);
    await waitIdle(tdb.db);
    expect((await sink.waitFor(2)).find((m) => m.subject.includes(next.number))!.text).toContain('Du får svar senast');
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
    await quietOtherCases();
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

  it('reminds a person of several cases in one mail, and escalates a case without a handler in words that say so', async () => {
    await waitIdle(tdb.db);
    await quietOtherCases();
    w.clock.set('2026-12-23T09:00:00Z');
    const mine = [await w.inProgress(), await w.inProgress(), await w.inProgress()];
    const unassigned = await w.receive();
    await w.register(unassigned.number);
    await waitIdle(tdb.db);
    sink.mails.length = 0;
    const handlerEmail = await w.email(w.handler);
    const coordinatorEmail = await w.email(w.coordinator);
    w.clock.set('2027-01-14T06:00:00Z'); // the working day after their answer date, 2027-01-13
    await reminderPass(notifyDeps(), w.clock.now());
    await waitIdle(tdb.db);
    const toHandler = sink.mails.filter((m) => m.envelopeTo[0] === handlerEmail);
    expect(toHandler).toHaveLength(1);
    expect(toHandler[0]!.subject).toMatch(/^Påminnelse: \d+ synpunkter väntar på svar$/);
    expect(toHandler[0]!.subject).toBe('Påminnelse: 3 synpunkter väntar på svar');
    for (const c of mine) expect(toHandler[0]!.text).toContain(`/handlaggning/arenden/${c.number}`);
    for (const c of mine) {
      const events = await tdb.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('type', '=', 'message').execute();
      expect(events.map((e) => (e.data as { purpose: string }).purpose)).toContain('reminder');
    }
    // The case nobody was assigned: the coordinator is reminded, then told about it in words that fit.
    expect(sink.mails.some((m) => m.envelopeTo[0] === coordinatorEmail && m.text.includes(unassigned.number))).toBe(true);
    sink.mails.length = 0;
    w.clock.set('2027-01-21T06:00:00Z');
    await reminderPass(notifyDeps(), w.clock.now());
    await waitIdle(tdb.db);
    const escalation = sink.mails.find((m) => m.envelopeTo[0] === coordinatorEmail && m.text.includes(unassigned.number))!;
    expect(escalation.text).toMatch(/ingen handläggare/);
    expect(escalation.text).not.toContain('Handläggaren (');
    expect(escalation.text).not.toContain('Handläggaren ingen');
  });

  it('an organization can choose more reminders; a coordinator can opt out of the digest', async () => {
    await setDeadlinePolicy(tdb.db, w.admin, null, { ...DEFAULT_FULL_POLICY, reminders: 3, reminderIntervalWorkingDays: 2, escalateAfterWorkingDays: null });
    await quietOtherCases();
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    await waitIdle(tdb.db); // the acknowledgement job holds the case's row lock while it runs
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
