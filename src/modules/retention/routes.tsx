import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { swedishDate } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { StaffKey } from '../../platform/i18n/staffKeys.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { firstString } from '../../platform/formValue.ts';
import { listActiveHolds } from '../legalHold/commands.ts';
import { listRuns, rulesWithText, startRun } from './disposal.ts';
import { dueByDelivery, dueByRule, dueSummary } from './due.ts';
import { disposalLog, logCsv } from './log.ts';
import { field, recordsArea, refusal } from './area.ts';
import { logActor } from './policy.ts';
import { deleteRule, insertHjoSchedule, parseRule, saveRule, type RuleInput } from './rules.ts';
import { DisposalLogPage } from './views/DisposalLogPage.tsx';
import { DisposalPage } from './views/DisposalPage.tsx';
import { HoldsPage, RecordsOverviewPage } from './views/OverviewPage.tsx';
import { EMPTY_RULE, SchedulePage } from './views/SchedulePage.tsx';
import { logAdminChange } from '../admin/log.ts';

type Q = Record<string, string | undefined>;
const PAGE_SIZE = 100;
const pageOf = (req: FastifyRequest) => {
  const s = (req.query as Q).sida ?? '1';
  return /^\d{1,6}$/.test(s) && Number(s) >= 1 ? Number(s) : 1;
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day on the calendar, from year 1 on: 2026-02-30 has the shape of a date, and PostgreSQL refuses it. */
const isDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return DATE.test(s) && !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.toISOString().slice(0, 10) === s;
};
const NOTICES: Record<string, StaffKey> = {
  sparad: 'retention.notice.saved',
  borttagen: 'retention.notice.removed',
  hjo: 'retention.notice.hjo',
  startad: 'retention.notice.started',
  inget: 'retention.notice.nothing',
};

