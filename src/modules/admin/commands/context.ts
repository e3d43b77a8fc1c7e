import type { CustomFetch } from 'openid-client';
import type { Db } from '../../../db/database.ts';
import type { Organization } from '../../../db/schema.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Sealer } from '../../../platform/crypto.ts';
import { DomainError } from '../../../platform/errors.ts';
import { adminScope, type AdminActor, type AdminScope } from '../policy.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

export interface AdminDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  /** How the identity provider is reached when its settings are checked (platform/internalNetwork.ts). */
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
/** A thing that does not exist here (or that this person may not see): the whole sentence, from the catalogue. */
export const missing = (message: string) => new DomainError('not_found', message);
export const denied = () => missing(sv('admin.errors.pageNotFound'));

export const isUniqueViolation = (err: unknown, constraint?: string) =>
  (err as { code?: string }).code === '23505' && (constraint === undefined || (err as { constraint?: string }).constraint === constraint);

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const clean = (s: string | undefined | null) => (s ?? '').trim();

/** `missingMessage`: the whole sentence shown when the name is empty ("Skriv enhetens namn"). */
export function checkName(field: string, name: string, missingMessage: string, max = 120) {
  if (!name) throw invalid(field, missingMessage);
  if ([...name].length > max) throw invalid(field, sv('admin.errors.nameTooLong', { max }));
}

export function checkEmail(field: string, email: string) {
  if (!email) throw invalid(field, sv('admin.errors.emailMissing'));
  if (!EMAIL.test(email) || email.length > 254) throw invalid(field, sv('admin.errors.emailFormat'));
}
