import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, assignedTo, caseDeps, caseRow, DEMO, registerTo, submitCase, versionIn } from '../../../test/staffCases.ts';
import { answerCase } from './commands.ts';

/** The case page: what it shows, to whom, and the 404 for everything a person may not see. */

let t: TestContext;
let gata: string;
let forskola: string;
let secret: string;
let anonymous: string;

const DESCRIPTION = 'Lampan vid <script>alert(1)</script> gångvägen är trasig.\nمرحبا';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
  gata = (await submitCase(t, { description: DESCRIPTION, phone: '070-123 45 67' })).number;
  forskola = (await submitCase(t, { description: 'Förskolan stänger för tidigt.' })).number;
  secret = (await submitCase(t, { description: 'Uppgifter om en elevs hälsa.' })).number;
  anonymous = (await submitCase(t, { anonymous: 'true', name: '', email: '', replyChannel: '' })).number;
  await assignedTo(t, gata, 'Gata och park', DEMO.handlerGata);
  await assignedTo(t, forskola, 'Förskoleavdelningen', DEMO.handlerForskola, { subcategory: 'Förskola' });
  // Confidential, in Gata och park but not assigned to Gustav.
  await registerTo(t, secret, 'Gata och park', { confidentialityRef: 'OSL 23 kap. 2 §' });
  await registerTo(t, anonymous, 'Gata och park');
});
afterAll(() => t.close());

