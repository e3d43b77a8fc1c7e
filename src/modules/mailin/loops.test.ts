import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../../../test/factories.ts';
import { INSTALLATION, startInboundTest, type InboundTest } from '../../../test/inbound.ts';

/** No loops, no noise: automatic replies and bounces never become cases; a flood is held. */

let t: InboundTest;
beforeAll(async () => {
  t = await startInboundTest();
});
afterAll(() => t.close());

const casesNow = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('automatic replies', () => {
  const variants: [string, Record<string, string>][] = [
    ['Auto-Submitted: auto-replied', { 'Auto-Submitted': 'auto-replied' }],
    ['Auto-Submitted: auto-generated', { 'Auto-Submitted': 'auto-generated' }],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }],
    ['X-Autorespond', { 'X-Autorespond': 'yes' }],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }],
  ];
  for (const [name, headers] of variants) {
    it(`${name}: stored, never a case`, async () => {
      const before = await casesNow();
      const res = await t.send({ from: 'semester@example.se', to: INSTALLATION.replyTo, subject: `Hej (${name})`, text: 'Jag är borta till och med 6 januari.', headers });
      expect(res.response).toMatch(/auto_reply/);
      expect(await casesNow()).toBe(before);
    });
  }

  it('an out-of-office subject alone does not make a person\'s mail vanish: it becomes a case, with a warning', async () => {
    for (const subject of ['Frånvaro av snöröjning på Storgatan', 'Frånvarande personal på Solrosens förskola', 'Absence of snow clearing on my street', 'Automatiskt svar: Svar på din synpunkt']) {
      const res = await t.send({ from: 'foralder@example.se', to: INSTALLATION.replyTo, subject, text: 'Det här har pågått i två veckor.' });
      expect(res.response, subject).toMatch(/new_case/);
      const row = await t.db.selectFrom('inbound_messages').select(['case_id', 'warnings']).where('subject', '=', subject).executeTakeFirstOrThrow();
      expect(row.case_id).not.toBeNull();
      expect(row.warnings.join(' ')).toContain('Ämnesraden liknar ett automatiskt svar');
    }
  });

  it('an out-of-office subject on a mail that answers one of ours is an automatic reply', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'answered' });
    const headerId = `<ooo-${c.id}@exempelkommun.se>`;
    await t.db.insertInto('messages').values({ case_id: c.id, purpose: 'answer', channel: 'email', recipient: 'asa@example.se', subject: 'Svar', body: 'Svar', status: 'sent', header_message_id: headerId }).execute();
    const res = await t.send({ from: 'asa@example.se', to: INSTALLATION.replyTo, subject: 'Frånvaro: Svar', inReplyTo: headerId, text: 'Jag är ledig.' });
    expect(res.response).toMatch(/auto_reply/);
  });

  it('Exchange\'s inbox-rule marks alone are a forwarded mail, not a reply; with an out-of-office subject they are', async () => {
    const rule = { 'X-MS-Exchange-Inbox-Rules-Loop': 'handlaggare@exempelkommun.se', 'X-MS-Exchange-Generated-Message-Source': 'Mailbox Rules Agent' };
    expect((await t.send({ from: 'medborgare@example.se', to: INSTALLATION.replyTo, subject: 'Trasig gungställning', text: 'Vidarebefordrad av en regel.', headers: rule })).response).toMatch(/new_case/);
    expect((await t.send({ from: 'handlaggare@example.se', to: INSTALLATION.replyTo, subject: 'Automatiskt svar: Trasig gungställning', text: 'Jag är ledig.', headers: rule })).response).toMatch(/auto_reply/);
  });

  it('X-Auto-Response-Suppress is no sign of an automatic reply (Outlook sets it on ordinary mail)', async () => {
    const res = await t.send({ from: 'outlook@example.se', to: INSTALLATION.replyTo, subject: 'Hål i cykelbanan', text: 'Vid bron.', headers: { 'X-Auto-Response-Suppress': 'All' } });
    expect(res.response).toMatch(/new_case/);
  });

  it('mass mail and lists (Precedence: bulk, junk, list) wait for the registrar: no case, no acknowledgement', async () => {
    for (const precedence of ['bulk', 'junk', 'list']) {
      const before = await casesNow();
      const subject = `Från e-tjänsten (${precedence})`;
      const res = await t.send({ from: 'etjanst@example.se', to: INSTALLATION.replyTo, subject, text: 'Synpunkt via formulär.', headers: { Precedence: precedence } });
      expect(res.response).toMatch(/held/);
      expect(await casesNow()).toBe(before);
      const row = await t.db.selectFrom('inbound_messages').select(['needs_attention', 'warnings']).where('subject', '=', subject).executeTakeFirstOrThrow();
      expect(row.needs_attention).toBe(true);
      expect(row.warnings.join(' ')).toContain('massutskick');
    }
  });

  it('Auto-Submitted: no is a person writing', async () => {
    const res = await t.send({ from: 'person@example.se', to: INSTALLATION.replyTo, subject: 'Skriven av en människa', text: 'Hej', headers: { 'Auto-Submitted': 'no' } });
    expect(res.response).toMatch(/new_case/);
  });

  it('one about a case is kept with the case, without flagging or acknowledging it', async () => {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'closed', outcome: 'answered', closedAt: t.clock.now() });
    await t.send({ from: 'asa@example.se', to: `synpunkt+${c.number}@exempelkommun.se`, subject: 'Automatiskt svar: Svar', text: 'Jag är borta.' });
    const rows = await t.db.selectFrom('inbound_messages').select(['outcome', 'needs_attention']).where('case_id', '=', c.id).execute();
    expect(rows).toEqual([{ outcome: 'auto_reply', needs_attention: false }]);
    expect(await t.db.selectFrom('messages').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
  });

  it('mail from our own address (a loop) is never a case', async () => {
    const res = await t.send({ from: INSTALLATION.from, to: INSTALLATION.replyTo, subject: 'Svar på din synpunkt', text: 'Eko' });
    expect(res.response).toMatch(/loop/);
  });
});

