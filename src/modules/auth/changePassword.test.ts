import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/app.ts';
import { HttpSession } from '../../../test/httpSession.ts';
import { DEMO_PASSWORD, seedDemoStaff } from '../organizations/demoStaff.ts';

// Demo accounts as `seed-demo --force` leaves them in a real database: the published password must go first.
let t: TestContext;
let base: string;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoStaff(t.db, t.orgId, { mustChangePassword: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const NEW_PASSWORD = 'ett eget lösenord för Anna';
const flag = async (email: string) => (await t.db.selectFrom('users').select('must_change_password').where('email', '=', email).executeTakeFirstOrThrow()).must_change_password;

describe('forced password change over HTTP', { timeout: 60_000 }, () => {
  it('keeps the user on the change page until a valid new password is chosen, then lets them in', async () => {
    const s = await new HttpSession(base).signIn('admin@exempelkommun.se');
    // The same account signed in elsewhere (another browser, or whoever learnt the old password).
    const elsewhere = await new HttpSession(base).signIn('admin@exempelkommun.se');
    for (const path of ['/handlaggning', '/handlaggning/arenden', '/admin/api-nycklar']) {
      const res = await s.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/byt-losenord');
    }
    // A write elsewhere is refused the same way, before the handler runs.
    const write = await s.post('/admin/api-nycklar', { name: 'x', role: 'reader' }, { csrfFrom: '/byt-losenord' });
    expect(write.status).toBe(303);
    expect(write.headers.get('location')).toBe('/byt-losenord');

    const page = await s.get('/byt-losenord');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Välj ett eget lösenord innan du fortsätter');

    expect((await s.post('/byt-losenord', { current: DEMO_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { csrf: false })).status).toBe(403);

    const bad: [Record<string, string>, RegExp][] = [
      [{ current: DEMO_PASSWORD, password: 'kort', confirm: 'kort' }, /minst 12 tecken/],
      [{ current: DEMO_PASSWORD, password: NEW_PASSWORD, confirm: 'något annat helt' }, /Skriv samma nya lösenord två gånger/],
      [{ current: 'fel lösenord här', password: NEW_PASSWORD, confirm: NEW_PASSWORD }, /Det nuvarande lösenordet stämmer inte/],
      [{ current: DEMO_PASSWORD, password: DEMO_PASSWORD, confirm: DEMO_PASSWORD }, /Välj ett annat lösenord än det du har nu/],
      [{ current: '', password: NEW_PASSWORD, confirm: NEW_PASSWORD }, /Skriv ditt nuvarande lösenord/],
    ];
    for (const [fields, message] of bad) {
      const res = await s.post('/byt-losenord', fields, { csrfFrom: '/byt-losenord' });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body).toMatch(/<title>Fel: /);
      expect(res.body).toContain('error-summary');
      expect(res.body).toMatch(message);
      expect(await flag('admin@exempelkommun.se')).toBe(true);
    }

    const ok = await s.post('/byt-losenord', { current: DEMO_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { csrfFrom: '/byt-losenord' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/handlaggning');
    expect(await flag('admin@exempelkommun.se')).toBe(false);
    expect((await s.get('/admin/api-nycklar')).status).toBe(200);
    // The change ends every other session of the account; the one that changed it goes on.
    const ended = await elsewhere.get('/byt-losenord');
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toMatch(/\/logga-in/);
    expect((await s.get('/admin/api-nycklar')).status).toBe(200);
    const log = await t.db.selectFrom('admin_log').select(['action', 'entity_type', 'summary']).where('summary', 'like', '%bytte sitt lösenord').execute();
    expect(log).toEqual([{ action: 'update', entity_type: 'user', summary: 'Anna Administratör bytte sitt lösenord' }]);

    // The old, published password no longer opens the account; the new one does.
    const old = await new HttpSession(base).post('/logga-in', { email: 'admin@exempelkommun.se', password: DEMO_PASSWORD }, { csrfFrom: '/logga-in' });
    expect(old.status).toBe(400);
    const again = await new HttpSession(base).signIn('admin@exempelkommun.se', NEW_PASSWORD);
    expect((await again.get('/admin/api-nycklar')).status).toBe(200);
    // Another demo account keeps its flag: each changes their own.
    expect(await flag('lasare@exempelkommun.se')).toBe(true);
  });
});
