import type { FastifyPluginAsync } from 'fastify';
import { staffArea } from '../../platform/staff.ts';
import type { CaseDeps } from './commands.ts';

export const casesRoutes: FastifyPluginAsync<CaseDeps> = async (app, _deps) => {
  staffArea(app);
};
