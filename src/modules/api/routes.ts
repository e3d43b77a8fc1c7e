import etag from '@fastify/etag';
import type { FastifyPluginAsync } from 'fastify';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { mayRegisterOnBehalf, registerOnBehalf } from '../registration/commands.ts';
import { loadCaseDetail } from '../cases/detailQueries.ts';
import { listCases } from '../cases/listQueries.ts';
import { can, type Actor } from '../cases/policy.ts';
import { mayReadExcerpts } from '../cases/staffRequest.ts';
import { deidentifyApiRoutes } from '../deidentify/apiRoutes.ts';
import { loadConversation } from '../mailin/conversation.ts';
import { apiActor, installApiKeyAuth } from './auth.ts';
import { installJsonErrors } from './errors.ts';
import { statusUrlFor, validateNewCase } from './newCase.ts';
import { readNewCaseRequest } from './newCaseRequest.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { openApiDocument } from './openapi.ts';
import { caseListSchema, caseSchema, createdCaseSchema } from './responseSchemas.ts';
import {
  API_EVENTS,
  listQuerySchema,
  numberParamsSchema,
  transitionEnvelopeSchema,
  transitionSchemas,
  type ApiEvent,
  type ListQuery,
  type TransitionBody,
} from './schemas.ts';
import { caseJson, caseSummaryJson } from './serialize.ts';
import { performTransition } from './transitions.ts';
import { webhookApiRoutes } from '../webhooks/apiRoutes.ts';
import { referenceRoutes } from './referenceRoutes.ts';
import { retentionApiRoutes } from '../retention/apiRoutes.ts';
import { gdprApiRoutes } from '../gdpr/apiRoutes.ts';
import { apiValidatorCompiler, check, compileBody } from './validation.ts';
import { publicationApi } from '../publication/api.ts';
import { auditApi } from '../audit/api.ts';
import { diariumApiRoutes } from '../diarium/apiRoutes.ts';
import type { NetworkPolicy } from '../../platform/internalNetwork.ts';

type NumberParams = { Params: { number: string } };

/**
 * The JSON API for integrations, registered under /api/v1. Encapsulated: its own validator, body
 * parsers, key authentication and JSON error handling apply here and nowhere else.
 */
