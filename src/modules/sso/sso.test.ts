import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { IdpBrowser, startOidcProvider, type TestProvider } from '../../../test/oidcProvider.ts';
import { hashSessionId } from '../auth/sessions.ts';
import { networkPolicyOf } from '../../platform/internalNetwork.ts';
import { seedDemoOrganization } from '../organizations/demo.ts';
import { seedDemoStaff } from '../organizations/demoStaff.ts';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider) on 127.0.0.1: the
 * provider's own login and consent pages, real tokens, real signatures. Nothing is mocked.
 */
let t: TestContext;
let idp: TestProvider;
const APP = 'http://localhost';

beforeAll(async () => {
  // The test provider runs on 127.0.0.1, which an installation must allow explicitly.
  t = await startTestApp({ staff: true, config: { oidcIssuerNetwork: networkPolicyOf('127.0.0.1') } });
  idp = await startOidcProvider({
    redirectUris: [`${APP}/logga-in/sso/callback`, `${APP}/o/grannkommun/logga-in/sso/callback`],
    postLogoutRedirectUris: [`${APP}/logga-in?utloggad`, `${APP}/o/grannkommun/logga-in?utloggad`],
  });
  idp.accounts.set('alice', { email: 'Registrator@exempelkommun.se', name: 'Rebecka R', groups: [] });
  idp.accounts.set('bob', { email: 'ny.handlaggare@exempelkommun.se', name: 'Bo Nyström', groups: ['synpunkter-gata', 'alla-anstallda'] });
  idp.accounts.set('carol', { email: 'okand@exempelkommun.se', name: 'Carol Okänd', groups: ['alla-anstallda'] });
  idp.accounts.set('nomail', { name: 'Utan E-post' });
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

const errorSummary = (html: string) => html.match(/<div class="error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
const ssoSettings = (over: Record<string, string> = {}) => ({
  issuerUrl: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  scopes: 'openid email profile groups',
  emailClaim: 'email',
  groupsClaim: 'groups',
  groupRoles: 'synpunkter-gata = Handläggare @ Gata och park',
  buttonLabel: 'Logga in med kommunens konto',
  enabled: 'ja',
  passwordLogin: 'ja',
  ...over,
});

/** Starts at the app's button, signs in at the provider, and comes back to the app's callback. */
async function ssoSignIn(accountId: string, opts: { back?: string; tamper?: (url: URL) => void; browser?: IdpBrowser } = {}) {
  const s = new Session(t.app);
  const start = await s.get(`/logga-in/sso${opts.back ? `?tillbaka=${encodeURIComponent(opts.back)}` : ''}`);
  expect(start.statusCode).toBe(303);
  const authUrl = new URL(start.headers.location as string);
  expect(authUrl.origin).toBe(idp.issuer);
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authUrl.searchParams.get('state')).toBeTruthy();
  expect(authUrl.searchParams.get('nonce')).toBeTruthy();
  const browser = opts.browser ?? new IdpBrowser();
  const back = new URL(await browser.signIn(authUrl.href, accountId));
  expect(back.origin + back.pathname).toBe(`${APP}/logga-in/sso/callback`);
  opts.tamper?.(back);
  const res = await s.get(back.pathname + back.search);
  return { s, res, browser };
}

/** A port on 127.0.0.1 that nothing listens on: a server's, just closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

describe('configuring single sign-on', () => {
  it('refuses an issuer that does not answer, with a clear message, and saves nothing', async () => {
    const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const res = await admin.post('/admin/inloggning', ssoSettings({ issuerUrl: 'http://127.0.0.1:1' }), { csrfFrom: '/admin/inloggning' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toContain('Identitetsleverantören på http://127.0.0.1:1 svarar inte');
    // Why, in Swedish words: not fetch's own English "fetch failed".
    expect(errorSummary(res.body)).toContain('OpenID Connect-konfiguration (porten går inte att använda)');
    expect(res.body).not.toContain('fetch failed');
    const closed = await closedPort();
    const refused = await admin.post('/admin/inloggning', ssoSettings({ issuerUrl: `http://127.0.0.1:${closed}` }), { csrfFrom: '/admin/inloggning' });
    expect(errorSummary(refused.body)).toContain('OpenID Connect-konfiguration (anslutningen nekades, ECONNREFUSED)');
    // The secret typed is not written back into the page, and the page says it must be typed again.
    expect(res.body).toContain('Hemligheten du skrev är inte sparad, eftersom något annat i formuläret behöver rättas först. Skriv in den igen innan du sparar.');
    expect(res.body).not.toContain(idp.clientSecret);
    expect(res.body).toContain('href="#issuerUrl"');
    expect(await t.db.selectFrom('organization_sso').selectAll().executeTakeFirst()).toBeUndefined();
    const insecure = await admin.post('/admin/inloggning', ssoSettings({ issuerUrl: 'http://login.exempelkommun.se' }), { csrfFrom: '/admin/inloggning' });
    expect(errorSummary(insecure.body)).toContain('https://');
  });

  it('saves the provider after asking it, keeps the secret encrypted and never shows it again', async () => {
    const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const badMapping = await admin.post('/admin/inloggning', ssoSettings({ groupRoles: 'synpunkter-gata = Handläggare @ Finns inte' }), { csrfFrom: '/admin/inloggning' });
    expect(badMapping.statusCode).toBe(400);
    expect(errorSummary(badMapping.body)).toContain('enheten ”Finns inte” finns inte');
    const res = await admin.post('/admin/inloggning', ssoSettings(), { csrfFrom: '/admin/inloggning' });
    expect(res.statusCode).toBe(303);
    const row = await t.db.selectFrom('organization_sso').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ enabled: true, issuer_url: idp.issuer, client_id: idp.clientId, email_claim: 'email', groups_claim: 'groups' });
    expect(row.client_secret_enc.toString('utf8')).not.toContain(idp.clientSecret);
    expect(row.group_roles).toEqual([{ group: 'synpunkter-gata', role: 'handler', unitId: expect.any(String) }]);
    const page = await admin.get('/admin/inloggning');
    expect(page.body).not.toContain(idp.clientSecret);
    expect(page.body).toContain('En hemlighet är sparad och visas aldrig igen');
    expect(page.body).toContain('synpunkter-gata = Handläggare @ Gata och park');
    expect(page.body).toContain(`${APP}/logga-in/sso/callback`);
    const log = await t.db.selectFrom('admin_log').selectAll().where('entity_type', '=', 'sso').executeTakeFirstOrThrow();
    expect(JSON.stringify(log.after)).not.toContain(idp.clientSecret);
    // Saving again without a secret keeps the stored one.
    expect((await admin.post('/admin/inloggning', ssoSettings({ clientSecret: '' }), { csrfFrom: '/admin/inloggning' })).statusCode).toBe(303);
    const again = await t.db.selectFrom('organization_sso').select('client_secret_enc').executeTakeFirstOrThrow();
    expect(again.client_secret_enc.length).toBeGreaterThan(0);
  });

  it('shows the sign-in button on the sign-in page', async () => {
    const page = await t.app.inject('/logga-in');
    expect(page.body).toContain('href="/logga-in/sso"');
    expect(page.body).toContain('Logga in med kommunens konto');
  });
});

describe('signing in with the provider', () => {
  it('signs in an existing account by its e-mail and returns where the person was going', async () => {
    const { s, res } = await ssoSignIn('alice', { back: '/handlaggning/arenden' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/handlaggning/arenden');
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(200);
    const user = await t.db.selectFrom('users').select(['id', 'sso_subject', 'last_login_at']).where('email', '=', 'registrator@exempelkommun.se').executeTakeFirstOrThrow();
    expect(user.sso_subject).toBe('alice');
    const session = await t.db.selectFrom('sessions').select(['auth_method', 'id_token']).where('user_id', '=', user.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(session.auth_method).toBe('oidc');
    expect(session.id_token).toBeTruthy();
  });

  it('refuses a person without an account, clearly and in Swedish', async () => {
    const { s, res } = await ssoSignIn('carol');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Du har inte tillgång');
    expect(res.body).toContain('du har inget konto i synpunktshanteringen hos Exempelkommun');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'okand@exempelkommun.se').executeTakeFirst()).toBeUndefined();
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(303);
  });

  it('refuses a sign-in where the provider gives no e-mail', async () => {
    const { res } = await ssoSignIn('nomail');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('ingen e-postadress');
  });

  it('gives the mapped role to a member of a mapped group, making the account, and takes it away when they leave the group', async () => {
    const { s, res } = await ssoSignIn('bob');
    expect(res.statusCode).toBe(303);
    const bob = await t.db.selectFrom('users').select(['id', 'name', 'password_hash']).where('email', '=', 'ny.handlaggare@exempelkommun.se').executeTakeFirstOrThrow();
    expect(bob.name).toBe('Bo Nyström');
    expect(bob.password_hash).toBeNull();
    const gata = await t.db.selectFrom('org_units').select('id').where('name', '=', 'Gata och park').executeTakeFirstOrThrow();
    const grants = await t.db.selectFrom('role_grants').select(['role', 'org_unit_id', 'source']).where('user_id', '=', bob.id).execute();
    expect(grants).toEqual([{ role: 'handler', org_unit_id: gata.id, source: 'sso' }]);
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(200);
    expect(await t.db.selectFrom('admin_log').select('summary').where('entity_id', '=', bob.id).where('entity_type', '=', 'role_grant').executeTakeFirst()).toBeDefined();

    // A role given by hand stays; the group role goes with the group.
    await t.db.insertInto('role_grants').values({ user_id: bob.id, role: 'reader', org_unit_id: null }).execute();
    idp.accounts.set('bob', { email: 'ny.handlaggare@exempelkommun.se', name: 'Bo Nyström', groups: ['alla-anstallda'] });
    const second = await ssoSignIn('bob');
    expect(second.res.statusCode).toBe(303);
    expect(await t.db.selectFrom('role_grants').select(['role', 'source']).where('user_id', '=', bob.id).execute()).toEqual([{ role: 'reader', source: 'manual' }]);
  });

  it('refuses a tampered state, and a callback without the sign-in cookie', async () => {
    const tampered = await ssoSignIn('alice', { tamper: (u) => u.searchParams.set('state', `${u.searchParams.get('state')}x`) });
    expect(tampered.res.statusCode).toBe(400);
    expect(tampered.res.body).toContain('klarade inte säkerhetskontrollen');
    expect(tampered.res.headers['set-cookie']?.toString() ?? '').not.toMatch(/lyhord_session=[^;]/);

    // A callback in another browser (no state cookie): refused before the code is used.
    const s = new Session(t.app);
    const start = await s.get('/logga-in/sso');
    const back = new URL(await new IdpBrowser().signIn(start.headers.location as string, 'alice'));
    const other = await new Session(t.app).get(back.pathname + back.search);
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('startades i en annan webbläsare');

    // A forged state cookie (bad signature) is as good as none.
    s.setCookie('lyhord_oidc', 'eyJvIjoiZm9yZ2VkIn0.forged');
    expect((await s.get(back.pathname + back.search)).statusCode).toBe(400);
  });

  it('signs out here and offers to sign out at the provider too', async () => {
    const { s, browser } = await ssoSignIn('alice');
    const res = await s.post('/logga-ut', {}, { csrfFrom: '/handlaggning/arenden' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/logga-in?utloggad=sso');
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(303);
    const page = await s.get('/logga-in?utloggad=sso');
    expect(page.body).toContain('Du är utloggad.');
    const link = /<a href="([^"]+)">Logga ut där också<\/a>/.exec(page.body)![1]!.replace(/&amp;/g, '&');
    const endSession = new URL(link);
    expect(endSession.origin).toBe(idp.issuer);
    expect(endSession.searchParams.get('client_id')).toBe(idp.clientId);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/logga-in?utloggad`);
    // At the provider: confirm, and come back to the sign-in page.
    const confirm = await browser.request(link);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    const action = /action="([^"]+)"/.exec(html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const done = await browser.request(new URL(action, idp.issuer).href, { form: { xsrf, logout: 'yes' } });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${APP}/logga-in?utloggad`);
  });

  it('says clearly when the provider does not answer at sign-in', async () => {
    const before = await t.db.selectFrom('organization_sso').select(['issuer_url']).executeTakeFirstOrThrow();
    await t.db.updateTable('organization_sso').set({ issuer_url: 'http://127.0.0.1:1', updated_at: new Date() }).execute();
    const res = await new Session(t.app).get('/logga-in/sso');
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Inloggningstjänsten svarar inte');
    expect(res.body).toContain('svarar inte');
    await t.db.updateTable('organization_sso').set({ issuer_url: before.issuer_url, updated_at: new Date(Date.now() + 1000) }).execute();
  });
});

describe('switching local passwords off', () => {
  it('is refused while single sign-on is off, then hides the password form and refuses passwords', async () => {
    const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
    // A browser that opened the sign-in page before passwords were switched off.
    const s = new Session(t.app);
    const token = await s.csrf('/logga-in');
    const refused = await admin.post('/admin/inloggning', ssoSettings({ clientSecret: '', enabled: '', passwordLogin: '' }), { csrfFrom: '/admin/inloggning' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#passwordLogin"');
    expect((await admin.post('/admin/inloggning', ssoSettings({ clientSecret: '', passwordLogin: '' }), { csrfFrom: '/admin/inloggning' })).statusCode).toBe(303);
    const page = await t.app.inject('/logga-in');
    expect(page.body).not.toContain('name="password"');
    expect(page.body).toContain('href="/logga-in/sso"');
    const res = await s.post('/logga-in', { email: 'lasare@exempelkommun.se', password: 'exempel-demo-2026' }, { csrf: token });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toContain('loggar in med organisationens egen inloggning');
    await t.db.updateTable('organizations').set({ password_login: true }).execute();
  });
});

describe('single sign-on for an organization under /o/<slug>/', () => {
  it('uses the organization’s own callback and session, and does not sign in anywhere else', async () => {
    const orgB = await seedDemoOrganization(t.db, { slug: 'grannkommun', name: 'Grannkommun', isDefault: false });
    await seedDemoStaff(t.db, orgB);
    const B = '/o/grannkommun';
    const admin = await new Session(t.app, B).signIn('admin@exempelkommun.se');
    const settings = await admin.get('/admin/inloggning');
    expect(settings.body).toContain(`${APP}${B}/logga-in/sso/callback`);
    expect((await admin.post('/admin/inloggning', ssoSettings({ groupRoles: '' }), { csrfFrom: '/admin/inloggning' })).statusCode).toBe(303);

    const s = new Session(t.app, B);
    const start = await s.get('/logga-in/sso');
    const auth = new URL(start.headers.location as string);
    expect(auth.searchParams.get('redirect_uri')).toBe(`${APP}${B}/logga-in/sso/callback`);
    const cookie = ([] as string[]).concat(start.headers['set-cookie'] as string[]).find((c) => c.startsWith('lyhord_oidc='))!;
    expect(cookie).toMatch(new RegExp(`Path=${B}/logga-in/sso`));
    const back = new URL(await new IdpBrowser().signIn(auth.href, 'alice'));
    expect(back.pathname).toBe(`${B}/logga-in/sso/callback`);
    const res = await s.get(back.pathname + back.search);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${B}/handlaggning`);
    expect(s.cookie('lyhord_session_grannkommun')).toBeTruthy();
    const session = await t.db
      .selectFrom('sessions as x')
      .innerJoin('users as u', 'u.id', 'x.user_id')
      .select(['u.organization_id', 'x.auth_method'])
      .where('x.id_hash', '=', hashSessionId(s.cookie('lyhord_session_grannkommun')!))
      .executeTakeFirstOrThrow();
    expect(session).toEqual({ organization_id: orgB, auth_method: 'oidc' });
    expect(s.cookie('lyhord_session')).toBeUndefined();
    expect((await s.get('/handlaggning/arenden')).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/handlaggning/arenden', headers: { cookie: `lyhord_session=${s.cookie('lyhord_session_grannkommun')}` } })).statusCode).toBe(303);
  });
});
