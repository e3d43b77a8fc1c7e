import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, assignedTo, caseDeps, caseRow, DEMO, submitCase } from '../../../test/staffCases.ts';
import { answerCase, referCase, rejectCase, simpleTransition } from '../cases/commands.ts';
import { askSubmitter } from '../cases/submitterQuestion.ts';
import { extendAnswerDate } from '../deadlines/extension.ts';

/** What the submitter reads on /arende/<token>: what we said to them, each thing called what it is, without mail furniture. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-22T09:00:00Z' });
});
afterAll(() => t.close());

const page = async (token: string, lang?: string) => (await t.app.inject(`/arende/${token}${lang ? `?lang=${lang}` : ''}`)).body;
const storedBodies = async (number: string) => {
  const { id } = await caseRow(t, number);
  return t.db.selectFrom('messages').select(['purpose', 'channel', 'body', 'footer']).where('case_id', '=', id).where('purpose', '!=', 'acknowledgement').orderBy('created_at').execute();
};
/** The mail footer's lines (mail.footer), none of which belongs on the status page. */
const FOOTER_LINES = ['Följ ditt ärende:', 'Vill du lägga till något? Svara på det här meddelandet.', 'hos Exempelkommun'];

/** A case of the handler's where they asked the submitter by e-mail; `resume` takes it up again without a reply. */
async function caseWithQuestion() {
  const { number, token } = await submitCase(t);
  await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
  const deps = await caseDeps(t);
  const handler = await actorFor(t, DEMO.handlerGata);
  await askSubmitter(deps, { actor: handler, number, question: 'Vilken lykta är det?' });
  return { number, token, deps, handler, resume: () => simpleTransition(deps, { actor: handler, number, event: 'resume' }) };
}

describe('messages on the status page', () => {
  it('lists a question as a question and an answer as an answer under a heading that fits both, in every language', async () => {
    t.clock.set('2026-12-22T09:00:00Z');
    const { number, token, deps, handler, resume } = await caseWithQuestion();

    const asked = await page(token);
    expect(asked).toContain('<h2>Meddelanden från oss</h2>');
    expect(asked).not.toContain('Svar från oss');
    expect(asked).toContain('Fråga till dig med e-post');
    expect(await page(token, 'en')).toContain('<h2>Messages from us</h2>');
    expect(await page(token, 'en')).not.toContain('Our replies');

    await resume();
    await answerCase(deps, { actor: handler, number, message: { channel: 'email', body: 'Vi lagar den.' } });
    const answered = await page(token);
    expect(answered).toContain('Fråga till dig med e-post');
    expect(answered).toContain('Svar med e-post');
    for (const lang of ['fi', 'so', 'ar', 'fa']) expect(await page(token, lang)).not.toContain('status.messages');
  });

  it('shows what the handler wrote without the e-mail footer, which the sent mail and the case keep', async () => {
    t.clock.set('2026-12-22T09:00:00Z');
    const { number, token, deps, handler, resume } = await caseWithQuestion();
    await resume();
    // A handler's own "-- " signature is their text, not the system's footer.
    await answerCase(deps, { actor: handler, number, message: { channel: 'email', body: 'Vi lagar den.\n\n-- \nHanna, gatuenheten' } });

    const stored = await storedBodies(number);
    expect(stored.map((m) => m.purpose)).toEqual(['question', 'answer']);
    for (const m of stored) {
      expect(m.body).toContain(`/arende/${token}`);
      expect(m.body.endsWith(m.footer!)).toBe(true);
      expect(m.footer).toContain(`Följ ditt ärende: http://localhost:3000/arende/${token}`);
    }

    const html = await page(token);
    expect(html).toContain('Vilken lykta är det?</p>');
    expect(html).toContain('Vi lagar den.\n\n-- \nHanna, gatuenheten</p>');
    for (const line of FOOTER_LINES) expect(html).not.toContain(line);
    // The page links itself only relatively (the language menu): the footer's absolute link is gone.
    expect(html).not.toContain(`localhost:3000/arende/`);
    expect(await page(token, 'en')).not.toContain('Follow your case');
  });

  it('shows a referral and a not-handled reply without the footer, and a letter exactly as written', async () => {
    t.clock.set('2026-12-22T09:00:00Z');
    const deps = await caseDeps(t);
    const registrar = await actorFor(t, DEMO.registrar);

    const referred = await submitCase(t);
    await referCase(deps, { actor: registrar, number: referred.number, referralType: 'fault_report', reply: { channel: 'email', body: 'Felanmäl gatlyktor på kommunens webbplats.' } });
    const rejected = await submitCase(t);
    await rejectCase(deps, { actor: registrar, number: rejected.number, reason: 'Personangrepp på en anställd', reply: { channel: 'email', body: 'Vi handlägger inte det här.' } });
    const byLetter = await submitCase(t, { email: '', address: 'Storgatan 1\n544 30 Hjo', replyChannel: 'letter' });
    await referCase(deps, { actor: registrar, number: byLetter.number, referralType: 'fault_report', reply: { channel: 'letter', body: 'Felanmäl på webbplatsen.\n\n-- \nRegistratorn' } });

    expect((await storedBodies(referred.number))[0]!.footer).toContain('Följ ditt ärende');
    expect((await storedBodies(rejected.number))[0]!.footer).toContain('Följ ditt ärende');
    expect(await storedBodies(byLetter.number)).toEqual([expect.objectContaining({ channel: 'letter', body: 'Felanmäl på webbplatsen.\n\n-- \nRegistratorn', footer: null })]);

    const referredPage = await page(referred.token);
    expect(referredPage).toContain('Felanmäl gatlyktor på kommunens webbplats.</p>');
    const rejectedPage = await page(rejected.token);
    expect(rejectedPage).toContain('Vi handlägger inte det här.</p>');
    // The reason for not handling is the organization's own note, not said to the submitter.
    expect(rejectedPage).not.toContain('Personangrepp');
    for (const html of [referredPage, rejectedPage]) for (const line of FOOTER_LINES) expect(html).not.toContain(line);
    expect(await page(byLetter.token)).toContain('Felanmäl på webbplatsen.\n\n-- \nRegistratorn</p>');
  });
});

