import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { childNames, xmlWellFormed, xpath } from '../../../test/xml.ts';

/**
 * Open311 GeoReport v2 against the specification's own examples (wiki.open311.org/GeoReport_v2):
 * its sample POST, and responses with the same fields, element names and nesting as its sample
 * responses, in JSON and XML. The XML is read with xmllint, not with our own code.
 */

let t: TestContext;
let key: string;
let code: string;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  key = await newApiKey(t.db, t.orgId, 'registrar', 'Kartappen');
  const services = JSON.parse((await t.app.inject('/open311/v2/services.json')).body) as { service_code: string; service_name: string }[];
  code = services.find((s) => s.service_name === 'Gator och vägar: fysisk miljö')!.service_code;
});
afterAll(() => t.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const get = (url: string) => t.app.inject(`/open311/v2/${url}`);

/** The spec's example POST, with our key, one of our service codes and our attributes instead of theirs. */
const specRequest = (overrides: Record<string, string> = {}) => {
  const p = new URLSearchParams(
    'api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg',
  );
  p.set('api_key', key);
  p.set('service_code', code);
  p.set('attribute[kind]', 'klagomal');
  for (const [k, v] of Object.entries(overrides)) p.set(k, v);
  return p.toString();
};
const post = (format: 'json' | 'xml', body: string, headers: Record<string, string> = FORM) => t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers, payload: body });

describe('the specification’s examples', () => {
  it('discovery: the fields and nesting of the example, in both formats', async () => {
    const json = await get('discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const d = json.json();
    expect(Object.keys(d)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(d.endpoints).toEqual([{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://localhost/open311/v2', changeset: d.changeset, type: 'production', formats: ['text/xml', 'application/json'] }]);
    const xml = (await get('discovery.xml')).body;
    xmlWellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(childNames(xml, '/discovery/*')).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(childNames(xml, '/discovery/endpoints/endpoint/*')).toEqual(['specification', 'url', 'changeset', 'type', 'formats']);
    expect(xpath(xml, 'string(/discovery/endpoints/endpoint/formats/format[2])')).toBe('application/json');
  });

  it('services: the example’s fields, one service per area and subcategory', async () => {
    const services = (await get('services.json')).json();
    expect(Object.keys(services[0])).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    // 19 subcategories in the demo's five förvaltningar × 4 areas, and each area alone.
    expect(services).toHaveLength(19 * 4 + 4);
    expect(services.find((s: { service_code: string }) => s.service_code === code)).toMatchObject({ metadata: true, type: 'realtime', group: 'Samhällsbyggnad', keywords: 'Gator och vägar, Fysisk miljö, Samhällsbyggnad' });
    const xml = (await get('services.xml')).body;
    xmlWellFormed(xml);
    expect(Number(xpath(xml, 'count(/services/service)'))).toBe(services.length);
    expect(childNames(xml, '/services/service[1]/*')).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    expect(xpath(xml, 'string(/services/service[1]/metadata)')).toBe('true');
  });

  it('service definition: attributes with values, as in the example', async () => {
    const def = (await get(`services/${code}.json`)).json();
    expect(Object.keys(def)).toEqual(['service_code', 'attributes']);
    expect(def.service_code).toBe(code);
    expect(Object.keys(def.attributes[0])).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
    expect(def.attributes.map((a: { code: string; required: boolean; order: number }) => [a.code, a.required, a.order])).toEqual([
      ['kind', true, 1],
      ['reply', false, 2],
    ]);
    expect(def.attributes[0].values).toEqual([
      { key: 'klagomal', name: 'Klagomål' },
      { key: 'fraga', name: 'Fråga' },
      { key: 'berom', name: 'Beröm' },
      { key: 'forslag', name: 'Förslag' },
    ]);
    const xml = (await get(`services/${code}.xml`)).body;
    xmlWellFormed(xml);
    expect(childNames(xml, '/service_definition/*')).toEqual(['service_code', 'attributes']);
    expect(xpath(xml, 'string(/service_definition/attributes/attribute[1]/values/value[4]/key)')).toBe('forslag');
    expect(xpath(xml, 'string(/service_definition/attributes/attribute[1]/datatype)')).toBe('singlevaluelist');
  });

  it('POST requests: the example request makes a case, answered like the example response', async () => {
    const res = await post('json', specRequest());
    expect(res.statusCode, res.body).toBe(200);
    const [created] = res.json();
    expect(Object.keys(created)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(created.service_request_id).toMatch(/^SYN-2026-\d{5}$/);
    expect(created.account_id).toBeNull();
    expect(created.service_notice).toMatch(/^Tack! Din synpunkt har nummer SYN-2026-\d{5}\. Du får svar senast \d+ \w+ \d{4}\.$/);

    const c = await t.db.selectFrom('cases').selectAll().where('number', '=', created.service_request_id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ channel: 'open311', status: 'received', kind: 'klagomal', description: 'A large sinkhole is destroying the street', latitude: 37.76524078, longitude: -122.4212043, location: '1234 5th street', media_url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg', anonymous: false });
    const contact = await t.db.selectFrom('case_contacts').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ name: 'john smith', email: 'smit333@sfgov.edu', phone: '111111111', reply_channel: 'email' });

    const xml = await post('xml', specRequest({ description: 'Ett hål i gatan & en <skylt>' }));
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    xmlWellFormed(xml.body);
    expect(childNames(xml.body, '/service_requests/request/*')).toEqual(['service_request_id', 'service_notice', 'account_id']);
    const number = xpath(xml.body, 'string(/service_requests/request/service_request_id)');
    expect((await t.db.selectFrom('cases').select('description').where('number', '=', number).executeTakeFirstOrThrow()).description).toBe('Ett hål i gatan & en <skylt>');
  });

  it('GET requests and requests/{id}: the example’s fields in order, in both formats', async () => {
    const [created] = (await post('json', specRequest())).json();
    const fields = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
    const one = (await get(`requests/${created.service_request_id}.json`)).json();
    expect(one).toHaveLength(1);
    expect(Object.keys(one[0])).toEqual(fields);
    expect(one[0]).toMatchObject({ service_request_id: created.service_request_id, status: 'open', service_code: code, service_name: 'Gator och vägar: fysisk miljö', agency_responsible: 'Samhällsbyggnad' });
    expect(one[0].requested_datetime).toBe('2026-12-22T10:00:00+01:00');
    expect(one[0].expected_datetime).toBe('2027-01-12T23:59:59+01:00');
    const xml = (await get(`requests/${created.service_request_id}.xml`)).body;
    xmlWellFormed(xml);
    expect(childNames(xml, '/service_requests/request/*')).toEqual(fields);
    const list = (await get('requests.xml')).body;
    expect(Number(xpath(list, 'count(/service_requests/request)'))).toBeGreaterThanOrEqual(1);
  });

  it('errors: the example’s form, 403 for a missing or wrong api_key, in both formats', async () => {
    const json = await post('json', specRequest({ api_key: '' }));
    expect(json.statusCode).toBe(403);
    expect(json.json()).toEqual([{ code: 403, description: 'api_key saknas. Skicka en API-nyckel från kommunen i fältet api_key.' }]);
    const xml = await post('xml', specRequest({ api_key: 'xyz' }));
    expect(xml.statusCode).toBe(403);
    xmlWellFormed(xml.body);
    expect(childNames(xml.body, '/errors/error/*')).toEqual(['code', 'description']);
    expect(xpath(xml.body, 'string(/errors/error/code)')).toBe('403');
    expect(xpath(xml.body, 'string(/errors/error/description)')).toMatch(/^Ogiltig api_key/);
  });
});
