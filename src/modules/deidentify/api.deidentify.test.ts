import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectSchema, newApiKey } from '../../../test/api.ts';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import type { Role } from '../../db/schema.ts';

let t: TestContext;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  // Over a real socket, as an integration calls it.
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
});
afterAll(() => t.close());

async function post(key: string | null, body: unknown, contentType = 'application/json') {
  const res = await fetch(`${base}/deidentify`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

describe('POST /api/v1/deidentify', () => {
  it('answers any staff key with the labelled text and UTF-16 offsets into the input', async () => {
    const text = 'Hej 👋 jag heter Anna Svensson, pnr 811218-9876, ring 070-123 45 67 eller mejla anna.s@example.se. Mvh Anna';
    for (const role of ['reader', 'registrar', 'handler', 'coordinator', 'unit_admin', 'admin'] as Role[]) {
      const res = await post(await newApiKey(t.db, t.orgId, role), { text });
      expect(res.status, role).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body.text).toBe('Hej 👋 jag heter [namn], pnr [personnummer], ring [telefonnummer] eller mejla [e-post]. Mvh [namn]');
      expect(res.body.findings.map((f: { kind: string; start: number; end: number }) => [f.kind, text.slice(f.start, f.end)])).toEqual([
        ['name', 'Anna Svensson'],
        ['personnummer', '811218-9876'],
        ['phone', '070-123 45 67'],
        ['email', 'anna.s@example.se'],
        ['name', 'Anna'],
      ]);
      expectSchema('DeidentifyResult', res.body);
    }
  });

  it('keeps the organization’s own published contact details', async () => {
    const key = await newApiKey(t.db, t.orgId, 'handler');
    const res = await post(key, { text: 'Ring kontaktcenter på 0123-456700 eller mejla kontaktcenter@exempelkommun.se, inte mig på 070-999 88 77.' });
    expect(res.body.text).toBe('Ring kontaktcenter på 0123-456700 eller mejla kontaktcenter@exempelkommun.se, inte mig på [telefonnummer].');
  });

  it('keeps what the admin lists under Texter, one per line', async () => {
    const s = await new Session(t.app).signIn('admin@exempelkommun.se');
    const form = await s.get('/admin/texter');
    expect(form.body).toContain('name="publishedContacts"');
    expect(form.body).toContain('name="visitingAddress"');
    const saved = await s.post('/admin/texter', { publishedContacts: '0123-45 00 00\nbygglov@exempelkommun.se', visitingAddress: 'Torggatan 2, Exempelstad', contactEmail: 'kontaktcenter@exempelkommun.se' }, { csrfFrom: '/admin/texter' });
    expect(saved.statusCode).toBe(303);
    const res = await post(await newApiKey(t.db, t.orgId, 'reader'), { text: 'Växeln 0123-450000, bygglov@exempelkommun.se, besök oss på Torggatan 2. Jag bor på Torggatan 9, 070-111 22 33.' });
    expect(res.body.text).toBe('Växeln 0123-450000, bygglov@exempelkommun.se, besök oss på Torggatan 2. Jag bor på [adress], [telefonnummer].');
  });

  it('answers 400 without a text, or with something else than a string', async () => {
    const key = await newApiKey(t.db, t.orgId, 'reader');
    for (const body of [{}, { text: 42 }, { text: null }, { txt: 'hej' }]) {
      const res = await post(key, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid', fields: expect.any(Object) });
    }
    expect((await post(key, '{"text":')).status).toBe(400);
    expect((await post(key, 'text=hej', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('answers 413 over 20 000 characters and takes exactly 20 000', async () => {
    const key = await newApiKey(t.db, t.orgId, 'reader');
    const tooLong = await post(key, { text: 'a'.repeat(20_001) });
    expect(tooLong.status).toBe(413);
    expect(tooLong.body).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('20') });
    expect((await post(key, { text: 'Hej Anna! '.repeat(2_000) })).status).toBe(200);
    // Characters, not UTF-16 units: 20 000 emoji are 40 000 units but fine.
    expect((await post(key, { text: '😀'.repeat(20_000) })).status).toBe(200);
  });

  it('answers 401 without a valid key', async () => {
    expect((await post(null, { text: 'Anna' })).status).toBe(401);
    expect((await post('lyh_inte-en-nyckel', { text: 'Anna' })).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await apiClient(t.app, null).get('/openapi.json')).body;
    expect(doc.paths['/deidentify'].post.responses).toHaveProperty('413');
    expectSchema('DeidentifyRequest', { text: 'Hej' });
  });
});
