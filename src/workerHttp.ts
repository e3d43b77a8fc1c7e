import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { metricsPlugin } from './modules/metrics/routes.ts';
import type { Clock } from './platform/clock.ts';
import type { JobRunnerState } from './platform/jobs.ts';

/** The worker's own small HTTP side: health for the orchestrator and metrics for Prometheus. */
export async function startWorkerHttp(opts: { db: Db; clock: Clock; config: Pick<Config, 'host' | 'metricsToken'>; port: number; jobRunner: () => JobRunnerState }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(metricsPlugin, { db: opts.db, clock: opts.clock, token: opts.config.metricsToken });
  await app.register(healthRoutes, { db: opts.db, jobRunner: opts.jobRunner });
  await app.listen({ port: opts.port, host: opts.config.host });
  return app;
}
