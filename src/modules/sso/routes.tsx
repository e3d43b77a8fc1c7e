import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { Db } from '../../db/database.ts';
import { formatDateTime, type Clock } from '../../platform/clock.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { PRODUCT_NAME } from '../../platform/product.ts';
import { staffArea } from '../../platform/staff.ts';
import { absoluteUrl } from '../../platform/tenant.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { logAdminChange } from '../admin/log.ts';
import { sessionCookieOptions } from '../auth/plugin.ts';
import { clearFailures } from '../auth/login.ts';
import { safeBack } from '../auth/routes.tsx';
import { createSession, sessionCookieName } from '../auth/sessions.ts';
import { accountForSignIn } from './accounts.ts';
import { configurationFor, finishSignIn, loadSsoConfig, SsoError, startSignIn } from './oidc.ts';
import { checkTotp, groupedSecret, newTotpSecret, openTotp, qrSvg, sealTotp, totpThrottleKey, totpUri, verifySecondFactor } from './totp.ts';
import { SsoMessagePage } from './views/SsoMessagePage.tsx';
import { TotpPage } from './views/TotpPage.tsx';

const STATE_COOKIE = 'lyhord_oidc';
const STATE_MINUTES = 10;

interface PendingSignIn {
  /** organization id */
  o: string;
  s: string;
  n: string;
  v: string;
  /** where to go after */
  b: string;
  /** expires, ms */
  e: number;
}

