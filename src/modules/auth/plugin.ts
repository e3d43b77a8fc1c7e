import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../cases/policy.ts';
import { actorForSession } from './queries.ts';
import { hashSessionId, SESSION_COOKIE, SESSION_HOURS } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: (Actor & { email?: string }) | null;
    sessionId: string | null;
  }
}

/** Reads the session cookie on every request and makes the signed-in user available as req.actor. */
export const authPlugin = fp<{ db: Db; clock: Clock }>(async (app, { db, clock }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('preHandler', async (req) => {
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw || req.actor) return;
    const actor = await actorForSession(db, hashSessionId(raw), clock.now());
    if (actor && actor.organizationId === req.org?.id) {
      req.actor = actor;
      req.sessionId = raw;
    }
  });
});

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: SESSION_HOURS * 3600 };
}

/** For staff pages: not signed in means the sign-in page, then back here. */
export async function requireSignedIn(req: FastifyRequest, reply: FastifyReply) {
  if (req.actor) return;
  const back = req.method === 'GET' ? `?tillbaka=${encodeURIComponent(req.url)}` : '';
  return reply.code(303).header('location', `/logga-in${back}`).send();
}
