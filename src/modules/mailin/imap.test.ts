import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../../test/dovecot.ts';
import { INSTALLATION, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import type { InboundConfig } from '../../config.ts';
import { createDb } from '../../db/database.ts';
import { startImapReader, type ImapReader } from './imap.ts';
import { deliver } from './ingest.ts';
import { resolveRecipient } from './addresses.ts';

/** The IMAP reader against a real dovecot on loopback. */

let t: InboundTest;
let dovecot: Dovecot;
const readers: ImapReader[] = [];
beforeAll(async () => {
  t = await startInboundTest();
  dovecot = await startDovecot();
});
afterAll(async () => {
  for (const r of readers) await r.stop();
  await dovecot.stop();
  await t.close();
});

const config = (over: Partial<InboundConfig> = {}): InboundConfig => ({
  smtpPort: undefined,
  smtpHost: '127.0.0.1',
  imapUrl: dovecot.url(),
  imapAccessToken: undefined,
  imapOAuth: undefined,
  imapDoneFolder: undefined,
  imapPollSeconds: 60,
  ...over,
});
async function reader(over: Partial<InboundConfig> = {}, deps = t.deps) {
  const r = await startImapReader(deps, config(over));
  readers.push(r);
  return r;
}
const mail = (id: string, subject: string, text = 'Hej från IMAP.') =>
  `From: Åsa Öberg <asa@example.se>\r\nTo: ${INSTALLATION.replyTo}\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.se>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
const casesWith = (subject: string) => t.db.selectFrom('inbound_messages').select(['outcome', 'case_id', 'source']).where('subject', '=', subject).execute();
async function eventually<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('reading a mailbox', () => {
  it('makes a case of each new mail and flags it handled only then; IDLE brings the next one at once', async () => {
    await dovecot.append(mail('imap-1', 'Första via IMAP'));
    const r = await reader();
    expect(await casesWith('Första via IMAP')).toEqual([{ outcome: 'new_case', case_id: expect.any(String), source: 'imap' }]);
    expect((await dovecot.flags()).get('<imap-1@example.se>')).toEqual(['$Lyhord', '\\Seen']);
    // No pass called: the server tells the idling reader.
    await dovecot.append(mail('imap-2', 'Andra via IMAP'));
    expect(await eventually(() => casesWith('Andra via IMAP'), (rows) => rows.length === 1)).toHaveLength(1);
    await r.stop();
  });

  it('reads again after a crash between commit and flag, and the Message-ID makes it one case', async () => {
    const raw = mail('imap-krasch', 'Krasch efter commit');
    await dovecot.append(raw);
    // The earlier run committed the case and died before it could flag the message.
    const recipient = (await resolveRecipient(t.db, INSTALLATION.replyTo, INSTALLATION))!;
    await deliver(t.deps, { raw: Buffer.from(raw), envelopeFrom: null, recipients: [recipient], source: 'imap' });
    const r = await reader();
    await r.pass();
    expect(await casesWith('Krasch efter commit')).toHaveLength(1);
    expect((await dovecot.flags()).get('<imap-krasch@example.se>')).toEqual(['$Lyhord', '\\Seen']);
    await r.stop();
  });

  it('leaves the message unread while the database cannot be reached, and takes it when it is back', async () => {
    await dovecot.append(mail('imap-nere', 'Databasen nere'));
    const down = createDb('postgres://nobody@127.0.0.1:1/none', 1);
    const broken = await reader({}, { ...t.deps, db: down });
    expect(await broken.pass()).toBe(0);
    await broken.stop();
    await down.destroy();
    expect((await dovecot.flags()).get('<imap-nere@example.se>')).toEqual([]);
    const r = await reader();
    await r.pass();
    expect(await casesWith('Databasen nere')).toHaveLength(1);
    await r.stop();
  });

  it('moves handled mail to the done folder when one is configured', async () => {
    await dovecot.append(mail('imap-flytt', 'Flyttas'));
    const r = await reader({ imapDoneFolder: 'Behandlat' });
    await r.pass();
    expect(await casesWith('Flyttas')).toHaveLength(1);
    expect((await dovecot.flags('INBOX')).has('<imap-flytt@example.se>')).toBe(false);
    expect((await dovecot.flags('Behandlat')).has('<imap-flytt@example.se>')).toBe(true);
    await r.stop();
  });
});

describe('a server without IDLE', () => {
  it('is polled', async () => {
    const plain = await startDovecot({ idle: false });
    try {
      const c = await plain.client();
      expect(c.capabilities.has('IDLE')).toBe(false);
      await c.logout();
      const r = await reader({ imapUrl: plain.url(), imapPollSeconds: 1 });
      await plain.append(mail('imap-poll', 'Pollad'));
      expect(await eventually(() => casesWith('Pollad'), (rows) => rows.length === 1)).toHaveLength(1);
      await r.stop();
    } finally {
      await plain.stop();
    }
  });
});
