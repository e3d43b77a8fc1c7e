import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1, for tests of single sign-on.
 * Accounts are a map the test changes as it likes; sign-in goes through the provider's own
 * development interactions (a login form and a consent form), driven over HTTP by `IdpBrowser`.
 */
export interface TestAccount {
  email?: string;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** TCP connections the provider has accepted: a refused issuer must leave this at 0. */
  connections(): number;
  close(): Promise<void>;
}

export async function startOidcProvider(opts: { redirectUris: string[]; postLogoutRedirectUris: string[] }): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'lyhord-test';
  const clientSecret = 'en-hemlighet-som-bara-testet-kanner-till-0123456789';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: opts.redirectUris, post_logout_redirect_uris: opts.postLogoutRedirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, sub) {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: a.email, email_verified: true, name: a.name, groups: a.groups ?? [] };
        },
      };
    },
  });
  // Quiet: the provider warns about development-only settings, which is what this is.
  provider.on('server_error', () => {});
  server.on('request', provider.callback());
  let connections = 0;
  server.on('connection', () => connections++);
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser at the provider: keeps the provider's cookies and follows its redirects by hand. */
export class IdpBrowser {
  private jar = new Map<string, string>();

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    this.keep(res);
    return res;
  }

  /**
   * Follows an authorization URL through the provider's login and consent as `accountId`,
   * and returns where the provider finally sends the browser back (the client's redirect URI).
   */
  async signIn(authorizationUrl: string, accountId: string): Promise<string> {
    let url = authorizationUrl;
    for (let step = 0; step < 12; step++) {
      const res = await this.request(url);
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get('location')!, url).href;
        if (!next.startsWith(new URL(authorizationUrl).origin)) return next;
        url = next;
        continue;
      }
      const html = await res.text();
      if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
      const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!prompt || !action) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
      const post = await this.request(new URL(action, url).href, { form: prompt === 'login' ? { prompt, login: accountId, password: 'x' } : { prompt } });
      if (post.status < 300 || post.status >= 400) throw new Error(`provider refused ${prompt}: ${post.status}`);
      url = new URL(post.headers.get('location')!, url).href;
      if (!url.startsWith(new URL(authorizationUrl).origin)) return url;
    }
    throw new Error('too many steps at the provider');
  }
}
