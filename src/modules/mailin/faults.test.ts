import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_FILE } from '../../../test/app.ts';
import { INSTALLATION, JPEG_FILE, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { MIN_EMBEDDED_IMAGE_BYTES } from './mailCase.ts';

/** Bad input: each kind gets a defined outcome, and what was accepted is kept (raw) with a warning for the registrar. */

let t: InboundTest;
beforeAll(async () => {
  t = await startInboundTest();
});
afterAll(() => t.close());

const envelope = { from: 'trasig@example.se', to: [INSTALLATION.replyTo] };
async function sendRaw(raw: string | Buffer) {
  const res = await t.send({ envelope, raw });
  const row = await t.db.selectFrom('inbound_messages').selectAll().orderBy('received_at', 'desc').limit(1).executeTakeFirstOrThrow();
  const c = row.case_id ? await t.db.selectFrom('cases').select(['description', 'channel', 'ack_due_on']).where('id', '=', row.case_id).executeTakeFirstOrThrow() : null;
  const contact = row.case_id ? await t.db.selectFrom('case_contacts').select(['email', 'reply_channel']).where('case_id', '=', row.case_id).executeTakeFirst() : null;
  const files = row.case_id ? await t.db.selectFrom('attachments').select(['filename', 'size_bytes']).where('case_id', '=', row.case_id).orderBy('filename').execute() : [];
  return { res, row, c, contact, files };
}

describe('malformed and unusual mail', () => {
  it('a multipart without a boundary: a case, the raw message kept, a warning', async () => {
    const raw = 'From: trasig@example.se\r\nTo: synpunkt@exempelkommun.se\r\nSubject: Trasig MIME\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nHej\r\n';
    const { row, c } = await sendRaw(raw);
    expect(row.outcome).toBe('new_case');
    expect(row.raw!.toString()).toBe(raw);
    expect(row.warnings.join(' ')).toMatch(/felaktigt uppbyggt|ingen text/);
    expect(c!.description).toContain('Trasig MIME');
  });

  it('a multipart cut off before its closing boundary keeps the text it has', async () => {
    const raw = 'From: trasig@example.se\r\nTo: synpunkt@exempelkommun.se\r\nSubject: Avklippt\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nTexten före avbrottet.\r\n--B\r\nContent-Type: application/pdf; name="x.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK';
    const { row, c } = await sendRaw(raw);
    expect(row.outcome).toBe('new_case');
    expect(c!.description).toContain('Texten före avbrottet.');
  });

  it('an unknown charset: the text as far as it can be read, and a warning', async () => {
    const raw = Buffer.concat([Buffer.from('From: trasig@example.se\r\nTo: synpunkt@exempelkommun.se\r\nSubject: Okänd kodning\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nGatlyktan '), Buffer.from([0xe5, 0xe4]), Buffer.from(' lyser inte.\r\n')]);
    const { row, c } = await sendRaw(raw);
    expect(row.outcome).toBe('new_case');
    expect(row.warnings.join(' ')).toContain('Okänd teckenkodning (x-klingon)');
    expect(c!.description).toContain('lyser inte.');
    expect(row.raw!.equals(raw)).toBe(true);
  });

  it('8-bit headers: UTF-8 (RFC 6532) is read as it is; Latin-1 is read as Windows-1252, with a warning', async () => {
    const utf8 = Buffer.from('From: Åsa Öberg <asa8@example.se>\r\nTo: synpunkt@exempelkommun.se\r\nSubject: Gatlyktan på Storgatan\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHej\r\n', 'utf8');
    const a = await sendRaw(utf8);
    expect(a.row.subject).toBe('Gatlyktan på Storgatan');
    expect(a.row.from_name).toBe('Åsa Öberg');
    expect(a.row.warnings).toEqual([]);
    // Windows-1252: 0x80 is the euro sign; a UTF-8 field beside them stays UTF-8.
    const latin1 = Buffer.concat([
      Buffer.from('From: G\xf6ran Lindstr\xf6m <latin@example.se>\r\nTo: synpunkt@exempelkommun.se\r\nSubject: R\xe5 8-bit \xe4mne,\r\n \xf6ver 100 \x80\r\n', 'latin1'),
      Buffer.from('Comments: Skickad från Åsas dator\r\n\r\nHej\r\n', 'utf8'),
    ]);
    const b = await sendRaw(latin1);
    expect(b.row.outcome).toBe('new_case');
    expect(b.row.from_name).toBe('Göran Lindström');
    expect(b.row.subject).toBe('Rå 8-bit ämne, över 100 €');
    expect(b.c!.description).toMatch(/^Rå 8-bit ämne, över 100 €/);
    const contact = await t.db.selectFrom('case_contacts').select('name').where('case_id', '=', b.row.case_id!).executeTakeFirstOrThrow();
    expect(contact.name).toBe('Göran Lindström');
    expect(b.row.warnings.join(' ')).toContain('Windows-1252');
    expect(b.row.raw!.equals(latin1)).toBe(true);
  });

  it('NUL bytes and binary in the text do not stop it', async () => {
    const raw = Buffer.concat([Buffer.from('From: trasig@example.se\r\nTo: synpunkt@exempelkommun.se\r\nSubject: Binärt\r\n\r\nFöre'), Buffer.from([0, 1, 2, 0xff, 0]), Buffer.from('Efter\r\n')]);
    const { row, c } = await sendRaw(raw);
    expect(row.outcome).toBe('new_case');
    expect(c!.description).toContain('Efter');
    expect(c!.description).not.toContain('\u0000');
  });

  it('no sender at all: a case nobody can be answered on, and no acknowledgement owed', async () => {
    const { row, contact, c } = await sendRaw('To: synpunkt@exempelkommun.se\r\nSubject: Utan avsändare\r\n\r\nVem skrev?\r\n');
    expect(row.outcome).toBe('new_case');
    expect(c!.ack_due_on).toBeNull();
    expect(contact).toEqual({ email: null, reply_channel: 'none' });
  });
});

describe('attachments', () => {
  it('photos embedded in the text (multipart/related, by Content-ID) are kept as files without their GPS; a small signature logo is not', async () => {
    const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#808080', noise } }).jpeg({ quality: 90 }).withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 4/1', GPSLongitudeRef: 'E', GPSLongitude: '18/1 4/1 7/1' } }).toBuffer();
    const logo = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#003366' } }).png().toBuffer();
    expect(await exifr.gps(photo)).toBeDefined();
    expect(photo.length).toBeGreaterThan(MIN_EMBEDDED_IMAGE_BYTES);
    expect(logo.length).toBeLessThan(MIN_EMBEDDED_IMAGE_BYTES);
    await t.send({
      from: 'inline@example.se',
      to: INSTALLATION.replyTo,
      subject: 'Trasig bänk',
      text: 'Bänken är trasig [image: IMG_20261203.jpg]',
      html: '<p>Bänken är trasig</p><img src="cid:ii_abc"><img src="cid:ii_def"><p>Mvh<br><img src="cid:logo"></p>',
      attachments: [
        { filename: 'IMG_20261203.jpg', content: photo, contentType: 'image/jpeg', cid: 'ii_abc', contentDisposition: 'inline' },
        { filename: false, content: photo, contentType: 'image/jpeg', cid: 'ii_def', contentDisposition: 'inline' },
        { filename: 'image001.png', content: logo, contentType: 'image/png', cid: 'logo', contentDisposition: 'inline' },
      ],
    });
    const row = await t.db.selectFrom('inbound_messages').select(['case_id', 'warnings', 'raw']).where('subject', '=', 'Trasig bänk').executeTakeFirstOrThrow();
    expect(row.raw!.toString()).toMatch(/multipart\/related/);
    const files = await t.db.selectFrom('attachments').select(['filename', 'content_type', 'content']).where('case_id', '=', row.case_id!).orderBy('filename').execute();
    expect(files.map((f) => [f.filename, f.content_type])).toEqual([
      ['IMG_20261203.jpg', 'image/jpeg'],
      ['inbäddad-bild-1.jpg', 'image/jpeg'],
    ]);
    for (const f of files) expect(await exifr.gps(f.content)).toBeUndefined();
    expect(row.warnings).toEqual([]);
  });


  it('a zero-byte file, a program and a fourth file are not stored as files, each named in a warning; the raw message keeps them', async () => {
    await t.send({
      from: 'filer@example.se',
      to: INSTALLATION.replyTo,
      subject: 'Många filer',
      text: 'Se bifogat.',
      attachments: [
        { filename: 'tom.pdf', content: Buffer.alloc(0), contentType: 'application/pdf' },
        { filename: 'program.exe', content: Buffer.from('MZ\u0090\u0000'), contentType: 'application/octet-stream' },
        { filename: 'a.jpg', content: JPEG_FILE, contentType: 'image/jpeg' },
        { filename: 'b.pdf', content: PDF_FILE, contentType: 'application/pdf' },
        { filename: 'c.txt', content: 'text', contentType: 'text/plain' },
        { filename: 'd.jpg', content: JPEG_FILE, contentType: 'image/jpeg' },
      ],
    });
    const row = await t.db.selectFrom('inbound_messages').select(['case_id', 'warnings', 'raw']).where('subject', '=', 'Många filer').executeTakeFirstOrThrow();
    const files = await t.db.selectFrom('attachments').select('filename').where('case_id', '=', row.case_id!).orderBy('filename').execute();
    expect(files.map((f) => f.filename)).toEqual(['a.jpg', 'b.pdf', 'c.txt']);
    const w = row.warnings.join('\n');
    expect(w).toContain('Filen tom.pdf är tom');
    expect(w).toContain('Filen program.exe är av en typ vi inte tar emot');
    expect(w).toContain('Filen d.jpg sparades inte som bilaga: högst 3 filer');
    expect(row.raw!.toString()).toContain('filename=d.jpg');
  });
});
