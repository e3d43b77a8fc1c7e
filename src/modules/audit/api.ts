import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { apiActor } from '../api/auth.ts';
import { auditFeedQuerySchema, auditFeedSchema, type AuditFeedQuery } from './apiSchemas.ts';
import { mayReadAuditFeed } from './policy.ts';
import { auditPage, type AuditRow } from './queries.ts';

export const AUDIT_FEED_MAX = 1000;

export function auditEntryJson(r: AuditRow) {
  return {
    id: String(r.id),
    occurredAt: r.occurred_at.toISOString(),
    actor: { userId: r.actor_user_id, label: r.actor_label },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    forvaltning: r.forvaltning_id ? { id: r.forvaltning_id, name: r.forvaltning_name } : null,
    summary: r.summary,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}

/**
 * GET /api/v1/audit: the organization's admin log as a feed for a SIEM, oldest first. A
 * collector keeps the last id it saw and asks for `after=<id>`; `next` is the id to ask with
 * next time (the same when nothing new has come).
 */
export function auditApi(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: AuditFeedQuery }>('/audit', { schema: { querystring: auditFeedQuerySchema, response: { 200: auditFeedSchema } } }, async (req) => {
    const actor = apiActor(req);
    if (!mayReadAuditFeed(actor)) throw notFound('Ändringsloggen');
    const afterId = Number(req.query.after ?? '0');
    const rows = await auditPage(db, actor.organizationId, { organization: true, allUnits: true, unitRoots: [] }, { afterId, limit: req.query.limit ?? 100, since: req.query.since ? new Date(req.query.since) : undefined });
    return { items: rows.map(auditEntryJson), next: rows.length ? String(rows.at(-1)!.id) : String(afterId) };
  });
}