describe('a moved answer date on the status page', () => {
  it('gives the handler’s reason (förvaltningslagen 11 §), whatever the channel, and no other event’s data', async () => {
    t.clock.set('2026-12-22T09:00:00Z');
    // A submitter without e-mail gets no delay mail: the page is where they can read why.
    const { number, token } = await submitCase(t, { email: '', phone: '0701-11 22 33', replyChannel: 'phone' });
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const deps = await caseDeps(t);
    const handler = await actorFor(t, DEMO.handlerGata);
    await extendAnswerDate({ ...deps, publicUrl: 'http://localhost:3000' }, { actor: handler, number, newDate: '2027-01-26', reason: 'Vi väntar på besked från entreprenören.' });
    const { id } = await caseRow(t, number);
    // Visible events whose data must stay internal: a reason on another event, and a date moved by a pause (its reason a code).
    await t.db.insertInto('case_events').values([
      { case_id: id, type: 'start', actor_label: 'Hanna', visible_to_submitter: true, data: JSON.stringify({ reason: 'INTERN MOTIVERING', comment: 'INTERN KOMMENTAR', text: 'INTERN TEXT' }) },
      { case_id: id, type: 'deadline', actor_label: 'Lyhörd', visible_to_submitter: true, data: JSON.stringify({ from: '2027-01-26', to: '2027-01-27', pausedWorkingDays: 1, reason: 'paused' }) },
    ]).execute();

    const html = await page(token);
    expect(html).toContain('Vi flyttade datumet för vårt svar: du får svar senast 26 januari 2027');
    expect(html).toContain('Varför det dröjer: <span class="user-text" dir="auto">Vi väntar på besked från entreprenören.</span>');
    expect(await page(token, 'en')).toContain('Why the reply is delayed: <span class="user-text" dir="auto" lang="sv">Vi väntar på besked från entreprenören.</span>');
    expect(html).toContain('du får svar senast 27 januari 2027');
    expect(html.match(/Varför det dröjer/g)).toHaveLength(1);
    for (const secret of ['INTERN', 'paused']) expect(html).not.toContain(secret);
  });
});
