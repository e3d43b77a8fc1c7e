import type { FastifyPluginAsync } from 'fastify';
import { staffArea } from '../../platform/staff.ts';
import { attachmentRoutes } from './attachmentRoutes.ts';
import { caseRoutes } from './caseRoutes.tsx';
import type { CaseDeps } from './commands.ts';
import { hasRole } from './policy.ts';
import { staffActor } from './staffRequest.ts';
import { workspaceRoutes } from './workspaceRoutes.tsx';

/** Staff case handling: the start redirect, the lists, the case page and its forms. */
export const casesRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  staffArea(app);

  // Each role starts where its work is.
  app.get('/handlaggning', async (req, reply) => {
    const actor = staffActor(req);
    const to = hasRole(actor, 'registrar', 'admin') ? '/handlaggning/inkorg' : hasRole(actor, 'coordinator') ? '/handlaggning/forvaltning' : '/handlaggning/arenden';
    return reply.code(303).header('location', to).send();
  });

  workspaceRoutes(app, deps);
  caseRoutes(app, deps);
  attachmentRoutes(app, deps);
};
