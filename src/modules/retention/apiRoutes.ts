import type { FastifyPluginAsync } from 'fastify';
import type { CaseDeps } from '../cases/commands.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { apiActor } from '../api/auth.ts';
import { numberParamsSchema } from '../api/schemas.ts';
import { activeHold, liftHold, placeHold } from '../legalHold/commands.ts';
import { disposalsQuerySchema, disposalListSchema, legalHoldBodySchema, legalHoldLiftBodySchema, legalHoldSchema, type DisposalsQuery } from './apiSchemas.ts';
import { disposalLog } from './log.ts';
import { mayManageRecords } from './policy.ts';

type NumberParams = { Params: { number: string } };

/**
 * Records in the API: the disposal log and legal holds. Registered inside the API plugin, so its
 * key authentication, JSON errors and validator apply.
 */
export const retentionApiRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  app.get<{ Querystring: DisposalsQuery }>('/disposals', { schema: { querystring: disposalsQuerySchema, response: { 200: disposalListSchema } } }, async (req) => {
    const actor = apiActor(req);
    if (!mayManageRecords(actor)) throw new DomainError('forbidden', 'API-nyckelns roll får inte läsa gallringsloggen (admin eller archivist).');
    const q = req.query;
    const { rows, hasMore } = await disposalLog(deps.db, actor.organizationId, { from: q.from, to: q.to, page: q.page, pageSize: q.pageSize });
    return {
      items: rows.map((r) => ({
        number: r.case_number,
        receivedOn: r.received_on,
        kind: r.kind,
        area: r.area_name,
        forvaltning: r.forvaltning_name,
        closedOn: r.closed_on,
        rule: r.rule_text,
        ruleDecision: r.rule_decision_ref,
        decision: r.decision_ref,
        disposedAt: r.disposed_at.toISOString(),
        disposedBy: r.disposed_by_label,
      })),
      page: q.page,
      pageSize: q.pageSize,
      hasMore,
    };
  });

  async function holdJson(organizationId: string, number: string) {
    const c = await deps.db.selectFrom('cases').select(['id', 'number']).where('organization_id', '=', organizationId).where('number', '=', number).executeTakeFirst();
    if (!c) throw notFound('Ärendet');
    const h = await activeHold(deps.db, c.id);
    return { number: c.number, legalHold: h ? { reason: h.reason, placedBy: h.placed_by_label, placedAt: h.placed_at.toISOString() } : null };
  }

  app.post<NumberParams & { Body: { reason: string } }>(
    '/cases/:number/legal-hold',
    { schema: { params: numberParamsSchema, body: legalHoldBodySchema, response: { 201: legalHoldSchema } } },
    async (req, reply) => {
      const actor = apiActor(req);
      const number = req.params.number.toUpperCase();
      await placeHold(deps.db, actor, number, req.body.reason, deps.clock.now());
      return reply.code(201).send(await holdJson(actor.organizationId, number));
    },
  );

  app.delete<NumberParams & { Body: { reason: string } }>('/cases/:number/legal-hold', { schema: { params: numberParamsSchema, body: legalHoldLiftBodySchema, response: { 200: legalHoldSchema } } }, async (req) => {
    const actor = apiActor(req);
    const number = req.params.number.toUpperCase();
    await liftHold(deps.db, actor, number, req.body.reason, deps.clock.now());
    return holdJson(actor.organizationId, number);
  });
};
