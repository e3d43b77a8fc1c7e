import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { orgUrl } from '../../platform/tenant.ts';
import { apiActor } from '../api/auth.ts';
import type { ApiErrorBody } from '../api/errors.ts';
import { numberParamsSchema } from '../api/schemas.ts';
import { check, compileBody } from '../api/validation.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { loadCaseDetail } from '../cases/detailQueries.ts';
import type { Status } from '../cases/lifecycle.ts';
import type { Actor } from '../cases/policy.ts';
import { approvedSchema, approveBodySchema, draftBodySchema, draftSchema, publicationSchema, withdrawBodySchema, withdrawnSchema } from './apiSchemas.ts';
import { publish, saveDraft, withdrawPublication } from './commands.ts';
import { propose, suggestedTitle } from './draft.ts';
import { checkPublicText } from './guard.ts';
import { mayPublish, publicationRefusals } from './policy.ts';
import { keepListFor, loadPublication, originalsOf, publicationStatus, submitterContactOf, type PublicationVersion } from './queries.ts';
import { validateReason, validateText } from './validation.ts';

type NumberReq<B = unknown, Q = unknown> = FastifyRequest<{ Params: { number: string }; Body: B; Querystring: Q }>;

/** The organization's public address for a path: its own host, its /o/<slug>, or the default. */
async function publicUrl(db: Executor, req: FastifyRequest, organizationId: string, path: string): Promise<string> {
  const org = await db.selectFrom('organizations').select(['slug', 'host_name', 'is_default']).where('id', '=', organizationId).executeTakeFirstOrThrow();
  return orgUrl(req, org, path);
}

/** Refusals and conflicts as the API reports them: 422 when the case may not be published at all, 409 otherwise. */
function sendConflict(reply: FastifyReply, err: unknown) {
  if (!(err instanceof DomainError) || err.code !== 'conflict') throw err;
  const reason = err.details?.reason;
  if (reason === 'not_publishable' || reason === 'never_published') return reply.code(422).send({ code: reason, message: err.message } satisfies ApiErrorBody);
  if (reason === 'personal_data') return reply.code(422).send({ code: reason, message: `${err.message} Skicka {"confirm": true} när du har kontrollerat det.` } satisfies ApiErrorBody);
  return reply.code(409).send({ code: reason ?? 'conflict', message: err.message } satisfies ApiErrorBody);
}

// Bodies are optional here (a POST or DELETE may come without one), so they are checked only when sent.
const validators = { draft: compileBody(draftBodySchema), approve: compileBody(approveBodySchema), withdraw: compileBody({ ...withdrawBodySchema, required: [] }) };
const optionalBody = <T>(validate: (typeof validators)[keyof typeof validators], body: unknown): T | undefined => (body === undefined || body === null ? undefined : check<T>(validate, body));

const strip = (f: { field: string; kind: string; start: number; end: number }) => ({ field: f.field, kind: f.kind, start: f.start, end: f.end });
const versionJson = (v: PublicationVersion | undefined) =>
  v ? { version: v.number, title: v.title, question: v.question, answer: v.answer, savedAt: v.created_at.toISOString(), savedBy: v.author_label } : null;
const textsOf = (t: { title: string; question: string; answer: string }) => [
  { field: 'title', text: t.title },
  { field: 'question', text: t.question },
  { field: 'answer', text: t.answer },
];

/**
 * The publication endpoints of the JSON API, registered inside the API's own context (key
 * authentication, JSON errors). A case the key may not handle answers 404, like one that does not exist.
 */
