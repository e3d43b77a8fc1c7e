import { PRODUCT_NAME } from './platform/product.ts';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import { constants as zlibConstants } from 'node:zlib';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { authPlugin } from './modules/auth/plugin.ts';
import { changePasswordRoutes } from './modules/auth/changePasswordRoutes.tsx';
import { authRoutes } from './modules/auth/routes.tsx';
import { adminRoutes } from './modules/admin/routes.tsx';
import { forwardingRoutes } from './modules/forwarding/routes.tsx';
import { ssoRoutes } from './modules/sso/routes.tsx';
import { DENY_PRIVATE, guardedFetch } from './platform/internalNetwork.ts';
import { answersRoutes } from './modules/answers/routes.tsx';
import { apiAdminRoutes } from './modules/api/adminRoutes.tsx';
import { apiRoutes } from './modules/api/routes.ts';
import { apiErrorBody, apiErrorHandler } from './modules/api/errors.ts';
import { webhookAdminRoutes } from './modules/webhooks/adminRoutes.tsx';
import { open311ErrorHandler, open311Routes } from './modules/open311/routes.ts';
import { deadlinesRoutes } from './modules/deadlines/routes.tsx';
import { outboxRoutes } from './modules/notifications/routes.tsx';
import { casesRoutes } from './modules/cases/routes.tsx';
import { auditRoutes } from './modules/audit/routes.ts';
import { backupRoutes } from './modules/backup/routes.tsx';
import { healthRoutes } from './modules/health/routes.ts';
import { metricsPlugin } from './modules/metrics/routes.ts';
import { registrationRoutes } from './modules/registration/routes.tsx';
import { triageRoutes } from './modules/triage/routes.tsx';
import { intakeRoutes } from './modules/intake/routes.tsx';
import { DEFAULT_SPAM, SpamGuard, type SpamSettings } from './modules/spam/guard.ts';
import { spamRoutes } from './modules/spam/routes.ts';
import { mailinRoutes } from './modules/mailin/routes.tsx';
import { archiveRoutes } from './modules/publication/archiveRoutes.tsx';
import { publicationStaffRoutes } from './modules/publication/staffRoutes.tsx';
import { publicationAdminRoutes } from './modules/publication/adminRoutes.tsx';
import { legalHoldRoutes } from './modules/legalHold/routes.tsx';
import { diariumRoutes } from './modules/diarium/routes.tsx';
import { significanceRoutes } from './modules/retention/caseRoutes.tsx';
import { retentionRoutes } from './modules/retention/routes.tsx';
import { gdprRoutes } from './modules/gdpr/routes.tsx';
import { earchiveRoutes } from './modules/earchive/routes.tsx';
import { accessibilityRoutes } from './modules/accessibility/routes.tsx';
import { accessibilityAdminRoutes } from './modules/accessibility/adminRoutes.tsx';
import type { Clock } from './platform/clock.ts';
import type { JobRunnerState } from './platform/jobs.ts';
import { DomainError } from './platform/errors.ts';
import { createLogger } from './platform/logging.ts';
import { redactUrl, RequestLogController, requestId, requestIdHeader } from './platform/requestLog.ts';
import { refuseNul } from './platform/inputGuards.ts';
import { installationSecret } from './platform/secrets.ts';
import { postgresRateLimitStore } from './platform/rateLimitStore.ts';
import { rewriteOrgUrl, tenantPlugin, tenantResolver } from './platform/tenant.ts';
import { clientErrors, frameworkErrors } from './platform/frameworkErrors.tsx';
import { ErrorPage } from './platform/views/ErrorPage.tsx';
import { STAFF_PATH, StaffErrorPage } from './platform/views/StaffErrorPage.tsx';
import { i18nPlugin, useCitizenLanguage } from './platform/i18n/plugin.ts';
import { translator } from './platform/i18n/catalogue.ts';
import { sendPage } from './platform/views/render.ts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  /** mail.publicUrl is where links in e-mail point (tests and the server pass it; default localhost). */
  config: Pick<Config, 'demo' | 'secureCookies' | 'logLevel'> & Partial<Pick<Config, 'mail' | 'metricsToken' | 'backup' | 'trustProxy' | 'oidcIssuerNetwork' | 'webhookNetwork'>>;
  /** The process logger (the server passes one); without it nothing is logged, unless `log`. */
  logger?: FastifyBaseLogger;
  /** Log to standard output at config.logLevel (when no logger is given). */
  log?: boolean;
  /** Whether this process's job runner still runs, for /health/ready ('none': jobs run elsewhere). */
  jobRunner?: () => JobRunnerState;
  /** The citizen form's spam protection; each setting defaults to DEFAULT_SPAM (modules/spam/guard.ts). */
  spam?: Partial<SpamSettings>;
  /** Per-route request limits (sign-in, public JSON); off only for benchmarks that call one route hundreds of times a minute. */
  routeRateLimits?: boolean;
}

