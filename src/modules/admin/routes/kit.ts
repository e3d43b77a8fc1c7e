import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../platform/clock.ts';
import { DomainError } from '../../../platform/errors.ts';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import type { AdminCtx, AdminDeps } from '../commands/context.ts';
import type { AdminScope } from '../policy.ts';
import type { AdminPageProps } from '../views/AdminLayout.tsx';

type Body = Record<string, unknown>;
export const field = (b: unknown, k: string): string => {
  const v = (b as Body | undefined)?.[k];
  return typeof v === 'string' ? v : '';
};
export const checked = (b: unknown, k: string) => ['ja', 'on', 'true', '1'].includes(field(b, k));

/** After a change: the page again, with a short confirmation (post/redirect/get). */
const NOTICES = {
  sparad: 'admin.notice.saved',
  skapad: 'admin.notice.created',
  flyttad: 'admin.notice.moved',
  avaktiverad: 'admin.notice.deactivated',
  aktiverad: 'admin.notice.activated',
  borttagen: 'admin.notice.deleted',
  roll: 'admin.notice.role',
  nollstalld: 'admin.notice.totpReset',
} as const;
export const noticeFrom = (req: FastifyRequest) => {
  const key = (req.query as Record<string, string> | undefined)?.klart ?? '';
  return Object.hasOwn(NOTICES, key) ? req.i18n.t(NOTICES[key as keyof typeof NOTICES]) : undefined;
};
export const see = (reply: FastifyReply, location: string, notice?: keyof typeof NOTICES) => reply.code(303).header('location', notice ? `${location}?klart=${notice}` : location).send();

/** Runs a command; form errors come back as field errors, anything else goes to the error handler. */
export async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'invalid' && err.details) return { ok: false, errors: err.details };
    throw err;
  }
}

/** What every admin route file needs from the plugin that registers it. */
export interface AdminKit {
  db: Db;
  clock: Clock;
  deps: AdminDeps;
  scopeOf: (req: FastifyRequest) => AdminScope;
  ctx: (req: FastifyRequest) => AdminCtx;
  page: (req: FastifyRequest, reply: FastifyReply, current: string) => AdminPageProps;
  requireScope: (ok: boolean) => void;
  unitScope: (s: AdminScope) => boolean;
}
