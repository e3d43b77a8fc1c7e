import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import { visibleCase } from '../cases/caseRoutes.tsx';
import type { CaseDeps } from '../cases/commands.ts';
import { staffActor } from '../cases/staffRequest.ts';
import { exportCase } from './commands.ts';
import { sendPackage } from './http.ts';
import { mayExport } from './policy.ts';

type NumberRequest = FastifyRequest<{ Params: { number: string } }>;

/**
 * The case page's "Lämna över till diariet" button: the package comes back as a download and the
 * page stays where it was (works without JavaScript: a form POST answered with an attachment).
 */
export const diariumRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  staffArea(app);

  app.post('/handlaggning/arenden/:number/diarium', async (req: NumberRequest, reply) => {
    const actor = staffActor(req);
    const detail = await visibleCase(deps, actor, req.params.number);
    if (!mayExport(actor, detail.policy)) throw notFound('Sidan');
    return sendPackage(reply, await exportCase(deps.db, actor, detail.case.number, deps.clock.now()));
  });
};
