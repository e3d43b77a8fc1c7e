import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { DEMO_PASSWORD } from '../organizations/demoStaff.ts';
import { totpCodeAt } from './totp.ts';

/** Two-factor sign-in for local accounts: enrol with a QR code, then password + code. */
let t: TestContext;
let secret: string;
const EMAIL = 'lasare@exempelkommun.se';

beforeAll(async () => {
  t = await startTestApp({ staff: true });
});
afterAll(() => t.close());

const errorSummary = (html: string) => html.match(/<div class="error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
const code = (at = t.clock.now()) => totpCodeAt(secret, at);
const wrong = (c: string) => String((Number(c) + 1) % 1_000_000).padStart(6, '0');

describe('enrolment', () => {
  it('shows a QR code drawn on the server and the key in text, and activates with a correct code only', async () => {
    const s = await new Session(t.app).signIn(EMAIL);
    const page = await s.get('/konto/tvastegsverifiering');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<div class="qr" role="img" aria-label="[^"]+"><svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(page.body).not.toContain('<script');
    secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, '');
    expect(secret.length).toBeGreaterThanOrEqual(26);
    // Reloading shows the same key, so a scanned code keeps working.
    expect((await s.get('/konto/tvastegsverifiering')).body).toContain(/<code class="secret">([^<]+)</.exec(page.body)![1]!);
    const stored = await t.db.selectFrom('users').select(['totp_secret_enc', 'totp_enabled_at']).where('email', '=', EMAIL).executeTakeFirstOrThrow();
    expect(stored.totp_enabled_at).toBeNull();
    expect(stored.totp_secret_enc!.toString('latin1')).not.toContain(secret);

    const bad = await s.post('/konto/tvastegsverifiering/aktivera', { code: wrong(await code()) }, { csrfFrom: '/konto/tvastegsverifiering' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toContain('Koden stämmer inte');
    const ok = await s.post('/konto/tvastegsverifiering/aktivera', { code: await code() }, { csrfFrom: '/konto/tvastegsverifiering' });
    expect(ok.statusCode).toBe(303);
    expect((await t.db.selectFrom('users').select('totp_enabled_at').where('email', '=', EMAIL).executeTakeFirstOrThrow()).totp_enabled_at).not.toBeNull();
    expect((await s.get('/konto/tvastegsverifiering?aktiverad')).body).toContain('Tvåstegsverifiering är aktiverad');
  });
});

describe('sign-in with two factors', () => {
  it('asks for the code after the password, and gives no session before it', async () => {
    t.clock.advance(60_000);
    const s = new Session(t.app);
    const res = await s.post('/logga-in', { email: EMAIL, password: DEMO_PASSWORD, tillbaka: '/handlaggning/arenden' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/logga-in/kod');
    expect(s.cookie('lyhord_session')).toBeUndefined();
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(303);
    const form = await s.get('/logga-in/kod');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('autocomplete="one-time-code"');

    const bad = await s.post('/logga-in/kod', { code: wrong(await code()) }, { csrfFrom: '/logga-in/kod' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/<title>Fel: /);
    const ok = await s.post('/logga-in/kod', { code: await code() }, { csrfFrom: '/logga-in/kod' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/handlaggning/arenden');
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(200);
    const session = await t.db.selectFrom('sessions as x').innerJoin('users as u', 'u.id', 'x.user_id').select('x.auth_method').where('u.email', '=', EMAIL).orderBy('x.created_at', 'desc').executeTakeFirstOrThrow();
    expect(session.auth_method).toBe('password_totp');
  });

  it('refuses the same code twice (no replay), and takes the next one', async () => {
    const used = await code();
    const s = new Session(t.app);
    await s.post('/logga-in', { email: EMAIL, password: DEMO_PASSWORD });
    const replay = await s.post('/logga-in/kod', { code: used }, { csrfFrom: '/logga-in/kod' });
    expect(replay.statusCode).toBe(400);
    t.clock.advance(30_000);
    expect((await s.post('/logga-in/kod', { code: await code() }, { csrfFrom: '/logga-in/kod' })).statusCode).toBe(303);
  });

  it('does not go to the code step with a wrong password, nor with a forged or expired pending cookie', async () => {
    const s = new Session(t.app);
    const res = await s.post('/logga-in', { email: EMAIL, password: 'fel-lösenord' });
    expect(res.statusCode).toBe(400);
    expect((await s.get('/logga-in/kod')).statusCode).toBe(303);

    const forged = new Session(t.app);
    const userId = (await t.db.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow()).id;
    forged.setCookie('lyhord_2fa', `${userId}|${t.clock.now().getTime() + 60_000}|/handlaggning`);
    expect((await forged.get('/logga-in/kod')).statusCode).toBe(303);

    const slow = new Session(t.app);
    await slow.post('/logga-in', { email: EMAIL, password: DEMO_PASSWORD });
    const token = await slow.csrf('/logga-in/kod');
    t.clock.advance(6 * 60_000);
    const late = await slow.post('/logga-in/kod', { code: await code() }, { csrf: token });
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe('/logga-in');
  });

  it('locks the code step after five wrong codes', async () => {
    t.clock.advance(60_000);
    const s = new Session(t.app);
    await s.post('/logga-in', { email: EMAIL, password: DEMO_PASSWORD });
    const token = await s.csrf('/logga-in/kod');
    for (let i = 0; i < 4; i++) expect(errorSummary((await s.post('/logga-in/kod', { code: wrong(await code()) }, { csrf: token })).body)).toContain('Koden stämmer inte');
    expect(errorSummary((await s.post('/logga-in/kod', { code: wrong(await code()) }, { csrf: token })).body)).toContain('För många felaktiga koder');
    expect(errorSummary((await s.post('/logga-in/kod', { code: await code() }, { csrf: token })).body)).toContain('För många felaktiga koder');
    t.clock.advance(16 * 60_000);
  });

  it('lets the organization admin reset a lost second factor', async () => {
    const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const userId = (await t.db.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow()).id;
    const page = await admin.get(`/admin/personer/${userId}`);
    expect(page.body).toContain('tvåstegsverifiering');
    expect((await admin.post(`/admin/personer/${userId}/nollstall-tvasteg`, {}, { csrfFrom: '/admin' })).statusCode).toBe(303);
    await new Session(t.app).signIn(EMAIL);
  });

  it('turns two-factor off with a valid code', async () => {
    const s = await new Session(t.app).signIn(EMAIL);
    const page = await s.get('/konto/tvastegsverifiering');
    secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, '');
    await s.post('/konto/tvastegsverifiering/aktivera', { code: await code() }, { csrfFrom: '/konto/tvastegsverifiering' });
    t.clock.advance(30_000);
    const bad = await s.post('/konto/tvastegsverifiering/stang-av', { code: '000000' === (await code()) ? '111111' : '000000' }, { csrfFrom: '/konto/tvastegsverifiering' });
    expect(bad.statusCode).toBe(400);
    expect((await s.post('/konto/tvastegsverifiering/stang-av', { code: await code() }, { csrfFrom: '/konto/tvastegsverifiering' })).statusCode).toBe(303);
    expect((await t.db.selectFrom('users').select('totp_enabled_at').where('email', '=', EMAIL).executeTakeFirstOrThrow()).totp_enabled_at).toBeNull();
  });

  it('counts wrong codes when turning two-factor off, and waits like the sign-in after five', async () => {
    const s = await new Session(t.app).signIn(EMAIL);
    const page = await s.get('/konto/tvastegsverifiering');
    secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, '');
    t.clock.advance(30_000);
    await s.post('/konto/tvastegsverifiering/aktivera', { code: await code() }, { csrfFrom: '/konto/tvastegsverifiering' });
    t.clock.advance(30_000);
    const off = (c: string) => s.post('/konto/tvastegsverifiering/stang-av', { code: c }, { csrfFrom: '/konto/tvastegsverifiering' });
    for (let i = 0; i < 4; i++) expect(errorSummary((await off(wrong(await code()))).body)).toContain('Koden stämmer inte');
    expect(errorSummary((await off(wrong(await code()))).body)).toContain('För många felaktiga koder');
    const refused = await off(await code());
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toContain('För många felaktiga koder');
    expect((await t.db.selectFrom('users').select('totp_enabled_at').where('email', '=', EMAIL).executeTakeFirstOrThrow()).totp_enabled_at).not.toBeNull();
    t.clock.advance(2 * 60_000);
    expect((await off(await code())).statusCode).toBe(303);
  });
});
