import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askSubmitter } from '../cases/submitterQuestion.ts';
import { startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { actorFor, assignedTo, caseDeps, caseRow, DEMO, submitCase } from '../../../test/staffCases.ts';

/** Answering the handler's question by replying to the mail does what answering on the status page does (rule 14). */

let t: InboundTest;
beforeAll(async () => {
  t = await startInboundTest({ now: '2026-12-22T09:00:00Z' });
});
afterAll(() => t.close());

describe('a reply mail to a question', () => {
  it('joins the case, resumes the clock with the paused days added and tells the handler', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    await askSubmitter(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number, question: 'Vilken av lyktorna vid skolan är det?' });
    expect((await caseRow(t, number)).status).toBe('waiting');

    // Paused over Christmas, as on the status page: 12-23 and 12-28 are lost, the answer date moves from 01-12 to 01-14.
    t.clock.set('2026-12-28T10:00:00Z');
    await t.send({ from: 'asa@example.se', to: `synpunkt+${number}@exempelkommun.se`, subject: `Sv: Fråga om din synpunkt ${number}`, text: 'Den närmast övergångsstället.' });
    const after = await caseRow(t, number);
    expect(after).toMatchObject({ status: 'in_progress', paused_since: null, answer_by: '2027-01-14' });
    const events = await t.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', after.id).orderBy('id').execute();
    const types = events.map((e) => e.type);
    expect(types.indexOf('resume')).toBeGreaterThan(types.indexOf('mail_in'));
    expect(events.find((e) => e.type === 'resume')!.data).toMatchObject({ by: 'submitter' });
    const toHandler = await t.db.selectFrom('messages').select(['recipient', 'subject']).where('case_id', '=', after.id).where('purpose', '=', 'other').execute();
    expect(toHandler).toEqual([{ recipient: DEMO.handlerGata, subject: `Synpunktslämnaren har svarat i ärende ${number}` }]);
  });
});
