import * as client from 'openid-client';
import type { CustomFetch } from 'openid-client';
import type { Db, Executor } from '../../db/database.ts';
import type { GroupRole, Role } from '../../db/schema.ts';
import type { Sealer } from '../../platform/crypto.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { isInternalAddressRefusal } from '../../platform/internalNetwork.ts';
import { networkProblem } from '../../platform/networkError.ts';

/** An organization's OpenID Connect settings, with the client secret opened. */
export interface SsoConfig {
  organizationId: string;
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  emailClaim: string;
  groupsClaim: string;
  scopes: string;
  groupRoles: GroupRole[];
  buttonLabel: string | null;
  updatedAt: Date;
}

const secretContext = (organizationId: string) => `oidc-client-secret:${organizationId}`;
export const sealClientSecret = (sealer: Sealer, organizationId: string, secret: string) => sealer.seal(secret, secretContext(organizationId));

export async function loadSsoConfig(db: Executor, sealer: Sealer, organizationId: string): Promise<SsoConfig | undefined> {
  const row = await db.selectFrom('organization_sso').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
  if (!row) return undefined;
  return {
    organizationId,
    enabled: row.enabled,
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    clientSecret: sealer.open(row.client_secret_enc, secretContext(organizationId)),
    emailClaim: row.email_claim,
    groupsClaim: row.groups_claim,
    scopes: row.scopes,
    groupRoles: row.group_roles ?? [],
    buttonLabel: row.button_label,
    updatedAt: row.updated_at,
  };
}

/** What the sign-in page needs: whether to show the button, and its text. */
export async function ssoButton(db: Executor, organizationId: string): Promise<string | null> {
  const row = await db.selectFrom('organization_sso').select(['enabled', 'button_label']).where('organization_id', '=', organizationId).executeTakeFirst();
  if (!row?.enabled) return null;
  return row.button_label?.trim() || sv('sso.buttonDefault');
}

/** Something about the identity provider that a person must be told about, in Swedish. */
export class SsoError extends Error {
  constructor(
    readonly code: 'unreachable' | 'internal_address' | 'insecure' | 'invalid_url' | 'not_configured',
    message: string,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** https only; plain http only on this machine (a provider in a test or a local development setup). */
export function checkIssuerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SsoError('invalid_url', 'Skriv utfärdarens adress som en hel webbadress, till exempel https://login.kommun.se/realms/personal.');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  throw new SsoError('insecure', 'Utfärdarens adress måste börja med https://.');
}

const TIMEOUT_SECONDS = 5;

/**
 * Fetches the provider's discovery document. An issuer that does not answer is a clear message.
 * issuerFetch is platform/internalNetwork.ts guardedFetch under the installation's policy (buildApp makes it).
 */
export async function discover(cfg: Pick<SsoConfig, 'issuerUrl' | 'clientId' | 'clientSecret'>, issuerFetch: CustomFetch): Promise<client.Configuration> {
  const url = checkIssuerUrl(cfg.issuerUrl);
  try {
    return await client.discovery(url, cfg.clientId, { client_secret: cfg.clientSecret }, client.ClientSecretBasic(cfg.clientSecret), {
      timeout: TIMEOUT_SECONDS,
      execute: url.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      // Also kept by the configuration for the JWKS, token and userinfo requests.
      [client.customFetch]: issuerFetch,
    });
  } catch (err) {
    if (isInternalAddressRefusal(err)) {
      throw new SsoError(
        'internal_address',
        sv('sso.issuer.internal', { host: url.host }),
      );
    }
    // In words, not fetch's English "fetch failed".
    throw new SsoError('unreachable', sv('sso.issuer.unreachable', { origin: url.origin, detail: networkProblem(err) }));
  }
}

// Discovery is done once per organization and settings version, not at every sign-in.
const cache = new Map<string, { config: client.Configuration; at: number }>();
const CACHE_MS = 10 * 60_000;

export async function configurationFor(cfg: SsoConfig, issuerFetch: CustomFetch, now = Date.now()): Promise<client.Configuration> {
  const key = `${cfg.organizationId}:${cfg.updatedAt.getTime()}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.config;
  const config = await discover(cfg, issuerFetch);
  for (const k of cache.keys()) if (k.startsWith(`${cfg.organizationId}:`)) cache.delete(k);
  cache.set(key, { config, at: now });
  return config;
}

export interface AuthRequest {
  url: string;
  state: string;
  nonce: string;
  verifier: string;
}

/** The provider's authorization URL with state, nonce and PKCE, all fresh for this sign-in. */
export async function startSignIn(config: client.Configuration, cfg: SsoConfig, redirectUri: string): Promise<AuthRequest> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: cfg.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state, nonce, verifier };
}

export interface SignInClaims {
  subject: string;
  email: string | null;
  name: string | null;
  groups: string[];
  idToken: string | undefined;
}

/** Exchanges the code; state, nonce, PKCE, issuer and the ID token's signature are all checked. */
export async function finishSignIn(config: client.Configuration, cfg: SsoConfig, currentUrl: URL, expected: { state: string; nonce: string; verifier: string }): Promise<SignInClaims> {
  const tokens = await client.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: expected.verifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims()!;
  let claims: Record<string, unknown> = { ...idClaims };
  if (claims[cfg.emailClaim] === undefined || claims[cfg.groupsClaim] === undefined) {
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...claims };
    } catch {
      // UserInfo is optional; what the ID token said is enough if it names the e-mail.
    }
  }
  const email = claims[cfg.emailClaim];
  const rawGroups = claims[cfg.groupsClaim];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : typeof rawGroups === 'string' ? rawGroups.split(/[\s,]+/).filter(Boolean) : [];
  return {
    subject: idClaims.sub,
    email: typeof email === 'string' && email.includes('@') ? email.trim().toLowerCase() : null,
    name: typeof claims.name === 'string' ? claims.name : null,
    groups,
    idToken: tokens.id_token,
  };
}

/** The roles a person's groups give, by the organization's mapping. Pure. */
export function rolesFromGroups(mapping: readonly GroupRole[], groups: readonly string[]): { role: Role; unitId: string | null }[] {
  const seen = new Set<string>();
  const out: { role: Role; unitId: string | null }[] = [];
  for (const m of mapping) {
    if (!groups.includes(m.group)) continue;
    const key = `${m.role}:${m.unitId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role: m.role, unitId: m.unitId });
  }
  return out;
}

/** The end-session URL at the provider, when it has one, for signing out there too. */
export function endSessionUrl(config: client.Configuration, postLogoutRedirectUri: string): string | null {
  if (!config.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri }).href;
}

export type { Db };
