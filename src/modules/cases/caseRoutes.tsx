import { swedishDate } from '../../platform/clock.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../../platform/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { CASE_ACTIONS, DONE_MESSAGES, type CaseActionDef } from './caseActions.ts';
import type { CaseDeps } from './commands.ts';
import { loadCaseDetail, type CaseDetail } from './detailQueries.ts';
import { errorsFrom, isStale, readFields, readVersion } from './formInput.ts';
import { OUTCOMES, type CaseEvent } from './lifecycle.ts';
import { inactiveNames, loadLookups, userNames, type Lookups } from './lookups.ts';
import { can, refusal, type Actor } from './policy.ts';
import { caseNumberParam, frame, staffActor } from './staffRequest.ts';
import type { FormState } from './views/ActionForms.tsx';
import { CasePage } from './views/CasePage.tsx';
import { ConflictPage } from './views/ConflictPage.tsx';
import { STALE_MESSAGE } from './transition.ts';
import { loadConversation } from '../mailin/conversation.ts';
import { mayPublish } from '../publication/policy.ts';
import { publicationLinkFor } from '../publication/queries.ts';
import { recordsPanel } from '../retention/panel.tsx';
import { diariumPanel } from '../diarium/panel.tsx';

type NumberRequest = FastifyRequest<{ Params: { number: string }; Querystring: { klart?: string } }>;

/** Loads the case as this person may see it; a case they may not see does not exist (404). */
export async function visibleCase(deps: CaseDeps, actor: Actor, rawNumber: string): Promise<CaseDetail> {
  const number = caseNumberParam(rawNumber);
  const detail = number ? await loadCaseDetail(deps.db, actor, number) : undefined;
  if (!detail) throw notFound(sv('cases.routes.theCase'));
  return detail;
}

/** Did the submitter ask for an answer they can get, and has none been given yet? */
function answerState(detail: CaseDetail) {
  const c = detail.case;
  const reachable = !c.anonymous && !!detail.contact && detail.contact.reply_channel !== 'none';
  const answered = c.first_answered_at !== null || detail.messages.some((m) => m.purpose === 'answer');
  return { reachable, needsAnswer: reachable && !answered };
}

