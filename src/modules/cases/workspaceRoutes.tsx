import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { DONE_MESSAGES } from './caseActions.ts';
import type { CaseDeps } from './commands.ts';
import { listHref, readListParams, type ListParams } from './listParams.ts';
import { COUNT_CAP, countCases, listCases, type CaseFilter, type Sort } from './listQueries.ts';
import { loadLookups, unitLabel, type Lookups } from './lookups.ts';
import { coversWholeOrganization, hasRole, type Actor } from './policy.ts';
import { caseNumberParam, frame, mayReadExcerpts, staffActor, todayIn } from './staffRequest.ts';
import { CoordinatorPage, type CoordinatorScope } from './views/CoordinatorPage.tsx';
import { WorkspacePage } from './views/WorkspacePage.tsx';

const PAGE_SIZE = 25;
const SECTION_SIZE = 20;

/**
 * "Ärende SYN-2026-00042: Ärendet är skickat …" after an action that took the case out of sight.
 * A case registered straight to a unit below a förvaltning names the unit (?till=), when the page has the organization's units.
 */
export function doneMessage(query: unknown, lookups?: Lookups): string | undefined {
  const q = (query ?? {}) as Record<string, unknown>;
  const unit = q.klart === 'registrerad-enhet' && typeof q.till === 'string' ? lookups?.units.find((u) => u.id === q.till) : undefined;
  const message = unit ? sv('cases.done.registreradEnhet', { unit: unitLabel(unit) }) : typeof q.klart === 'string' ? DONE_MESSAGES[q.klart] : undefined;
  if (!message) return undefined;
  const number = typeof q.arende === 'string' ? caseNumberParam(q.arende) : undefined;
  return number ? sv('cases.routes.doneWithNumber', { number, message }) : message;
}

/** The lists: the handler's workspace and the coordinator's overview of their förvaltning. */
export function workspaceRoutes(app: FastifyInstance, deps: CaseDeps) {
  app.get('/handlaggning/arenden', async (req, reply) => {
    const actor = staffActor(req);
    const { params, filter, errors } = readListParams(req.query, actor);
    const today = todayIn(deps.clock);
    const [list, lookups] = await Promise.all([
      listCases(deps.db, actor, { filter, sort: params.sortering, page: params.sida, pageSize: PAGE_SIZE, today, countUpTo: COUNT_CAP }),
      loadLookups(deps.db, req.org),
    ]);
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    return sendPage(
      reply,
      <WorkspacePage
        {...frame(req, reply)}
        params={params}
        errors={errors}
        rows={list.rows}
        total={list.count ?? 0}
        moreThanTotal={list.more}
        pageSize={PAGE_SIZE}
        hasMore={list.hasMore}
        lookups={lookups}
        today={today}
        showExcerpt={mayReadExcerpts(actor)}
        done={doneMessage(req.query)}
      />,
      status,
    );
  });

  app.get('/handlaggning/forvaltning', async (req, reply) => {
    const actor = staffActor(req);
    if (!hasRole(actor, 'coordinator', 'admin')) throw notFound('Sidan');
    const today = todayIn(deps.clock);
    const lookups = await loadLookups(deps.db, req.org);
    const scopes = await Promise.all(coordinatorScopes(actor, lookups.unitName).map((s) => loadScope(deps, actor, s, today)));
    return sendPage(reply, <CoordinatorPage {...frame(req, reply)} scopes={scopes} today={today} showExcerpt={mayReadExcerpts(actor)} done={doneMessage(req.query)} />);
  });
}

/** The units a coordinator looks after: each granted unit, or the whole organization. */
function coordinatorScopes(actor: Actor, unitName: (id: string) => string | undefined): { name: string; unitId?: string }[] {
  if (coversWholeOrganization(actor, 'coordinator', 'admin')) return [{ name: sv('cases.coordinator.wholeOrganization') }];
  const grants = actor.grants.filter((g) => g.role === 'coordinator' || g.role === 'admin');
  return [...new Set(grants.map((g) => g.unitId!))].map((id) => ({ name: unitName(id) ?? sv('cases.coordinator.unknownUnit'), unitId: id }));
}

async function loadScope(deps: CaseDeps, actor: Actor, scope: { name: string; unitId?: string }, today: string): Promise<CoordinatorScope> {
  const base: ListParams = { vy: 'enhet', status: 'oppna', typ: '', omrade: '', enhet: scope.unitId ?? '', handlaggare: '', fran: '', till: '', forsenade: '', q: '', sortering: 'received_asc', sida: 1, drillDown: [] };
  const section = async (id: string, title: string, filter: CaseFilter, sort: Sort, more: Partial<ListParams>, empty: string) => {
    const f = { ...filter, unitId: scope.unitId };
    const [list, total] = await Promise.all([listCases(deps.db, actor, { filter: f, sort, pageSize: SECTION_SIZE, today }), countCases(deps.db, actor, f, today)]);
    return { id, title, rows: list.rows, total, moreHref: listHref(base, { sortering: sort, ...more }), empty };
  };
  return {
    name: scope.name,
    // Each open case once: waiting for a handler first (late or not), then late, then the rest.
    sections: await Promise.all([
      section('att-fordela', sv('cases.coordinator.toAssign'), { status: ['registered'] }, 'received_asc', { status: 'registered' }, sv('cases.coordinator.toAssignEmpty')),
      section('forsenade', sv('cases.coordinator.overdue'), { status: ['assigned', 'in_progress'], overdue: true }, 'answer_by_asc', { forsenade: 'ja' }, sv('cases.coordinator.overdueEmpty')),
      section('ovriga', sv('cases.coordinator.otherOpen'), { status: ['assigned', 'in_progress', 'waiting', 'answered'], overdue: false }, 'received_asc', {}, sv('cases.coordinator.otherOpenEmpty')),
    ]),
  };
}
