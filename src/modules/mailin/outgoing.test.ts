import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp.ts';
import { INSTALLATION, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { smtpTransport } from '../../platform/mail.ts';
import { sendMessage, type SendDeps } from '../notifications/send.ts';

/** Conversations thread both ways: our mail carries Message-ID, In-Reply-To/References and the case's Reply-To. */

let t: InboundTest;
let sink: SmtpSink;
let send: SendDeps;
beforeAll(async () => {
  t = await startInboundTest();
  sink = await startSmtpSink();
  send = { db: t.db, clock: t.clock, transport: smtpTransport(sink.url), from: INSTALLATION.from, replyTo: INSTALLATION.replyTo };
});
afterAll(async () => {
  send.transport.close();
  await sink.close();
  await t.close();
});

async function answer(caseId: string, recipient: string) {
  const m = await t.db
    .insertInto('messages')
    .values({ case_id: caseId, purpose: 'answer', channel: 'email', recipient, subject: 'Svar på din synpunkt', body: 'Vi har lagat lyktan.', status: 'queued' })
    .returning('id')
    .executeTakeFirstOrThrow();
  expect(await sendMessage(send, m.id)).toBe('sent');
  return m.id;
}

describe('an answer to a mail', () => {
  it('answers it (In-Reply-To, References), asks for replies at the case’s plus-address, and its reply comes back to the case', async () => {
    await t.send({ from: 'asa@example.se', to: INSTALLATION.replyTo, subject: 'Lyktan', text: 'Släckt.', messageId: '<forsta@example.se>', references: '<tidigare@example.se>' });
    const inbound = await t.db.selectFrom('inbound_messages as i').innerJoin('cases as c', 'c.id', 'i.case_id').select(['c.id', 'c.number']).where('i.message_key', '=', '<forsta@example.se>').executeTakeFirstOrThrow();
    const id = await answer(inbound.id, 'asa@example.se');
    const [mail] = await sink.waitFor(1);
    const stored = await t.db.selectFrom('messages').select(['header_message_id', 'reply_to']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(mail!.messageId).toBe(stored.header_message_id);
    expect(mail!.parsed.inReplyTo).toBe('<forsta@example.se>');
    expect(mail!.parsed.references).toEqual(['<tidigare@example.se>', '<forsta@example.se>', `<${inbound.number}@exempelkommun.se>`]);
    expect(mail!.replyTo).toBe(`synpunkt+${inbound.number}@exempelkommun.se`);
    expect(stored.reply_to).toBe(mail!.replyTo);

    // The submitter's program answers To: the Reply-To, In-Reply-To: our Message-ID.
    const res = await t.send({ from: 'asa@example.se', to: mail!.replyTo, subject: `Re: ${mail!.subject}`, inReplyTo: mail!.messageId, text: 'Tack!' });
    expect(res.response).toMatch(/reply/);
    const thread = await t.db.selectFrom('inbound_messages').select('outcome').where('case_id', '=', inbound.id).orderBy('received_at').execute();
    expect(thread.map((r) => r.outcome)).toEqual(['new_case', 'reply']);
  });

  it('of an organization with its own address uses it for replies; without one, the installation’s address tagged with the organization', async () => {
    const own = await t.db.insertInto('organizations').values({ slug: 'vatten', name: 'Vattenbolaget', kind: 'company', settings: '{}' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('inbound_addresses').values({ address: 'kundservice@vatten.se', organization_id: own.id }).execute();
    const none = await t.db.insertInto('organizations').values({ slug: 'forbundet', name: 'Förbundet', kind: 'joint_body', settings: '{}' }).returning('id').executeTakeFirstOrThrow();
    const a = await t.send({ from: 'a@example.se', to: 'kundservice@vatten.se', subject: 'Vatten', text: 'Brunt vatten.' });
    expect(a.response).toMatch(/new_case/);
    const caseA = await t.db.selectFrom('cases').select(['id', 'number']).where('organization_id', '=', own.id).executeTakeFirstOrThrow();
    await answer(caseA.id, 'a@example.se');
    const mails = await sink.waitFor(2);
    expect(mails[1]!.replyTo).toBe(`kundservice+${caseA.number}@vatten.se`);

    // A case of the joint body, answered: the reply address names the body, so the reply finds the body's case, not the default organization's with the same number.
    const c = await t.db.selectFrom('cases').select(['id', 'number']).where('organization_id', '=', t.orgId).executeTakeFirstOrThrow();
    const { buildCase } = await import('../../../test/factories.ts');
    const b = await buildCase(t.db, { organizationId: none.id, status: 'in_progress' });
    await answer(b.id, 'asa@example.se');
    const third = (await sink.waitFor(3))[2]!;
    expect(third.replyTo).toBe(`synpunkt+forbundet.${b.number}@exempelkommun.se`);
    await t.send({ from: 'asa@example.se', to: third.replyTo, subject: 'Sv', text: 'Till förbundet.' });
    expect(await t.db.selectFrom('inbound_messages').select('outcome').where('case_id', '=', b.id).execute()).toEqual([{ outcome: 'reply' }]);
    expect(await t.db.selectFrom('inbound_messages').select('id').where('case_id', '=', c.id).where('subject', '=', 'Sv').execute()).toEqual([]);
  });
});
