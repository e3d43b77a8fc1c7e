import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectSchema, newApiKey } from '../../../test/api.ts';
import { Session } from '../../../test/app.ts';
import { INSTALLATION, JPEG_FILE, startInboundTest, type InboundTest } from '../../../test/inbound.ts';
import { DEMO } from '../../../test/staffCases.ts';

/** The conversation on the case page and in the API: in and out, files, quotes folded, closed cases flagged. */

let t: InboundTest;
let number: string;
let caseId: string;
beforeAll(async () => {
  t = await startInboundTest();
  await t.send({ from: 'Åsa Öberg <asa@example.se>', to: INSTALLATION.replyTo, subject: 'Lyktan', text: 'Lyktan är släckt.', messageId: '<start@example.se>' });
  const c = await t.db.selectFrom('cases').select(['id', 'number']).where('channel', '=', 'email').executeTakeFirstOrThrow();
  [number, caseId] = [c.number, c.id];
  await t.db
    .insertInto('messages')
    .values({ case_id: caseId, purpose: 'answer', channel: 'email', recipient: 'asa@example.se', subject: 'Svar på din synpunkt', body: 'Vi lagar den i veckan.', status: 'failed', last_error: 'Kom inte fram till mottagaren: 550 User unknown', created_at: t.clock.now() })
    .execute();
  t.clock.advance(60_000);
  await t.send({
    from: 'asa@example.se',
    to: `synpunkt+${number}@exempelkommun.se`,
    subject: 'Sv: Svar på din synpunkt',
    text: 'Här är en bild.\n\nDen tis 22 dec. 2026 kl 10:00 skrev Exempelkommun <synpunkt@exempelkommun.se>:\n> Vi lagar den i veckan.\n',
    attachments: [{ filename: 'lyktan.jpg', content: JPEG_FILE, contentType: 'image/jpeg' }],
  });
});
afterAll(() => t.close());