/** The case page and the forms on it, each posting to its own address and coming back here. */
export function caseRoutes(app: FastifyInstance, deps: CaseDeps) {
  async function renderCase(req: FastifyRequest, reply: FastifyReply, detail: CaseDetail, opts: { status?: number; form?: FormState; done?: string } = {}) {
    const actor = staffActor(req);
    const lookups = await loadLookups(deps.db, req.org);
    // People named in the history who are not among today's handlers (admins, people who moved on).
    const mentioned = detail.events.flatMap((e) => [e.data?.handlerId, e.data?.previousHandlerId]).filter((id): id is string => typeof id === 'string' && !lookups.userName(id));
    const extra = await userNames(deps.db, actor.organizationId, mentioned);
    const said = (key: string, known: (id: string) => string | undefined) => detail.events.flatMap((e) => e.data?.[key]).filter((id): id is string => typeof id === 'string' && !known(id));
    const retired = await inactiveNames(deps.db, actor.organizationId, {
      units: said('unitId', lookups.unitName),
      categories: [...said('areaId', lookups.categoryName), ...said('subcategoryId', lookups.categoryName)],
    });
    const pc = detail.policy;
    const { reachable, needsAnswer } = answerState(detail);
    const register = can(actor, 'register', pc);
    const conversation = await loadConversation(deps.db, detail.case.id);
    const publish = mayPublish(actor, pc) ? await publicationLinkFor(deps.db, detail.case) : null;
    const f = frame(req, reply);
    const page = (
      <CasePage
        {...f}
        detail={detail}
        today={swedishDate(deps.clock.now())}
        lookups={lookups}
        names={{ unit: (id) => lookups.unitName(id) ?? retired.units.get(id), category: (id) => lookups.categoryName(id) ?? retired.categories.get(id), user: (id) => lookups.userName(id) ?? extra.get(id) }}
        actions={CASE_ACTIONS.filter((d) => can(actor, d.policy, pc) && (!d.offered || d.offered(detail.case)))}
        links={{ register, answer: can(actor, 'answer', pc) && reachable, extend: can(actor, 'answer', pc) && ['assigned', 'in_progress', 'waiting'].includes(pc.status), referOrReject: !register && (can(actor, 'refer', pc) || can(actor, 'reject', pc)), publish }}
        mayViewPersonal={can(actor, 'view_contact', pc)}
        needsAnswer={needsAnswer}
        conversation={conversation}
        form={opts.form}
        done={opts.done}
        records={await recordsPanel(deps.db, actor, detail)}
        diarium={await diariumPanel(deps.db, actor, detail, f.csrf)}
      />
    );
    return sendPage(reply, page, opts.status ?? 200);
  }

  app.get('/handlaggning/arenden/:number', async (req: NumberRequest, reply) => {
    const detail = await visibleCase(deps, staffActor(req), req.params.number);
    const done = req.query.klart ? DONE_MESSAGES[req.query.klart] : undefined;
    return renderCase(req, reply, detail, { done });
  });

  for (const def of CASE_ACTIONS) {
    app.post(`/handlaggning/arenden/:number/${def.slug}`, async (req: NumberRequest, reply) => {
      const actor = staffActor(req);
      const detail = await visibleCase(deps, actor, req.params.number);
      const number = detail.case.number;
      const values = readFields(req.body, Object.keys(def.fields));
      const version = readVersion(req.body);
      const lookups = await loadLookups(deps.db, req.org);
      const conflict = (message: string) =>
        sendPage(reply, <ConflictPage {...frame(req, reply)} number={number} message={message} what={def.title} input={echo(def, values, lookups)} />, 409);
      const refuse = (status: number, errors: Record<string, string>) => renderCase(req, reply, detail, { status, form: { slug: def.slug, values, errors } });

      // Notes and links add to the case without changing it, so they never collide with another save.
      const changesCase = def.slug !== 'anteckning' && def.slug !== 'lanka';
      if (changesCase && version !== detail.case.version) return conflict(STALE_MESSAGE);
      if (def.offered && !def.offered(detail.case)) return refuse(409, { _form: req.i18n.t('cases.routes.notPermitted') });
      if (!can(actor, def.policy, detail.policy)) {
        const reason = def.policy === 'note' || def.policy === 'link' || def.policy === 'edit' ? null : refusal(actor, def.policy as CaseEvent, detail.policy);
        return refuse(409, { _form: reason ?? req.i18n.t('cases.routes.notPermitted') });
      }
      const ctx = { deps, actor, number, version, lookups, unitId: detail.case.unit_id };
      const errors = def.validate(values, ctx);
      if (Object.keys(errors).length > 0) return refuse(400, errors);

      try {
        await def.run(values, ctx);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'not_found' || err.code === 'forbidden') throw err;
        if (isStale(err)) return conflict(err.message);
        return refuse(err.code === 'invalid' ? 400 : 409, errorsFrom(err, Object.keys(def.fields)));
      }

      // Routing a case elsewhere can take it out of this person's sight: then back to their lists.
      const after = await loadCaseDetail(deps.db, actor, number);
      const location = after ? `/handlaggning/arenden/${number}?klart=${def.doneKey}` : `/handlaggning/arenden?klart=${def.doneKey}&arende=${number}`;
      return reply.code(303).header('location', location).send();
    });
  }
}

/** The posted values as the person chose them, names rather than ids, for the conflict page. */
function echo(def: CaseActionDef, values: Record<string, string>, lookups: Lookups): [string, string][] {
  return Object.entries(def.fields).map(([field, label]) => {
    const v = values[field] ?? '';
    if (field === 'unitId') return [label, lookups.unitName(v) ?? v];
    if (field === 'handlerId') return [label, lookups.userName(v) ?? v];
    if (field === 'outcome') return [label, OUTCOMES[v as keyof typeof OUTCOMES] ?? v];
    return [label, v];
  });
}
