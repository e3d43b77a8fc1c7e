import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { NetworkPolicy } from '../../platform/internalNetwork.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { isOrgAdmin } from '../admin/policy.ts';
import { listDeliveries } from './deliveryLog.ts';
import { createSubscription, deleteSubscription, findSubscription, listSubscriptions, resumeSubscription, type Creator } from './subscriptions.ts';
import { WebhookPage } from './views/WebhookPage.tsx';
import { WEBHOOKS_PATH, WebhooksPage, type WebhookFormInput, type WebhooksPageProps } from './views/WebhooksPage.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};
const list = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
};

type IdParams = { Params: { id: string } };

/** The admin pages for webhooks: list and add (the secret is shown once), the delivery log, resume, remove. Others get 404. */
export const webhookAdminRoutes: FastifyPluginAsync<{ db: Db; clock: Clock; network?: NetworkPolicy }> = async (app, { db, clock, network }) => {
  staffArea(app);
  // Subscriptions see every case of the organization: only an admin of the whole organization manages them.
  app.addHook('preHandler', async (req) => {
    if (!isOrgAdmin(req.actor)) throw notFound();
  });
  const sealer = await installationSealer(db);
  const by = (req: FastifyRequest): Creator => ({ organizationId: req.actor!.organizationId, userId: req.actor!.id, apiKeyId: null, name: req.actor!.name });

  const listPage = async (req: FastifyRequest, csrf: string, extra: Partial<WebhooksPageProps> = {}) => (
    <WebhooksPage orgName={req.org.name} actor={req.actor!} csrf={csrf} subscriptions={await listSubscriptions(db, req.actor!.organizationId)} {...extra} />
  );

  app.get<{ Querystring: { borttagen?: string } }>(WEBHOOKS_PATH, async (req, reply) => {
    const notice = req.query.borttagen !== undefined ? req.i18n.t('webhooks.routes.removed') : undefined;
    return sendPage(reply, await listPage(req, reply.generateCsrf(), { notice }));
  });

  app.post(WEBHOOKS_PATH, async (req, reply) => {
    const input: WebhookFormInput = { url: text(req.body, 'url').trim(), description: text(req.body, 'description'), eventTypes: list(req.body, 'eventTypes'), allowInsecure: text(req.body, 'allowInsecure') === 'ja' };
    try {
      const created = await createSubscription(db, sealer, by(req), input, clock.now(), network);
      // Shown in this response only, never stored or redirected with: no post/redirect/get here.
      return sendPage(reply, await listPage(req, reply.generateCsrf(), { created: { url: created.url, secret: created.secret } }), 201);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'invalid') throw err;
      return sendPage(reply, await listPage(req, reply.generateCsrf(), { input, errors: err.details ?? {} }), 400);
    }
  });

  const subscriptionOr404 = async (req: FastifyRequest<IdParams>) => {
    const s = UUID.test(req.params.id) ? await findSubscription(db, req.actor!.organizationId, req.params.id) : undefined;
    if (!s) throw notFound(req.i18n.t('webhooks.routes.theWebhook'));
    return s;
  };

  app.get<IdParams & { Querystring: { aterupptagen?: string } }>(`${WEBHOOKS_PATH}/:id`, async (req, reply) => {
    const s = await subscriptionOr404(req);
    const notice = req.query.aterupptagen !== undefined ? req.i18n.t('webhooks.routes.resumed') : undefined;
    return sendPage(reply, <WebhookPage orgName={req.org.name} actor={req.actor!} csrf={reply.generateCsrf()} subscription={s} deliveries={await listDeliveries(db, s.id)} notice={notice} />);
  });

  app.post<IdParams>(`${WEBHOOKS_PATH}/:id/ateruppta`, async (req, reply) => {
    const s = await subscriptionOr404(req);
    await resumeSubscription(db, by(req), s.id, clock.now());
    return reply.code(303).header('location', `${WEBHOOKS_PATH}/${s.id}?aterupptagen`).send();
  });

  app.post<IdParams>(`${WEBHOOKS_PATH}/:id/ta-bort`, async (req, reply) => {
    const s = await subscriptionOr404(req);
    await deleteSubscription(db, by(req), s.id, clock.now());
    return reply.code(303).header('location', `${WEBHOOKS_PATH}?borttagen`).send();
  });
};
