import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, NEW_CASE, newApiKey } from '../../../test/api.ts';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { createSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { revokeApiKey } from './keys.ts';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const expectJsonError = (res: { status: number; body: any; headers: Record<string, unknown> }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ code, message: expect.any(String) });
};

describe('API keys', () => {
  it('accepts a good key', async () => {
    const res = await apiClient(t.app, await newApiKey(t.db, t.orgId, 'registrar')).get('/cases');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 401 JSON with WWW-Authenticate for a missing, malformed, unknown or revoked key', async () => {
    const key = await newApiKey(t.db, t.orgId, 'registrar', 'Återkallas');
    const row = await t.db.selectFrom('api_keys').select('id').where('name', '=', 'Återkallas').executeTakeFirstOrThrow();
    expect(await revokeApiKey(t.db, t.orgId, row.id, new Date())).toBe(true);
    for (const k of [null, 'inte-en-nyckel', `lyh_${'A'.repeat(43)}`, key]) {
      const res = await apiClient(t.app, k).get('/cases');
      expectJsonError(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const basic = await t.app.inject({ url: '/api/v1/cases', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.statusCode).toBe(401);
  });

  it('stores only a hash of the key, and keeps a short prefix to tell keys apart', async () => {
    const key = await newApiKey(t.db, t.orgId, 'reader', 'Hashkoll');
    expect(key).toMatch(/^lyh_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.selectFrom('api_keys').selectAll().where('name', '=', 'Hashkoll').executeTakeFirstOrThrow();
    expect(row.key_hash.length).toBe(32);
    expect(row.key_hash.toString('base64url')).not.toContain(key.slice(4));
    expect(key.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(12);
  });

  it('never accepts a staff session cookie in place of a key', async () => {
    const admin = await t.db.selectFrom('users').select('id').where('email', '=', 'admin@exempelkommun.se').executeTakeFirstOrThrow();
    const sessionId = await createSession(t.db, admin.id, t.clock.now());
    const cookie = `${SESSION_COOKIE}=${sessionId}`;
    expect((await t.app.inject({ url: '/handlaggning/arenden', headers: { cookie } })).statusCode).toBe(200);
    const res = await t.app.inject({ url: '/api/v1/cases', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });
});

describe('API errors are JSON', () => {
  it('404 for an unknown path, also without a key', async () => {
    const key = await newApiKey(t.db, t.orgId, 'registrar');
    expectJsonError(await apiClient(t.app, key).get('/finns-inte'), 404, 'not_found');
    const res = await t.app.inject('/api/v1/finns-inte');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('400 invalid_json for a malformed or empty JSON body', async () => {
    const key = await newApiKey(t.db, t.orgId, 'registrar');
    for (const payload of ['{"kind": "klagomal",', '']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_json' });
    }
  });

  it('415 for a form or text body', async () => {
    const key = await newApiKey(t.db, t.orgId, 'registrar');
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', 'kind=klagomal&description=x'],
      ['text/plain', JSON.stringify(NEW_CASE)],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${key}`, 'content-type': type }, payload });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: 'unsupported_media_type' });
    }
  });

  it('400 with a message when the body is not an object', async () => {
    const key = await newApiKey(t.db, t.orgId, 'registrar');
    const res = await apiClient(t.app, key).post('/cases', [1, 2]);
    expectJsonError(res, 400, 'invalid');
    expect(res.body.message).toMatch(/objekt/);
  });
});