export function publicationApi(app: FastifyInstance, deps: CaseDeps): void {
  async function load(actor: Actor, rawNumber: string) {
    const detail = await loadCaseDetail(deps.db, actor, rawNumber.toUpperCase());
    if (!detail || !mayPublish(actor, detail.policy)) throw notFound('Ärendet');
    const org = await deps.db.selectFrom('organizations').selectAll().where('id', '=', actor.organizationId).executeTakeFirstOrThrow();
    const c = detail.case;
    const refusals = publicationRefusals({ status: c.status as Status, anonymous: c.anonymous, internal: c.is_internal, confidential: c.confidential, optedOut: c.publication_opt_out });
    return { detail, keep: keepListFor(org), contact: submitterContactOf(detail), originals: originalsOf(detail), publication: await loadPublication(deps.db, c.id), refusals, number: c.number };
  }

  const params = { params: numberParamsSchema };

  app.get('/cases/:number/publication', { schema: { ...params, response: { 200: publicationSchema } } }, async (req: NumberReq) => {
    const actor = apiActor(req);
    const { publication: p, number } = await load(actor, req.params.number);
    return {
      status: publicationStatus(p),
      url: p?.public_version_id ? await publicUrl(deps.db, req, actor.organizationId, `/svar/${number}`) : null,
      draft: versionJson(p?.draft),
      published: versionJson(p?.current),
      firstPublishedAt: p?.first_published_at?.toISOString() ?? null,
      withdrawnAt: p?.public_version_id ? null : (p?.withdrawn_at?.toISOString() ?? null),
      withdrawnReason: p?.public_version_id ? null : (p?.withdrawn_reason ?? null),
    };
  });

  app.post(
    '/cases/:number/publication',
    { schema: { ...params, response: { 201: draftSchema } } },
    async (req: NumberReq, reply) => {
      const actor = apiActor(req);
      const input = optionalBody<{ title?: string; question?: string; answer?: string }>(validators.draft, req.body);
      const ctx = await load(actor, req.params.number);
      if (ctx.refusals.length > 0) return reply.code(422).send({ code: 'not_publishable', message: ctx.refusals.join(' ') } satisfies ApiErrorBody);
      const proposal = propose(ctx.originals, {}, ctx.keep, ctx.contact);
      const body = input ?? {};
      const valid = validateText({ title: body.title ?? suggestedTitle(proposal.texts.question), question: body.question ?? proposal.texts.question, answer: body.answer ?? proposal.texts.answer });
      if (!valid.ok) throw new DomainError('invalid', 'Texten behöver kompletteras.', valid.errors);
      try {
        const saved = await saveDraft(deps, { actor, number: ctx.number, revision: ctx.publication?.revision ?? 0, text: valid.value, choices: {} });
        return reply.code(201).send({
          status: 'draft',
          version: saved.version,
          ...valid.value,
          findings: proposal.findings.map(strip),
          remaining: checkPublicText(textsOf(valid.value), ctx).review.map(strip),
        });
      } catch (err) {
        return sendConflict(reply, err);
      }
    },
  );

  app.post(
    '/cases/:number/publication/approve',
    { schema: { ...params, response: { 200: approvedSchema } } },
    async (req: NumberReq, reply) => {
      const actor = apiActor(req);
      const input = optionalBody<{ confirm?: boolean }>(validators.approve, req.body);
      const ctx = await load(actor, req.params.number);
      try {
        // The command checks the draft: never_published always refuses, personal_data unless confirmed.
        const done = await publish(deps, { actor, number: ctx.number, revision: ctx.publication?.revision ?? 0, confirmRemaining: input?.confirm === true });
        return { status: 'published', version: done.version, url: await publicUrl(deps.db, req, actor.organizationId, `/svar/${ctx.number}`) };
      } catch (err) {
        return sendConflict(reply, err);
      }
    },
  );

  app.delete(
    '/cases/:number/publication',
    { schema: { ...params, querystring: { type: 'object', additionalProperties: false, properties: { reason: withdrawBodySchema.properties!.reason! } }, response: { 200: withdrawnSchema } } },
    async (req: NumberReq<unknown, { reason?: string }>, reply) => {
      const actor = apiActor(req);
      const input = optionalBody<{ reason?: string }>(validators.withdraw, req.body);
      const ctx = await load(actor, req.params.number);
      const reason = (input?.reason ?? req.query.reason ?? '').trim();
      const error = validateReason(reason);
      // Sent as is: the API's error mapping keeps details.reason for conflict codes, and this field is called reason.
      if (error) return reply.code(400).send({ code: 'invalid', message: 'Ange varför svaret avpubliceras.', fields: { reason: error } } satisfies ApiErrorBody);
      try {
        await withdrawPublication(deps, { actor, number: ctx.number, revision: ctx.publication?.revision ?? 0, reason });
        return { status: 'withdrawn' };
      } catch (err) {
        return sendConflict(reply, err);
      }
    },
  );
}
