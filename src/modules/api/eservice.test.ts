import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, demoIds, expectSchema, newApiKey, type ApiClient } from '../../../test/api.ts';
import { multipart, PDF_FILE, PNG_FILE, startTestApp, type TestContext, type TestFile } from '../../../test/app.ts';

/** An e-service platform posts a citizen's own submission (channel web), with language and files; and reads reference data. */

let t: TestContext;
let key: string;
let platform: ApiClient;
let reader: ApiClient;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  key = await newApiKey(t.db, t.orgId, 'registrar', 'Open ePlatform');
  platform = apiClient(t.app, key);
  reader = apiClient(t.app, await newApiKey(t.db, t.orgId, 'reader'));
  ids = await demoIds(t.db, t.orgId);
});
afterAll(() => t.close());

const WEB_CASE = {
  kind: 'forslag',
  description: 'Snälla sätt upp en parkbänk vid lekplatsen i Ekbacken.',
  channel: 'web',
  language: 'en',
  contact: { name: 'Omar Exempel', email: 'omar@example.se', phone: null, address: null, replyChannel: 'email' },
};

function postMultipart(fields: Record<string, string>, files: TestFile[] = [], url = '/api/v1/cases') {
  const { headers, payload } = multipart(fields, files);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, authorization: `Bearer ${key}` }, payload });
}
const count = async (table: 'cases' | 'attachments') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/v1/cases from an e-service (channel web)', () => {
  it('registers the citizen’s own submission with its language, and returns the number and status link for the receipt', async () => {
    const res = await platform.post('/cases', WEB_CASE);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectSchema('CreatedCase', res.body);
    expect(res.body).toMatchObject({ channel: 'web', status: 'received', language: 'en', kind: 'forslag', place: null, mediaUrl: null });
    expect(res.body.number).toMatch(/^SYN-2026-\d{5}$/);
    const status = await t.app.inject(new URL(res.body.statusUrl).pathname);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(res.body.number);
    const received = await t.db.selectFrom('case_events as e').innerJoin('cases as c', 'c.id', 'e.case_id').select(['e.data', 'e.actor_label']).where('c.number', '=', res.body.number).executeTakeFirstOrThrow();
    expect(received.actor_label).toBe('Open ePlatform');
    expect(received.data).toMatchObject({ channel: 'web', registeredOnBehalf: false });
  });

  it('takes files as multipart (the JSON in a part named case), checked by the web form’s rules', async () => {
    const res = await postMultipart({ case: JSON.stringify(WEB_CASE) }, [
      { filename: 'bänken.png', content: PNG_FILE, type: 'image/png' },
      { filename: 'karta.pdf', content: PDF_FILE, type: 'application/pdf' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.channel).toBe('web');
    const files = await t.db
      .selectFrom('attachments as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .select(['a.filename', 'a.content_type', 'a.size_bytes', 'a.uploaded_by'])
      .where('c.number', '=', body.number)
      .orderBy('a.filename')
      .execute();
    expect(files).toEqual([
      { filename: 'bänken.png', content_type: 'image/png', size_bytes: PNG_FILE.length, uploaded_by: null },
      { filename: 'karta.pdf', content_type: 'application/pdf', size_bytes: PDF_FILE.length, uploaded_by: null },
    ]);
  });

  it('keeps a photo without where it was taken, as the web form does (intake/attachments.ts acceptFile)', async () => {
    const exif = { IFD0: { Make: 'Telefonen AB' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '57/1 42/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 58/1 12/1' } };
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#777' } }).jpeg().withExif(exif).toBuffer();
    expect(await exifr.gps(photo)).toBeDefined();
    const res = await postMultipart({ case: JSON.stringify(WEB_CASE) }, [{ filename: 'gropen.jpg', content: photo, type: 'image/jpeg' }]);
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.db.selectFrom('attachments as a').innerJoin('cases as c', 'c.id', 'a.case_id').select('a.content').where('c.number', '=', res.json().number).executeTakeFirstOrThrow();
    expect(await exifr.gps(stored.content)).toBeUndefined();
    expect(stored.content.includes(Buffer.from('Telefonen AB'))).toBe(false);
  });

  it('takes the case part also when it says it is application/json (as curl -F …;type=application/json sends it)', async () => {
    const boundary = '----LyhordJsonPart';
    const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="case"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(WEB_CASE)}\r\n--${boundary}--\r\n`);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${key}` }, payload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().language).toBe('en');
  });

  it('refuses a bad file, too many files, a missing or broken case part, storing nothing', async () => {
    const [cases, files] = [await count('cases'), await count('attachments')];
    const exe = await postMultipart({ case: JSON.stringify(WEB_CASE) }, [{ filename: 'program.exe', content: 'MZ', type: 'application/x-msdownload' }]);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().fields.attachments).toContain('program.exe');
    const four = await postMultipart({ case: JSON.stringify(WEB_CASE) }, Array.from({ length: 4 }, (_, i) => ({ filename: `b${i}.png`, content: PNG_FILE, type: 'image/png' })));
    expect(four.statusCode).toBe(400);
    expect(four.json().fields.attachments).toMatch(/3/);
    const missing = await postMultipart({}, [{ filename: 'b.png', content: PNG_FILE, type: 'image/png' }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toHaveProperty('case');
    const broken = await postMultipart({ case: '{"kind": ' });
    expect(broken.json()).toMatchObject({ code: 'invalid', fields: { case: 'Delen case är inte giltig JSON.' } });
    const invalid = await postMultipart({ case: JSON.stringify({ ...WEB_CASE, kind: 'hot' }) });
    expect(invalid.json().fields).toHaveProperty('kind');
    const extra = await postMultipart({ case: JSON.stringify(WEB_CASE), namn: 'x' });
    expect(extra.json().fields).toHaveProperty('namn');
    expect([await count('cases'), await count('attachments')]).toEqual([cases, files]);
  });

  it('refuses a file in a part not named attachments, naming the part, rather than registering the case without it', async () => {
    const [cases, files] = [await count('cases'), await count('attachments')];
    const other = await postMultipart({ case: JSON.stringify(WEB_CASE) }, [{ filename: 'gropen.png', content: PNG_FILE, type: 'image/png', field: 'bild' }]);
    expect(other.statusCode, other.body).toBe(400);
    expect(other.json()).toMatchObject({ code: 'invalid', fields: { bild: 'Delen ”bild” är okänd: synpunkten skickas som JSON i delen case och filerna i delar som heter attachments.' } });
    // The case as a file (curl -F case=@synpunkt.json) is told to go as text.
    const asFile = await postMultipart({}, [{ filename: 'synpunkt.json', content: JSON.stringify(WEB_CASE), type: 'application/json', field: 'case' }]);
    expect(asFile.statusCode).toBe(400);
    expect(asFile.json().fields.case).toContain('text med JSON, inte en fil');
    expect([await count('cases'), await count('attachments')]).toEqual([cases, files]);
  });

  it('words its errors for the integration, not for a person at the web form', async () => {
    const exe = await postMultipart({ case: JSON.stringify({ ...WEB_CASE, language: 'sv' }) }, [{ filename: 'program.exe', content: 'MZ', type: 'application/x-msdownload' }]);
    expect(exe.json().fields.attachments).toBe('Filen program.exe är av en typ vi inte tar emot. Du kan bifoga PDF, JPG, PNG, HEIC, Word (doc, docx) och vanlig text (txt).');
    // A case part that says it is JSON and is not: the multipart reader refuses it before the API sees the part.
    const boundary = '----LyhordJsonPart';
    const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="case"\r\nContent-Type: application/json\r\n\r\ninte json\r\n--${boundary}--\r\n`);
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${key}` }, payload });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ code: 'invalid', message: 'Innehållet har en del med Content-Type: application/json som inte är giltig JSON.' });
    const cut = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${key}` }, payload: `--${boundary}\r\nContent-Disposition: form-data; name="case"\r\n\r\n{` });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().message).toContain('multipart/form-data');
    for (const res of [exe, notJson, cut]) expect(res.body).not.toMatch(/Gå tillbaka|Välj filerna igen|formuläret/);
  });

  it('accepts multipart only where files make sense, and nothing but JSON and multipart', async () => {
    const created = (await platform.post('/cases', WEB_CASE)).body.number;
    const transition = await postMultipart({ event: 'start' }, [], `/api/v1/cases/${created}/transitions`);
    expect(transition.statusCode).toBe(415);
    expect(transition.json().code).toBe('unsupported_media_type');
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/xml' }, payload: '<case/>' });
    expect(xml.statusCode).toBe(415);
  });

  it('refuses an Open311 channel and a malformed language tag', async () => {
    expect((await platform.post('/cases', { ...WEB_CASE, channel: 'open311' })).body.fields).toHaveProperty('channel');
    expect((await platform.post('/cases', { ...WEB_CASE, language: 'svenska!' })).body.fields).toHaveProperty('language');
  });
});

describe('reference data', () => {
  it('GET /units: the active unit tree, depth first, with paths', async () => {
    const res = await reader.get('/units');
    expect(res.status).toBe(200);
    expectSchema('UnitList', res.body);
    const names = res.body.items.map((u: { name: string }) => u.name);
    expect(names.indexOf('Förskoleavdelningen')).toBe(names.indexOf('Barn och utbildning') + 1);
    const solrosen = res.body.items.find((u: { name: string }) => u.name === 'Solrosens förskola');
    expect(solrosen).toMatchObject({ kind: 'enhet', path: ['Barn och utbildning', 'Förskoleavdelningen', 'Solrosens förskola'], committee: null });
    expect(res.body.items.find((u: { name: string }) => u.name === 'Barn och utbildning')).toMatchObject({ kind: 'forvaltning', parentId: null, committee: 'Barn- och utbildningsnämnden', subcategoryRequired: true });
  });

  it('GET /areas: the areas, and each förvaltning with its subcategories', async () => {
    const res = await reader.get('/areas');
    expectSchema('AreaList', res.body);
    expect(res.body.areas.map((a: { name: string }) => a.name)).toEqual(['Bemötande', 'Tjänster', 'Fysisk miljö', 'Information']);
    const sbf = res.body.forvaltningar.find((f: { name: string }) => f.name === 'Samhällsbyggnad');
    expect(sbf.subcategories.map((s: { name: string }) => s.name)).toEqual(['Gator och vägar', 'Parker och grönytor', 'Bygglov', 'Avfall och återvinning']);
    expect(sbf.subcategoryRequired).toBe(false);
  });

  it('GET /handlers?unit=: who can be assigned there, for keys that assign', async () => {
    const res = await platform.get(`/handlers?unit=${await ids.unit('Gata och park')}`);
    expect(res.status).toBe(200);
    expectSchema('HandlerList', res.body);
    const names = res.body.items.map((h: { name: string }) => h.name);
    expect(names).toContain('Gustav Gatuchef');
    expect(names).toContain('Sven Samordnare');
    expect(names).not.toContain('Hanna Handläggare');
    expect(names).not.toContain('Rebecka Registrator');
    expect(res.body.items.find((h: { name: string }) => h.name === 'Gustav Gatuchef').roles).toEqual(['handler']);
    const all = await platform.get('/handlers');
    expect(all.body.items.map((h: { name: string }) => h.name)).toContain('Hanna Handläggare');
    expect((await reader.get('/handlers')).status).toBe(403);
    expect((await platform.get(`/handlers?unit=${crypto.randomUUID()}`)).status).toBe(404);
    expect((await platform.get('/handlers?unit=inte-ett-id')).status).toBe(400);
  });
});
