import type { CustomFetch } from 'openid-client';
import type { Db } from '../../../db/database.ts';
import type { Organization } from '../../../db/schema.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Sealer } from '../../../platform/crypto.ts';
import { DomainError, notFound } from '../../../platform/errors.ts';
import { adminScope, type AdminActor, type AdminScope } from '../policy.ts';

export interface AdminDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  /** How the identity provider is reached when its settings are checked (sso/issuerNetwork.ts). */
  issuerFetch: CustomFetch;
}

/** Who does it, in which organization. */
export interface AdminCtx {
  actor: AdminActor;
  org: Pick<Organization, 'id' | 'name'>;
}

export const scopeOf = (c: AdminCtx): AdminScope => adminScope(c.actor);
export const who = (c: AdminCtx) => ({ id: c.actor.kind === 'user' ? c.actor.id : null, name: c.actor.name });

/** A form error: the message for the summary and the field. */
export const invalid = (field: string, message: string) => new DomainError('invalid', message, { [field]: message });
export const denied = () => notFound('Sidan');

export const isUniqueViolation = (err: unknown, constraint?: string) =>
  (err as { code?: string }).code === '23505' && (constraint === undefined || (err as { constraint?: string }).constraint === constraint);

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const clean = (s: string | undefined | null) => (s ?? '').trim();

export function checkName(field: string, name: string, what: string, max = 120) {
  if (!name) throw invalid(field, `Skriv ${what}`);
  if ([...name].length > max) throw invalid(field, `Namnet får vara högst ${max} tecken`);
}

export function checkEmail(field: string, email: string) {
  if (!email) throw invalid(field, 'Skriv e-postadressen');
  if (!EMAIL.test(email) || email.length > 254) throw invalid(field, 'Skriv e-postadressen i rätt format, till exempel namn@kommun.se');
}
