import type { FastifyReply, FastifyRequest } from 'fastify';
import { swedishDate } from '../../platform/clock.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { CASE_NUMBER } from './numbering.ts';
import type { Actor } from './policy.ts';

/** The signed-in person on a staff page. staffArea() has already sent everyone else to sign in. */
export function staffActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('not_found', 'Sidan finns inte.');
  return req.actor;
}

/** What every staff page's frame needs. */
export function frame(req: FastifyRequest, reply: FastifyReply) {
  return { orgName: req.org.name, actor: staffActor(req), csrf: reply.generateCsrf() };
}

export const todayIn = (clock: Clock) => swedishDate(clock.now());

export { mayReadExcerpts } from './policy.ts';

/** The case number from the address, in the stored form; undefined when it cannot be one. */
export function caseNumberParam(raw: string): string | undefined {
  const n = raw.trim().toUpperCase();
  return CASE_NUMBER.test(n) ? n : undefined;
}
