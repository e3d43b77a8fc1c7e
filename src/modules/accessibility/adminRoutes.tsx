import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { staffArea } from '../../platform/staff.ts';
import { sendPage } from '../../platform/views/render.ts';
import { logAdminChange } from '../admin/log.ts';
import { isOrgAdmin } from '../admin/policy.ts';
import { STATEMENT_ADMIN_PATH } from './paths.ts';
import { defaultShortcomingsText, loadStatement, saveStatement, type Statement } from './statement.ts';
import { readStatementInput, validateStatement, type StatementInput } from './validation.ts';
import { StatementAdminPage } from './views/StatementAdminPage.tsx';

const asInput = (s: Statement): StatementInput => ({
  compliance: s.compliance,
  shortcomings: s.shortcomings === null ? defaultShortcomingsText() : s.shortcomings.join('\n'),
  method: s.method,
  assessor: s.assessor ?? '',
  assessedOn: s.assessedOn,
});

/** The organization admin edits the accessibility statement; anyone else gets 404. */
export const accessibilityAdminRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  staffArea(app);
  app.addHook('preHandler', async (req) => {
    if (!isOrgAdmin(req.actor)) throw notFound();
  });

  const show = (req: FastifyRequest, reply: FastifyReply, props: { input: StatementInput; own: boolean; errors?: Record<string, string>; saved?: boolean }, status = 200) =>
    sendPage(reply, <StatementAdminPage orgName={req.org.name} actor={req.actor!} csrf={reply.generateCsrf()} {...props} />, status);

  app.get<{ Querystring: { sparat?: string } }>(STATEMENT_ADMIN_PATH, async (req, reply) => {
    const statement = await loadStatement(db, req.org);
    return show(req, reply, { input: asInput(statement), own: statement.own, saved: req.query.sparat !== undefined });
  });

  app.post(STATEMENT_ADMIN_PATH, async (req, reply) => {
    const input = readStatementInput(req.body);
    const now = clock.now();
    const checked = validateStatement(input, now);
    const before = await loadStatement(db, req.org);
    if (!checked.ok) return show(req, reply, { input, own: before.own, errors: checked.errors }, 400);
    const actor = req.actor!;
    await db.transaction().execute(async (tx) => {
      await saveStatement(tx, actor.organizationId, checked.value, actor.id, now);
      await logAdminChange(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'update',
        entityType: 'settings',
        summary: sv('accessibility.log.changed'),
        before: before.own ? { compliance: before.compliance, shortcomings: before.shortcomings, method: before.method, assessor: before.assessor, assessedOn: before.assessedOn } : null,
        after: checked.value,
        now,
      });
    });
    return reply.code(303).header('location', `${STATEMENT_ADMIN_PATH}?sparat`).send();
  });
};