describe('what the case page shows', () => {
  it('shows the original text escaped and as written, the classification and the contact for the handler', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get(`/handlaggning/arenden/${gata}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<title>Ärende ${gata} – Exempelkommun</title>`);
    expect(res.body).toMatch(/<p class="user-text" dir="auto">Lampan vid &lt;script(>|&gt;)alert\(1\)&lt;\/script(>|&gt;) gångvägen är trasig.\nمرحبا<\/p>/);
    expect(res.body).not.toContain('<script>alert(1)');
    for (const text of ['Klagomål', 'Tjänster', 'Rutinmässig', 'Webbformulär', 'Gata och park', 'Gustav Gatuchef', 'Tilldelad']) expect(res.body).toContain(text);
    expect(res.body).toContain('Åsa Öberg');
    expect(res.body).toContain('asa@example.se');
    expect(res.body).toContain('070-123 45 67');
  });

  it('shows the whole history in Swedish, with who did what and what changed', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get(`/handlaggning/arenden/${gata}`);
    const history = res.body.split('<h2>Historik</h2>')[1]!;
    expect(history).toContain('<strong>Mottagen</strong>');
    expect(history).toContain('<strong>Registrerad</strong>');
    expect(history).toContain('<strong>Tilldelad handläggare</strong>');
    expect(history).toContain('av Rebecka Registrator');
    expect(history).toContain('av Anna Administratör');
    expect(history).toContain('Mottagen → Registrerad');
    expect(history).toMatch(/<dt>Handläggare<\/dt><dd>Gustav Gatuchef<\/dd>/);
    expect(history).toContain('2026-12-22 10:00');
  });

  it('links to answering when the submitter wants an answer, and offers only what the status allows', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get(`/handlaggning/arenden/${gata}`);
    expect(res.body).toContain(`href="/handlaggning/arenden/${gata}/svara"`);
    expect(res.body).toContain(`action="/handlaggning/arenden/${gata}/paborja"`);
    expect(res.body).toContain(`action="/handlaggning/arenden/${gata}/anteckning"`);
    // Assigned, so nothing to resume or reopen; a handler does not distribute.
    for (const slug of ['ateruppta', 'ateroppna', 'tilldela', 'skicka']) expect(res.body).not.toContain(`action="/handlaggning/arenden/${gata}/${slug}"`);
    // Every form carries the CSRF token and the version.
    const forms = res.body.match(/<form method="post" action="\/handlaggning\/arenden\/[^"]+"[\s\S]*?<\/form>/g)!;
    expect(forms.length).toBeGreaterThan(3);
    for (const f of forms) {
      expect(f).toMatch(/name="_csrf" value="[^"]+"/);
      expect(f).toContain(`name="version" value="${versionIn(res.body)}"`);
    }
  });

  it('marks the answer date as late once it has passed, as the list does', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const { answer_by } = await t.db.selectFrom('cases').select('answer_by').where('number', '=', gata).executeTakeFirstOrThrow();
    const answerBy = (body: string) => /<dt>Svar senast<\/dt><dd>([\s\S]*?)<\/dd>/.exec(body)![1]!;
    expect(answerBy((await s.get(`/handlaggning/arenden/${gata}`)).body)).not.toContain('Försenad');
    const now = t.clock.now();
    try {
      t.clock.set(`${answer_by}T23:00:00Z`); // the day after, in Swedish time
      // A new sign-in: the session from before has timed out by then.
      const late = await (await new Session(t.app).signIn(DEMO.handlerGata)).get(`/handlaggning/arenden/${gata}`);
      expect(answerBy(late.body)).toContain('<span class="tag-warning">Försenad</span>');
    } finally {
      t.clock.set(now.toISOString());
    }
  });

  it('lists the messages sent, with the letter as a PDF', async () => {
    const letterCase = (await submitCase(t, { replyChannel: 'letter', address: 'Storgatan 2\n123 45 Exempelstad' })).number;
    await assignedTo(t, letterCase, 'Gata och park', DEMO.handlerGata);
    const { messageId } = await answerCase(await caseDeps(t), { actor: await actorFor(t, DEMO.handlerGata), number: letterCase, message: { channel: 'letter', body: 'Vi har lagat lampan.' } });
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.get(`/handlaggning/arenden/${letterCase}`);
    const messages = res.body.split('<h2 id="konversation-rubrik">Konversation med synpunktslämnaren</h2>')[1]!.split('<h2>')[0]!;
    expect(messages).toContain('Svar');
    expect(messages).toContain('Brev');
    expect(messages).toContain(`href="/handlaggning/arenden/${letterCase}/meddelanden/${messageId}.pdf"`);
    expect(messages).toContain('Vi har lagat lampan.');
    expect(res.body).toContain('<strong>Besvarad</strong>');
  });

  it('says plainly that an anonymous submitter cannot be reached, and offers no answer', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    const res = await s.get(`/handlaggning/arenden/${anonymous}`);
    expect(res.body).toContain('Synpunktslämnaren är anonym och kan inte kontaktas.');
    expect(res.body).not.toContain('/svara"');
  });

  it('marks a confidential case with its legal reference rather than hiding it', async () => {
    const s = await new Session(t.app).signIn(DEMO.coordinatorSbf);
    const res = await s.get(`/handlaggning/arenden/${secret}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<strong class="tag-confidential">Sekretess</strong>');
    expect(res.body).toContain('OSL 23 kap. 2 §');
    const list = await s.get('/handlaggning/arenden?vy=enhet');
    expect(list.body).toMatch(new RegExp(`${secret}</a> <span class="tag-confidential">Sekretess</span>`));
    // Not even an excerpt of a confidential case in a list.
    expect(list.body).not.toContain('elevs hälsa');
  });
});

describe('who may see what', () => {
  it('answers 404 to a handler opening another unit’s case, for the page and for every form', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const page = await s.get(`/handlaggning/arenden/${forskola}`);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('Förskolan stänger');
    for (const slug of ['paborja', 'anteckning', 'avsluta', 'tilldela']) {
      const res = await s.post(`/handlaggning/arenden/${forskola}/${slug}`, { version: '1', text: 'x', outcome: 'answered' });
      expect(res.statusCode, slug).toBe(404);
    }
    expect((await s.get(`/handlaggning/arenden/${forskola}/registrera`)).statusCode).toBe(404);
  });

  it('answers 404 for a case number that does not exist or is malformed', async () => {
    const s = await new Session(t.app).signIn(DEMO.admin);
    expect((await s.get('/handlaggning/arenden/SYN-2026-99999')).statusCode).toBe(404);
    expect((await s.get('/handlaggning/arenden/inte-ett-nummer')).statusCode).toBe(404);
  });

  it('hides a confidential case from a handler in the unit who is not assigned to it', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    expect((await s.get(`/handlaggning/arenden/${secret}`)).statusCode).toBe(404);
    expect((await s.post(`/handlaggning/arenden/${secret}/anteckning`, { version: '2', text: 'Hej' })).statusCode).toBe(404);
    const list = await s.get('/handlaggning/arenden?vy=enhet&status=alla');
    expect(list.body).not.toContain(secret);
  });

  it('shows a reader the case without contact details, free text or forms', async () => {
    const s = await new Session(t.app).signIn(DEMO.reader);
    const res = await s.get(`/handlaggning/arenden/${gata}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Åsa Öberg');
    expect(res.body).not.toContain('asa@example.se');
    expect(res.body).not.toContain('gångvägen');
    expect(res.body).toContain('Din roll ger inte behörighet att se dem.');
    expect(res.body).not.toMatch(/<form method="post" action="\/handlaggning\/arenden/);
    // And posting anyway is refused, nothing written.
    const before = await t.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const { version } = await caseRow(t, gata);
    const res2 = await s.post(`/handlaggning/arenden/${gata}/anteckning`, { version: String(version), text: 'Läsaren skriver' });
    expect(res2.statusCode).toBe(409);
    expect(res2.body).toContain('Du har inte behörighet');
    const after = await t.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a form posted without the CSRF token', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const res = await s.post(`/handlaggning/arenden/${gata}/anteckning`, { version: '3', text: 'Hej' }, { csrf: false });
    expect(res.statusCode).toBe(403);
  });
});
