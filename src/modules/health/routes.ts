import type { FastifyPluginAsync } from 'fastify';
import { isHealthy, type Db } from '../../db/database.ts';

export const healthRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/health', async (_req, reply) => {
    if (await isHealthy(db)) return reply.code(200).send({ status: 'ok' });
    return reply.code(503).send({ status: 'unavailable', database: 'not answering' });
  });
};
