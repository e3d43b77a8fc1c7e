import type { FastifyInstance } from 'fastify';
import { requireSignedIn } from '../modules/auth/plugin.ts';

/**
 * Makes an encapsulated plugin a staff area: signed-in users only, and every state-changing
 * request carries a valid CSRF token. Call it first thing inside the plugin.
 */
export function staffArea(app: FastifyInstance): void {
  app.addHook('preHandler', requireSignedIn);
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD') return done();
    app.csrfProtection(req, reply, done);
  });
}