const API_PREFIX = '/api/v1';
const OPEN311_PREFIX = '/open311/v2';

const css = readFileSync(new URL('../public/app.css', import.meta.url));
const favicon = readFileSync(new URL('../public/favicon.svg', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Tests pass no logger and log nothing; the server passes its process logger (platform/logging.ts).
  const logger = deps.logger ?? (deps.log ? createLogger({ level: deps.config.logLevel }) : undefined);
  const security: FastifyHelmetOptions = {
    contentSecurityPolicy: {
      directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'"], 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null },
    },
    hsts: deps.config.secureCookies,
  };
  // Errors met before routing (an address that does not decode, a value too long, a request Node cannot parse) get the same answers as any other.
  const answers = [[API_PREFIX, apiErrorHandler], [OPEN311_PREFIX, open311ErrorHandler]] as const;
  // rewriteUrl: /o/<slug>/… is routed without the prefix; the tenant plugin serves that organization.
  const app = Fastify({
    loggerInstance: logger,
    logController: new RequestLogController(),
    genReqId: requestId,
    requestIdHeader: false,
    // Only the configured proxies may say who the client is (req.ip for rate limits, req.protocol).
    trustProxy: deps.config.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    rewriteUrl: rewriteOrgUrl,
    frameworkErrors: frameworkErrors({ security, resolveTenant: tenantResolver(deps.db, deps.config.mail?.publicUrl), answers }),
    clientErrorHandler: clientErrors({ security, answers, json: apiErrorBody }),
  }) as unknown as FastifyInstance;
  await app.register(requestIdHeader);
  await app.register(metricsPlugin, { db: deps.db, clock: deps.clock, token: deps.config.metricsToken });

  await app.register(helmet, security);
  // Pages shrink to about a third, the stylesheet to a quarter or less. Brotli at quality 4: near gzip's speed with a
  // smaller result (11, zlib's default, costs too much CPU per dynamic page). Route-level onSend, so
  // ETags are still computed on the uncompressed body. CSRF tokens differ per response (BREACH).
  // Up to 128 KiB (every page) in one synchronous call, about 0.2 ms for a list page: the plugin's
  // default on 2 cores (8 KiB) streamed larger pages through zlib's thread pool, 1 ms slower a page.
  await app.register(compress, { encodings: ['br', 'gzip'], syncThreshold: 128 * 1024, brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } } });
  await app.register(formbody);
  // Files on the public form; the route that takes them reads the parts itself (req.parts).
  await app.register(multipart, {
    limits: { fileSize: 10 * 1024 * 1024, files: 3, fields: 20, parts: 30, fieldSize: 1024 * 1024 },
  });
  await app.register(cookie, { secret: (await installationSecret(deps.db, 'cookie')).toString('base64') });
  // The CSRF secret lives in a signed cookie, so it also protects the sign-in form before any session exists.
  await app.register(csrf, {
    cookieKey: 'lyhord_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.secureCookies, signed: true },
  });
  // Counted in the database, so a limit holds however many instances share the requests.
  await app.register(rateLimit, {
    global: false,
    store: postgresRateLimitStore(deps.db, await installationSecret(deps.db, 'rate-limit')),
    ...(deps.routeRateLimits === false ? { allowList: () => true } : {}),
  });
  await app.register(i18nPlugin);

  app.get('/assets/app.css', async (_req, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );

  app.get('/assets/favicon.svg', async (_req, reply) =>
    reply.header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
  );
  // Every page names its icon; this is for the clients that ask for the old address anyway.
  app.get('/favicon.ico', async (_req, reply) => reply.redirect('/assets/favicon.svg', 301));

  // An unknown address is most likely a citizen's mistyped or old link: say so in their language.
  // Under a staff address it is staff's, and staff pages are Swedish.
  app.setNotFoundHandler((req, reply) => {
    if (req.org && !STAFF_PATH.test(req.url)) useCitizenLanguage(req, reply);
    return sendPage(reply, <ErrorPage status={404} orgName={req.org?.name ?? PRODUCT_NAME} />, 404);
  });

  app.setErrorHandler<FastifyError>((err, req, reply) => {
    const orgName = req.org?.name ?? PRODUCT_NAME;
    // Errors raised before the language hook ran (a malformed URL) are shown in Swedish.
    req.i18n ??= translator();
    const { t } = req.i18n;
    if (err instanceof DomainError) {
      if (req.actor && STAFF_PATH.test(req.url)) {
        return sendPage(reply, <StaffErrorPage status={err.status} message={err.message} orgName={orgName} actor={req.actor} csrf={reply.generateCsrf()} disposedAt={err.details?.disposedAt} />, err.status);
      }
      // A message written only in Swedish is left out of a page in another language; the title and help still say what happened.
      const message = err.messageKey ? t(err.messageKey.key, err.messageKey.values) : req.i18n.code === 'sv' ? err.message : undefined;
      return sendPage(reply, <ErrorPage status={err.status} message={message} orgName={orgName} />, err.status);
    }
    const status = typeof (err as { statusCode?: number }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 500) {
      req.log.error({ err, path: redactUrl(req.url.split('?')[0]!) }, 'request failed');
      return sendPage(reply, <ErrorPage status={500} orgName={orgName} />, 500);
    }
    if (status === 403 && (err as { code?: string }).code?.startsWith('FST_CSRF')) {
      const message = t('error.csrf');
      return sendPage(reply, <ErrorPage status={403} message={message} orgName={orgName} />, 403);
    }
    const message = t(status === 413 ? 'error.tooLarge' : status === 415 ? 'error.unsupportedMediaType' : 'error.unreadable');
    return sendPage(reply, <ErrorPage status={status} message={message} orgName={orgName} />, status);
  });

  // Before any route reads its input: NUL characters are refused everywhere (platform/inputGuards.ts).
  app.addHook('preValidation', refuseNul);

  // Registered after the handlers above, so every module inherits them.
  const tokenSecret = await installationSecret(deps.db, 'status-token');
  await app.register(healthRoutes, { db: deps.db, jobRunner: deps.jobRunner });
  await app.register(tenantPlugin, { db: deps.db, publicUrl: deps.config.mail?.publicUrl });
  const spam = new SpamGuard(deps.db, await installationSecret(deps.db, 'spam'), { ...DEFAULT_SPAM, ...deps.spam });
  await app.register(spamRoutes, { guard: spam });
  await app.register(intakeRoutes, { db: deps.db, clock: deps.clock, tokenSecret, spam, publicUrl: deps.config.mail?.publicUrl ?? 'http://localhost:3000' });
  await app.register(authPlugin, { db: deps.db, clock: deps.clock });
  // Every request to an organization's identity provider goes through this (platform/internalNetwork.ts).
  const issuerFetch = guardedFetch(deps.config.oidcIssuerNetwork ?? DENY_PRIVATE);
  await app.register(authRoutes, { db: deps.db, clock: deps.clock, demo: deps.config.demo, secureCookies: deps.config.secureCookies, issuerFetch });
  await app.register(changePasswordRoutes, { db: deps.db, clock: deps.clock });
  await app.register(ssoRoutes, { db: deps.db, clock: deps.clock, secureCookies: deps.config.secureCookies, issuerFetch });
  await app.register(adminRoutes, { db: deps.db, clock: deps.clock, issuerFetch });
  const caseDeps = { db: deps.db, clock: deps.clock, tokenSecret, publicUrl: deps.config.mail?.publicUrl ?? 'http://localhost:3000' };
  await app.register(casesRoutes, caseDeps);
  await app.register(triageRoutes, caseDeps);
  await app.register(registrationRoutes, caseDeps);
  await app.register(answersRoutes, caseDeps);
  await app.register(forwardingRoutes, caseDeps);
  // The installation's reply address belongs to the default organization (modules/mailin).
  const installationMail = { replyTo: deps.config.mail?.replyTo ?? 'synpunkter@localhost', from: deps.config.mail?.from ?? 'synpunkter@localhost' };
  await app.register(mailinRoutes, { ...caseDeps, installation: installationMail });
  await app.register(publicationStaffRoutes, caseDeps);
  await app.register(archiveRoutes, { db: deps.db, clock: deps.clock });
  await app.register(apiRoutes, { ...caseDeps, webhookNetwork: deps.config.webhookNetwork, prefix: API_PREFIX });
  await app.register(open311Routes, { ...caseDeps, prefix: OPEN311_PREFIX });
  await app.register(deadlinesRoutes, caseDeps);
  await app.register(outboxRoutes, { db: deps.db });
  await app.register(auditRoutes, { db: deps.db, clock: deps.clock });
  await app.register(backupRoutes, { db: deps.db, schedule: deps.config.backup });
  await app.register(apiAdminRoutes, { db: deps.db, clock: deps.clock });
  await app.register(publicationAdminRoutes, { db: deps.db, clock: deps.clock });
  await app.register(webhookAdminRoutes, { db: deps.db, clock: deps.clock, network: deps.config.webhookNetwork });
  await app.register((await import('./modules/statistics/routes.tsx')).statisticsRoutes, { db: deps.db, clock: deps.clock });
  await app.register(retentionRoutes, { db: deps.db, clock: deps.clock });
  await app.register(gdprRoutes, { db: deps.db, clock: deps.clock });
  await app.register(earchiveRoutes, { db: deps.db, clock: deps.clock });
  await app.register(significanceRoutes, caseDeps);
  await app.register(legalHoldRoutes, caseDeps);
  await app.register(diariumRoutes, caseDeps);
  await app.register(accessibilityRoutes, { db: deps.db });
  await app.register(accessibilityAdminRoutes, { db: deps.db, clock: deps.clock });

  return app;
}

export { redactUrl };
