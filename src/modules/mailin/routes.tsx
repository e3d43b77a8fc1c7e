import type { FastifyPluginAsync } from 'fastify';
import { staffArea } from '../../platform/staff.ts';
import type { CaseDeps } from '../cases/commands.ts';
import { mailCaseRoutes } from './caseRoutes.ts';

/** Staff pages of the mail intake: mail on the case page. */
export const mailinRoutes: FastifyPluginAsync<CaseDeps> = async (app, deps) => {
  staffArea(app);
  mailCaseRoutes(app, deps);
};