describe('bounces', () => {
  async function answered() {
    const c = await buildCase(t.db, { organizationId: t.orgId, status: 'answered' });
    const m = await t.db
      .insertInto('messages')
      .values({ case_id: c.id, purpose: 'answer', channel: 'email', recipient: 'fel@example.se', subject: 'Svar', body: 'Svar', status: 'sent', header_message_id: `<${crypto.randomUUID()}@exempelkommun.se>` })
      .returning(['id', 'header_message_id'])
      .executeTakeFirstOrThrow();
    return { c, m };
  }
  const status = (id: string) => t.db.selectFrom('messages').select(['status', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();

  it('an RFC 3464 report from the null sender fails the message we sent, with the reason on the case', async () => {
    const { c, m } = await answered();
    const before = await casesNow();
    const raw = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.se>',
      `To: ${INSTALLATION.from}`,
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Your message could not be delivered.',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.se',
      '',
      'Final-Recipient: rfc822; fel@example.se',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <fel@example.se>: Recipient address rejected: User unknown',
      '--B',
      'Content-Type: text/rfc822-headers',
      '',
      `From: Exempelkommun <${INSTALLATION.from}>`,
      'To: fel@example.se',
      `Message-ID: ${m.header_message_id}`,
      'Subject: Svar',
      '--B--',
      '',
    ].join('\r\n');
    const res = await t.send({ envelope: { from: '', to: [INSTALLATION.from] }, raw });
    expect(res.response).toMatch(/bounce/);
    expect(await casesNow()).toBe(before);
    expect(await status(m.id)).toEqual({ status: 'failed', last_error: 'Kom inte fram till mottagaren: Mottagare: fel@example.se. 550 5.1.1 <fel@example.se>: Recipient address rejected: User unknown' });
    const events = await t.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', c.id).where('type', '=', 'message').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ status: 'failed', messageId: m.id });
  });

  it('a plain notice from MAILER-DAEMON quoting our Message-ID fails it too', async () => {
    const { m } = await answered();
    await t.send({
      from: 'MAILER-DAEMON@mx.example.se',
      to: INSTALLATION.replyTo,
      subject: 'Returned mail: see transcript for details',
      text: `The original message was received.\n\n----- Original message -----\nMessage-ID: ${m.header_message_id}\nSubject: Svar\n`,
    });
    expect((await status(m.id)).status).toBe('failed');
  });

  it('a delay notice (Action: delayed) leaves the message as it was', async () => {
    const { m } = await answered();
    const raw = `From: MAILER-DAEMON@mx.example.se\r\nTo: ${INSTALLATION.from}\r\nSubject: Delayed Mail\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nStill trying.\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; fel@example.se\r\nAction: delayed\r\nStatus: 4.4.1\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: ${m.header_message_id}\r\n--B--\r\n`;
    const res = await t.send({ envelope: { from: '', to: [INSTALLATION.from] }, raw });
    expect(res.response).toMatch(/delivery_report/);
    expect((await status(m.id)).status).toBe('sent');
  });

  it('a bounce of nothing we know is stored and makes no case', async () => {
    const before = await casesNow();
    const res = await t.send({ envelope: { from: '', to: [INSTALLATION.replyTo] }, raw: `From: postmaster@x.se\r\nTo: ${INSTALLATION.replyTo}\r\nSubject: Failure\r\n\r\nSomething bounced.\r\n` });
    expect(res.response).toMatch(/bounce_unmatched/);
    expect(await casesNow()).toBe(before);
  });
});

describe('a mail bomb from one sender', () => {
  it('makes 20 cases in an hour, then holds the rest for the registrar', async () => {
    const before = await casesNow();
    const outcomes: string[] = [];
    for (let i = 0; i < 23; i++) outcomes.push((await t.send({ from: 'bomb@example.se', to: INSTALLATION.replyTo, subject: `Bomb ${i}`, text: `Nummer ${i}` })).response);
    expect(outcomes.filter((r) => /new_case/.test(r))).toHaveLength(20);
    expect(outcomes.filter((r) => /held/.test(r))).toHaveLength(3);
    expect(await casesNow()).toBe(before + 20);
    const held = await t.db.selectFrom('inbound_messages').select(['needs_attention', 'warnings']).where('outcome', '=', 'held').where('from_address', '=', 'bomb@example.se').execute();
    expect(held.every((h) => h.needs_attention && h.warnings.some((w) => w.includes('fler än 20')))).toBe(true);
    // An hour later the sender is welcome again.
    t.clock.advance(3600_000);
    expect((await t.send({ from: 'bomb@example.se', to: INSTALLATION.replyTo, subject: 'Bomb senare', text: 'Senare' })).response).toMatch(/new_case/);
  });
});
