import type { FastifyReply, FastifyRequest } from 'fastify';
import { swedishDate } from '../../platform/clock.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { CASE_NUMBER } from './numbering.ts';
import { CONTACT_ROLES, type Actor } from './policy.ts';

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

/**
 * Lists show a short excerpt of the submitter's text only to people whose every role may see
 * personal data; a reader grant anywhere means no excerpts, since lists are not scoped per role.
 */
export const mayReadExcerpts = (actor: Actor) => actor.grants.length > 0 && actor.grants.every((g) => CONTACT_ROLES.includes(g.role));

/** The case number from the address, in the stored form; undefined when it cannot be one. */
export function caseNumberParam(raw: string): string | undefined {
  const n = raw.trim().toUpperCase();
  return CASE_NUMBER.test(n) ? n : undefined;
}
