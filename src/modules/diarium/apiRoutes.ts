import type { FastifyPluginAsync } from 'fastify';
import { DomainError, notFound } from '../../platform/errors.ts';
import { apiActor } from '../api/auth.ts';
import { numberParamsSchema } from '../api/schemas.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { loadCaseDetail } from '../cases/detailQueries.ts';
import { exportCase } from './commands.ts';
import { sendPackage } from './http.ts';
import { mayExport } from './policy.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/**
 * POST /api/v1/cases/{number}/export: the diarium package as application/zip. A POST, since every
 * hand-over is recorded in the case's history and announced as case.exported. Registered inside
 * the API plugin (key authentication, JSON errors).
 */
export const diariumApiRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  app.post<{ Params: { number: string } }>('/cases/:number/export', { schema: { params: numberParamsSchema } }, async (req, reply) => {
    const actor = apiActor(req);
    const number = req.params.number.toUpperCase();
    // 404 for a case the key may not see, 410 for a disposed one, as GET /cases/{number} answers.
    const detail = await loadCaseDetail(deps.db, actor, number);
    if (!detail) throw notFound(sv('diarium.error.theCase'));
    if (!mayExport(actor, detail.policy)) throw new DomainError('forbidden', sv('diarium.error.apiRole'));
    return sendPackage(reply, await exportCase(deps.db, actor, number, deps.clock.now()));
  });
};
