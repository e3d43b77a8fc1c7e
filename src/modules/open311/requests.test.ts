import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { actorFor, assignedTo, caseDeps, DEMO } from '../../../test/staffCases.ts';
import { xmlWellFormed, xpath } from '../../../test/xml.ts';
import { answerCase, markAsSpam, rejectCase } from '../cases/commands.ts';
import { seedDemoOrganization } from '../organizations/demo.ts';
import { publish } from '../publication/commands.ts';
import { publishedCase } from '../publication/testFixture.ts';

/** Bad input gets a clear Open311 error and stores nothing; reading shows only what may be public. */

let t: TestContext;
let key: string;
let code: string;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  key = await newApiKey(t.db, t.orgId, 'registrar', 'Kartappen');
  const services = (await t.app.inject('/open311/v2/services.json')).json() as { service_code: string; service_name: string }[];
  code = services.find((s) => s.service_name === 'Gator och vägar: fysisk miljö')!.service_code;
});
afterAll(() => t.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const valid = () => ({ api_key: key, service_code: code, lat: '57.7089', long: '11.9746', description: 'Trasig gatlykta vid busshållplatsen', 'attribute[kind]': 'klagomal' });
const post = (fields: Record<string, string>, format = 'json', headers: Record<string, string> = FORM) =>
  t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers, payload: new URLSearchParams(fields).toString() });
const cases = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('POST requests: bad input', () => {
  const bad: [string, Record<string, string | undefined>, number, RegExp][] = [
    ['unknown service', { service_code: `${crypto.randomUUID()}` }, 404, /Tjänsten .* finns inte/],
    ['no service', { service_code: undefined }, 400, /service_code saknas/],
    ['latitude out of range', { lat: '200' }, 400, /lat ska vara ett tal mellan -90 och 90/],
    ['latitude not a number', { lat: 'norr' }, 400, /lat ska vara ett tal/],
    ['only one coordinate', { long: undefined }, 400, /både lat och long/],
    ['no place at all', { lat: undefined, long: undefined }, 400, /Ange platsen/],
    ['address_id only', { lat: undefined, long: undefined, address_id: '4711' }, 400, /address_id stöds inte/],
    ['no description', { description: '  ' }, 400, /description saknas/],
    ['no kind', { 'attribute[kind]': undefined }, 400, /attribute\[kind\] krävs/],
    ['unknown kind', { 'attribute[kind]': 'rop' }, 400, /attribute\[kind\] ska vara en av/],
    ['unknown attribute', { 'attribute[WHISPAWN]': '123456' }, 400, /attribute\[WHISPAWN\] finns inte/],
    ['e-mail without a name', { email: 'asa@example.se' }, 400, /first_name\/last_name: Skriv ditt namn/],
    ['bad e-mail', { email: 'asa@', first_name: 'Åsa' }, 400, /email: Skriv e-postadressen i rätt format/],
    ['phone answer without phone', { first_name: 'Åsa', email: 'asa@example.se', 'attribute[reply]': 'phone' }, 400, /phone: Skriv ditt telefonnummer/],
    ['media_url not a link', { media_url: 'javascript:alert(1)' }, 400, /media_url ska vara en adress/],
    ['a reader’s key', { api_key: 'READER' }, 403, /rollen? får inte lämna synpunkter|roll får inte/],
  ];
  for (const [name, override, status, message] of bad) {
    it(`${name}: ${status} with the reason, nothing stored`, async () => {
      const before = await cases();
      const fields = { ...valid(), ...override } as Record<string, string | undefined>;
      if (fields.api_key === 'READER') fields.api_key = await newApiKey(t.db, t.orgId, 'reader');
      const res = await post(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>);
      expect(res.statusCode, res.body).toBe(status);
      const errors = res.json() as { code: number; description: string }[];
      expect(errors.map((e) => e.description).join(' ')).toMatch(message);
      expect(await cases()).toBe(before);
    });
  }

  it('says everything that is wrong at once', async () => {
    const res = await post({ ...valid(), lat: '95', description: '', 'attribute[kind]': '' });
    expect(res.json().map((e: { description: string }) => e.description.slice(0, 14))).toEqual(['lat ska vara e', 'attribute[kind', 'description sa']);
  });

  it('a 10 MB description, and a body that is not a form: a clear error each, in XML too', async () => {
    const before = await cases();
    const huge = await post({ ...valid(), description: 'x'.repeat(10 * 1024 * 1024) }, 'xml');
    expect(huge.statusCode).toBe(400);
    xmlWellFormed(huge.body);
    expect(xpath(huge.body, 'string(/errors/error/code)')).toBe('413');
    expect(xpath(huge.body, 'string(/errors/error/description)')).toMatch(/för stor/);
    const json = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(valid()) });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual([{ code: 415, description: 'Skicka begäran som application/x-www-form-urlencoded, som Open311 GeoReport v2 säger.' }]);
    expect(await cases()).toBe(before);
  });

  it('an api_key of another organization is refused', async () => {
    const annan = await seedDemoOrganization(t.db, { slug: 'grannkommun', name: 'Grannkommunen', isDefault: false });
    const res = await post({ ...valid(), api_key: await newApiKey(t.db, annan, 'registrar') });
    expect(res.statusCode).toBe(403);
    // Its own endpoint lists its own services.
    expect((await t.app.inject('/o/grannkommun/open311/v2/services.json')).json().find((s: { service_code: string }) => s.service_code === code)).toBeUndefined();
  });

  it('unknown formats and paths answer 404 in Open311’s form', async () => {
    const html = await t.app.inject('/open311/v2/services.html');
    expect(html.statusCode).toBe(404);
    xmlWellFormed(html.body);
    expect((await t.app.inject('/open311/v2/nothing.json')).json()[0].code).toBe(404);
    expect((await t.app.inject('/open311/v2/tokens/123.json')).statusCode).toBe(404);
  });
});