export const ssoRoutes: FastifyPluginAsync<{ db: Db; clock: Clock; secureCookies: boolean; issuerFetch: client.CustomFetch }> = async (app, opts) => {
  const { db, clock } = opts;
  const sealer = await installationSealer(db);
  const callbackPath = '/logga-in/sso/callback';
  const statePath = (req: FastifyRequest) => `${req.basePath}/logga-in/sso`;

  const message = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, text: string) =>
    sendPage(reply, <SsoMessagePage org={req.org} title={title} message={text} />, status);

  app.get<{ Querystring: { tillbaka?: string } }>('/logga-in/sso', async (req, reply) => {
    const cfg = await loadSsoConfig(db, sealer, req.org.id);
    if (!cfg?.enabled) return message(req, reply, 404, req.i18n.t('sso.message.missingTitle'), req.i18n.t('sso.message.missingUsePassword', { org: req.org.name }));
    let config: client.Configuration;
    try {
      config = await configurationFor(cfg, opts.issuerFetch);
    } catch (err) {
      if (err instanceof SsoError) return message(req, reply, 503, req.i18n.t('sso.message.unavailableTitle'), req.i18n.t('sso.message.unavailableRetry', { message: err.message }));
      throw err;
    }
    const auth = await startSignIn(config, cfg, absoluteUrl(req, callbackPath));
    const pending: PendingSignIn = { o: req.org.id, s: auth.state, n: auth.nonce, v: auth.verifier, b: safeBack(req.query.tillbaka), e: clock.now().getTime() + STATE_MINUTES * 60_000 };
    reply.setCookie(STATE_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      path: statePath(req),
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET from another site.
      sameSite: 'lax',
      secure: opts.secureCookies,
      signed: true,
      maxAge: STATE_MINUTES * 60,
    });
    return reply.code(303).header('location', auth.url).send();
  });

  app.get(callbackPath, async (req, reply) => {
    const raw = req.cookies[STATE_COOKIE];
    reply.clearCookie(STATE_COOKIE, { path: statePath(req) });
    let pending: PendingSignIn | undefined;
    if (raw) {
      const un = req.unsignCookie(raw);
      if (un.valid && un.value) {
        try {
          pending = JSON.parse(Buffer.from(un.value, 'base64url').toString('utf8')) as PendingSignIn;
        } catch {
          pending = undefined;
        }
      }
    }
    if (!pending || pending.o !== req.org.id || pending.e < clock.now().getTime()) {
      return message(req, reply, 400, req.i18n.t('sso.message.failedTitle'), req.i18n.t('sso.message.stale'));
    }
    const cfg = await loadSsoConfig(db, sealer, req.org.id);
    if (!cfg?.enabled) return message(req, reply, 404, req.i18n.t('sso.message.missingTitle'), req.i18n.t('sso.message.missing', { org: req.org.name }));
    let claims;
    try {
      const config = await configurationFor(cfg, opts.issuerFetch);
      claims = await finishSignIn(config, cfg, new URL(absoluteUrl(req, req.url)), { state: pending.s, nonce: pending.n, verifier: pending.v });
    } catch (err) {
      if (err instanceof SsoError) return message(req, reply, 503, req.i18n.t('sso.message.unavailableTitle'), err.message);
      if (err instanceof client.AuthorizationResponseError) {
        return message(req, reply, 400, req.i18n.t('sso.message.abortedTitle'), req.i18n.t('sso.message.aborted', { error: err.error }));
      }
      req.log.warn({ err: { message: (err as Error).message, code: (err as { code?: string }).code } }, 'oidc callback refused');
      return message(req, reply, 400, req.i18n.t('sso.message.failedTitle'), req.i18n.t('sso.message.refused'));
    }
    const now = clock.now();
    const account = await accountForSignIn(db, req.org.id, req.org.name, cfg, claims, now);
    if (!account.ok) return message(req, reply, 403, req.i18n.t('sso.message.noAccessTitle'), account.message);
    const sessionId = await createSession(db, account.userId, now, { authMethod: 'oidc', idToken: claims.idToken });
    reply.setCookie(sessionCookieName(req.org), sessionId, sessionCookieOptions(opts.secureCookies, req.basePath));
    return reply.code(303).header('location', safeBack(pending.b)).send();
  });

  // Two-factor enrolment for local accounts.
  await app.register(async (staff) => {
    staffArea(staff);
    const PATH = '/konto/tvastegsverifiering';

    async function page(req: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, notice?: string) {
      const actor = req.actor!;
      const user = await db.selectFrom('users').select(['email', 'password_hash', 'totp_secret_enc', 'totp_enabled_at']).where('id', '=', actor.id).executeTakeFirstOrThrow();
      const common = { org: req.org, actor, csrf: reply.generateCsrf(), errors, notice };
      if (!user.password_hash || !req.org.password_login) return sendPage(reply, <TotpPage {...common} state="not_applicable" />);
      if (user.totp_enabled_at) return sendPage(reply, <TotpPage {...common} state="enabled" enabledAt={user.totp_enabled_at} />, Object.keys(errors).length ? 400 : 200);
      let secret: string;
      if (user.totp_secret_enc) secret = openTotp(sealer, actor.id, user.totp_secret_enc);
      else {
        secret = newTotpSecret();
        await db.updateTable('users').set({ totp_secret_enc: sealTotp(sealer, actor.id, secret) }).where('id', '=', actor.id).where('totp_enabled_at', 'is', null).execute();
      }
      const uri = totpUri(secret, user.email, `${PRODUCT_NAME} ${req.org.name}`);
      return sendPage(reply, <TotpPage {...common} state="enrol" qr={await qrSvg(uri)} secret={groupedSecret(secret)} />, Object.keys(errors).length ? 400 : 200);
    }

    staff.get<{ Querystring: Record<string, string> }>(PATH, async (req, reply) => {
      const notice = 'aktiverad' in req.query ? req.i18n.t('sso.totp.enabled') : 'avstangd' in req.query ? req.i18n.t('sso.totp.disabled') : undefined;
      return page(req, reply, {}, notice);
    });

    staff.post<{ Body: Record<string, unknown> }>(`${PATH}/aktivera`, { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
      const actor = req.actor!;
      const code = typeof req.body?.code === 'string' ? req.body.code : '';
      const user = await db.selectFrom('users').select(['totp_secret_enc', 'totp_enabled_at']).where('id', '=', actor.id).executeTakeFirstOrThrow();
      if (user.totp_enabled_at || !user.totp_secret_enc) return reply.code(303).header('location', PATH).send();
      const now = clock.now();
      const result = await checkTotp(openTotp(sealer, actor.id, user.totp_secret_enc), code, now, null);
      if (!result.valid) return page(req, reply, { code: code.trim() ? req.i18n.t('sso.totp.wrong') : req.i18n.t('sso.totp.codeMissing') });
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ totp_enabled_at: now, totp_last_step: result.step }).where('id', '=', actor.id).execute();
        // A new key starts a new count of wrong codes.
        await clearFailures(tx, actor.organizationId, totpThrottleKey(actor.id));
        await logAdminChange(tx, { organizationId: actor.organizationId, actor, action: 'update', entityType: 'user', entityId: actor.id, summary: sv('sso.log.totpEnabled', { name: actor.name }), now });
      });
      return reply.code(303).header('location', `${PATH}?aktiverad`).send();
    });

    staff.post<{ Body: Record<string, unknown> }>(`${PATH}/stang-av`, { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
      const actor = req.actor!;
      const code = typeof req.body?.code === 'string' ? req.body.code : '';
      // The session's own read of the user says whether there is a factor; verifySecondFactor reads the key itself.
      if (!actor.totpEnabled) return reply.code(303).header('location', PATH).send();
      const now = clock.now();
      if (!code.trim()) return page(req, reply, { code: req.i18n.t('sso.totp.codeMissing') });
      // The same counter and waits as the code at sign-in: a stolen session must not be able to guess its way to turning the second factor off.
      const result = await verifySecondFactor(db, sealer, actor.organizationId, actor.id, code, now);
      if (!result.ok) {
        return page(req, reply, {
          code:
            result.reason === 'locked'
              ? req.i18n.t('sso.totp.locked', { until: formatDateTime(result.lockedUntil!) })
              : req.i18n.t('sso.totp.wrong'),
        });
      }
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ totp_enabled_at: null, totp_secret_enc: null, totp_last_step: null }).where('id', '=', actor.id).execute();
        await logAdminChange(tx, { organizationId: actor.organizationId, actor, action: 'update', entityType: 'user', entityId: actor.id, summary: sv('sso.log.totpDisabled', { name: actor.name }), now });
      });
      return reply.code(303).header('location', `${PATH}?avstangd`).send();
    });
  });
};

