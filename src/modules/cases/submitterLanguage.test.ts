import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { pdfTagging } from '../../../test/pdf.ts';
import { pdfLines } from '../../../test/pdfText.ts';
import { assignedTo, caseRow, DEMO, submitCase, versionIn } from '../../../test/staffCases.ts';

/**
 * A submitter who wrote in another language gets the frame of every message in it (issue 13),
 * also a letter or a call, which have no e-mail frame: the subject when the handler leaves it empty.
 */

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true, now: '2026-12-22T09:00:00Z' });
});
afterAll(() => t.close());

/** A case from the form, answered by letter, in the submitter's language; assigned to the street handler. */
async function letterCase(language: string) {
  const { number } = await submitCase(t, { email: '', address: 'Gatan 1\n123 45 Exempelstad', replyChannel: 'letter' });
  await t.db.updateTable('cases').set({ language }).where('number', '=', number).execute();
  await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
  return { number, handler: await new Session(t.app).signIn(DEMO.handlerGata) };
}

const messagesOf = async (number: string) =>
  t.db.selectFrom('messages').select(['id', 'purpose', 'channel', 'subject']).where('case_id', '=', (await caseRow(t, number)).id).orderBy('created_at').execute();

async function post(s: Session, number: string, path: string, fields: Record<string, string>) {
  const page = await s.get(`/handlaggning/arenden/${number}`);
  return s.post(`/handlaggning/arenden/${number}/${path}`, { version: versionIn(page.body), ...fields });
}

describe('the subject of a letter to a submitter of another language', () => {
  it('a question by letter: in Finnish', async () => {
    const { number, handler } = await letterCase('fi');
    expect((await post(handler, number, 'vanta', { question: 'Missä lyhty on?' })).statusCode).toBe(303);
    expect(await messagesOf(number)).toMatchObject([{ purpose: 'question', channel: 'letter', subject: `Kysymys palautteestasi ${number}` }]);
  });

  it('an answer by letter whose subject the handler emptied: in Arabic, the case number kept left to right', async () => {
    const { number, handler } = await letterCase('ar');
    const res = await post(handler, number, 'svara', { channel: 'letter', subject: '', body: 'مرحبًا، تم إصلاح المصباح.', callDate: '' });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    expect(await messagesOf(number)).toMatchObject([{ purpose: 'answer', channel: 'letter', subject: `الرد على ملاحظتك \u2066${number}\u2069` }]);
  });
});

/** The printed letter: its frame (title, labels, closing, the status-page lines) in the submitter's language. */
async function letterPdf(language: string, body: string) {
  const { number, handler } = await letterCase(language);
  expect((await post(handler, number, 'svara', { channel: 'letter', subject: '', body, callDate: '' })).statusCode).toBe(303);
  const [letter] = await messagesOf(number);
  const res = await handler.get(`/handlaggning/arenden/${number}/meddelanden/${letter!.id}.pdf`);
  expect(res.statusCode).toBe(200);
  return { number, pdf: res.rawPayload, lines: pdfLines(res.rawPayload) };
}

describe('a letter printed for a submitter of another language', () => {
  it('in Finnish: title, date, case number, handler, closing and where to follow the case', async () => {
    const { number, pdf, lines } = await letterPdf('fi', 'Hei Åsa!\n\nLyhty on korjattu.');
    const seen = lines.map((l) => l.seen);
    for (const line of ['Kirje', 'Päivämäärä: 22. joulukuuta 2026', `Asianumero: ${number}`, 'Käsittelijä: Gustav Gatuchef', `Vastaus palautteeseesi ${number}`, 'Ystävällisin terveisin', `Mainitse asianumero ${number}, jos otat meihin yhteyttä.`]) {
      expect(seen).toContain(line);
    }
    const label = seen.indexOf('Voit seurata asiaasi täällä:');
    expect(seen[label + 1]).toMatch(/^http:\/\/localhost:3000\/arende\/[A-Za-z0-9_-]{43}$/);
    expect(seen.join('\n')).not.toMatch(/Ärendenummer|Handläggare|Med vänliga hälsningar|Datum/);
    expect(pdfTagging(pdf)).toMatchObject({ structTreeRoot: true, marked: true, lang: 'fi', displayTitle: true });
  });

  it('in Arabic: read from the right, joined letters, the case number and the link left to right', async () => {
    const { number, pdf, lines } = await letterPdf('ar', 'مرحبًا أسماء،\n\nتم إصلاح المصباح.');
    const read = lines.map((l) => l.read);
    const backwards = [...number].reverse().join('');
    // Read right to left: the label first, then the number, which itself runs left to right.
    expect(read).toContain(`رقم الملف: ${backwards}`);
    expect(lines.find((l) => l.read.startsWith('رقم الملف:'))!.seen).toBe(`${number} :فلملا مقر`);
    for (const line of ['رسالة', `الرد على ملاحظتك ${backwards}`, 'مرحبًا أسماء،', 'تم إصلاح المصباح.', 'مع أطيب التحيات', `اذكر رقم الملف ${backwards} إذا تواصلت معنا.`]) {
      expect(read).toContain(line);
    }
    // The status page: the link on a line of its own under its label, itself left to right.
    expect(read.some((l) => l.startsWith('يمكنك متابعة ملفك من هنا:'))).toBe(true);
    expect(lines.some((l) => /(^| )http:\/\/localhost:3000\/arende\/[A-Za-z0-9_-]{43}( |$)/.test(l.seen))).toBe(true);
    expect(pdfTagging(pdf)).toMatchObject({ structTreeRoot: true, marked: true, lang: 'ar', displayTitle: true });
    // What is drawn in visual order carries the text as written, for screen readers and copying.
    expect(pdf.toString('latin1')).toContain('/ActualText');
  });
});

describe('a standard reply to a submitter of another language', () => {
  it('keeps the organization’s (Swedish) text the registrar sent, framed in their language: subject and footer', async () => {
    const { number } = await submitCase(t, { description: 'Laambadda waddada way dansan tahay.' });
    await t.db.updateTable('cases').set({ language: 'so' }).where('number', '=', number).execute();
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const page = await s.get(`/handlaggning/arenden/${number}/registrera?hanvisning=fault_report`);
    // The standard text stays the organization's own; the registrar may rewrite it in Somali before sending.
    expect(page.body).toContain('www.exempelkommun.se/felanmalan');
    const reply = 'Hej!\n\nGör en felanmälan på https://www.exempelkommun.se/felanmalan så lagas lampan.';
    const res = await s.post(`/handlaggning/arenden/${number}/hanvisa`, { version: versionIn(page.body), referralType: 'fault_report', reply });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    const m = await t.db.selectFrom('messages').select(['channel', 'subject', 'body']).where('case_id', '=', (await caseRow(t, number)).id).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ channel: 'email', subject: `Kiiskaaga ${number}` });
    expect(m.body).toMatch(new RegExp(`^${reply.replace(/[.?]/g, '\\$&')}\\n\\n-- \\nKiiska ${number} ee Exempelkommun\\nLa soco kiiskaaga: http://localhost:3000/arende/`));
  });
});
