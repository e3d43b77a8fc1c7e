import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, assignedTo, caseDeps, DEMO, errorSummary, submitCase } from '../../../test/staffCases.ts';
import { answerCase, closeCase, referCase, simpleTransition } from '../cases/commands.ts';
import { publicationRefusals } from './policy.ts';
import { answeredCase, draftFormFields } from './testFixture.ts';

/** What may not be published, who may not publish, and the four-eyes rule. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const page = (n: string) => `/handlaggning/arenden/${n}/publicera`;
const base = { status: 'closed', anonymous: false, internal: false, confidential: false, optedOut: false } as const;

describe('publicationRefusals (pure)', () => {
  it('allows an answered or closed case and names every reason otherwise', () => {
    expect(publicationRefusals(base)).toEqual([]);
    expect(publicationRefusals({ ...base, status: 'answered' })).toEqual([]);
    expect(publicationRefusals({ ...base, anonymous: true })[0]).toContain('anonym');
    expect(publicationRefusals({ ...base, internal: true })[0]).toContain('intern synpunkt');
    expect(publicationRefusals({ ...base, confidential: true })[0]).toContain('sekretess');
    expect(publicationRefusals({ ...base, optedOut: true })[0]).toContain('inte ska publiceras');
    for (const status of ['received', 'registered', 'assigned', 'in_progress', 'waiting'] as const) expect(publicationRefusals({ ...base, status })[0]).toContain('inte besvarat');
    for (const [status, word] of [['referred', 'hänvisat'], ['not_handled', 'inte handlagt'], ['merged', 'sammanslaget'], ['withdrawn', 'återkallat']] as const) {
      expect(publicationRefusals({ ...base, status })[0]).toContain(word);
    }
    expect(publicationRefusals({ ...base, anonymous: true, confidential: true, status: 'in_progress' })).toHaveLength(3);
  });
});

describe('refusals on the page, with the reason shown and no draft form', () => {
  async function expectRefused(number: string, reason: string) {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const res = await s.get(page(number));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ärendet kan inte publiceras');
    expect(res.body).toContain(reason);
    expect(res.body).not.toContain('name="title"');
    // Posting anyway changes nothing.
    const posted = await s.post(page(number), { revision: '0', title: 'Rubrik', question: 'Fråga', answer: 'Svar', action: 'publicera' }, { csrfFrom: page(number) });
    expect(posted.statusCode).toBe(409);
    expect(await t.db.selectFrom('publications').selectAll().execute()).not.toContainEqual(expect.objectContaining({ case_number: number }));
  }

  it('anonymous', async () => {
    const { number } = await submitCase(t, { anonymous: 'true', name: '', email: '', replyChannel: '' });
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const deps = await caseDeps(t);
    await closeCase(deps, { actor: await actorFor(t, DEMO.handlerGata), number, outcome: 'measure_taken' });
    await expectRefused(number, 'Anonyma synpunkter publiceras inte');
  });

  it('confidential', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata, { confidentialityRef: 'OSL 26 kap. 1 §' });
    await answerCase(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number, message: { channel: 'email', body: 'Svar.' } });
    await expectRefused(number, 'sekretess');
  });

  it('internal', async () => {
    const { number } = await answeredCase(t);
    await t.db.updateTable('cases').set({ is_internal: true }).where('number', '=', number).execute();
    await expectRefused(number, 'Interna synpunkter publiceras inte');
  });

  it('not answered yet', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    await expectRefused(number, 'inte besvarat ännu');
  });

  it('referred', async () => {
    const { number } = await submitCase(t);
    await referCase(await caseDeps(t), { actor: await actorFor(t, DEMO.registrar), number, referralType: 'fault_report' });
    await expectRefused(number, 'hänvisat');
  });

  it('the submitter said no on the form, which is kept on the case', async () => {
    const { number } = await answeredCase(t, { fields: { noPublish: 'ja' } });
    expect((await t.db.selectFrom('cases').select('publication_opt_out').where('number', '=', number).executeTakeFirstOrThrow()).publication_opt_out).toBe(true);
    await expectRefused(number, 'bett att synpunkten inte ska publiceras');
  });

  it('a published case that is reopened can no longer be republished, but can still be taken down', async () => {
    const { number } = await answeredCase(t);
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const f = draftFormFields((await s.get(page(number))).body);
    expect((await s.post(page(number), { ...f, action: 'publicera' }, { csrfFrom: page(number) })).statusCode).toBe(303);
    await simpleTransition(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number, event: 'reopen' });
    const res = await s.get(page(number));
    expect(res.body).toContain('inte besvarat ännu');
    expect(res.body).toContain('Avpublicera');
  });
});

describe('who may publish', () => {
  it('is 404 for a reader, a unit admin and a handler of another unit, and the case page offers them no link', async () => {
    const { number } = await answeredCase(t);
    for (const email of [DEMO.reader, DEMO.handlerForskola, DEMO.unitAdmin]) {
      const s = await new Session(t.app).signIn(email);
      expect((await s.get(page(number))).statusCode, email).toBe(404);
      const casePage = await s.get(`/handlaggning/arenden/${number}`);
      expect(casePage.body, email).not.toContain(`${number}/publicera`);
    }
  });
});

describe('four eyes', () => {
  it('lets another person approve, not the author; an approver who edits becomes the author', async () => {
    const admin = await new Session(t.app).signIn(DEMO.admin);
    expect((await admin.post('/admin/publicering', { fourEyes: 'ja' }, { csrfFrom: '/admin/publicering' })).statusCode).toBe(303);
    expect((await admin.get('/admin/logg')).body).toContain('fyra ögon');
    try {
      const { number } = await answeredCase(t);
      const author = await new Session(t.app).signIn(DEMO.handlerGata);
      const draft = await author.get(page(number));
      expect(draft.body).toContain('Spara och skicka för granskning');
      expect(draft.body).not.toContain('value="publicera"');
      const f = draftFormFields(draft.body);
      expect((await author.post(page(number), { ...f, action: 'spara' }, { csrfFrom: page(number) })).statusCode).toBe(303);
      const own = await author.post(page(number), { ...draftFormFields((await author.get(page(number))).body), action: 'publicera' }, { csrfFrom: page(number) });
      expect(own.statusCode).toBe(409);
      expect(errorSummary(own.body)[0]).toContain('Någon annan än den som skrev utkastet');

      const approver = await new Session(t.app).signIn(DEMO.coordinatorSbf);
      const review = await approver.get(page(number));
      expect(review.body).toContain('Godkänn och publicera');
      const rf = draftFormFields(review.body);
      const edited = await approver.post(page(number), { ...rf, title: 'Ändrad rubrik', action: 'publicera' }, { csrfFrom: page(number) });
      expect(edited.statusCode).toBe(409);
      expect(errorSummary(edited.body)[0]).toContain('Du har ändrat texten');
      expect(draftFormFields(edited.body).title).toBe('Ändrad rubrik');
      expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(404);

      const approved = await approver.post(page(number), { ...rf, action: 'publicera' }, { csrfFrom: page(number) });
      expect(approved.statusCode).toBe(303);
      expect((await t.app.inject(`/svar/${number}`)).statusCode).toBe(200);
      const v = await t.db.selectFrom('publication_versions as v').innerJoin('cases as c', 'c.id', 'v.case_id').select(['v.author_label', 'v.approver_label']).where('c.number', '=', number).where('v.approved_at', 'is not', null).executeTakeFirstOrThrow();
      expect(v.author_label).toBe('Gustav Gatuchef');
      expect(v.approver_label).not.toBe(v.author_label);
    } finally {
      await admin.post('/admin/publicering', {}, { csrfFrom: '/admin/publicering' });
    }
  });
});

