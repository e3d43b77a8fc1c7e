import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { installationSealer } from '../../platform/crypto.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { NetworkPolicy } from '../../platform/internalNetwork.ts';
import { apiActor } from '../api/auth.ts';
import { coversWholeOrganization } from '../cases/policy.ts';
import { createdWebhookSchema, newWebhookSchema, webhookDetailSchema, webhookListSchema, webhookParamsSchema, webhookSchema, type NewWebhookBody } from './apiSchemas.ts';
import { listDeliveries } from './deliveryLog.ts';
import { WEBHOOK_EVENT_TYPES } from './events.ts';
import { createSubscription, deleteSubscription, findSubscription, listSubscriptions, resumeSubscription, type Creator, type SubscriptionItem } from './subscriptions.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function webhookJson(s: SubscriptionItem) {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    eventTypes: s.event_types,
    status: s.status,
    pauseReason: s.pause_reason,
    pausedAt: iso(s.paused_at),
    failingSince: iso(s.failing_since),
    pendingDeliveries: s.pending,
    allowInsecureHttp: s.allow_insecure,
    createdAt: s.created_at.toISOString(),
  };
}

type IdParams = { Params: { id: string } };

/**
 * /api/v1/webhooks, registered inside the API plugin (its key authentication and JSON errors).
 * Subscriptions reach every case of the organization, so only an admin key manages them.
 */
export const webhookApiRoutes: FastifyPluginAsync<{ db: Db; clock: Clock; network?: NetworkPolicy }> = async (app, { db, clock, network }) => {
  const sealer = await installationSealer(db);
  const admin = (req: FastifyRequest): Creator => {
    const actor = apiActor(req);
    if (!coversWholeOrganization(actor, 'admin')) throw new DomainError('forbidden', 'Bara en API-nyckel med rollen administratör får hantera webhooks.');
    return { organizationId: actor.organizationId, userId: null, apiKeyId: actor.id, name: actor.name };
  };
  const found = async (organizationId: string, id: string) => {
    const s = await findSubscription(db, organizationId, id);
    if (!s) throw notFound('Webhooken');
    return s;
  };

  app.get('/webhooks', { schema: { response: { 200: webhookListSchema } } }, async (req) => {
    const by = admin(req);
    return { items: (await listSubscriptions(db, by.organizationId)).map(webhookJson) };
  });

  app.post<{ Body: NewWebhookBody }>(
    '/webhooks',
    { schema: { body: newWebhookSchema, response: { 201: createdWebhookSchema } }, preValidation: async (req) => void admin(req) },
    async (req, reply) => {
      const by = admin(req);
      const b = req.body;
      const created = await createSubscription(
        db,
        sealer,
        by,
        { url: b.url, eventTypes: b.eventTypes ?? [...WEBHOOK_EVENT_TYPES], description: b.description ?? '', allowInsecure: b.allowInsecureHttp ?? false },
        clock.now(),
        network,
      );
      const body = { ...webhookJson((await found(by.organizationId, created.id))), secret: created.secret };
      return reply.code(201).header('location', `/api/v1/webhooks/${created.id}`).send(body);
    },
  );

  app.get<IdParams>('/webhooks/:id', { schema: { params: webhookParamsSchema, response: { 200: webhookDetailSchema } } }, async (req) => {
    const by = admin(req);
    const s = await found(by.organizationId, req.params.id);
    const deliveries = await listDeliveries(db, s.id);
    return {
      ...webhookJson(s),
      deliveries: deliveries.map((d) => ({
        webhookId: d.webhookId,
        type: d.type,
        caseNumber: d.case_number,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.last_status,
        lastError: d.last_error,
        createdAt: d.created_at.toISOString(),
        deliveredAt: iso(d.delivered_at),
        nextAttemptAt: iso(d.next_attempt_at),
      })),
    };
  });

  app.delete<IdParams>('/webhooks/:id', { schema: { params: webhookParamsSchema } }, async (req, reply) => {
    const by = admin(req);
    if (!(await deleteSubscription(db, by, req.params.id, clock.now()))) throw notFound('Webhooken');
    return reply.code(204).send();
  });

  app.post<IdParams>('/webhooks/:id/resume', { schema: { params: webhookParamsSchema, response: { 200: webhookSchema } } }, async (req) => {
    const by = admin(req);
    const s = await found(by.organizationId, req.params.id);
    if (s.status === 'paused') await resumeSubscription(db, by, s.id, clock.now());
    return webhookJson(await found(by.organizationId, s.id));
  });
};
