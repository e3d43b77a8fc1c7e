import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../test/app.ts';
import { seedDemoOrganization } from '../modules/organizations/demo.ts';

/**
 * Errors Fastify meets before any route runs: an address that does not decode, a path value
 * longer than maxParamLength, a request Node's HTTP parser refuses. A person gets the app's own
 * page, an integration the API's JSON, and nobody the address echoed back.
 */
let t: TestContext;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoOrganization(t.db, { slug: 'grannkommun', name: 'Grannkommun', isDefault: false });
});
afterAll(() => t.close());

const LONG = `%3Cscript%3Ealert(1)%3C%2Fscript%3E${'a'.repeat(300)}`;

function expectPage(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, orgName: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body).toMatch(/^<!doctype html><html lang="sv"/);
  expect(res.body).toContain('<h1>Sidan finns inte</h1>');
  expect(res.body).toContain('Kontrollera att adressen är rätt.');
  expect(res.body).toContain(`<title>Sidan finns inte – ${orgName}</title>`);
  for (const echoed of ['script', 'aaaaaaaaaa', '%FF', '%E0', 'FST_ERR']) expect(res.body).not.toContain(echoed);
}

describe('a page address that cannot be routed', () => {
  it('a path value over the length limit: the not-found page in Swedish, with status 414', async () => {
    expectPage(await t.app.inject(`/arende/${LONG}`), 414, 'Exempelkommun');
    expectPage(await t.app.inject(`/handlaggning/arenden/${LONG}`), 414, 'Exempelkommun');
  });

  it('a percent-encoding that does not decode: the same page, with status 400', async () => {
    expectPage(await t.app.inject('/%FF'), 400, 'Exempelkommun');
    expectPage(await t.app.inject('/synpunkt/%E0%A4%A'), 400, 'Exempelkommun');
  });

  it('in the layout of the organization the address is under, with its links', async () => {
    const res = await t.app.inject(`/o/grannkommun/arende/${LONG}`);
    expectPage(res, 414, 'Grannkommun');
    expect(res.body).toContain('href="/o/grannkommun/"');
    // An organization that does not exist gets the installation's page.
    expectPage(await t.app.inject('/o/finns-inte/%FF'), 400, 'Lyhörd');
  });
});

describe('an API or Open311 address that cannot be routed', () => {
  it('gets the API’s JSON error, without the address', async () => {
    const long = await t.app.inject(`/api/v1/cases/${LONG}`);
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ code: 'uri_too_long', message: 'Ett värde i adressen är för långt.' });
    expect(long.headers['x-content-type-options']).toBe('nosniff');
    const bad = await t.app.inject('/o/grannkommun/api/v1/cases/%FF');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: 'invalid', message: 'Adressen går inte att avkoda: en procentkodning är ofullständig eller inte UTF-8.' });
  });

  it('gets Open311’s errors in the format asked for', async () => {
    const res = await t.app.inject(`/open311/v2/requests/${LONG}.json`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ code: 414, description: 'Begäran gick inte att läsa.' }]);
  });
});

describe('a request the HTTP parser refuses', () => {
  let port: number;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });

  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
      let out = '';
      socket.on('data', (d) => (out += d.toString('utf8')));
      socket.on('close', () => resolve(out));
      socket.on('error', reject);
    });

  it('an unknown method on a page: a Swedish page, not JSON', async () => {
    const res = await raw('FOO /synpunkt HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(res).toMatch(/\r\ncontent-type: text\/html; charset=utf-8\r\n/);
    expect(res).toMatch(/\r\ncontent-security-policy: default-src 'self'/);
    expect(res).toContain('<h1>Sidan finns inte</h1>');
  });

  it('headers too large for the parser: a page that says something went wrong with what was sent', async () => {
    const res = await raw(`GET /synpunkt HTTP/1.1\r\nHost: localhost\r\nCookie: ${'x'.repeat(20_000)}\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(res).toContain('<h1>Något blev fel med det som skickades</h1>');
  });

  it('an unknown method on the API: JSON', async () => {
    const res = await raw('FOO /api/v1/cases HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(res.split('\r\n\r\n')[1]).toBe('{"code":"invalid","message":"Begäran gick inte att läsa."}');
    // Pipelined after a page request: the answer is for the request refused, the API's.
    const pipelined = await raw('GET /tillganglighet HTTP/1.1\r\nHost: localhost\r\n\r\nFOO /api/v1/cases HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(pipelined).toContain('HTTP/1.1 400 Bad Request\r\n');
    expect(pipelined.endsWith('{"code":"invalid","message":"Begäran gick inte att läsa."}')).toBe(true);
  });
});
