import type { Role } from '../../db/schema.ts';
import { coversWholeOrganization, rolesOn, type Actor, type PolicyCase } from '../cases/policy.ts';

/**
 * Who may do what with records. Pure functions over the actor's grants; the routes load, ask and
 * answer 404 when the answer is no.
 *
 * The records officer is the organization admin or an archivist (arkivarie), always on the whole
 * organization: the retention schedule, disposal and deliveries concern every förvaltning.
 */
/** The schedule, dry runs, disposal, the disposal log, e-archive deliveries and GDPR requests. */
export const mayManageRecords = (actor: Actor) => coversWholeOrganization(actor, 'admin', 'archivist');

/** Roles that place and lift a legal hold on a case they can see. */
export const HOLD_ROLES: readonly Role[] = ['registrar', 'admin', 'archivist'];

export function mayHold(actor: Actor, c: PolicyCase): boolean {
  const roles = rolesOn(actor, c);
  return HOLD_ROLES.some((r) => roles.has(r));
}

/** Significance is set at registration; registrar, admin and archivist may change it later. */
export const mayChangeSignificance = (actor: Actor, c: PolicyCase) => mayHold(actor, c);

/** Who to name in the admin log: a person, or an API key / the command line by name only. */
export const logActor = (actor: Actor) => ({ id: actor.kind === 'user' ? actor.id : null, name: actor.name });
