import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../cases/policy.ts';
import { actorForSession, type SignedInActor } from './queries.ts';
import { hashSessionId, SESSION_HOURS, sessionCookieName } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: (Actor & { email?: string } & Partial<Omit<SignedInActor, keyof Actor>>) | null;
    sessionId: string | null;
  }
}

/**
 * Reads this organization's session cookie on every request and makes the signed-in user
 * available as req.actor. A session of another organization gives nothing here.
 */
export const authPlugin = fp<{ db: Db; clock: Clock }>(async (app, { db, clock }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('preHandler', async (req) => {
    if (!req.org || req.actor) return;
    const raw = req.cookies[sessionCookieName(req.org)];
    if (!raw) return;
    const actor = await actorForSession(db, hashSessionId(raw), clock.now());
    if (actor && actor.organizationId === req.org.id) {
      req.actor = actor;
      req.sessionId = raw;
    }
  });
  // A demo account seeded into a real database still has the published password: until its
  // owner chooses another, every other page of this organization leads to the change page.
  app.addHook('preHandler', async (req, reply) => {
    if (!req.actor?.mustChangePassword || passwordChangeAllows(req.routeOptions.url)) return;
    return reply.code(303).header('location', CHANGE_PASSWORD_PATH).send();
  });
});

export const CHANGE_PASSWORD_PATH = '/byt-losenord';

/** What a user who must change their password may still reach: the change page, signing out, the style sheet. */
export function passwordChangeAllows(route: string | undefined): boolean {
  return route === CHANGE_PASSWORD_PATH || route === '/logga-ut' || route === '/assets/app.css';
}

/** The session cookie lives under the organization's own base path. */
export function sessionCookieOptions(secure: boolean, basePath = '') {
  return { path: basePath || '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: SESSION_HOURS * 3600 };
}

/** For staff pages: not signed in means the sign-in page, then back here. */
export async function requireSignedIn(req: FastifyRequest, reply: FastifyReply) {
  if (req.actor) return;
  const back = req.method === 'GET' ? `?tillbaka=${encodeURIComponent(req.url)}` : '';
  return reply.code(303).header('location', `/logga-in${back}`).send();
}
