import type { FastifyPluginAsync } from 'fastify';
import { isHealthy, pendingMigrations, type Db } from '../../db/database.ts';
import type { JobRunnerState } from '../../platform/jobs.ts';

export interface HealthOptions {
  db: Db;
  /** This process's job runner; absent when it runs none (RUN_JOBS=false: `npm run worker` does). */
  jobRunner?: () => JobRunnerState;
}

/**
 * /health: the database answers (as before). /health/live: the process is up and serving; a
 * load balancer or orchestrator restarts it when this fails. /health/ready: it can do its work:
 * the database answers, every migration this build knows has run, and its job runner (when it
 * has one) is alive. A separate worker's liveness is the worker's own /health/ready: an app
 * instance that cannot reach the worker still takes submissions (the jobs wait in the queue),
 * so it stays in the load balancer.
 */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { db, jobRunner }) => {
  app.get('/health', async (_req, reply) => {
    if (await isHealthy(db)) return reply.code(200).send({ status: 'ok' });
    return reply.code(503).send({ status: 'unavailable', database: 'not answering' });
  });

  app.get('/health/live', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  // Once every migration this build knows has run, it stays so: later checks only ask whether the
  // database answers (a load balancer asks every few seconds, also when the pool is busy).
  let migrated = false;
  app.get('/health/ready', async (_req, reply) => {
    const checks: Record<string, string> = {};
    const pending = migrated ? await isHealthy(db).then((ok) => (ok ? [] : undefined)) : await pendingMigrations(db).catch(() => undefined);
    if (pending?.length === 0) migrated = true;
    checks.database = pending === undefined ? 'not answering' : 'ok';
    if (pending !== undefined) checks.migrations = pending.length === 0 ? 'ok' : `${pending.length} pending`;
    const runner = jobRunner?.() ?? 'none';
    checks.jobRunner = runner === 'none' ? 'not in this process' : runner === 'running' ? 'ok' : 'stopped';
    const ready = checks.database === 'ok' && checks.migrations === 'ok' && runner !== 'stopped';
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not ready', checks });
  });
};
