import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../cases/policy.ts';
import type { ApiErrorBody } from './errors.ts';
import { actorForApiKey } from './keys.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** API routes that answer without a key (the OpenAPI document). */
    public?: boolean;
    /** API routes that take multipart/form-data besides JSON. */
    multipart?: boolean;
  }
}

/** The key's actor on an authenticated API request. */
export function apiActor(req: FastifyRequest): Actor {
  if (!req.actor || req.actor.kind !== 'api_key') throw new Error('API route reached without an API key');
  return req.actor;
}

function unauthorized(reply: FastifyReply, message: string) {
  // RFC 6750: say which scheme is expected. The answer is the same for a missing, unknown or
  // revoked key, so it tells nothing about which keys exist.
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="lyhord-api"')
    .send({ code: 'unauthorized', message } satisfies ApiErrorBody);
}

/**
 * Every API request carries `Authorization: Bearer <key>`. Runs on onRequest, before the session
 * hook: the API never accepts a session cookie (it has no CSRF protection, and needs none, because
 * browsers do not send bearer keys by themselves), and the key's actor set here makes the session
 * hook stand aside.
 */
export function installApiKeyAuth(app: FastifyInstance, db: Db): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config?.public) return;
    const header = req.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) return unauthorized(reply, 'Ange API-nyckeln i Authorization-huvudet: Authorization: Bearer <nyckel>.');
    const actor = await actorForApiKey(db, match[1]!);
    if (!actor) return unauthorized(reply, 'API-nyckeln är ogiltig eller återkallad.');
    req.actor = actor;
  });
}
