import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startTestApp, type TestContext } from '../../../test/app.ts';
import { startOidcProvider, type TestProvider } from '../../../test/oidcProvider.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { guardedFetch, isInternalAddressRefusal, networkPolicyOf } from '../../platform/internalNetwork.ts';
import { sealClientSecret } from './oidc.ts';

/** A real provider on 127.0.0.1, and an app whose installation has not allowed internal issuers (the default). */
let t: TestContext;
let idp: TestProvider;
beforeAll(async () => {
  t = await startTestApp({ staff: true });
  idp = await startOidcProvider({ redirectUris: ['http://localhost/logga-in/sso/callback'], postLogoutRedirectUris: [] });
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

const errorSummary = (html: string) => html.match(/<div class="error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
const settings = (issuerUrl: string) => ({ issuerUrl, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid email', emailClaim: 'email', groupsClaim: 'groups', groupRoles: '', buttonLabel: '', enabled: 'ja', passwordLogin: 'ja' });

describe('an issuer on this machine, not allowed by the installation', () => {
  it('is refused when saved, by address or by name, with a clear message, and the provider is never contacted', async () => {
    const admin = await new Session(t.app).signIn('admin@exempelkommun.se');
    const port = new URL(idp.issuer).port;
    const summaries: string[] = [];
    for (const issuer of [idp.issuer, `http://localhost:${port}`, `https://[::ffff:127.0.0.1]:${port}`, `https://169.254.169.254`, 'http://127.0.0.1:1']) {
      const res = await admin.post('/admin/inloggning', settings(issuer), { csrfFrom: '/admin/inloggning' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('href="#issuerUrl"');
      expect(res.body).toContain(`value="${issuer}"`);
      summaries.push(errorSummary(res.body).replace(/ [^ ]+ leder till/, ' X leder till'));
    }
    expect(summaries[0]).toContain('leder till den här servern eller ett internt nätverk');
    expect(summaries[0]).toContain('OIDC_ALLOW_PRIVATE_ISSUERS');
    // An open port and a closed one get the same answer: nothing tells them apart.
    expect(new Set(summaries).size, summaries.join('\n')).toBe(1);
    expect(idp.connections()).toBe(0);
    expect(await t.db.selectFrom('organization_sso').selectAll().executeTakeFirst()).toBeUndefined();
  });

  it('is refused at connect time for a host name, and allowed when the installation names it', async () => {
    const url = `http://localhost:${new URL(idp.issuer).port}/.well-known/openid-configuration`;
    const err = await guardedFetch(networkPolicyOf(undefined))(url, { method: 'GET', headers: {}, redirect: 'manual', body: undefined }).catch((e: unknown) => e);
    expect(isInternalAddressRefusal(err)).toBe(true);
    expect(idp.connections()).toBe(0);
    const res = await guardedFetch(networkPolicyOf('localhost'))(url, { method: 'GET', headers: {}, redirect: 'manual', body: undefined });
    expect(res.status).toBe(200);
    expect(idp.connections()).toBe(1);
  });

  it('is refused at sign-in when such an issuer is already stored, without contacting it', async () => {
    const org = await t.db.selectFrom('organizations').select('id').where('is_default', '=', true).executeTakeFirstOrThrow();
    const sealer = await installationSealer(t.db);
    await t.db
      .insertInto('organization_sso')
      .values({ organization_id: org.id, enabled: true, issuer_url: idp.issuer, client_id: idp.clientId, client_secret_enc: sealClientSecret(sealer, org.id, idp.clientSecret), button_label: null, updated_by: null })
      .execute();
    const before = idp.connections();
    const res = await new Session(t.app).get('/logga-in/sso');
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('internt nätverk');
    expect(idp.connections()).toBe(before);
  });
});
