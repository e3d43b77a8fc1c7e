import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, NEW_CASE, newApiKey } from '../../test/api.ts';
import { FORM, form, multipart, PNG_FILE, Session, startTestApp, VALID_SUBMISSION, type TestContext } from '../../test/app.ts';
import { assignedTo, DEMO, submitCase } from '../../test/staffCases.ts';

/**
 * Input no browser sends on its own: NUL characters in any field, broken multipart bodies and a
 * little random fuzz. Every such request gets a 4xx answer with a page (or JSON) that says what
 * happened, never a 500, and nothing is stored.
 */
let t: TestContext;
let key: string;
let number: string;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  key = await newApiKey(t.db, t.orgId, 'registrar');
  ({ number } = await submitCase(t));
  await assignedTo(t, number, 'Gata och park', DEMO.handlerGata, { subcategory: 'Gator och vägar' });
});
afterAll(() => t?.close());

const caseCount = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const NUL_MESSAGE = 'innehöll ett nolltecken';
const NUL_REMOVED = 'Vi har tagit bort det – läs igenom texten och skicka igen';
const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

describe('NUL characters', () => {
  it('are taken out of what a citizen wrote, with the form shown again and the rest of the text kept; nothing is stored', async () => {
    const before = await caseCount();
    for (const field of ['description', 'name', 'email'] as const) {
      const written = `${VALID_SUBMISSION[field] ?? ''}a\u0000b`;
      const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: form({ ...VALID_SUBMISSION, anonymous: 'false', name: 'Anna Berg', email: 'anna@example.se', replyChannel: 'email', [field]: written }) });
      expect(res.statusCode, field).toBe(400);
      expect(res.body, field).toContain('<form method="post" action="/synpunkt"');
      expect(res.body, field).toContain(NUL_REMOVED);
      expect(res.body, field).toContain(escapeHtml(written.replace('\u0000', '')));
      expect(res.body, field).not.toContain('\u0000');
    }
    const mp = multipart({ ...VALID_SUBMISSION, description: 'Hej\u0000då' }, [{ filename: 'bild.png', content: PNG_FILE, type: 'image/png' }]);
    const res = await t.app.inject({ method: 'POST', url: '/synpunkt', ...mp });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(NUL_REMOVED);
    expect(res.body).toContain('>Hejdå</textarea>');
    expect(await caseCount()).toBe(before);
  });

  it('are refused with a clear page when they come in a choice or a hidden field of the citizen form', async () => {
    const before = await caseCount();
    for (const field of ['kind', 'formId', 'webbplats']) {
      const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: form({ ...VALID_SUBMISSION, [field]: `${VALID_SUBMISSION[field] ?? ''}a\u0000b` }) });
      expect(res.statusCode, field).toBe(400);
      expect(res.headers['content-type'], field).toContain('text/html');
      expect(res.body, field).toContain(NUL_MESSAGE);
    }
    expect(await caseCount()).toBe(before);
  });

  it('are refused in query strings and staff forms', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    for (const url of ['/handlaggning/arenden?q=a%00b', '/synpunkt?lang=s%00v', '/statistik?fran=2026%00-01']) {
      const res = await s.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain(NUL_MESSAGE);
    }
    const note = await s.post(`/handlaggning/arenden/${number}/anteckning`, { text: 'Ring\u0000tillbaka', version: '1' });
    expect(note.statusCode).toBe(400);
    expect(note.body).toContain(NUL_MESSAGE);
    const signIn = await new Session(t.app).post('/logga-in', { email: 'admin@exempelkommun.se\u0000', password: 'x' }, { csrfFrom: '/logga-in' });
    expect(signIn.statusCode).toBe(400);
  });

  it('are refused by the API with a JSON error naming the problem', async () => {
    const api = apiClient(t.app, key);
    const created = await api.post('/cases', { ...NEW_CASE, description: 'Hål\u0000i vägen' });
    expect(created.status).toBe(400);
    expect(created.body.code).toBe('invalid');
    expect(created.body.message).toContain(NUL_MESSAGE);
    // Worded for an integration: the citizen's advice is about a text field in the browser.
    expect(created.body.message).not.toContain('textfält');
    const listed = await api.get('/cases?q=h%00l');
    expect(listed.status).toBe(400);
    expect(listed.body.code).toBe('invalid');
    const note = await api.transition(number, { event: 'start', note: 'x\u0000' });
    expect(note.status).toBe(400);
    // In a multipart body, as a raw NUL in the case part and as the JSON escape for it.
    for (const part of [`{"kind":"klagomal","description":"Hål\u0000i vägen"}`, String.raw`{"kind":"klagomal","description":"Hål\u0000i vägen"}`]) {
      const mp = multipart({ case: part });
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...mp.headers, authorization: `Bearer ${key}` }, payload: mp.payload });
      expect(res.statusCode, part).toBe(400);
      expect(res.json().message, part).toContain(NUL_MESSAGE);
    }
  });
});

