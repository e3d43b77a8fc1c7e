import type { FastifyPluginAsync } from 'fastify';
import type { CaseDeps } from '../cases/commands.ts';

export const apiRoutes: FastifyPluginAsync<CaseDeps> = async (_app, _deps) => {};
