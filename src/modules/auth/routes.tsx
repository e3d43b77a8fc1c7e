import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { formatDateTime } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { DEMO_PASSWORD, demoLogins } from '../organizations/demoStaff.ts';
import { login } from './login.ts';
import { sessionCookieOptions } from './plugin.ts';
import { destroySession, SESSION_COOKIE } from './sessions.ts';
import { LoginPage } from './views/LoginPage.tsx';

/** Only same-site paths, so the sign-in page cannot be used to send people elsewhere. */
const safeBack = (v: unknown) => (typeof v === 'string' && /^\/(?!\/)[^\s\\]*$/.test(v) ? v : '/handlaggning');

export const authRoutes: FastifyPluginAsync<{ db: Db; clock: Clock; demo: boolean; secureCookies: boolean }> = async (app, opts) => {
  const demo = opts.demo ? { demoLogins: await demoLogins(opts.db), demoPassword: DEMO_PASSWORD } : {};

  app.get<{ Querystring: { tillbaka?: string; utloggad?: string } }>('/logga-in', async (req, reply) => {
    if (req.actor) return reply.code(303).header('location', safeBack(req.query.tillbaka)).send();
    const notice = req.query.utloggad !== undefined ? 'Du är utloggad.' : undefined;
    return sendPage(reply, <LoginPage org={req.org} csrf={reply.generateCsrf()} back={req.query.tillbaka ?? ''} notice={notice} {...demo} />);
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/logga-in',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const email = typeof req.body?.email === 'string' ? req.body.email : '';
      const password = typeof req.body?.password === 'string' ? req.body.password : '';
      const back = safeBack(req.body?.tillbaka);
      const errors: FieldErrors = {};
      if (!email.trim()) errors.email = 'Skriv din e-postadress';
      if (!password) errors.password = 'Skriv ditt lösenord';
      if (Object.keys(errors).length === 0) {
        const result = await login(opts.db, req.org.id, email, password, opts.clock.now());
        if (result.ok) {
          reply.setCookie(SESSION_COOKIE, result.sessionId, sessionCookieOptions(opts.secureCookies));
          return reply.code(303).header('location', back).send();
        }
        errors.email =
          result.reason === 'locked'
            ? `För många misslyckade inloggningar. Av säkerhetsskäl kan du försöka igen efter ${formatDateTime(result.lockedUntil!)}.`
            : 'E-postadressen eller lösenordet är fel';
      }
      return sendPage(reply, <LoginPage org={req.org} csrf={reply.generateCsrf()} email={email} errors={errors} back={back} {...demo} />, result400(errors));
    },
  );

  app.post('/logga-ut', { preHandler: app.csrfProtection }, async (req, reply) => {
    if (req.sessionId) await destroySession(opts.db, req.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(303).header('location', '/logga-in?utloggad').send();
  });
};

const result400 = (errors: FieldErrors) => (Object.keys(errors).length ? 400 : 200);
