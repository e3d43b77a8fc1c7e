import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { assignedTo, caseRow, DEMO, submitCase, versionIn } from '../../../test/staffCases.ts';

/**
 * A submitter who wrote in another language gets the frame of every message in it (issue 13),
 * also a letter or a call, which have no e-mail frame: the subject when the handler leaves it empty.
 */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-22T09:00:00Z' });
});
afterAll(() => t.close());

/** A case from the form, answered by letter, in the submitter's language; assigned to the street handler. */
async function letterCase(language: string) {
  const { number } = await submitCase(t, { email: '', address: 'Gatan 1\n123 45 Exempelstad', replyChannel: 'letter' });
  await t.db.updateTable('cases').set({ language }).where('number', '=', number).execute();
  await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
  return { number, handler: await new Session(t.app).signIn(DEMO.handlerGata) };
}

const messagesOf = async (number: string) =>
  t.db.selectFrom('messages').select(['purpose', 'channel', 'subject']).where('case_id', '=', (await caseRow(t, number)).id).orderBy('created_at').execute();

async function post(s: Session, number: string, path: string, fields: Record<string, string>) {
  const page = await s.get(`/handlaggning/arenden/${number}`);
  return s.post(`/handlaggning/arenden/${number}/${path}`, { version: versionIn(page.body), ...fields });
}

describe('the subject of a letter to a submitter of another language', () => {
  it('a question by letter: in Finnish', async () => {
    const { number, handler } = await letterCase('fi');
    expect((await post(handler, number, 'vanta', { question: 'Missä lyhty on?' })).statusCode).toBe(303);
    expect(await messagesOf(number)).toEqual([{ purpose: 'question', channel: 'letter', subject: `Kysymys palautteestasi ${number}` }]);
  });

  it('an answer by letter whose subject the handler emptied: in Arabic, the case number kept left to right', async () => {
    const { number, handler } = await letterCase('ar');
    const res = await post(handler, number, 'svara', { channel: 'letter', subject: '', body: 'مرحبًا، تم إصلاح المصباح.', callDate: '' });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    expect(await messagesOf(number)).toEqual([{ purpose: 'answer', channel: 'letter', subject: `الرد على ملاحظتك \u2066${number}\u2069` }]);
  });
});
