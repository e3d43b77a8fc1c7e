import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { CustomFetch } from 'openid-client';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { formatDateTime } from '../../platform/clock.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { absoluteUrl } from '../../platform/tenant.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { DEMO_PASSWORD, demoLogins } from '../organizations/demoStaff.ts';
import { configurationFor, endSessionUrl, loadSsoConfig, ssoButton } from '../sso/oidc.ts';
import { verifySecondFactor } from '../sso/totp.ts';
import { acceptInvitation, findOpenInvitation } from './invitations.ts';
import { login } from './login.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { sessionCookieOptions } from './plugin.ts';
import { createSession, destroySession, sessionCookieName } from './sessions.ts';
import { InvitationPage } from './views/InvitationPage.tsx';
import { LoginPage } from './views/LoginPage.tsx';
import { SecondFactorPage } from './views/SecondFactorPage.tsx';

/** Only same-site paths, so the sign-in page cannot be used to send people elsewhere. */
export const safeBack = (v: unknown) => (typeof v === 'string' && /^\/(?!\/)[^\s\\]*$/.test(v) ? v : '/handlaggning');

/** Between the password and the code: who, until when, and where to go after. Signed, short-lived. */
const PENDING_COOKIE = 'lyhord_2fa';
const PENDING_MINUTES = 5;

