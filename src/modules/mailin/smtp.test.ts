import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PDF_FILE } from '../../../test/app.ts';
import { INSTALLATION, JPEG_FILE, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { MAX_MESSAGE_BYTES } from './smtp.ts';

/** The SMTP receiver, driven by nodemailer as a mail gateway would, against a real database. */

let t: InboundTest;
beforeAll(async () => {
  t = await startInboundTest();
});
afterAll(() => t.close());


describe('a new mail', () => {
  it('becomes a case in the registrar’s inbox with the sender as contact, subject and text, its files and the raw message', async () => {
    const res = await t.send({
      from: '"Åsa Öberg" <asa@example.se>',
      to: INSTALLATION.replyTo,
      subject: 'Trasig gatlykta på Storgatan',
      text: 'Hej!\n\nGatlyktan utanför nummer 12 har varit släckt i en vecka.\n\nÅsa',
      attachments: [
        { filename: 'lyktan.jpg', content: JPEG_FILE, contentType: 'image/jpeg' },
        { filename: 'karta.pdf', content: PDF_FILE, contentType: 'application/pdf' },
      ],
    });
    expect(res.response).toMatch(/^250 .*new_case/);
    const [row] = await t.inbound();
    expect(row).toMatchObject({ outcome: 'new_case', warnings: [] });
    const c = await t.db.selectFrom('cases').selectAll().where('id', '=', row!.case_id!).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ channel: 'email', status: 'received', anonymous: false, organization_id: t.orgId });
    expect(c.description).toBe('Trasig gatlykta på Storgatan\n\nHej!\n\nGatlyktan utanför nummer 12 har varit släckt i en vecka.\n\nÅsa');
    expect(c.ack_due_on).not.toBeNull();
    const contact = await t.db.selectFrom('case_contacts').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'Åsa Öberg', email: 'asa@example.se', reply_channel: 'email' });
    const files = await t.db.selectFrom('attachments').select(['filename', 'content_type', 'size_bytes', 'inbound_message_id']).where('case_id', '=', c.id).orderBy('filename').execute();
    expect(files).toEqual([
      { filename: 'karta.pdf', content_type: 'application/pdf', size_bytes: PDF_FILE.length, inbound_message_id: row!.id },
      { filename: 'lyktan.jpg', content_type: 'image/jpeg', size_bytes: JPEG_FILE.length, inbound_message_id: row!.id },
    ]);
    const stored = await t.db.selectFrom('inbound_messages').select(['raw', 'raw_size']).where('id', '=', row!.id).executeTakeFirstOrThrow();
    expect(stored.raw!.toString('utf8')).toMatch(/^Subject: .*\r\n[\s\S]*filename=lyktan\.jpg/m);
    expect(stored.raw_size).toBe(stored.raw!.length);
    const events = await t.db.selectFrom('case_events').select(['type', 'actor_label']).where('case_id', '=', c.id).execute();
    expect(events).toEqual([{ type: 'received', actor_label: 'Synpunktslämnaren via e-post' }]);
  });

  it('turns an HTML-only mail into safe text', async () => {
    await t.send({
      from: 'html@example.se',
      to: INSTALLATION.replyTo,
      subject: 'HTML',
      html: '<p>Första stycket.</p><script>alert(1)</script><p>Andra <b>viktiga</b> stycket &amp; mer.</p><img src="https://spår.example/pixel.gif">',
    });
    const row = (await t.inbound()).at(-1)!;
    const c = await t.db.selectFrom('cases').select('description').where('id', '=', row.case_id!).executeTakeFirstOrThrow();
    expect(c.description).toContain('Första stycket.');
    expect(c.description).toContain('Andra viktiga stycket & mer.');
    expect(c.description).not.toMatch(/<|alert|pixel/);
  });

  it('reaches the organization by a plus-address too, and by an address configured for another organization', async () => {
    const other = await t.db.insertInto('organizations').values({ slug: 'bolaget', name: 'Kommunbolaget AB', kind: 'company', settings: '{}' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('inbound_addresses').values({ address: 'kundtjanst@bolaget.se', organization_id: other.id }).execute();
    const a = await t.send({ from: 'x@example.se', to: 'synpunkt+skola@exempelkommun.se', subject: 'Plus', text: 'Via plus-adress' });
    const b = await t.send({ from: 'y@example.se', to: 'Kundtjänst <KUNDTJANST@bolaget.se>', subject: 'Bolaget', text: 'Till bolaget' });
    expect(a.response).toMatch(/new_case/);
    expect(b.response).toMatch(/new_case/);
    const rows = await t.db.selectFrom('cases').select(['organization_id', 'description']).where('description', 'in', ['Plus\n\nVia plus-adress', 'Bolaget\n\nTill bolaget']).orderBy('description').execute();
    expect(rows).toEqual([
      { organization_id: other.id, description: 'Bolaget\n\nTill bolaget' },
      { organization_id: t.orgId, description: 'Plus\n\nVia plus-adress' },
    ]);
  });
});

