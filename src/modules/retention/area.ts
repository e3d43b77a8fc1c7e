import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../../platform/errors.ts';
import { staffArea } from '../../platform/staff.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Actor } from '../cases/policy.ts';
import { mayManageRecords } from './policy.ts';
import { recordsFrame } from './views/layout.tsx';

/** A posted form field as a string ('' when absent). */
export const field = (req: FastifyRequest, k: string) => String((req.body as Record<string, unknown> | undefined)?.[k] ?? '');

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Makes a plugin part of the records section under /admin/arkiv (retention, GDPR requests,
 * e-archive): signed-in staff with CSRF, and a 404 for anyone who is not the records officer.
 * Call it first thing inside the plugin.
 */
export function recordsArea(app: FastifyInstance) {
  staffArea(app);
  app.addHook('preHandler', async (req) => {
    if (req.actor && !mayManageRecords(req.actor)) throw notFound('Sidan');
  });
  const actorOf = (req: FastifyRequest) => req.actor as Actor;
  return {
    actorOf,
    /** The layout props of a records page; `current` is its entry in the records navigation. */
    frame: (req: FastifyRequest, reply: FastifyReply, current: string) => recordsFrame(req.org.name, actorOf(req), reply.generateCsrf(), current),
  };
}

/**
 * A command's refusal as its form shows it: field errors with 400, or a conflict (409, e.g. someone
 * else got there first) shown at `at`. Anything else is rethrown to the error handler.
 */
export function refusal(err: unknown, at: string): { errors: FieldErrors; status: 400 | 409 } {
  if (err instanceof DomainError && (err.code === 'invalid' || err.code === 'conflict')) return { errors: err.details ?? { [at]: err.message }, status: err.code === 'invalid' ? 400 : 409 };
  throw err;
}
