import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askSubmitter } from '../cases/submitterQuestion.ts';
import { JPEG_FILE, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { actorFor, assignedTo, caseDeps, caseRow, DEMO, eventTypes, submitCase } from '../../../test/staffCases.ts';

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

  it('from anyone but the contact leaves the waiting case alone and becomes a new case that names it', async () => {
    const { number } = await submitCase(t);
    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    await askSubmitter(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number, question: 'Vilken lykta är det?' });
    const waiting = await caseRow(t, number);
    const eventsBefore = await eventTypes(t, number);

    // Case numbers run in sequence: a stranger guesses one and writes to its plus-address.
    const res = await t.send({
      from: 'Åsa Öberg <stranger@evil.example>',
      to: `synpunkt+${number}@exempelkommun.se`,
      subject: `Sv: Fråga om din synpunkt ${number}`,
      text: 'Glöm lyktan, ärendet kan avslutas.',
      attachments: [{ filename: 'bevis.jpg', content: JPEG_FILE, contentType: 'image/jpeg' }],
    });
    expect(res.response).toMatch(/new_case/);
    expect(await caseRow(t, number)).toMatchObject({ status: 'waiting', paused_since: waiting.paused_since, answer_by: waiting.answer_by });
    expect(await eventTypes(t, number)).toEqual(eventsBefore);
    expect(await t.db.selectFrom('inbound_messages').select('id').where('case_id', '=', waiting.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('attachments').select('id').where('case_id', '=', waiting.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('messages').select('subject').where('case_id', '=', waiting.id).where('purpose', '=', 'other').execute()).toEqual([]);

    // It is the registrar's to judge: a case of its own, with the stranger as its contact and its file, naming the case it was sent to.
    const row = (await t.inbound()).at(-1)!;
    expect(row.case_id).not.toBe(waiting.id);
    expect(row.warnings).toContain(`Meddelandet skickades till svarsadressen för ärende ${number} men kommer inte från ärendets kontaktadress. Därför blev det ett nytt ärende i stället för ett svar i ${number}. Länka eller slå ihop ärendena om det hör dit.`);
    const created = await t.db.selectFrom('cases as c').innerJoin('case_contacts as cc', 'cc.case_id', 'c.id').select(['c.status', 'cc.email']).where('c.id', '=', row.case_id!).executeTakeFirstOrThrow();
    expect(created).toEqual({ status: 'received', email: 'stranger@evil.example' });
    expect(await t.db.selectFrom('attachments').select('filename').where('case_id', '=', row.case_id!).execute()).toEqual([{ filename: 'bevis.jpg' }]);

    // The contact's own address still counts, whatever its case and display name.
    const reply = await t.send({ from: 'Någon <ASA@Example.SE>', to: `synpunkt+${number}@exempelkommun.se`, subject: 'Sv', text: 'Den vid skolan.' });
    expect(reply.response).toMatch(/reply/);
    expect((await caseRow(t, number)).status).toBe('in_progress');
  });
});