/** The records officer's pages under /admin/arkiv: schedule, dry run and disposal, the log, holds. */
export const retentionRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const { actorOf, frame } = recordsArea(app);
  const notice = (req: FastifyRequest) => {
    const key = NOTICES[(req.query as Q).klart ?? ''];
    return key && req.i18n.t(key);
  };
  const areasOf = (orgId: string) => db.selectFrom('categories').select(['id', 'name']).where('organization_id', '=', orgId).where('level', '=', 'area').orderBy('sort_order').execute();

  app.get('/admin/arkiv', async (req, reply) => {
    const org = actorOf(req).organizationId;
    const rules = await rulesWithText(db, org);
    const [summary, holds, reviews] = await Promise.all([
      dueSummary(db, org, swedishDate(clock.now()), rules),
      listActiveHolds(db, org),
      db.selectFrom('data_subject_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', org).where('status', '=', 'open').executeTakeFirstOrThrow(),
    ]);
    return sendPage(reply, <RecordsOverviewPage {...frame(req, reply, '/admin/arkiv')} rules={rules.length} due={summary.total} holds={holds.length} openReviews={Number(reviews.n)} />);
  });

  // ─────────────── the schedule

  async function schedulePage(req: FastifyRequest, reply: FastifyReply, input: RuleInput = EMPTY_RULE, errors?: FieldErrors, status = 200) {
    const org = actorOf(req).organizationId;
    const [rules, areas] = await Promise.all([rulesWithText(db, org), areasOf(org)]);
    return sendPage(reply, <SchedulePage {...frame(req, reply, '/admin/arkiv/gallringsplan')} rules={rules} areas={areas} input={input} errors={errors} notice={notice(req)} />, status);
  }

  app.get('/admin/arkiv/gallringsplan', (req, reply) => schedulePage(req, reply));

  app.post('/admin/arkiv/gallringsplan', async (req, reply) => {
    const actor = actorOf(req);
    const input: RuleInput = { significance: field(req, 'significance'), kind: field(req, 'kind'), areaId: field(req, 'areaId'), action: field(req, 'action'), years: field(req, 'years'), decisionRef: field(req, 'decisionRef') };
    try {
      const rule = await parseRule(db, actor.organizationId, input);
      await saveRule(db, actor, actor.organizationId, rule, clock.now());
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid') return schedulePage(req, reply, input, err.details, 400);
      throw err;
    }
    return reply.code(303).header('location', '/admin/arkiv/gallringsplan?klart=sparad').send();
  });

  app.post('/admin/arkiv/gallringsplan/hjo', async (req, reply) => {
    const actor = actorOf(req);
    const now = clock.now();
    await db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('retention_rules').select('id').where('organization_id', '=', actor.organizationId).executeTakeFirst();
      if (existing) return;
      await insertHjoSchedule(tx, actor.organizationId);
      await logAdminChange(tx, { organizationId: actor.organizationId, actor: logActor(actor), action: 'create', entityType: 'retention_rule', summary: req.i18n.t('retention.routes.hjoLogged'), now });
    });
    return reply.code(303).header('location', '/admin/arkiv/gallringsplan?klart=hjo').send();
  });

  app.post<{ Params: { id: string } }>('/admin/arkiv/gallringsplan/:id/ta-bort', async (req, reply) => {
    const actor = actorOf(req);
    const ok = /^[0-9a-f-]{36}$/i.test(req.params.id) && (await deleteRule(db, actor, actor.organizationId, req.params.id, clock.now()));
    if (!ok) throw notFound(req.i18n.t('retention.routes.theRule'));
    return reply.code(303).header('location', '/admin/arkiv/gallringsplan?klart=borttagen').send();
  });

  // ─────────────── dry run and disposal

  async function disposalPage(req: FastifyRequest, reply: FastifyReply, extra: { decision?: string; errors?: FieldErrors } = {}, status = 200) {
    const org = actorOf(req).organizationId;
    const today = swedishDate(clock.now());
    const rules = await rulesWithText(db, org);
    const page = pageOf(req);
    // The dry run lists the cases due under the rules, then those delivered and confirmed.
    const all = [...(await dueByRule(db, org, today, rules, { limit: page * PAGE_SIZE + 1 })), ...(await dueByDelivery(db, org, today, rules, { limit: page * PAGE_SIZE + 1 }))];
    const due = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const [summary, runs] = await Promise.all([dueSummary(db, org, today, rules), listRuns(db, org)]);
    return sendPage(
      reply,
      <DisposalPage {...frame(req, reply, '/admin/arkiv/gallring')} today={today} rules={rules} summary={summary} due={due} page={page} hasMore={all.length > page * PAGE_SIZE} runs={runs} decision={extra.decision ?? ''} errors={extra.errors} notice={notice(req)} />,
      status,
    );
  }

  app.get('/admin/arkiv/gallring', (req, reply) => disposalPage(req, reply));

  app.post('/admin/arkiv/gallring', async (req, reply) => {
    const actor = actorOf(req);
    const decision = field(req, 'decision');
    try {
      const run = await startRun(db, actor, actor.organizationId, decision, clock.now(), { enqueue: true });
      return reply.code(303).header('location', `/admin/arkiv/gallring?klart=${run ? 'startad' : 'inget'}`).send();
    } catch (err) {
      const { errors, status } = refusal(err, 'decision');
      return disposalPage(req, reply, { decision, errors }, status);
    }
  });

  // ─────────────── the log

  function logFilter(req: FastifyRequest) {
    const q = req.query as Q;
    // A query parameter sent twice comes as an array: the first value counts.
    const from = firstString(q.fran).trim();
    const to = firstString(q.till).trim();
    const errors: FieldErrors = {};
    if (from && !isDay(from)) errors.fran = req.i18n.t('retention.routes.dateFormat');
    if (to && !isDay(to)) errors.till = req.i18n.t('retention.routes.dateFormat');
    return { from, to, errors };
  }

  app.get('/admin/arkiv/gallringslogg', async (req, reply) => {
    const { from, to, errors } = logFilter(req);
    const bad = Object.keys(errors).length > 0;
    const page = pageOf(req);
    const log = bad ? { rows: [], hasMore: false } : await disposalLog(db, actorOf(req).organizationId, { from, to, page, pageSize: PAGE_SIZE });
    return sendPage(reply, <DisposalLogPage {...frame(req, reply, '/admin/arkiv/gallringslogg')} rows={log.rows} page={page} hasMore={log.hasMore} from={from} to={to} errors={errors} />, bad ? 400 : 200);
  });

  app.get('/admin/arkiv/gallringslogg.csv', async (req, reply) => {
    const { from, to, errors } = logFilter(req);
    if (Object.keys(errors).length) throw new DomainError('invalid', Object.values(errors).join('. '));
    const log = await disposalLog(db, actorOf(req).organizationId, { from, to, page: 1, pageSize: 1_000_000 });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="gallringslogg-${swedishDate(clock.now())}.csv"`)
      .header('cache-control', 'no-store')
      .send(logCsv(log.rows));
  });

  app.get('/admin/arkiv/bevarandestopp', async (req, reply) => {
    const holds = await listActiveHolds(db, actorOf(req).organizationId);
    return sendPage(reply, <HoldsPage {...frame(req, reply, '/admin/arkiv/bevarandestopp')} holds={holds} showReasons />);
  });
};
