import { can, rolesOn, type Actor, type PolicyCase } from '../cases/policy.ts';

/**
 * Who hands a case over to the diarium: those who register, coordinate or administer on the case.
 * The package holds everything about the case, the submitter's personal data too, so only roles
 * that may see it; a handler asks the registrar, as the diarium's own routine says.
 */
export function mayExport(actor: Actor, c: PolicyCase): boolean {
  if (!can(actor, 'view_contact', c)) return false;
  const roles = rolesOn(actor, c);
  return roles.has('registrar') || roles.has('coordinator') || roles.has('admin');
}
