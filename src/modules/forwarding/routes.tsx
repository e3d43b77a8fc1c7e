import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { can } from '../cases/policy.ts';
import { policyCase } from '../cases/queries.ts';
import { forwardCase, forwardingTargets, mayForward, mayForwardAtAll } from './commands.ts';
import { ForwardPage } from './views/ForwardPage.tsx';

const field = (b: unknown, k: string) => {
  const v = (b as Record<string, unknown> | undefined)?.[k];
  return typeof v === 'string' ? v : '';
};

/** Forwarding a case to another organization of the installation: one form, linked from the case page. */
export const forwardingRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  staffArea(app);
  const { db } = deps;

  async function load(req: FastifyRequest<{ Params: { number: string } }>) {
    const row = await db
      .selectFrom('cases as c')
      .leftJoin('org_units as u', 'u.id', 'c.unit_id')
      .select(['c.id', 'c.number', 'c.status', 'c.kind', 'c.description', 'c.version', 'c.organization_id', 'c.handler_id', 'c.confidential', 'c.forwarded_to_case_id', 'u.ancestor_ids as unit_path'])
      .where('c.organization_id', '=', req.org.id)
      .where('c.number', '=', req.params.number.toUpperCase())
      .executeTakeFirst();
    // Like the answer page: someone who never forwards this case finds no such page (GET and POST alike).
    if (!row || !mayForwardAtAll(req.actor!, policyCase(row))) throw notFound(sv('forwarding.routes.theCase'));
    return row;
  }

  async function render(req: FastifyRequest<{ Params: { number: string } }>, reply: FastifyReply, c: Awaited<ReturnType<typeof load>>, extra: { errors?: FieldErrors; values?: { toOrganizationId: string; comment: string } } = {}, status = 200) {
    const targets = await forwardingTargets(db, req.org.id);
    const refusal = c.forwarded_to_case_id ? req.i18n.t('forwarding.routes.alreadyForwarded') : !mayForward(req.actor!, policyCase(c)) ? req.i18n.t('forwarding.routes.notForwardable') : null;
    return sendPage(
      reply,
      <ForwardPage org={req.org} actor={req.actor!} csrf={reply.generateCsrf()} c={{ ...c, description: can(req.actor!, 'view_contact', policyCase(c)) ? c.description : null }} targets={targets} refusal={refusal} values={extra.values ?? { toOrganizationId: '', comment: '' }} errors={extra.errors} />,
      status,
    );
  }

  app.get<{ Params: { number: string } }>('/handlaggning/arenden/:number/vidarebefordra', async (req, reply) => render(req, reply, await load(req)));

  app.post<{ Params: { number: string } }>('/handlaggning/arenden/:number/vidarebefordra', async (req, reply) => {
    const c = await load(req);
    const values = { toOrganizationId: field(req.body, 'toOrganizationId'), comment: field(req.body, 'comment').trim() };
    const errors: FieldErrors = {};
    if (!values.toOrganizationId) errors.toOrganizationId = req.i18n.t('forwarding.routes.chooseOrganization');
    if (values.comment.length > 2000) errors.comment = req.i18n.t('forwarding.routes.commentTooLong');
    if (Object.keys(errors).length) return render(req, reply, c, { errors, values }, 400);
    const version = Number(field(req.body, 'version')) || undefined;
    let delivery: string;
    try {
      ({ delivery } = await forwardCase(deps, { actor: req.actor!, number: c.number, toOrganizationId: values.toOrganizationId, comment: values.comment || undefined, expectedVersion: version }));
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'invalid' || err.code === 'conflict')) {
        return render(req, reply, c, { errors: err.details && err.code === 'invalid' ? err.details : { toOrganizationId: err.message }, values }, err.code === 'conflict' ? 409 : 400);
      }
      throw err;
    }
    return reply.code(303).header('location', `/handlaggning/arenden/${c.number}?klart=vidarebefordrat-${delivery}`).send();
  });
};