export const apiRoutes: FastifyPluginAsync<CaseDeps & { webhookNetwork?: NetworkPolicy }> = async (app, deps) => {
  app.setValidatorCompiler(apiValidatorCompiler);
  // JSON, and multipart where a route says so (files with a new case). The form and text parsers
  // the pages use are removed here, so anything else is 415.
  app.removeContentTypeParser(['application/json', 'text/plain', 'application/x-www-form-urlencoded']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addHook('preValidation', async (req) => {
    if (req.isMultipart() && !req.routeOptions.config?.multipart) throw Object.assign(new Error('multipart not accepted here'), { statusCode: 415 });
  });
  installJsonErrors(app);
  installApiKeyAuth(app, deps.db);
  // Case data is personal data: never cached by browsers or proxies.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
  // An ETag on every answer, and 304 for If-None-Match: a poller re-reads a case only when it changed.
  await app.register(etag);

  // Records: the disposal log and legal holds (modules/retention).
  await app.register(retentionApiRoutes, { db: deps.db, clock: deps.clock, tokenSecret: deps.tokenSecret });
  await app.register(gdprApiRoutes, { db: deps.db, clock: deps.clock });

  const document = openApiDocument();
  app.get('/openapi.json', { config: { public: true } }, async () => document);
  await app.register(webhookApiRoutes, { db: deps.db, clock: deps.clock, network: deps.webhookNetwork });
  await app.register(referenceRoutes, { db: deps.db });
  await app.register(diariumApiRoutes, { db: deps.db, clock: deps.clock, tokenSecret: deps.tokenSecret });

  const eventValidators = Object.fromEntries(API_EVENTS.map((e) => [e, compileBody(transitionSchemas[e])])) as Record<ApiEvent, ReturnType<typeof compileBody>>;

  async function detailOr404(actor: Actor, number: string) {
    const d = await loadCaseDetail(deps.db, actor, number);
    if (!d) throw notFound('Ärendet');
    // The conversation is personal data: loaded only for roles that may see it.
    const messages = can(actor, 'view_contact', d.policy) ? await loadConversation(deps.db, d.case.id) : undefined;
    return caseJson(actor, d, messages);
  }

  app.get<{ Querystring: ListQuery }>(
    '/cases',
    {
      schema: { querystring: listQuerySchema, response: { 200: caseListSchema } },
      // Also accept status=a,b and kind=a,b, as many HTTP clients write lists.
      preValidation: async (req) => {
        const query = req.query as unknown as Record<string, unknown>;
        for (const k of ['status', 'kind']) {
          const v = query[k];
          if (typeof v === 'string' && v.includes(',')) query[k] = v.split(',').filter(Boolean);
        }
      },
    },
    async (req) => {
      const q = req.query;
      const actor = apiActor(req);
      const sync = q.updatedSince !== undefined || q.cursor !== undefined;
      const result = await listCases(deps.db, actor, {
        filter: { status: q.status, open: q.open, kind: q.kind, unitId: q.unit, areaId: q.area, handlerId: q.handler, unassigned: q.unassigned, overdue: q.overdue, receivedFrom: q.receivedFrom, receivedTo: q.receivedTo, q: q.q },
        sort: q.sort,
        page: q.page,
        pageSize: q.pageSize,
        today: swedishDate(deps.clock.now()),
        changes: sync ? { since: q.updatedSince ? new Date(q.updatedSince) : undefined, after: q.cursor ? decodeCursor(q.cursor) : undefined } : undefined,
      });
      const excerpts = mayReadExcerpts(actor);
      const last = result.rows.at(-1);
      // On the last page too: it is where the next sync starts (or, with nothing new, the same cursor again).
      const nextCursor = !sync ? null : last ? encodeCursor({ updatedMicros: last.updated_micros, id: last.id }) : (q.cursor ?? null);
      return { items: result.rows.map((r) => caseSummaryJson(r, excerpts)), page: sync ? 1 : result.page, pageSize: result.pageSize, hasMore: result.hasMore, nextCursor };
    },
  );

  app.post(
    '/cases',
    {
      schema: { response: { 201: createdCaseSchema } },
      config: { multipart: true },
      // A role that may not register at all hears so before anything about the body.
      preValidation: async (req) => {
        if (!mayRegisterOnBehalf(apiActor(req))) throw new DomainError('forbidden', 'API-nyckelns roll får inte registrera synpunkter.');
      },
    },
    async (req, reply) => {
      const actor = apiActor(req);
      // JSON, or multipart with the files (validated here rather than by the route schema, for both).
      const { body, files } = await readNewCaseRequest(req);
      const input = await validateNewCase(deps.db, actor.organizationId, body, deps.clock.now(), files);
      const { number, token } = await registerOnBehalf(deps, actor, input);
      const created = { ...(await detailOr404(actor, number)), statusUrl: await statusUrlFor(deps.db, req, actor.organizationId, token) };
      return reply.code(201).header('location', `/api/v1/cases/${number}`).send(created);
    },
  );

  deidentifyApiRoutes(app, deps);

  app.get<NumberParams>('/cases/:number', { schema: { params: numberParamsSchema, response: { 200: caseSchema } } }, async (req) =>
    detailOr404(apiActor(req), req.params.number.toUpperCase()),
  );

  app.post<NumberParams & { Body: { event: ApiEvent } }>(
    '/cases/:number/transitions',
    { schema: { params: numberParamsSchema, body: transitionEnvelopeSchema, response: { 200: caseSchema } } },
    async (req) => {
      const actor = apiActor(req);
      // The envelope named a known event; now the event's own fields, with errors that name them.
      const body = check<TransitionBody>(eventValidators[req.body.event], req.body);
      const number = req.params.number.toUpperCase();
      await performTransition(deps, actor, number, body);
      return detailOr404(actor, number);
    },
  );

  publicationApi(app, deps);
  auditApi(app, deps.db);
};
