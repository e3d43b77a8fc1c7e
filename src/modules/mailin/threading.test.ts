import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildOrg } from '../../../test/factories.ts';
import { INSTALLATION, startInboundTest, type InboundTest } from '../../../test/inbound.ts';

/** Replies join their case by plus-address, by In-Reply-To/References, or by the number in the subject. */

let t: InboundTest;
beforeAll(async () => {
  t = await startInboundTest();
});
afterAll(() => t.close());

async function sentMessage(caseId: string, headerId: string) {
  await t.db
    .insertInto('messages')
    .values({ case_id: caseId, purpose: 'answer', channel: 'email', recipient: 'asa@example.se', subject: 'Svar', body: 'Svar', status: 'sent', header_message_id: headerId })
    .execute();
}

const inboundOf = (caseId: string) => t.db.selectFrom('inbound_messages').select(['outcome', 'needs_attention', 'body_stripped']).where('case_id', '=', caseId).orderBy('received_at').execute();
const caseCount = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('a reply joins its case', () => {
  it('by the plus-address, with its files and an event, and makes no new case', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'in_progress' });
    const before = await caseCount();
    const res = await t.send({ from: 'asa@example.se', to: `synpunkt+${c.number}@exempelkommun.se`, subject: 'Sv: Svar på din synpunkt', text: 'Tack, men lyktan lyser fortfarande inte.' });
    expect(res.response).toMatch(/reply/);
    expect(await caseCount()).toBe(before);
    expect(await inboundOf(c.id)).toEqual([{ outcome: 'reply', needs_attention: false, body_stripped: 'Tack, men lyktan lyser fortfarande inte.' }]);
    const events = await t.db.selectFrom('case_events').select('type').where('case_id', '=', c.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['received', 'mail_in']);
  });

  it('by In-Reply-To naming a message we sent (Gmail, Swedish: quote folded away)', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'answered' });
    await sentMessage(c.id, `<gmail-${c.id}@exempelkommun.se>`);
    await t.send({
      from: 'Åsa Öberg <asa@example.se>',
      to: INSTALLATION.replyTo,
      subject: 'Re: Svar',
      inReplyTo: `<gmail-${c.id}@exempelkommun.se>`,
      text: `Hej igen,\ngatlyktan är fortfarande trasig.\n\nDen tis 22 dec. 2026 kl 10:00 skrev Exempelkommun <\n${INSTALLATION.replyTo}>:\n\n> Tack för din synpunkt.\n> Vi har lagat lyktan.\n`,
    });
    expect(await inboundOf(c.id)).toEqual([{ outcome: 'reply', needs_attention: false, body_stripped: 'Hej igen,\ngatlyktan är fortfarande trasig.' }]);
  });

  it('by References (Outlook, Swedish: "Från:" block folded away)', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'in_progress' });
    await sentMessage(c.id, `<outlook-${c.id}@exempelkommun.se>`);
    await t.send({
      from: 'asa@example.se',
      to: INSTALLATION.replyTo,
      subject: 'SV: Svar',
      references: [`<annat@example.se>`, `<outlook-${c.id}@exempelkommun.se>`],
      text: 'Jag är inte nöjd.\r\n\r\nFrån: Exempelkommun <synpunkt@exempelkommun.se>\r\nSkickat: den 22 december 2026 10:00\r\nTill: Åsa Öberg <asa@example.se>\r\nÄmne: Svar\r\n\r\nTack för din synpunkt.\r\n',
    });
    expect(await inboundOf(c.id)).toEqual([{ outcome: 'reply', needs_attention: false, body_stripped: 'Jag är inte nöjd.' }]);
  });

  it('by the case number in the subject, from the case’s own contact only', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'assigned' });
    await t.send({ from: 'ASA@example.se', to: INSTALLATION.replyTo, subject: `Angående ${c.number}`, text: 'Ett tillägg.\n\nOn Tue, Dec 22, 2026 at 10:00 AM Someone <x@y.se> wrote:\n> old' });
    expect(await inboundOf(c.id)).toEqual([{ outcome: 'reply', needs_attention: false, body_stripped: 'Ett tillägg.' }]);
    const res = await t.send({ from: 'nagon.annan@example.se', to: INSTALLATION.replyTo, subject: `Om ${c.number}`, text: 'Jag har också synpunkter.' });
    expect(res.response).toMatch(/new_case/);
    expect(await inboundOf(c.id)).toHaveLength(1);
  });

  it('of a merged case, to the case it was merged into', async () => {
    const into = await buildCase(t.db, { organizationId: t.orgId, status: 'in_progress' });
    const merged = await buildCase(t.db, { organizationId: t.orgId, status: 'merged', mergedIntoId: into.id });
    await t.send({ from: 'asa@example.se', to: `synpunkt+${merged.number}@exempelkommun.se`, subject: 'Sv', text: 'Till det sammanslagna.' });
    expect(await inboundOf(into.id)).toHaveLength(1);
    expect(await inboundOf(merged.id)).toHaveLength(0);
  });
});