describe('the case page', () => {
  it('shows the thread in order, with files, the original message and quotes folded without JavaScript', async () => {
    const s = await new Session(t.app).signIn(DEMO.registrar);
    const res = await s.get(`/handlaggning/arenden/${number}`);
    expect(res.statusCode).toBe(200);
    const thread = res.body.split('<h2 id="konversation-rubrik">Konversation med synpunktslämnaren</h2>')[1]!.split('<h2')[0]!;
    const order = ['Lyktan är släckt.', 'Vi lagar den i veckan.', 'Här är en bild.'].map((x) => thread.indexOf(x));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(thread).toContain('Åsa Öberg &lt;asa@example.se>');
    expect(thread).toMatch(/<details class="mail-fold"><summary>Visa citerad text<\/summary><p class="user-text" dir="auto">Den tis 22 dec/);
    expect(thread).toContain('Kom inte fram till mottagaren: 550 User unknown');
    const file = await t.db.selectFrom('attachments').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(thread).toContain(`href="/handlaggning/arenden/${number}/bilagor/${file.id}"`);
    const eml = thread.match(/href="([^"]+\.eml)"/)![1]!;
    const raw = await s.get(eml);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.body).toContain('Message-ID: <start@example.se>');
  });

  it('shows a reader that there were messages, not what they say', async () => {
    const s = await new Session(t.app).signIn(DEMO.reader);
    const res = await s.get(`/handlaggning/arenden/${number}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Lyktan är släckt.');
    expect(res.body).not.toContain('asa@example.se');
    const id = (await t.db.selectFrom('inbound_messages').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id;
    expect((await s.get(`/handlaggning/arenden/${number}/e-post/${id}.eml`)).statusCode).toBe(404);
  });

  it('says a mail came after closing and offers to reopen or mark it read', async () => {
    await t.db.updateTable('cases').set({ status: 'closed', outcome: 'answered', closed_at: t.clock.now() }).where('id', '=', caseId).execute();
    t.clock.advance(60_000);
    await t.send({ from: 'asa@example.se', to: `synpunkt+${number}@exempelkommun.se`, subject: 'Sv', text: 'Den är släckt igen.' });
    const s = await new Session(t.app).signIn(DEMO.admin);
    let res = await s.get(`/handlaggning/arenden/${number}`);
    expect(res.body).toContain('Nytt meddelande efter avslut.');
    const csrf = res.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    res = await s.post(`/handlaggning/arenden/${number}/e-post/last`, {}, { csrf });
    expect(res.statusCode).toBe(303);
    res = await s.get(res.headers.location as string);
    expect(res.body).toContain('Meddelandet är markerat som läst.');
    expect(res.body).not.toContain('Nytt meddelande efter avslut.');
  });
});

describe('the API', () => {
  it('gives the conversation as messages, bodies without quotes, to a role that may see personal data', async () => {
    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
    const res = await api.get(`/cases/${number}`);
    expect(res.status).toBe(200);
    expectSchema('Case', res.body);
    const messages = res.body.messages as { direction: string; body: string; deliveryStatus: string | null; from: string | null; attachments: unknown[] }[];
    expect(messages.map((m) => [m.direction, m.body, m.deliveryStatus])).toEqual([
      ['in', 'Lyktan är släckt.', null],
      ['out', 'Vi lagar den i veckan.', 'failed'],
      ['in', 'Här är en bild.', null],
      ['in', 'Den är släckt igen.', null],
    ]);
    expect(messages[0]!.from).toBe('asa@example.se');
    expect(messages[2]!.attachments).toEqual([{ filename: 'lyktan.jpg', contentType: 'image/jpeg', size: JPEG_FILE.length }]);
  });

  it('leaves messages out for a reader', async () => {
    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'reader'));
    const res = await api.get(`/cases/${number}`);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('messages');
  });
});

describe('a very long mail', () => {
  it('shows its first 50 000 characters on the page and in the API, says so, and links the whole original', async () => {
    const text = `Första raden.\n${'Rad med lång text om gatlyktan.\n'.repeat(5_000)}SISTA RADEN`;
    await t.send({ from: 'lang@example.se', to: INSTALLATION.replyTo, subject: 'Långt', text });
    const c = await t.db.selectFrom('cases as c').innerJoin('case_contacts as cc', 'cc.case_id', 'c.id').select(['c.number', 'c.id']).where('cc.email', '=', 'lang@example.se').executeTakeFirstOrThrow();

    const s = await new Session(t.app).signIn(DEMO.registrar);
    const res = await s.get(`/handlaggning/arenden/${c.number}`);
    expect(res.statusCode).toBe(200);
    const thread = res.body.split('<h2 id="konversation-rubrik">')[1]!;
    expect(thread).toContain('Första raden.');
    expect(thread).not.toContain('SISTA RADEN');
    const id = (await t.db.selectFrom('inbound_messages').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow()).id;
    expect(thread).toContain(
      `Meddelandet är för långt för att visas i sin helhet. Här visas de första 50\u00a0000 tecknen. Hela meddelandet finns i <a href="/handlaggning/arenden/${c.number}/e-post/${id}.eml">originalmeddelandet (.eml)</a>.`,
    );
    expect((await s.get(`/handlaggning/arenden/${c.number}/e-post/${id}.eml`)).body).toContain('SISTA RADEN');

    const api = apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar'));
    const json = await api.get(`/cases/${c.number}`);
    expectSchema('Case', json.body);
    const [message] = json.body.messages as { body: string; bodyTruncated: boolean }[];
    expect(message!.bodyTruncated).toBe(true);
    expect(message!.body.startsWith('Första raden.')).toBe(true);
    expect([...message!.body]).toHaveLength(50_000);
    const short = await api.get(`/cases/${number}`);
    expect((short.body.messages as { bodyTruncated: boolean }[]).map((m) => m.bodyTruncated)).toEqual([false, false, false, false]);
  });
});