describe('malformed multipart bodies', () => {
  const boundary = '----LyhordBroken';
  const bodies: [string, Record<string, string>, string | Buffer][] = [
    ['no boundary in the header', { 'content-type': 'multipart/form-data' }, `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nklagomal\r\n--${boundary}--\r\n`],
    ['cut off in the middle', { 'content-type': `multipart/form-data; boundary=${boundary}` }, `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nHej hej`],
    ['no part headers', { 'content-type': `multipart/form-data; boundary=${boundary}` }, `--${boundary}\r\n\r\nbara text\r\n--${boundary}--\r\n`],
    ['garbage', { 'content-type': `multipart/form-data; boundary=${boundary}` }, Buffer.from([0xff, 0xfe, 0x00, 0x2d, 0x2d, 0x0d, 0x0a])],
    ['a file cut off', { 'content-type': `multipart/form-data; boundary=${boundary}` }, `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG`],
  ];

  it('get 400 with a page on the citizen form, and nothing is stored', async () => {
    const before = await caseCount();
    for (const [what, headers, payload] of bodies) {
      const res = await t.app.inject({ method: 'POST', url: '/synpunkt', headers, payload });
      expect(res.statusCode, what).toBe(400);
      expect(res.headers['content-type'], what).toContain('text/html');
      // A part without headers is skipped by the parser: the form comes back with its errors instead.
      if (what !== 'no part headers') expect(res.body, what).toContain('gick inte att läsa');
    }
    expect(await caseCount()).toBe(before);
  });

  it('get 400 as JSON from the API', async () => {
    for (const [what, headers, payload] of bodies) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...headers, authorization: `Bearer ${key}` }, payload });
      expect(res.statusCode, what).toBe(400);
      expect(res.headers['content-type'], what).toContain('application/json');
      expect(res.body, what).not.toContain('Gå tillbaka');
    }
  });
});

describe('a little fuzz', () => {
  // Deterministic, so a failure can be reproduced.
  let seed = 20261222;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const PIECES = ['\u0000', '%00', '%', '%FF%FE', '\uFFFF', '\uD800', '\r\n', '&', '=', '[]', 'å', '😀', '\u202E', '<script>', "'; DROP TABLE cases; --", 'x'.repeat(5000), '', '-1', '1e999', '__proto__'];
  // A lone surrogate cannot be percent-encoded: it goes as the invalid UTF-8 a broken client would send.
  const enc = (x: string) => x.split('\uD800').map(encodeURIComponent).join('%ED%A0%80');
  const fuzzText = () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(PIECES)).join('');

  it('never gets a 500 from the public form, the sign-in form, a staff form or the API', async () => {
    const s = await new Session(t.app).signIn(DEMO.handlerGata);
    const csrf = await s.csrf();
    const api = apiClient(t.app, key);
    for (let i = 0; i < 40; i++) {
      const fields: Record<string, string> = { ...VALID_SUBMISSION };
      for (let k = 0; k < 3; k++) fields[pick([...Object.keys(VALID_SUBMISSION), '__proto__', 'lang', 'unit[]'])] = fuzzText();
      const raw = rand() < 0.3 ? fuzzText() : form(fields);
      const pub = await t.app.inject({ method: 'POST', url: '/synpunkt', headers: FORM, payload: raw });
      expect(pub.statusCode, `form ${i}`).toBeLessThan(500);
      const login = await t.app.inject({ method: 'POST', url: '/logga-in', headers: FORM, payload: form({ email: fuzzText(), password: fuzzText() }) });
      expect(login.statusCode, `login ${i}`).toBeLessThan(500);
      const note = await s.post(`/handlaggning/arenden/${number}/anteckning`, { text: fuzzText(), version: fuzzText() }, { csrf });
      expect(note.statusCode, `note ${i}`).toBeLessThan(500);
      const list = await s.get(`/handlaggning/arenden?q=${enc(fuzzText())}&status=${enc(fuzzText())}&sida=${enc(fuzzText())}`);
      expect(list.statusCode, `list ${i}`).toBeLessThan(500);
      const created = await api.post('/cases', { ...NEW_CASE, description: fuzzText(), contact: { name: fuzzText(), email: fuzzText() } });
      expect(created.status, `api ${i}`).toBeLessThan(500);
      const q = await api.get(`/cases?q=${enc(fuzzText())}`);
      expect(q.status, `api list ${i}`).toBeLessThan(500);
    }
  });
});
