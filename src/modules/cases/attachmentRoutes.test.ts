import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PDF_FILE, PNG_FILE, Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { assignedTo, DEMO } from '../../../test/staffCases.ts';
import { contentDisposition } from './attachmentRoutes.ts';

/** Downloading a citizen's files from the case page: only for those who may see the case's personal data. */

let t: TestContext;
let number: string;
let png: { id: string };
let pdf: { id: string };

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  const { headers, payload } = multipart(
    { kind: 'klagomal', description: 'Lampan är trasig, se bilderna.', unit: 'vet-inte', anonymous: 'false', name: 'Åsa Öberg', email: 'asa@example.se', phone: '', address: '', replyChannel: 'email' },
    [
      { filename: 'Trasig lampa på gården.png', content: PNG_FILE, type: 'image/png' },
      { filename: 'brev.pdf', content: PDF_FILE, type: 'application/pdf' },
    ],
  );
  const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers, payload });
  expect(res.statusCode).toBe(303);
  number = (await t.app.inject(res.headers.location!)).body.match(/SYN-\d{4}-\d{5}/)![0];
  await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
  const files = await t.db.selectFrom('attachments').select(['id', 'filename']).execute();
  png = files.find((f) => f.filename.endsWith('.png'))!;
  pdf = files.find((f) => f.filename.endsWith('.pdf'))!;
});
afterAll(() => t.close());

const url = (id: string) => `/handlaggning/arenden/${number}/bilagor/${id}`;

describe('downloading attachments', () => {
  it('the case page links each file for the handler', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const page = await s.get(`/handlaggning/arenden/${number}`);
    expect(page.body).toContain(`href="${url(png.id)}"`);
    expect(page.body).toContain('Trasig lampa på gården.png');
  });

  it('gives the handler the file byte for byte, as a download that is not sniffed or cached', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get(url(png.id));
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG_FILE)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Trasig lampa p_ g_rden.png"; filename*=UTF-8''Trasig%20lampa%20p%C3%A5%20g%C3%A5rden.png`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = await s.get(url(pdf.id));
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.rawPayload.equals(PDF_FILE)).toBe(true);
  });

  it('is 404 for a handler of another unit, a reader, a unit admin, and for files of other cases', async () => {
    for (const who of [DEMO.handlerForskola, DEMO.reader, DEMO.unitAdmin]) {
      const s = await new Session(t.app).signIn(who);
      const res = await s.get(url(png.id));
      expect(res.statusCode, who).toBe(404);
      expect(res.rawPayload.equals(PNG_FILE)).toBe(false);
    }
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    expect((await s.get(`/handlaggning/arenden/${number}/bilagor/not-a-uuid`)).statusCode).toBe(404);
    expect((await s.get(url('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await t.app.inject(url(png.id))).statusCode).not.toBe(200);
  });

  it('a reader, who sees the case but not personal data, gets neither links nor file names', async () => {
    const s = await new Session(t.app).signIn(DEMO.reader);
    const page = await s.get(`/handlaggning/arenden/${number}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/bilagor/');
    expect(page.body).not.toContain('Trasig lampa');
    expect(page.body).toContain('2 bilagor');
  });

  it('encodes names as RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('Öppet brev (1).pdf')).toBe(`attachment; filename="_ppet brev (1).pdf"; filename*=UTF-8''%C3%96ppet%20brev%20%281%29.pdf`);
    expect(contentDisposition('a"b;c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%3Bc.txt`);
  });
});
