import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseKind } from '../../db/schema.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { KINDS } from '../cases/labels.ts';
import { type Actor } from '../cases/policy.ts';
import { ConflictPage } from '../cases/views/ConflictPage.tsx';
import { policyCase } from '../cases/queries.ts';
import { addClosureDay, isCoordinator, mayAdministerDeadlines, removeClosureDay, removeKindPolicy, setDeadlinePolicy, setDigestOptOut } from './commands.ts';
import { extendAnswerDate, isExtendable, type ExtensionDeps } from './extension.ts';
import { DEFAULT_FULL_POLICY, loadDeadlineContext, mayChangeAnswerDate, policyFor, type FullPolicy } from './policies.ts';
import { DeadlinesPage, ExtendPage, NotificationSettingsPage, policyInput, type PolicyInput } from './views.tsx';

type Body = Record<string, string | undefined>;
const field = (req: FastifyRequest, name: string) => String((req.body as Body | undefined)?.[name] ?? '').trim();
const toInt = (s: string) => (/^-?\d{1,6}$/.test(s) ? Number(s) : Number.NaN);

function parsePolicy(input: PolicyInput): FullPolicy {
  return {
    acknowledgeWorkingDays: toInt(input.acknowledgeWorkingDays),
    answerDays: toInt(input.answerDays),
    answerUnit: input.answerUnit as FullPolicy['answerUnit'],
    reminders: toInt(input.reminders),
    reminderIntervalWorkingDays: toInt(input.reminderIntervalWorkingDays),
    escalateAfterWorkingDays: input.escalateAfterWorkingDays === '' ? null : toInt(input.escalateAfterWorkingDays),
  };
}

const kindOf = (s: string): CaseKind | null => ((KINDS as readonly string[]).includes(s) ? (s as CaseKind) : null);

/**
 * Deadline pages: the organization admin's /admin/tidsfrister (policy per kind and closure days),
 * the handler's delay notice /handlaggning/arenden/:number/forlang, and each person's
 * /handlaggning/aviseringar (the coordinators' digest on or off).
 */