export const authRoutes: FastifyPluginAsync<{ db: Db; clock: Clock; demo: boolean; secureCookies: boolean; issuerFetch: CustomFetch }> = async (app, opts) => {
  const { db, clock } = opts;
  const sealer = await installationSealer(db);
  const demoFor = async (req: FastifyRequest) => (opts.demo && req.org.is_default ? { demoLogins: await demoLogins(db), demoPassword: DEMO_PASSWORD } : {});

  async function loginPage(req: FastifyRequest, reply: FastifyReply, props: { email?: string; errors?: FieldErrors; back?: string; notice?: string; ssoLogoutUrl?: string }, status = 200) {
    const sso = await ssoButton(db, req.org.id);
    return sendPage(
      reply,
      <LoginPage org={req.org} csrf={reply.generateCsrf()} ssoLabel={sso} passwordLogin={req.org.password_login} {...props} {...await demoFor(req)} />,
      status,
    );
  }

  app.get<{ Querystring: { tillbaka?: string; utloggad?: string; inbjudan?: string } }>('/logga-in', async (req, reply) => {
    if (req.actor) return reply.code(303).header('location', safeBack(req.query.tillbaka)).send();
    let notice: string | undefined;
    let ssoLogoutUrl: string | undefined;
    if (req.query.utloggad !== undefined) {
      notice = req.i18n.t('auth.login.signedOut');
      if (req.query.utloggad === 'sso') {
        const cfg = await loadSsoConfig(db, sealer, req.org.id).catch(() => undefined);
        if (cfg?.enabled) {
          const config = await configurationFor(cfg, opts.issuerFetch).catch(() => undefined);
          ssoLogoutUrl = (config && endSessionUrl(config, absoluteUrl(req, '/logga-in?utloggad'))) || undefined;
        }
      }
    }
    if (req.query.inbjudan !== undefined) notice = req.i18n.t('auth.login.accountReady');
    return loginPage(req, reply, { back: req.query.tillbaka ?? '', notice, ssoLogoutUrl });
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/logga-in',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const email = typeof req.body?.email === 'string' ? req.body.email : '';
      const password = typeof req.body?.password === 'string' ? req.body.password : '';
      const back = safeBack(req.body?.tillbaka);
      const errors: FieldErrors = {};
      if (!req.org.password_login) {
        errors.email = req.i18n.t('auth.login.useSso', { org: req.org.name });
        return loginPage(req, reply, { email, errors, back }, 400);
      }
      if (!email.trim()) errors.email = req.i18n.t('auth.login.emailMissing');
      if (!password) errors.password = req.i18n.t('auth.login.passwordMissing');
      if (Object.keys(errors).length === 0) {
        const result = await login(db, req.org.id, email, password, clock.now(), req.ip);
        if (result.ok && result.secondFactor) {
          const expires = clock.now().getTime() + PENDING_MINUTES * 60_000;
          reply.setCookie(PENDING_COOKIE, `${result.userId}|${expires}|${back}`, {
            path: req.basePath || '/',
            httpOnly: true,
            sameSite: 'strict',
            secure: opts.secureCookies,
            signed: true,
            maxAge: PENDING_MINUTES * 60,
          });
          return reply.code(303).header('location', '/logga-in/kod').send();
        }
        if (result.ok) {
          reply.setCookie(sessionCookieName(req.org), result.sessionId, sessionCookieOptions(opts.secureCookies, req.basePath));
          return reply.code(303).header('location', back).send();
        }
        errors.email =
          result.reason === 'locked'
            ? req.i18n.t('auth.login.locked', { until: formatDateTime(result.lockedUntil!) })
            : req.i18n.t('auth.login.wrong');
      }
      return loginPage(req, reply, { email, errors, back }, Object.keys(errors).length ? 400 : 200);
    },
  );

  /** The pending second step, if the signed cookie is there, intact and fresh. */
  function pending(req: FastifyRequest): { userId: string; back: string } | undefined {
    const raw = req.cookies[PENDING_COOKIE];
    if (!raw) return undefined;
    const un = req.unsignCookie(raw);
    if (!un.valid || !un.value) return undefined;
    const [userId, expires, back] = un.value.split('|');
    if (!userId || Number(expires) < clock.now().getTime()) return undefined;
    return { userId, back: safeBack(back) };
  }

  app.get('/logga-in/kod', async (req, reply) => {
    if (!pending(req)) return reply.code(303).header('location', '/logga-in').send();
    return sendPage(reply, <SecondFactorPage org={req.org} csrf={reply.generateCsrf()} />);
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/logga-in/kod',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const p = pending(req);
      if (!p) return reply.code(303).header('location', '/logga-in').send();
      const code = typeof req.body?.code === 'string' ? req.body.code.trim() : '';
      const errors: FieldErrors = {};
      if (!code) errors.code = req.i18n.t('auth.secondFactor.codeMissing');
      else {
        const now = clock.now();
        const result = await verifySecondFactor(db, sealer, req.org.id, p.userId, code, now);
        if (result.ok) {
          const sessionId = await createSession(db, p.userId, now, { authMethod: 'password_totp' });
          reply.clearCookie(PENDING_COOKIE, { path: req.basePath || '/' });
          reply.setCookie(sessionCookieName(req.org), sessionId, sessionCookieOptions(opts.secureCookies, req.basePath));
          return reply.code(303).header('location', p.back).send();
        }
        errors.code =
          result.reason === 'locked'
            ? req.i18n.t('auth.secondFactor.locked', { until: formatDateTime(result.lockedUntil!) })
            : req.i18n.t('auth.secondFactor.wrong');
      }
      return sendPage(reply, <SecondFactorPage org={req.org} csrf={reply.generateCsrf()} errors={errors} />, 400);
    },
  );

  app.post('/logga-ut', { preHandler: app.csrfProtection }, async (req, reply) => {
    const ended = req.sessionId ? await destroySession(db, req.sessionId) : undefined;
    reply.clearCookie(sessionCookieName(req.org), { path: req.basePath || '/' });
    // Signed in with single sign-on: offer to sign out at the provider too. That is a link the
    // person follows, because a form may only lead to this site (CSP form-action 'self').
    return reply.code(303).header('location', ended?.authMethod === 'oidc' ? '/logga-in?utloggad=sso' : '/logga-in?utloggad').send();
  });

  // Invitations: a one-time link sets the password of a new account.
  app.get<{ Params: { token: string } }>('/inbjudan/:token', async (req, reply) => {
    const inv = await findOpenInvitation(db, req.org.id, req.params.token, clock.now());
    return sendPage(reply, <InvitationPage org={req.org} csrf={reply.generateCsrf()} invitation={inv ?? null} token={req.params.token} minLength={MIN_PASSWORD_LENGTH} />, inv ? 200 : 404);
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> }>(
    '/inbjudan/:token',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const now = clock.now();
      const inv = await findOpenInvitation(db, req.org.id, req.params.token, now);
      if (!inv) return sendPage(reply, <InvitationPage org={req.org} csrf={reply.generateCsrf()} invitation={null} token={req.params.token} minLength={MIN_PASSWORD_LENGTH} />, 404);
      const password = typeof req.body?.password === 'string' ? req.body.password : '';
      const confirm = typeof req.body?.confirm === 'string' ? req.body.confirm : '';
      const errors: FieldErrors = {};
      if (req.org.password_login) {
        if ([...password].length < MIN_PASSWORD_LENGTH) errors.password = req.i18n.t('auth.invitation.tooShort', { n: MIN_PASSWORD_LENGTH });
        else if (password !== confirm) errors.confirm = req.i18n.t('auth.invitation.mismatch');
      }
      if (Object.keys(errors).length) {
        return sendPage(reply, <InvitationPage org={req.org} csrf={reply.generateCsrf()} invitation={inv} token={req.params.token} minLength={MIN_PASSWORD_LENGTH} errors={errors} />, 400);
      }
      const accepted = await acceptInvitation(db, req.org.id, req.params.token, req.org.password_login ? password : null, now);
      if (!accepted) return sendPage(reply, <InvitationPage org={req.org} csrf={reply.generateCsrf()} invitation={null} token={req.params.token} minLength={MIN_PASSWORD_LENGTH} />, 404);
      return reply.code(303).header('location', '/logga-in?inbjudan').send();
    },
  );
};
