import { createHash } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PDF_FILE, PNG_FILE, signedIn, startTestApp, type TestContext, type TestFile, VALID_SUBMISSION } from '../../../test/app.ts';
import { INSTALLATION, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { DEMO } from '../../../test/staffCases.ts';
import { detectType, sanitizeFilename } from './attachments.ts';

/** Files on the public form: checked, stored with the case in the same statement, or refused with the form back. */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const valid = VALID_SUBMISSION;

async function post(files: TestFile[], fields: Record<string, string> = {}) {
  const { headers, payload } = multipart({ ...valid, ...fields }, files);
  return t.app.inject({ method: 'POST', url: '/synpunkt', headers, payload });
}

const stored = async () => (await t.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
const cases = async () => (await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
const sha = (b: Buffer) => createHash('sha256').update(b).digest();

describe('attaching files on the public form', () => {
  it('offers an optional file input on a multipart form', async () => {
    const res = await t.app.inject('/synpunkt');
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toMatch(/<input id="attachments" name="attachments" type="file" multiple(="")? accept="\.pdf,\.jpg,\.jpeg,\.png,\.heic,\.doc,\.docx,\.txt"/);
    expect(res.body).toContain('Bifoga filer (valfritt)');
    expect(res.body).toContain('Högst 3 filer på högst 10 MB var');
  });

  it('stores a PNG and a PDF with the case, with their size and sha256, and shows their names to the submitter', async () => {
    const res = await post([
      { filename: 'gatlykta-ärende.png', content: PNG_FILE, type: 'image/png' },
      { filename: 'C:\\Users\\åsa\\brev.pdf', content: PDF_FILE, type: 'application/pdf' },
    ]);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const status = await t.app.inject(res.headers.location!.replace('/synpunkt/kvitto/', '/arende/'));
    const number = (await t.app.inject(res.headers.location!)).body.match(/SYN-\d{4}-\d{5}/)![0];
    const c = await t.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow();
    const files = await t.db.selectFrom('attachments').selectAll().where('case_id', '=', c.id).orderBy('filename').execute();
    expect(files.map((f) => [f.filename, f.content_type, f.size_bytes, f.uploaded_by])).toEqual([
      ['brev.pdf', 'application/pdf', PDF_FILE.length, null],
      ['gatlykta-ärende.png', 'image/png', PNG_FILE.length, null],
    ]);
    expect(files[0]!.sha256.equals(sha(PDF_FILE))).toBe(true);
    expect(files[1]!.content.equals(PNG_FILE)).toBe(true);
    expect(status.body).toContain('Filer du bifogade');
    expect(status.body).toContain('gatlykta-ärende.png');
  });

  it('keeps a phone photo without where it was taken (EXIF GPS) or the phone that took it', async () => {
    const exif = { IFD0: { Make: 'Telefonen AB' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '57/1 42/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 58/1 12/1' } };
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#777' } }).jpeg().withExif(exif).toBuffer();
    expect(await exifr.gps(photo)).toBeDefined();
    const res = await post([{ filename: 'hålet.jpg', content: photo, type: 'image/jpeg' }], { description: 'Ett hål i gatan, se bilden.' });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const file = await t.db.selectFrom('attachments').selectAll().where('filename', '=', 'hålet.jpg').executeTakeFirstOrThrow();
    expect(await exifr.gps(file.content)).toBeUndefined();
    expect(file.content.includes(Buffer.from('Telefonen AB'))).toBe(false);
    expect([file.size_bytes, file.sha256.equals(sha(file.content))]).toEqual([file.content.length, true]);
    expect((await sharp(file.content).raw().toBuffer()).equals(await sharp(photo).raw().toBuffer())).toBe(true);
  });

  it('takes a multipart post without files (an empty file input) like the urlencoded one', async () => {
    const before = await stored();
    const res = await post([{ filename: '', content: '' }]);
    expect(res.statusCode).toBe(303);
    expect(await stored()).toBe(before);
  });

  it('a double-click with the same files makes one case; different files make a new one', async () => {
    const fields = { formId: 'dubbelklick-med-filer-0001' };
    const file = { filename: 'bild.png', content: PNG_FILE, type: 'image/png' };
    const first = await post([file], fields);
    const second = await post([file], fields);
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    // Bytes after the PNG's end are dropped with the metadata: the same picture is the same file.
    const same = await post([{ ...file, content: Buffer.concat([PNG_FILE, Buffer.from('x')]) }], fields);
    expect(same.headers.location).toBe(first.headers.location);
    const other = await post([{ ...file, filename: 'bild.pdf', content: PDF_FILE, type: 'application/pdf' }], fields);
    expect(other.statusCode).toBe(303);
    expect(other.headers.location).not.toBe(first.headers.location);
  });

  it('refuses an .exe and a file whose start bytes do not match its name, storing nothing', async () => {
    const [a, c] = [await stored(), await cases()];
    const exe = await post([{ filename: 'program.exe', content: 'MZ\u0090\u0000', type: 'application/x-msdownload' }]);
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('Filen program.exe är av en typ vi inte tar emot. Du kan bifoga PDF, JPG, PNG, HEIC, Word (doc, docx) och vanlig text (txt). Välj filerna igen');
    expect(exe.body).toContain('href="#attachments"');
    // What was typed comes back.
    expect(exe.body).toContain('Gatlyktan vid skolan');
    const fake = await post([{ filename: 'bild.png', content: 'MZ inte en bild', type: 'image/png' }]);
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('Filen bild.png är av en typ vi inte tar emot');
    expect([await stored(), await cases()]).toEqual([a, c]);
  });

  it('refuses more than three files', async () => {
    const [a, c] = [await stored(), await cases()];
    const four = Array.from({ length: 4 }, (_, i) => ({ filename: `bild${i}.png`, content: PNG_FILE, type: 'image/png' }));
    const res = await post(four);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Du kan bifoga högst 3 filer – du valde 4');
    expect([await stored(), await cases()]).toEqual([a, c]);
  });

  it('refuses a file over 10 MB with the form back (400), naming the file', async () => {
    const [a, c] = [await stored(), await cases()];
    const big = Buffer.concat([PDF_FILE, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await post([{ filename: 'stor.pdf', content: big, type: 'application/pdf' }]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Filen stor.pdf är större än 10 MB');
    expect(res.body).toContain('Välj filerna igen');
    expect([await stored(), await cases()]).toEqual([a, c]);
  });

  it('says the files are lost when another field is wrong', async () => {
    const res = await post([{ filename: 'bild.png', content: PNG_FILE, type: 'image/png' }], { description: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Skriv din synpunkt');
    expect(res.body).toContain('Du hade valt en fil. Välj filerna igen');
  });

  it('still refuses other content types', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(valid) });
    expect(res.statusCode).toBe(415);
  });
});

describe('file checks', () => {
  it('decides pdf, png and jpeg by their start bytes, the others by name and declared type', () => {
    expect(detectType('a.PDF', 'application/octet-stream', PDF_FILE)).toBe('application/pdf');
    expect(detectType('a.jpg', '', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectType('a.jpg', 'image/jpeg', PNG_FILE)).toBeNull();
    expect(detectType('a.txt', 'text/plain; charset=utf-8', Buffer.from('hej'))).toBe('text/plain');
    expect(detectType('a.txt', 'text/plain', Buffer.from([0x68, 0]))).toBeNull();
    expect(detectType('a.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('PK'))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(detectType('a.heic', 'application/octet-stream', Buffer.from('x'))).toBeNull();
    expect(detectType('a.svg', 'image/svg+xml', Buffer.from('<svg/>'))).toBeNull();
    expect(detectType('pdf', 'application/pdf', PDF_FILE)).toBeNull();
  });

  it('keeps only the name: no path, no control or direction characters, at most 200 characters', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\tmp\\Bild på gatan.jpg')).toBe('Bild på gatan.jpg');
    expect(sanitizeFilename('rapport\u202Efdp.exe\u0000\n')).toBe('rapportfdp.exe');
    expect(sanitizeFilename('..')).toBe('bilaga');
    const long = sanitizeFilename(`${'å'.repeat(300)}.pdf`);
    expect([...long].length).toBe(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('a refused file in a mail, as the registrar reads it', () => {
  let m: InboundTest;
  beforeAll(async () => {
    m = await startInboundTest();
  });
  afterAll(() => m.close());

  it('says what was wrong and that the file is kept in the mail, without telling the registrar what they can attach', async () => {
    await m.send({ from: 'asa@example.se', to: INSTALLATION.replyTo, subject: 'Med ett program', text: 'Se bifogat.', attachments: [{ filename: 'evil.exe', content: Buffer.from('MZ\u0090\u0000'), contentType: 'application/octet-stream' }] });
    const [row] = await m.inbound();
    const { number } = await m.db.selectFrom('cases').select('number').where('id', '=', row!.case_id!).executeTakeFirstOrThrow();
    const page = await (await signedIn(m.app, DEMO.registrar)).get(`/handlaggning/arenden/${number}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Filen evil.exe är av en typ vi inte tar emot, så den sparades inte som bilaga. Den finns kvar i originalmeddelandet.');
    expect(page.body).not.toContain('Du kan bifoga');
  });
});
