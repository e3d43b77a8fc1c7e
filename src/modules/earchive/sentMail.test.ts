import JSZip from 'jszip';
import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { waitIdle } from '../../../test/jobs.ts';
import { answerCase } from '../cases/commands.ts';
import { buildDiariumPackage } from '../diarium/package.ts';
import { sink, tdb, w, withMailWorld } from '../notifications/mailWorld.ts';

/**
 * The mail in a case's package is the mail that was sent: sent through the job runner to a real
 * SMTP server on loopback, then handed over as the diarium's package (the e-archive's documents
 * are the same, caseDocuments.ts), its .eml carries the headers the server received.
 */

withMailWorld();

const headers = (m: ParsedMail) => m.headerLines.map((h) => h.line);

async function packageOf(caseId: string) {
  const org = await tdb.db.selectFrom('organizations').select('name').where('id', '=', w.orgId).executeTakeFirstOrThrow();
  const p = await buildDiariumPackage(tdb.db, caseId, org.name, w.clock.now());
  const zip = await JSZip.loadAsync(p.zip);
  const files = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && n.includes('/meddelanden/'));
  return { files: files.map((f) => f.slice(f.indexOf('/meddelanden/') + 1)).sort(), read: (name: string) => zip.file(files.find((f) => f.endsWith(name))!)!.async('nodebuffer') };
}

describe('mail in a case’s package', () => {
  it('the acknowledgement and a threaded answer: every header as the SMTP server received it, and the text', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    await waitIdle(tdb.db);
    // The submitter wrote in about the case: the answer threads under their mail.
    await tdb.db
      .insertInto('inbound_messages')
      .values({ organization_id: w.orgId, case_id: c.id, message_key: `k-${c.id}`, header_message_id: '<fraga-1@example.se>', references: ['<start@example.se>'], source: 'smtp', body: 'Hur går det?', body_stripped: 'Hur går det?', outcome: 'reply', raw_size: 12, received_at: w.clock.now() })
      .execute();
    w.clock.set('2026-12-23T13:14:15Z');
    await answerCase(w.deps, { actor: w.handler, number: c.number, message: { channel: 'email', body: 'Vi har lagat lyktan. Tack för att du hörde av dig!' } });
    await waitIdle(tdb.db);
    const received = await sink.waitFor(2);
    const ack = received.find((m) => m.subject.includes('tagit emot'))!;
    const answer = received.find((m) => m.subject.startsWith('Svar'))!;
    expect(answer.parsed.inReplyTo).toBe('<fraga-1@example.se>');

    const p = await packageOf(c.id);
    expect(p.files).toEqual(['meddelanden/01-acknowledgement.eml', 'meddelanden/02-answer.eml']);
    for (const [file, sent] of [
      ['01-acknowledgement.eml', ack],
      ['02-answer.eml', answer],
    ] as const) {
      const copy = await simpleParser(await p.read(file));
      // Line for line: From, To, Reply-To, Subject, Message-ID, Date, In-Reply-To, References, Auto-Submitted, MIME.
      expect(headers(copy), file).toEqual(headers(sent.parsed));
      expect(copy.text).toBe(sent.parsed.text);
    }
    expect(headers(answer.parsed).find((l) => l.startsWith('Date:'))).toBe('Date: Wed, 23 Dec 2026 13:14:15 +0000');
    expect(answer.parsed.from!.value).toEqual([{ name: 'Exempelkommun', address: 'synpunkter@exempelkommun.se' }]);
  });

  it('what Lyhörd never e-mailed is a text that says what it was; mail sent before headers were kept is marked as rebuilt', async () => {
    w.clock.set('2026-12-22T09:00:00Z');
    const c = await w.inProgress();
    await waitIdle(tdb.db);
    const at = (s: number) => new Date(w.clock.now().getTime() + s * 1000);
    const row = { case_id: c.id, purpose: 'other' as const, subject: 'Ämne', body: 'Texten.', occurred_on: '2026-12-22' };
    await tdb.db
      .insertInto('messages')
      .values([
        { ...row, created_at: at(1), channel: 'letter', recipient: 'Åsa Öberg\nStorgatan 2', status: 'recorded' },
        { ...row, created_at: at(2), channel: 'phone', recipient: '070-123 45 67', status: 'recorded' },
        { ...row, created_at: at(3), channel: 'email', recipient: 'asa@example.se', status: 'failed' },
        { ...row, created_at: at(4), channel: 'email', recipient: 'asa@example.se', status: 'sent', transport: 'outbox', sent_at: at(4) },
        // Sent before the send kept its headers (migration 2026-12-04T0900).
        { ...row, created_at: at(5), channel: 'email', recipient: 'asa@example.se', status: 'sent', transport: 'smtp', sent_at: at(5), header_message_id: '<gammal@exempelkommun.se>', reply_to: `synpunkt+${c.number}@exempelkommun.se` },
      ])
      .execute();

    const p = await packageOf(c.id);
    // The acknowledgement went out by mail (01); the rest as above.
    expect(p.files).toEqual(['meddelanden/01-acknowledgement.eml', 'meddelanden/02-other.txt', 'meddelanden/03-other.txt', 'meddelanden/04-other.txt', 'meddelanden/05-other.txt', 'meddelanden/06-other.eml']);
    const text = async (n: string) => (await p.read(n)).toString();
    expect(await text('02-other.txt')).toBe(`Brev, skickat med post\nÄrende: ${c.number}\nMottagare: Åsa Öberg, Storgatan 2\nÄmne: Ämne\nDatum: 2026-12-22\n\nTexten.\n`);
    expect(await text('03-other.txt')).toMatch(/^Telefonsamtal, antecknat\n/);
    expect(await text('04-other.txt')).toMatch(/^E-post som inte kunde skickas\n/);
    expect(await text('05-other.txt')).toMatch(/^E-post som aldrig skickades: ingen e-postserver var inställd/);

    const old = await simpleParser(await p.read('06-other.eml'));
    expect(old.headers.get('x-lyhord-rebuilt')).toBe('true');
    expect(old.text).toMatch(/^\[Återskapad kopia: avsändaren och sidhuvudena sparades inte när meddelandet skickades/);
    expect(old.from!.value[0]!.address).toBe('noreply@lyhord.invalid');
    expect(old.messageId).toBe('<gammal@exempelkommun.se>');
    expect(old.replyTo!.text).toBe(`synpunkt+${c.number}@exempelkommun.se`);
  });
});
