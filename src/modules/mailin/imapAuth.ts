import type { InboundConfig } from '../../config.ts';

type OAuth = NonNullable<InboundConfig['imapOAuth']>;
let cached: { key: string; token: string; until: number } | undefined;

/**
 * An OAuth2 access token by the client-credentials grant (Microsoft 365: scope
 * https://outlook.office365.com/.default), kept until a minute before it expires.
 */
export async function clientCredentialsToken(o: OAuth, now = Date.now()): Promise<string> {
  const key = `${o.tokenUrl} ${o.clientId}`;
  if (cached?.key === key && cached.until > now) return cached.token;
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: o.clientId, client_secret: o.clientSecret, ...(o.scope ? { scope: o.scope } : {}) });
  const res = await fetch(o.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`The OAuth2 token endpoint answered ${res.status}`);
  const json = (await res.json()) as { access_token?: string; expires_in?: number };
  if (!json.access_token) throw new Error('The OAuth2 token endpoint gave no access_token');
  cached = { key, token: json.access_token, until: now + Math.max(60, (json.expires_in ?? 3600) - 60) * 1000 };
  return json.access_token;
}

/** How to sign in to the mailbox: the password in IMAP_URL, or an OAuth2 access token (XOAUTH2). */
export async function imapAuth(url: URL, config: Pick<InboundConfig, 'imapAccessToken' | 'imapOAuth'>): Promise<{ user: string; pass?: string; accessToken?: string }> {
  const user = decodeURIComponent(url.username);
  if (config.imapOAuth) return { user, accessToken: await clientCredentialsToken(config.imapOAuth) };
  if (config.imapAccessToken) return { user, accessToken: config.imapAccessToken };
  return { user, pass: decodeURIComponent(url.password) };
}