describe('GET requests: only what may be public', () => {
  it('shows no text, place or submitter before publication, and the public version after', async () => {
    const res = await post({ ...valid(), first_name: 'Åsa', last_name: 'Öberg', email: 'asa@example.se', address_string: 'Storgatan 5', media_url: 'https://bilder.example.se/lykta.jpg' });
    const number = res.json()[0].service_request_id as string;
    const before = (await t.app.inject(`/open311/v2/requests/${number}.json`)).json()[0];
    expect(before).toMatchObject({ description: null, status_notes: null, lat: null, long: null, address: null, media_url: null, status: 'open' });
    const listed = (await t.app.inject('/open311/v2/requests.json')).body;
    for (const personal of ['Åsa', 'Öberg', 'asa@example.se', 'Storgatan', 'gatlykta', 'lykta.jpg']) expect(listed).not.toContain(personal);

    await assignedTo(t, number, 'Gata och park', DEMO.handlerGata);
    const handler = await actorFor(t, DEMO.handlerGata);
    await answerCase(await caseDeps(t), { actor: handler, number, message: { channel: 'email', body: 'Vi byter lyktan i veckan, Åsa.' } });
    await publish(await caseDeps(t), { actor: handler, number, revision: 0, text: { title: 'Trasig gatlykta', question: 'En gatlykta vid busshållplatsen är trasig.', answer: 'Vi byter lyktan i veckan.' }, choices: {} });
    const after = (await t.app.inject(`/open311/v2/requests/${number}.json`)).json()[0];
    expect(after).toMatchObject({ description: 'En gatlykta vid busshållplatsen är trasig.', status_notes: 'Vi byter lyktan i veckan.', lat: 57.7089, long: 11.9746, address: 'Storgatan 5', media_url: 'https://bilder.example.se/lykta.jpg' });
    expect(JSON.stringify(after)).not.toContain('Åsa');
  });

  it('shows a published web case’s text but never its place, and hides internal and confidential cases', async () => {
    const { number } = await publishedCase(t, { title: 'Snöröjning', question: 'Snöröjningen på Ågatan dröjer.', answer: 'Nu är det röjt.' });
    const r = (await t.app.inject(`/open311/v2/requests/${number}.json`)).json()[0];
    expect(r).toMatchObject({ description: 'Snöröjningen på Ågatan dröjer.', status_notes: 'Nu är det röjt.', lat: null, address: null });
    await t.db.updateTable('cases').set({ confidential: true }).where('number', '=', number).execute();
    expect((await t.app.inject(`/open311/v2/requests/${number}.json`)).statusCode).toBe(404);
  });

  it('knows nothing of spam, in the list, by id and one by one, but lists offensive content not handled', async () => {
    const registrar = await actorFor(t, DEMO.registrar);
    const spam = (await post({ ...valid(), description: 'Köp billiga klockor' })).json()[0].service_request_id as string;
    const offensive = (await post(valid())).json()[0].service_request_id as string;
    await markAsSpam(await caseDeps(t), { actor: registrar, number: spam });
    await rejectCase(await caseDeps(t), { actor: registrar, number: offensive, reason: 'Personangrepp' });
    for (const format of ['json', 'xml']) {
      const one = await t.app.inject(`/open311/v2/requests/${spam}.${format}`);
      expect(one.statusCode, format).toBe(404);
      for (const url of [`/open311/v2/requests.${format}`, `/open311/v2/requests.${format}?status=closed`, `/open311/v2/requests.${format}?service_request_id=${spam},${offensive}`]) {
        const body = (await t.app.inject(url)).body;
        expect(body, url).not.toContain(spam);
        expect(body, url).toContain(offensive);
      }
    }
    expect((await t.app.inject(`/open311/v2/requests/${offensive}.json`)).json()[0]).toMatchObject({ status: 'closed', description: null });
  });

  it('filters by id list, service, status and dates, within 90 days', async () => {
    const a = (await post(valid())).json()[0].service_request_id;
    const b = (await post(valid())).json()[0].service_request_id;
    const ids = (await t.app.inject(`/open311/v2/requests.json?service_request_id=${a},${b}&status=closed`)).json();
    expect(ids.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([a, b].sort());
    const open = (await t.app.inject(`/open311/v2/requests.json?service_code=${code}&status=open`)).json();
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.every((r: { service_code: string; status: string }) => r.service_code === code && r.status === 'open')).toBe(true);
    expect((await t.app.inject(`/open311/v2/requests.json?status=closed&service_code=${code}`)).json().map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(a);
    expect((await t.app.inject('/open311/v2/requests.json?start_date=2026-12-23T00:00:00Z&end_date=2027-01-01T00:00:00Z')).json()).toEqual([]);
    expect((await t.app.inject('/open311/v2/requests.json?start_date=2026-12-22T00:00:00%2B01:00')).json().length).toBeGreaterThanOrEqual(2);
    const wide = await t.app.inject('/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-31T00:00:00Z');
    expect(wide.statusCode).toBe(400);
    expect(wide.json()[0].description).toMatch(/högst 90 dagar/);
    const badDate = await t.app.inject('/open311/v2/requests.json?start_date=igår&status=halvöppen');
    expect(badDate.json().map((e: { description: string }) => e.description.split(' ')[0])).toEqual(['status', 'start_date']);
  });
});
