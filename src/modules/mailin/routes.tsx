import type { FastifyPluginAsync } from 'fastify';
import { staffArea } from '../../platform/staff.ts';
import type { CaseDeps } from '../cases/commands.ts';
import type { InstallationAddresses } from './addresses.ts';
import { mailAdminRoutes } from './adminRoutes.tsx';
import { mailCaseRoutes } from './caseRoutes.ts';
import { heldMailRoutes } from './heldRoutes.tsx';

/** Staff pages of the mail intake: mail on the case page, held mail for the registrar, the admin page. */
export const mailinRoutes: FastifyPluginAsync<CaseDeps & { installation: InstallationAddresses }> = async (app, deps) => {
  staffArea(app);
  mailCaseRoutes(app, deps);
  heldMailRoutes(app, deps);
  mailAdminRoutes(app, deps);
};
