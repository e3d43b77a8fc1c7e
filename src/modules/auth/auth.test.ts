import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { submitCase } from '../../../test/staffCases.ts';
import { DEMO_PASSWORD } from '../organizations/demoStaff.ts';
import { CRON } from '../notifications/jobs.ts';
import { authTasks } from './jobs.ts';

let t: TestContext;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const errorText = (html: string) => html.match(/<div class="error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';

describe('sign-in', () => {
  it('shows the demo accounts in demo mode', async () => {
    const res = await t.app.inject('/logga-in');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('registrator@exempelkommun.se');
    expect(res.body).toContain(DEMO_PASSWORD);
  });

  it('signs in with a secure, HttpOnly, SameSite session cookie and returns where you came from', async () => {
    const s = new Session(t.app);
    const res = await s.post('/logga-in', { email: 'Registrator@Exempelkommun.se', password: DEMO_PASSWORD, tillbaka: '/handlaggning/inkorg' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/handlaggning/inkorg');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]).find((c) => c.startsWith('lyhord_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const row = await t.db.selectFrom('sessions').select('id_hash').executeTakeFirstOrThrow();
    expect(cookie).not.toContain(row.id_hash.toString('base64url'));
  });

  it('returns to a percent-encoded address as it was asked for: encoded once in tillbaka, decoded once by the form', async () => {
    const { number } = await submitCase(t);
    const asked = `/handlaggning/arenden/%53${number.slice(1)}`;
    const s = new Session(t.app);
    const away = await s.get(asked);
    // The % of %53 is itself encoded (%2553), so decoding the query once gives the address back.
    expect(away.headers.location).toBe(`/logga-in?tillbaka=${encodeURIComponent(asked)}`);
    const login = await s.get(away.headers.location!);
    expect(login.body).toContain(`name="tillbaka" value="${asked}"`);
    const signedIn = await s.post('/logga-in', { email: 'registrator@exempelkommun.se', password: DEMO_PASSWORD, tillbaka: asked }, { csrfFrom: away.headers.location! });
    expect(signedIn.headers.location).toBe(asked);
    const page = await s.get(asked);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(number);
  });

  it('never sends people to another site after sign-in', async () => {
    const s = new Session(t.app);
    const res = await s.post('/logga-in', { email: 'registrator@exempelkommun.se', password: DEMO_PASSWORD, tillbaka: '//evil.example/' });
    expect(res.headers.location).toBe('/handlaggning');
  });

  it('answers a wrong password and an unknown address with the same message', async () => {
    const s = new Session(t.app);
    const wrong = await s.post('/logga-in', { email: 'lasare@exempelkommun.se', password: 'fel-lösenord' });
    const unknown = await s.post('/logga-in', { email: 'finns.inte@exempelkommun.se', password: 'fel-lösenord' });
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(errorText(wrong.body)).toBe(errorText(unknown.body));
    expect(wrong.body).toContain('value="lasare@exempelkommun.se"');
    expect(wrong.body).toMatch(/<title>Fel: /);
  });

  it('locks out after five failures, for known and unknown addresses alike, and lets in after the wait', async () => {
    const s = new Session(t.app);
    for (const email of ['handlaggare.gata@exempelkommun.se', 'ingen.alls@exempelkommun.se']) {
      for (let i = 0; i < 4; i++) expect(errorText((await s.post('/logga-in', { email, password: 'fel' })).body)).toContain('är fel');
      expect(errorText((await s.post('/logga-in', { email, password: 'fel' })).body)).toContain('För många misslyckade inloggningar');
    }
    const locked = await s.post('/logga-in', { email: 'handlaggare.gata@exempelkommun.se', password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain('För många misslyckade inloggningar');
    t.clock.advance(16 * 60_000);
    const after = await s.post('/logga-in', { email: 'handlaggare.gata@exempelkommun.se', password: DEMO_PASSWORD });
    expect(after.statusCode).toBe(303);
  });

  it('does not let someone elsewhere lock a person out, and makes a guesser wait longer each time', async () => {
    const email = 'registrator@exempelkommun.se';
    const guesser = new Session(t.app);
    guesser.remoteAddress = '203.0.113.66';
    for (let i = 0; i < 4; i++) await guesser.post('/logga-in', { email, password: 'fel' });
    expect(errorText((await guesser.post('/logga-in', { email, password: 'fel' })).body)).toContain('För många misslyckade inloggningar');
    expect(errorText((await guesser.post('/logga-in', { email, password: DEMO_PASSWORD })).body)).toContain('För många misslyckade inloggningar');
    // The person at their own address signs in all the same.
    expect((await new Session(t.app).post('/logga-in', { email, password: DEMO_PASSWORD })).statusCode).toBe(303);
    // Backoff: 1 minute after the fifth failure, then 2, then 4.
    const waits: number[] = [];
    t.clock.advance(60_000);
    for (let i = 0; i < 3; i++) {
      const res = await guesser.post('/logga-in', { email, password: 'fel' });
      expect(errorText(res.body)).toContain('För många misslyckade inloggningar');
      const row = await t.db.selectFrom('login_throttle').select(['locked_until', 'failures']).where('failures', '>=', 5).orderBy('updated_at', 'desc').executeTakeFirstOrThrow();
      waits.push((row.locked_until!.getTime() - t.clock.now().getTime()) / 60_000);
      t.clock.advance(waits.at(-1)! * 60_000);
    }
    expect(waits).toEqual([2, 4, 8]);
  });

  it('forgets failure counters a day after the last failure, in an hourly job', async () => {
    const count = async () => Number((await t.db.selectFrom('login_throttle').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const stale = new Session(t.app);
    stale.remoteAddress = '203.0.113.70';
    await stale.post('/logga-in', { email: 'nobody@example.se', password: 'fel' });
    const before = await count();
    expect(before).toBeGreaterThan(0);
    t.clock.advance(25 * 3600_000);
    const fresh = new Session(t.app);
    fresh.remoteAddress = '203.0.113.71';
    await fresh.post('/logga-in', { email: 'nobody@example.se', password: 'fel' });

    expect(CRON.find((c) => c.task === 'login_throttle_cleanup')?.match).toMatch(/^\d+ \* \* \* \*$/);
    await authTasks({ db: t.db, clock: t.clock }).login_throttle_cleanup!({}, undefined as never);
    // Only the counter from just now is left: the older ones were last touched more than a day ago.
    expect(await count()).toBe(1);
  });

  it('refuses a sign-in without the CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/logga-in', headers: FORM, payload: form({ email: 'admin@exempelkommun.se', password: DEMO_PASSWORD }) });
    expect(res.statusCode).toBe(403);
    expect(res.body).toMatch(/ladda om sidan/i);
  });

  it('asks for both fields', async () => {
    const res = await new Session(t.app).post('/logga-in', { email: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#email"');
    expect(res.body).toContain('href="#password"');
  });

  it('signs out and the old session cookie no longer works', async () => {
    const s = await new Session(t.app).signIn('admin@exempelkommun.se');
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(200);
    const res = await s.post('/logga-ut', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/logga-in?utloggad');
    const again = await s.get('/handlaggning/arenden');
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toMatch(/^\/logga-in/);
  });
});