describe('a plus-address from someone other than the contact', () => {
  it('does not join the case, also not another organization’s by its slug-tagged address', async () => {
    const other = await buildOrg(t.db, { slug: 'bostadsbolaget' });
    const c = await buildCase(t.db, { organizationId: other.id, status: 'in_progress' });
    const to = `synpunkt+bostadsbolaget.${c.number}@exempelkommun.se`;
    const res = await t.send({ from: 'attacker@evil.example', to, subject: 'Sv: Svar', text: 'Det här är inte synpunktslämnaren.' });
    expect(res.response).toMatch(/new_case/);
    expect(await inboundOf(c.id)).toEqual([]);
    const row = await t.db.selectFrom('inbound_messages as i').innerJoin('cases as c', 'c.id', 'i.case_id').select(['c.organization_id', 'i.warnings']).where('i.from_address', '=', 'attacker@evil.example').executeTakeFirstOrThrow();
    expect(row.organization_id).toBe(other.id);
    expect(row.warnings.join(' ')).toContain(`svarsadressen för ärende ${c.number} men kommer inte från ärendets kontaktadress`);
    expect((await t.send({ from: 'asa@example.se', to, subject: 'Sv: Svar', text: 'Det här är jag.' })).response).toMatch(/reply/);
    expect(await inboundOf(c.id)).toEqual([{ outcome: 'reply', needs_attention: false, body_stripped: 'Det här är jag.' }]);
  });
});

describe('a reply to a closed case', () => {
  it('within 30 days is flagged for the handler on the case (no new case)', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'closed', outcome: 'answered', closedAt: new Date(t.clock.now().getTime() - 29 * 86_400_000) });
    const before = await caseCount();
    const res = await t.send({ from: 'asa@example.se', to: `synpunkt+${c.number}@exempelkommun.se`, subject: 'Sv', text: 'Det blev inte bra.' });
    expect(res.response).toMatch(/reply_after_close/);
    expect(await caseCount()).toBe(before);
    expect(await inboundOf(c.id)).toEqual([{ outcome: 'reply_after_close', needs_attention: true, body_stripped: 'Det blev inte bra.' }]);
  });

  it('after more than 30 days becomes a new case linked to the old one', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'closed', outcome: 'answered', closedAt: new Date(t.clock.now().getTime() - 31 * 86_400_000) });
    const res = await t.send({ from: 'asa@example.se', to: `synpunkt+${c.number}@exempelkommun.se`, subject: 'Gammalt ärende', text: 'Nu igen.' });
    expect(res.response).toMatch(/new_case_after_close/);
    const row = await t.db.selectFrom('inbound_messages').select('case_id').where('subject', '=', 'Gammalt ärende').executeTakeFirstOrThrow();
    expect(row.case_id).not.toBe(c.id);
    const links = await t.db.selectFrom('case_links').select(['case_id', 'linked_case_id']).where('case_id', 'in', [c.id, row.case_id!]).execute();
    expect(links).toHaveLength(2);
  });

  it('uses the organization’s own number of days', async () => {
    await t.db.insertInto('inbound_settings').values({ organization_id: t.orgId, new_case_after_days: 5 }).execute();
    try {
      const c = await buildCase(t.db, { organizationId: t.orgId, status: 'closed', outcome: 'answered', closedAt: new Date(t.clock.now().getTime() - 6 * 86_400_000) });
      const res = await t.send({ from: 'asa@example.se', to: `synpunkt+${c.number}@exempelkommun.se`, subject: 'Sex dagar', text: 'Igen.' });
      expect(res.response).toMatch(/new_case_after_close/);
    } finally {
      await t.db.deleteFrom('inbound_settings').execute();
    }
  });
});
