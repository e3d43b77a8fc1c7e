import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { swedishDate, type Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { adminScope, type AdminActor } from '../admin/policy.ts';
import { auditCsv } from './csv.ts';
import { mayReadAuditLog } from './policy.ts';
import { auditRows } from './queries.ts';

/** GET /admin/logg.csv: the admin log as the log page shows it to this person, all of it. */
export const auditRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  staffArea(app);
  app.get('/admin/logg.csv', async (req, reply) => {
    const scope = adminScope(req.actor as AdminActor);
    if (!mayReadAuditLog(scope)) throw notFound('Sidan');
    const name = `andringslogg-${req.org.slug}-${swedishDate(clock.now())}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(auditCsv(auditRows(db, req.org.id, scope)));
  });
};
