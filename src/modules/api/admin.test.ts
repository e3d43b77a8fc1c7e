import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, newApiKey } from '../../../test/api.ts';
import { signedIn, startTestApp, type TestContext } from '../../../test/app.ts';
import { assignedTo, DEMO, submitCase } from '../../../test/staffCases.ts';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const PAGE = '/admin/api-nycklar';

describe('admin page for API keys', () => {
  it('creates a key shown once, which works until it is revoked', async () => {
    const s = await signedIn(t.app, 'admin@exempelkommun.se');
    const empty = await s.get(PAGE);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Det finns inga API-nycklar än');

    const created = await s.post(PAGE, { name: 'Kontaktcentrets e-tjänst', role: 'registrar' }, { csrfFrom: PAGE });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const key = created.body.match(/value="(lyh_[A-Za-z0-9_-]{43})"/)?.[1];
    expect(key).toBeDefined();
    expect((await apiClient(t.app, key!).get('/cases')).status).toBe(200);

    const list = await s.get(PAGE);
    expect(list.body).toContain('Kontaktcentrets e-tjänst');
    expect(list.body).toContain(`${key!.slice(0, 10)}…`);
    expect(list.body).not.toContain(key!);
    expect(list.body).toContain('Anna Administratör');

    const row = await t.db.selectFrom('api_keys').select(['id', 'created_by', 'role']).where('name', '=', 'Kontaktcentrets e-tjänst').executeTakeFirstOrThrow();
    expect(row.role).toBe('registrar');
    const revoked = await s.post(`${PAGE}/${row.id}/aterkalla`, {}, { csrfFrom: PAGE });
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe(`${PAGE}?aterkallad`);
    expect((await s.get(`${PAGE}?aterkallad`)).body).toMatch(/Återkallad \d{4}-\d{2}-\d{2}/);
    expect((await apiClient(t.app, key!).get('/cases')).status).toBe(401);
    // Revoking twice, or an unknown id: 404.
    expect((await s.post(`${PAGE}/${row.id}/aterkalla`, {}, { csrfFrom: PAGE })).statusCode).toBe(404);
    const log = await t.db.selectFrom('admin_log').select(['action', 'entity_id', 'after']).where('entity_type', '=', 'api_key').orderBy('occurred_at').execute();
    expect(log.map((l) => [l.action, l.entity_id])).toEqual([['create', row.id], ['revoke', row.id]]);
    // The key itself is never logged: only its name, role and the short prefix shown in lists.
    expect(Object.keys(log[0]!.after as object).sort()).toEqual(['name', 'prefix', 'role']);
    expect((await s.post(`${PAGE}/inte-ett-id/aterkalla`, {}, { csrfFrom: PAGE })).statusCode).toBe(404);
  });

  it('says plainly that a key has its role in the whole organization, which is what it does', async () => {
    const s = await signedIn(t.app, 'admin@exempelkommun.se');
    const page = (await s.get(PAGE)).body;
    expect(page).toContain('Nyckeln har alltid rollen i hela organisationen, till skillnad från en person, som kan ha den i bara en förvaltning eller enhet.');
    expect(page).toContain('Läsa och registrera synpunkter i hela organisationen, inte bara i en enhet. Ser kontaktuppgifterna i alla ärenden.');
    // A person who handles cases at the preschool sees that unit's case; a handler key sees the street case too.
    const forskola = (await submitCase(t, { description: 'Staketet vid Solrosen är trasigt.' })).number;
    await assignedTo(t, forskola, 'Solrosens förskola', DEMO.handlerForskola, { subcategory: 'Förskola' });
    const gata = (await submitCase(t, { description: 'Gatlyktan på Storgatan är släckt.' })).number;
    await assignedTo(t, gata, 'Gata och park', DEMO.handlerGata);
    const person = await signedIn(t.app, DEMO.handlerForskola);
    expect((await person.get(`/handlaggning/arenden/${forskola}`)).statusCode).toBe(200);
    expect((await person.get(`/handlaggning/arenden/${gata}`)).statusCode).toBe(404);
    const key = apiClient(t.app, await newApiKey(t.db, t.orgId, 'handler'));
    for (const number of [forskola, gata]) {
      const res = await key.get(`/cases/${number}`);
      expect(res.status, number).toBe(200);
      expect(res.body.contact.email).toBeTruthy();
    }
  });

  it('validates the form with field-level messages', async () => {
    const s = await signedIn(t.app, 'admin@exempelkommun.se');
    const res = await s.post(PAGE, { name: ' ', role: 'superuser' }, { csrfFrom: PAGE });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Fel: /);
    expect(res.body).toContain('href="#name"');
    expect(res.body).toContain('href="#role"');
  });

  it('refuses a post without the CSRF token', async () => {
    const s = await signedIn(t.app, 'admin@exempelkommun.se');
    const res = await s.post(PAGE, { name: 'Utan token', role: 'reader' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(await t.db.selectFrom('api_keys').select('id').where('name', '=', 'Utan token').executeTakeFirst()).toBeUndefined();
  });

  it('is 404 for everyone but admins, and sends the signed-out to sign in', async () => {
    for (const email of ['registrator@exempelkommun.se', 'superanvandare.bou@exempelkommun.se', 'lasare@exempelkommun.se']) {
      const s = await signedIn(t.app, email);
      expect((await s.get(PAGE)).statusCode).toBe(404);
    }
    const anonymous = await t.app.inject(PAGE);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/logga-in/);
  });
});
