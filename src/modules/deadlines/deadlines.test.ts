import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { deadlineWorld } from '../../../test/deadlineFixture.ts';
import { DomainError } from '../../platform/errors.ts';
import { registerCase, simpleTransition } from '../cases/commands.ts';
import { submitCase } from '../intake/commands.ts';
import { addClosureDay, removeClosureDay, removeKindPolicy, setDeadlinePolicy } from './commands.ts';
import { extendAnswerDate } from './extension.ts';
import { DEFAULT_FULL_POLICY } from './policies.ts';
import { findOrganizationById } from '../organizations/queries.ts';

let tdb: TestDatabase;
let w: Awaited<ReturnType<typeof deadlineWorld>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  w = await deadlineWorld(tdb.db);
});
afterAll(async () => tdb.drop());

const jobs = async (task: string) =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${task}`.execute(tdb.db)).rows[0]!.n);

async function expectInvalid(p: Promise<unknown>): Promise<Record<string, string>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe('invalid');
  return (err as DomainError).details ?? {};
}

describe('deadlines stored at intake', () => {
  it('web intake: received Tuesday 2026-12-22 10:00 → acknowledge by 2026-12-28, answer by 2027-01-12', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const r = await submitCase(
      w.deps,
      (await findOrganizationById(tdb.db, w.orgId))!,
      { kind: 'klagomal', description: 'Det är mörkt på gångvägen.', suggestedUnitId: null, anonymous: false, contact: { name: 'Åsa', email: 'asa@example.se', phone: null, address: null, replyChannel: 'email' } },
      'form-id-deadline-0001',
    );
    const c = await tdb.db.selectFrom('cases').selectAll().where('number', '=', r.number).executeTakeFirstOrThrow();
    expect(c.acknowledge_by).toBe('2026-12-28');
    expect(c.answer_by).toBe('2027-01-12');
    // An e-mail acknowledgement is owed by the acknowledgement date; the first reminder falls due the working day after the answer date.
    expect(c.ack_due_on).toBe('2026-12-28');
    expect(c.next_reminder_on).toBe('2027-01-13');
  });

  it('no acknowledgement is owed to an anonymous submitter or one who wants no e-mail', async () => {
    const anon = await w.receive({ anonymous: true });
    const phone = await w.receive({ replyChannel: 'phone' });
    for (const id of [anon.id, phone.id]) {
      const c = await w.caseRow(id);
      expect(c.ack_due_on).toBeNull();
      expect(c.answer_by).toBe('2027-01-12');
    }
  });

  it('staff registration counts from the real date received, not the day it was typed in', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    // Received Saturday 2026-12-19, day 0 (DOMAIN rule 13): day 1 is Monday 2026-12-21.
    const c = await w.caseRow((await w.receive({ receivedAt: '2026-12-19T11:00:00Z' })).id);
    expect(c.acknowledge_by).toBe('2026-12-22');
    expect(c.answer_by).toBe('2027-01-08');
  });

  it('assignment enqueues the acknowledgement in the same transaction, and a refused registration enqueues nothing', async () => {
    const before = await jobs('acknowledge_case');
    const c = await w.receive();
    await w.register(c.number);
    expect(await jobs('acknowledge_case')).toBe(before);
    await w.assign(c.number);
    expect(await jobs('acknowledge_case')).toBe(before + 1);
    const other = await w.receive();
    w.clock.set('2026-12-28T09:00:00Z'); // its due day: registering sends it at once
    // Registering into a unit that does not exist fails inside the transaction: no job.
    await expect(
      registerCase(w.deps, { actor: w.registrar, number: other.number, classification: { kind: 'klagomal', areaId: w.area, subcategoryId: null, significance: 'routine', confidential: false, confidentialityRef: null, unitId: crypto.randomUUID() } }),
    ).rejects.toThrow();
    expect(await jobs('acknowledge_case')).toBe(before + 1);
    await w.register(other.number);
    expect(await jobs('acknowledge_case')).toBe(before + 2);
  });
});

describe('waiting for the submitter pauses the answer clock', () => {
  it('moves the answer date by the working days paused, and stops reminders meanwhile', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    expect((await w.caseRow(c.id)).answer_by).toBe('2027-01-12');

    w.clock.set('2027-01-04T08:00:00Z'); // Monday
    await simpleTransition(w.deps, { actor: w.handler, number: c.number, event: 'wait' });
    expect((await w.caseRow(c.id)).next_reminder_on).toBeNull();

    w.clock.set('2027-01-08T14:00:00Z'); // Friday; Tue 5, Thu 7, Fri 8 are working days, Wed 6 is trettondedag jul
    await simpleTransition(w.deps, { actor: w.handler, number: c.number, event: 'resume' });
    const after = await w.caseRow(c.id);
    expect(after.answer_by).toBe('2027-01-15');
    expect(after.paused_working_days).toBe(3);
    expect(after.next_reminder_on).toBe('2027-01-18');
    const ev = await tdb.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', c.id).where('type', '=', 'deadline').executeTakeFirstOrThrow();
    expect(ev.data).toMatchObject({ from: '2027-01-12', to: '2027-01-15', pausedWorkingDays: 3 });
  });

  it('a pause over a weekend only moves nothing', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    w.clock.set('2027-01-08T15:00:00Z'); // Friday
    await simpleTransition(w.deps, { actor: w.handler, number: c.number, event: 'wait' });
    w.clock.set('2027-01-10T10:00:00Z'); // Sunday
    await simpleTransition(w.deps, { actor: w.handler, number: c.number, event: 'resume' });
    expect((await w.caseRow(c.id)).answer_by).toBe('2027-01-12');
  });
});

describe('policy and calendar changes recompute open cases', () => {
  it('Ale: answer within 7 calendar days; a per-kind policy; closed cases are left alone', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const open = await w.inProgress();
    const question = await w.receive({ kind: 'fraga' });
    const closed = await w.receive();
    await simpleTransition(w.deps, { actor: w.registrar, number: closed.number, event: 'withdraw' });

    const r = await setDeadlinePolicy(tdb.db, w.admin, null, { ...DEFAULT_FULL_POLICY, answerDays: 7, answerUnit: 'calendar' });
    expect(r.changed).toBeGreaterThan(0);
    expect((await w.caseRow(open.id)).answer_by).toBe('2026-12-29');
    expect((await w.caseRow(question.id)).answer_by).toBe('2026-12-29');
    expect((await w.caseRow(closed.id)).answer_by).toBe('2027-01-12');

    await setDeadlinePolicy(tdb.db, w.admin, 'fraga', { ...DEFAULT_FULL_POLICY, answerDays: 5, answerUnit: 'working' });
    expect((await w.caseRow(question.id)).answer_by).toBe('2027-01-04');
    expect((await w.caseRow(open.id)).answer_by).toBe('2026-12-29');

    await removeKindPolicy(tdb.db, w.admin, 'fraga');
    await setDeadlinePolicy(tdb.db, w.admin, null, DEFAULT_FULL_POLICY);
    expect((await w.caseRow(question.id)).answer_by).toBe('2027-01-12');
    expect((await w.caseRow(open.id)).answer_by).toBe('2027-01-12');
  });

  it('an organization closure day (klämdag) moves deadlines that span it, and removing it moves them back', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.receive();
    await addClosureDay(tdb.db, w.admin, '2026-12-23', 'Klämdag före jul');
    let row = await w.caseRow(c.id);
    expect(row.acknowledge_by).toBe('2026-12-29');
    expect(row.answer_by).toBe('2027-01-13');
    expect(row.ack_due_on).toBe('2026-12-29');
    // A case received afterwards counts with it from the start.
    expect((await w.caseRow((await w.receive()).id)).answer_by).toBe('2027-01-13');
    await removeClosureDay(tdb.db, w.admin, '2026-12-23');
    row = await w.caseRow(c.id);
    expect(row.answer_by).toBe('2027-01-12');
  });

  it('refuses an invalid policy with a clear message, and only admins may change it', async () => {
    let errors = await expectInvalid(setDeadlinePolicy(tdb.db, w.admin, null, { ...DEFAULT_FULL_POLICY, answerDays: 0 }));
    expect(errors.answerDays).toMatch(/minst 1/);
    errors = await expectInvalid(setDeadlinePolicy(tdb.db, w.admin, null, { ...DEFAULT_FULL_POLICY, acknowledgeWorkingDays: -2, reminders: -1 }));
    expect(errors.acknowledgeWorkingDays).toMatch(/minst 1/);
    expect(errors.reminders).toBeDefined();
    errors = await expectInvalid(addClosureDay(tdb.db, w.admin, '2027-02-30', ''));
    expect(errors.day).toMatch(/riktigt datum/);
    // PostgreSQL has no year 0: refused here, not by the database.
    errors = await expectInvalid(addClosureDay(tdb.db, w.admin, '0000-01-01', ''));
    expect(errors.day).toMatch(/riktigt datum/);
    await expect(removeClosureDay(tdb.db, w.admin, '0000-01-01')).rejects.toMatchObject({ code: 'not_found' });
    await expect(setDeadlinePolicy(tdb.db, w.coordinator, null, DEFAULT_FULL_POLICY)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('extending the answer date (förvaltningslagen 11 §)', () => {
  it('records the new date and the reason, restarts reminders and queues the notice to the submitter', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    w.clock.set('2027-01-11T09:00:00Z');
    const errors = await expectInvalid(extendAnswerDate({ ...w.deps, publicUrl: 'https://synpunkter.example.se' }, { actor: w.handler, number: c.number, newDate: '2027-01-12', reason: '' }));
    expect(errors.newDate).toMatch(/senare än det nuvarande/);
    expect(errors.reason).toMatch(/varför/);

    const before = await jobs('send_message');
    const r = await extendAnswerDate({ ...w.deps, publicUrl: 'https://synpunkter.example.se' }, { actor: w.handler, number: c.number, newDate: '2027-01-29', reason: 'Vi väntar på besked från entreprenören.' });
    expect(r.delivery).toBe('email');
    const row = await w.caseRow(c.id);
    expect(row.answer_by).toBe('2027-01-29');
    expect(row.deadline_extended).toBe(true);
    expect(row.next_reminder_on).toBe('2027-02-01');
    const msg = await tdb.db.selectFrom('messages').selectAll().where('id', '=', r.messageId!).executeTakeFirstOrThrow();
    expect(msg).toMatchObject({ purpose: 'delay_notice', status: 'queued', recipient: 'asa@example.se' });
    expect(msg.subject).toContain(c.number);
    expect(msg.body).toContain('29 januari 2027');
    expect(msg.body).toContain('12 januari 2027');
    expect(msg.body).toContain('Vi väntar på besked från entreprenören.');
    expect(msg.body).toMatch(/https:\/\/synpunkter\.example\.se\/arende\/[A-Za-z0-9_-]{43}/);
    expect(await jobs('send_message')).toBe(before + 1);
    const ev = await tdb.db.selectFrom('case_events').select(['visible_to_submitter', 'data']).where('case_id', '=', c.id).where('type', '=', 'deadline').executeTakeFirstOrThrow();
    expect(ev.visible_to_submitter).toBe(true);

    // A policy change afterwards never moves an extended date earlier than what the submitter was told.
    await setDeadlinePolicy(tdb.db, w.admin, null, { ...DEFAULT_FULL_POLICY, answerDays: 5 });
    expect((await w.caseRow(c.id)).answer_by).toBe('2027-01-29');
    await setDeadlinePolicy(tdb.db, w.admin, null, DEFAULT_FULL_POLICY);
  });

  it('for a submitter who wants a letter, the notice is recorded for the handler to send', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress({ replyChannel: 'letter' });
    const r = await extendAnswerDate({ ...w.deps, publicUrl: 'http://localhost:3000' }, { actor: w.handler, number: c.number, newDate: '2027-02-01', reason: 'Semestertider.' });
    expect(r.delivery).toBe('letter');
    const msg = await tdb.db.selectFrom('messages').selectAll().where('id', '=', r.messageId!).executeTakeFirstOrThrow();
    expect(msg).toMatchObject({ channel: 'letter', status: 'recorded' });
  });
});
