import type { FastifyPluginAsync } from 'fastify';
import { staffArea } from '../../platform/staff.ts';
import type { CaseDeps } from '../cases/commands.ts';

export const answersRoutes: FastifyPluginAsync<CaseDeps> = async (app, _deps) => {
  staffArea(app);
};