describe('at the door', () => {
  it('refuses recipients that are not ours with 550 and takes the others', async () => {
    const res = await t.send({ from: 'z@example.se', to: ['okand@exempelkommun.se', INSTALLATION.replyTo], subject: 'Blandat', text: 'Två mottagare' });
    expect(res.rejected).toEqual(['okand@exempelkommun.se']);
    expect(res.accepted).toEqual([INSTALLATION.replyTo]);
    await expect(t.send({ from: 'z@example.se', to: 'okand@annan.se', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses a message over 25 MB with 552 and stores nothing', async () => {
    const before = (await t.inbound()).length;
    const big = Buffer.alloc(MAX_MESSAGE_BYTES, 'a');
    await expect(t.send({ from: 'stor@example.se', to: INSTALLATION.replyTo, subject: 'Stor', text: 'Bifogat', attachments: [{ filename: 'stor.txt', content: big }] })).rejects.toMatchObject({
      responseCode: 552,
    });
    expect((await t.inbound()).length).toBe(before);
  });

  it('takes at most 100 recipients in one transaction (452 for the rest)', async () => {
    const to = Array.from({ length: 1000 }, (_, i) => `synpunkt+${i}@exempelkommun.se`);
    const res = await t.send({ from: 'manga@example.se', to, subject: 'Tusen mottagare', text: 'Hej alla' });
    expect(res.accepted).toHaveLength(100);
    expect(res.rejected).toHaveLength(900);
    const rows = await t.db.selectFrom('inbound_messages').select(['outcome', 'envelope_to']).where('subject', '=', 'Tusen mottagare').execute();
    // One organization, one mail: one case, however many of its addresses it was sent to.
    expect(rows).toHaveLength(1);
    expect(rows[0]!.envelope_to).toHaveLength(100);
  });
});

describe('the greeting', () => {
  it('is ASCII, as RFC 5321 wants reply text to be', async () => {
    const socket = net.connect(t.smtp.port, '127.0.0.1');
    const greeting = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
    socket.destroy();
    expect(greeting.toString('latin1')).toMatch(/^220 lyhord ESMTP [\x20-\x7e]+\r\n$/);
  });
});

describe('nothing is lost', () => {
  it('stores the same mail once when it is delivered twice (a resend after a lost reply)', async () => {
    const mail = { from: 'dubbel@example.se', to: INSTALLATION.replyTo, subject: 'Dubbel', text: 'En gång', messageId: '<dubbel-1@example.se>' };
    expect((await t.send(mail)).response).toMatch(/new_case/);
    expect((await t.send(mail)).response).toMatch(/duplicate/);
    expect(await t.db.selectFrom('cases').select('id').where('description', '=', 'Dubbel\n\nEn gång').execute()).toHaveLength(1);
  });

  it('answers 451 while the database cannot be reached, and takes the mail when it is back', async () => {
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    const reply = await smtpDialogue(t.smtp.port, async (say) => {
      await say('EHLO gateway.example.se');
      await say('MAIL FROM:<nere@example.se>');
      // The recipient was looked up while the database answered …
      expect(await say(`RCPT TO:<${INSTALLATION.replyTo}>`)).toMatch(/^250/);
      // … and then it goes away.
      await admin.query(`ALTER DATABASE ${t.name} WITH ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.name]);
      expect(await say('DATA')).toMatch(/^354/);
      return say('From: nere@example.se\r\nTo: synpunkt@exempelkommun.se\r\nSubject: Medan databasen var nere\r\nMessage-ID: <nere-1@example.se>\r\n\r\nHej\r\n.');
    });
    expect(reply).toMatch(/^451 /);
    await admin.query(`ALTER DATABASE ${t.name} WITH ALLOW_CONNECTIONS true`);
    await admin.end();
    const res = await t.send({ from: 'nere@example.se', to: INSTALLATION.replyTo, subject: 'Medan databasen var nere', text: 'Hej', messageId: '<nere-1@example.se>' });
    expect(res.response).toMatch(/new_case/);
    expect(await t.db.selectFrom('inbound_messages').select('id').where('message_key', '=', '<nere-1@example.se>').execute()).toHaveLength(1);
  });
});

/** Speaks SMTP line by line, for the steps nodemailer does not let a test stop between. */
async function smtpDialogue<T>(port: number, script: (say: (line: string) => Promise<string>) => Promise<T>): Promise<T> {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = '';
  const waiters: ((s: string) => void)[] = [];
  socket.on('data', (d) => {
    buffer += d.toString('utf8');
    // A complete reply ends with a line "NNN text" (no dash after the code).
    const m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
    if (m && waiters.length) {
      const reply = buffer.trim().split('\r\n').pop()!;
      buffer = '';
      waiters.shift()!(reply);
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  await next(); // greeting
  try {
    return await script(async (line) => {
      const reply = next();
      socket.write(`${line}\r\n`);
      return reply;
    });
  } finally {
    socket.end();
  }
}

