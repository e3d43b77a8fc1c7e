import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { assignedTo, caseRow, DEMO, errorSummary, submitCase, versionIn } from '../../../test/staffCases.ts';

/** Waiting for the submitter (rule 14): the question reaches them, they answer on the status page, the clock runs again. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-22T09:00:00Z' });
});
afterAll(() => t.close());

async function act(s: Session, number: string, slug: string, fields: Record<string, string>) {
  const page = await s.get(`/handlaggning/arenden/${number}`);
  return s.post(`/handlaggning/arenden/${number}/${slug}`, { version: versionIn(page.body), ...fields });
}

const messagesOf = async (caseId: string) =>
  t.db.selectFrom('messages').select(['purpose', 'channel', 'recipient', 'subject', 'body', 'status']).where('case_id', '=', caseId).orderBy('created_at').execute();

describe('a question to the submitter', () => {
  it('is required, is sent by e-mail and shown on the status page, where the answer joins the case, tells the handler and resumes the clock', async () => {
    t.clock.set('2026-12-22T09:00:00Z');
    const { number, token } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const before = await caseRow(t, number);
    expect(before.answer_by).toBe('2027-01-12');
    const handler = await new Session(t.app).signIn(DEMO.handlerGata);

    const empty = await act(handler, number, 'vanta', { question: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Skriv vad du vill fråga synpunktslämnaren']);
    expect((await caseRow(t, number)).status).toBe('assigned');

    const asked = await act(handler, number, 'vanta', { question: 'Vilken av lyktorna vid skolan är det?' });
    expect(asked.statusCode).toBe(303);
    expect((await caseRow(t, number)).status).toBe('waiting');
    const question = (await messagesOf(before.id)).find((m) => m.purpose === 'question')!;
    expect(question).toMatchObject({ channel: 'email', recipient: 'asa@example.se', status: 'queued', subject: `Fråga om din synpunkt ${number}` });
    expect(question.body).toContain('Vilken av lyktorna vid skolan är det?');
    expect(question.body).toContain(`/arende/${token}`);

    const status = await t.app.inject(`/arende/${token}`);
    expect(status.body).toContain('Fråga till dig med e-post');
    expect(status.body).toContain('Vilken av lyktorna vid skolan är det?');
    expect(status.body).toContain(`action="/arende/${token}/svar"`);

    const blank = await t.app.inject({ method: 'POST', url: `/arende/${token}/svar`, headers: FORM, payload: form({ text: ' ' }) });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toMatch(/<title>Fel: /);
    expect(errorSummary(blank.body)).toEqual(['Skriv ditt svar']);

    // Paused over Christmas: 12-23 and 12-28 are the working days lost, so the answer date moves two.
    t.clock.set('2026-12-28T10:00:00Z');
    const sent = await t.app.inject({ method: 'POST', url: `/arende/${token}/svar`, headers: FORM, payload: form({ text: 'Den närmast övergångsstället.' }) });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/arende/${token}?svarat=ja`);
    const after = await caseRow(t, number);
    expect(after).toMatchObject({ status: 'in_progress', paused_since: null, answer_by: '2027-01-14' });

    const page = await t.app.inject(sent.headers.location!);
    expect(page.body).toContain('Tack! Ditt svar är skickat till handläggaren');
    expect(page.body).toContain('Den närmast övergångsstället.');
    expect(page.body).not.toContain(`action="/arende/${token}/svar"`);

    const toHandler = (await messagesOf(before.id)).find((m) => m.purpose === 'other')!;
    expect(toHandler).toMatchObject({ recipient: DEMO.handlerGata, status: 'queued', subject: `Synpunktslämnaren har svarat i ärende ${number}` });
    expect(toHandler.body).toContain(`/handlaggning/arenden/${number}`);

    // Six days later: a new sign-in (the morning's session has expired).
    const casePage = await (await new Session(t.app).signIn(DEMO.handlerGata)).get(`/handlaggning/arenden/${number}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain('Synpunktslämnaren svarade på frågan');
    expect(casePage.body).toContain('Den närmast övergångsstället.');
    expect(casePage.body).toContain('Vilken av lyktorna vid skolan är det?');
  });

  it('keeps a late reply after the handler resumed as an addition (no question was open), and refuses one on a closed case with a clear message', async () => {
    t.clock.set('2026-12-22T09:00:00Z');
    const { number, token } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const handler = await new Session(t.app).signIn(DEMO.handlerGata);
    expect((await act(handler, number, 'vanta', { question: 'När såg du det?' })).statusCode).toBe(303);
    expect((await act(handler, number, 'ateruppta', {})).statusCode).toBe(303);
    const late = await t.app.inject({ method: 'POST', url: `/arende/${token}/svar`, headers: FORM, payload: form({ text: 'I måndags.' }) });
    expect(late.statusCode).toBe(303);
    expect((await caseRow(t, number)).status).toBe('in_progress');
    const status = (await t.app.inject(`/arende/${token}`)).body;
    expect(status).toContain('I måndags.');
    // No question was open any more: kept as an addition, and no history claims it answered one.
    expect(status).toContain('Du skrev till oss');
    expect(status).not.toContain('Du svarade på vår fråga');
    expect(status).not.toContain(`action="/arende/${token}/svar"`);
    const { id } = await caseRow(t, number);
    const events = await t.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', id).where('type', 'in', ['submitter_reply', 'submitter_addition']).execute();
    expect(events).toEqual([{ type: 'submitter_addition', data: { text: 'I måndags.' } }]);
    const staffPage = (await handler.get(`/handlaggning/arenden/${number}`)).body;
    expect(staffPage).toContain('Synpunktslämnaren skrev ett tillägg (statussidan)');
    expect(staffPage).not.toContain('Synpunktslämnaren svarade på frågan');
    const toHandler = await t.db.selectFrom('messages').select(['subject', 'body']).where('case_id', '=', id).where('purpose', '=', 'other').execute();
    expect(toHandler).toEqual([{ subject: `Synpunktslämnaren har skrivit i ärende ${number}`, body: expect.stringContaining('har lagt till något') }]);

    await t.db.updateTable('cases').set({ status: 'closed', outcome: 'no_measure' }).where('number', '=', number).execute();
    const closed = await t.app.inject({ method: 'POST', url: `/arende/${token}/svar`, headers: FORM, payload: form({ text: 'En sak till.' }) });
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('Ärendet är avslutat');
  });
});
