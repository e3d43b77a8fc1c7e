import { randomUUID } from 'node:crypto';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { redactUrl } from './logging.ts';

/** A request id from the reverse proxy is kept when it is a plain token; otherwise a new one. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && INCOMING_ID.test(given) ? given : randomUUID();
}

/**
 * One log line per request, when it is answered: request id, route pattern, method, the path
 * without its query (tokens replaced), status, duration, and who asked: a user's or API key's
 * id (never a name) and the organization's slug. Fastify's own "incoming request" and
 * "Route … not found" lines (the latter with the raw URL) are not written.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      route: request.routeOptions.url ?? 'unmatched',
      method: request.method,
      path: redactUrl(request.url.split('?')[0]!),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...who(request),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request');
    else reply.log.info(line, 'request');
  }
}

/** The request id goes back in X-Request-Id, so a person reporting a problem can quote it. */
export const requestIdHeader = fp(async (app) => {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
});

function who(req: FastifyRequest): { org?: string; userId?: string; apiKeyId?: string } {
  const r = req as FastifyRequest & { actor?: { kind: string; id: string } | null; org?: { slug: string } | null };
  const actor = r.actor;
  return {
    org: r.org?.slug,
    userId: actor?.kind === 'user' ? actor.id : undefined,
    apiKeyId: actor?.kind === 'api_key' ? actor.id : undefined,
  };
}

export { redactUrl };
