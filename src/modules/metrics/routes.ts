import fp from 'fastify-plugin';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { httpDuration, processRegistry, promClient } from '../../platform/metrics.ts';
import { metricsAccess } from './access.ts';
import { databaseRegistry } from './gauges.ts';
import './inboundMail.ts';
import './webhooks.ts';

export interface MetricsOptions {
  db: Db;
  clock: Clock;
  /** METRICS_TOKEN: without it, /metrics answers loopback only. */
  token: string | undefined;
  refreshMs?: number;
}

/**
 * GET /metrics in Prometheus text format, and the request-duration histogram of every route
 * (a global hook, hence fastify-plugin).
 */
export const metricsPlugin = fp<MetricsOptions>(async (app, opts) => {
  const dbRegistry = databaseRegistry(opts.db, opts.clock, opts.refreshMs);

  app.addHook('onResponse', async (req, reply) => {
    // The route's pattern ("/arende/:token"), never the path itself; unknown paths share one label.
    const route = req.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ route, method: req.method, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', async (req, reply) => {
    if (metricsAccess({ remoteAddress: req.socket.remoteAddress, headers: req.headers }, opts.token) === 'denied') {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain; charset=utf-8').send('401 Unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n');
    }
    const registry = promClient.Registry.merge([processRegistry, dbRegistry]);
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics());
  });
});