export const deadlinesRoutes: FastifyPluginAsync<ExtensionDeps> = async (app, deps) => {
  staffArea(app);
  const actorOf = (req: FastifyRequest) => req.actor as Actor;

  const admin = (req: FastifyRequest) => {
    const actor = actorOf(req);
    if (!mayAdministerDeadlines(actor)) throw notFound();
    return actor;
  };

  async function deadlinesPage(req: FastifyRequest, reply: FastifyReply, extra: { input?: PolicyInput; errors?: Record<string, string>; closure?: { day: string; description: string; errors: Record<string, string> }; notice?: string } = {}, status = 200) {
    const actor = admin(req);
    const ctx = await loadDeadlineContext(deps.db, actor.organizationId);
    const orgPolicy = ctx.policies.get('*') ?? DEFAULT_FULL_POLICY;
    const policies = [{ kind: null, policy: orgPolicy, own: true }, ...KINDS.map((k) => ({ kind: k, policy: policyFor(ctx, k), own: ctx.policies.has(k) }))];
    const input = extra.input ?? policyInput(null, orgPolicy);
    return sendPage(reply, <DeadlinesPage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} policies={policies} closureDays={ctx.closureDays} input={input} errors={extra.errors} closure={extra.closure} notice={extra.notice} />, status);
  }

  const recomputed = (n: number) => sv('deadlines.routes.recomputed', { n });

  app.get<{ Querystring: { sparat?: string } }>('/admin/tidsfrister', async (req, reply) => {
    const n = req.query.sparat;
    return deadlinesPage(req, reply, { notice: n !== undefined && /^\d+$/.test(n) ? recomputed(Number(n)) : undefined });
  });

  app.post('/admin/tidsfrister', async (req, reply) => {
    const actor = admin(req);
    const input: PolicyInput = {
      kind: field(req, 'kind'),
      acknowledgeWorkingDays: field(req, 'acknowledgeWorkingDays'),
      answerDays: field(req, 'answerDays'),
      answerUnit: field(req, 'answerUnit'),
      reminders: field(req, 'reminders'),
      reminderIntervalWorkingDays: field(req, 'reminderIntervalWorkingDays'),
      escalateAfterWorkingDays: field(req, 'escalateAfterWorkingDays'),
    };
    try {
      const r = await setDeadlinePolicy(deps.db, actor, kindOf(input.kind), parsePolicy(input));
      return reply.code(303).header('location', `/admin/tidsfrister?sparat=${r.changed}`).send();
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid') return deadlinesPage(req, reply, { input, errors: err.details }, 400);
      throw err;
    }
  });

  app.post('/admin/tidsfrister/ta-bort-typ', async (req, reply) => {
    const kind = kindOf(field(req, 'kind'));
    if (!kind) throw notFound();
    const r = await removeKindPolicy(deps.db, admin(req), kind);
    return reply.code(303).header('location', `/admin/tidsfrister?sparat=${r.changed}`).send();
  });

  app.post('/admin/tidsfrister/stangda-dagar', async (req, reply) => {
    const day = field(req, 'day');
    const description = field(req, 'description');
    try {
      const r = await addClosureDay(deps.db, admin(req), day, description);
      return reply.code(303).header('location', `/admin/tidsfrister?sparat=${r.changed}`).send();
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid') return deadlinesPage(req, reply, { closure: { day, description, errors: err.details ?? {} } }, 400);
      throw err;
    }
  });

  app.post('/admin/tidsfrister/stangda-dagar/ta-bort', async (req, reply) => {
    const r = await removeClosureDay(deps.db, admin(req), field(req, 'day'));
    return reply.code(303).header('location', `/admin/tidsfrister?sparat=${r.changed}`).send();
  });

  async function caseForExtension(actor: Actor, number: string) {
    const c = await deps.db
      .selectFrom('cases as c')
      .leftJoin('org_units as u', 'u.id', 'c.unit_id')
      .leftJoin('case_contacts as cc', 'cc.case_id', 'c.id')
      .select(['c.id', 'c.number', 'c.organization_id', 'c.status', 'c.handler_id', 'c.confidential', 'c.answer_by', 'c.first_answered_at', 'c.version', 'c.anonymous', 'u.ancestor_ids as unit_path', 'cc.reply_channel'])
      .where('c.organization_id', '=', actor.organizationId)
      .where('c.number', '=', number)
      .executeTakeFirst();
    // Like the answer page: someone who may not move the date finds no such page (no form to fill in for nothing).
    if (!c || !mayChangeAnswerDate(actor, policyCase(c))) throw notFound(sv('deadlines.routes.theCase'));
    return c;
  }

  app.get<{ Params: { number: string } }>('/handlaggning/arenden/:number/forlang', async (req, reply) => {
    const actor = actorOf(req);
    const c = await caseForExtension(actor, req.params.number);
    // A closed or answered case has no answer date left to move: the page says so instead of offering a form that would be refused.
    return sendPage(reply, <ExtendPage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} c={c} extendable={isExtendable(c)} input={{ newDate: '', reason: '' }} />);
  });

  app.post<{ Params: { number: string } }>('/handlaggning/arenden/:number/forlang', async (req, reply) => {
    const actor = actorOf(req);
    const input = { newDate: field(req, 'newDate'), reason: String((req.body as Body | undefined)?.reason ?? '') };
    await caseForExtension(actor, req.params.number);
    const version = toInt(field(req, 'version'));
    try {
      const { delivery } = await extendAnswerDate(deps, { actor, number: req.params.number, newDate: input.newDate, reason: input.reason, expectedVersion: Number.isNaN(version) ? undefined : version });
      // The case page confirms the change and says what the handler still has to do to tell the submitter.
      return reply.code(303).header('location', `/handlaggning/arenden/${req.params.number}?klart=forlangt-${delivery}`).send();
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid') {
        const c = await caseForExtension(actor, req.params.number);
        return sendPage(reply, <ExtendPage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} c={c} extendable input={input} errors={err.details} />, 400);
      }
      // Saved by someone else first, or no longer extendable: the staff conflict page, with what they typed.
      if (err instanceof DomainError && err.code === 'conflict') {
        const what: [string, string][] = [[req.i18n.t('deadlines.extend.newDate'), input.newDate], [req.i18n.t('deadlines.extend.reason'), input.reason]];
        return sendPage(reply, <ConflictPage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} number={req.params.number} message={err.message} what={req.i18n.t('deadlines.extend.title', { number: req.params.number })} input={what} />, 409);
      }
      throw err;
    }
  });

  app.get<{ Querystring: { sparat?: string } }>('/handlaggning/aviseringar', async (req, reply) => {
    const actor = actorOf(req);
    const user = await deps.db.selectFrom('users').select('digest_opt_out').where('id', '=', actor.id).executeTakeFirst();
    return sendPage(
      reply,
      <NotificationSettingsPage orgName={req.org.name} actor={actor} csrf={reply.generateCsrf()} optOut={user?.digest_opt_out ?? false} isCoordinator={isCoordinator(actor)} notice={req.query.sparat !== undefined ? req.i18n.t('deadlines.routes.saved') : undefined} />,
    );
  });

  app.post('/handlaggning/aviseringar', async (req, reply) => {
    await setDigestOptOut(deps.db, actorOf(req), field(req, 'digest') === 'off');
    return reply.code(303).header('location', '/handlaggning/aviseringar?sparat=1').send();
  });
};
