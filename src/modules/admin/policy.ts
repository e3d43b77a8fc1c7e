import type { Role } from '../../db/schema.ts';
import { coversWholeOrganization, type Actor } from '../cases/policy.ts';

/**
 * Who may administer what. Pure functions over the actor's grants and the ancestor path of the
 * thing concerned; the routes load the data, ask, and answer 404 when the answer is no.
 *
 * - installation admin (users.is_installation_admin): the organizations of the installation
 * - organization admin (role admin on the whole organization): everything in the organization
 * - unit admin / superanvändare (role unit_admin on a unit, normally a förvaltning): that unit's
 *   subtree — its units, people and roles there, its subcategories and response templates. Never
 *   the organization's settings, areas, sign-in, organization-wide roles or the unit itself.
 */
export interface AdminActor extends Actor {
  installationAdmin?: boolean;
}

export interface AdminScope {
  installation: boolean;
  /** Organization admin. */
  organization: boolean;
  /** unit_admin on the whole organization: every unit, but not the organization's settings. */
  allUnits: boolean;
  /** The units (roots of subtrees) a unit admin administers. */
  unitRoots: readonly string[];
}

/** Organization admin: for the admin pages that exist only for the whole organization. */
export const isOrgAdmin = (a: Actor | null): a is Actor => !!a && coversWholeOrganization(a, 'admin');

export function adminScope(actor: AdminActor): AdminScope {
  const organization = coversWholeOrganization(actor, 'admin');
  const allUnits = organization || coversWholeOrganization(actor, 'unit_admin');
  const unitRoots = actor.grants.filter((g) => (g.role === 'unit_admin' || g.role === 'admin') && g.unitId !== null).map((g) => g.unitId!);
  return { installation: actor.installationAdmin === true, organization, allUnits, unitRoots };
}

export const canEnterAdmin = (s: AdminScope) => s.installation || s.organization || s.allUnits || s.unitRoots.length > 0;
export const canManageOrganizations = (s: AdminScope) => s.installation;
/** Start-page texts, referral links, letterhead, sign-in, areas, organization-wide roles. */
export const canManageOrganizationSettings = (s: AdminScope) => s.organization;

/** `path`: the unit's ancestor ids from the root, itself last. */
export function canManageWithin(s: AdminScope, path: readonly string[]): boolean {
  if (s.allUnits) return true;
  return path.some((id) => s.unitRoots.includes(id));
}

/** Rename, move, deactivate or delete the unit itself: a unit admin only below their own root. */
export function canChangeUnit(s: AdminScope, path: readonly string[]): boolean {
  if (s.allUnits) return true;
  return path.slice(0, -1).some((id) => s.unitRoots.includes(id));
}

export function canCreateUnitUnder(s: AdminScope, parentPath: readonly string[] | null): boolean {
  return parentPath === null ? s.allUnits : canManageWithin(s, parentPath);
}

export function canMoveUnit(s: AdminScope, path: readonly string[], newParentPath: readonly string[] | null): boolean {
  return canChangeUnit(s, path) && canCreateUnitUnder(s, newParentPath);
}

/**
 * Which roles an admin may give, where, and to whom. Organization-wide grants and the admin and
 * registrar roles are the organization admin's. A unit admin never gives roles to themselves:
 * handler or coordinator would open the personal data their own role keeps from them.
 */
export function canGrant(s: AdminScope, role: Role, unitPath: readonly string[] | null, toSelf: boolean): boolean {
  if (s.organization) return true;
  if (toSelf) return false;
  if (unitPath === null) return false;
  if (role === 'admin' || role === 'registrar' || role === 'archivist') return false;
  return canManageWithin(s, unitPath);
}

/** Whether this role is one this admin gives at all (anywhere); canGrant also asks where and to whom. */
export const mayGiveRole = (s: AdminScope, role: Role) => grantableRoles(s).includes(role);

/** The roles offered in the forms for this admin. */
export function grantableRoles(s: AdminScope): Role[] {
  return s.organization ? ['registrar', 'coordinator', 'handler', 'unit_admin', 'reader', 'admin', 'archivist'] : ['coordinator', 'handler', 'unit_admin', 'reader'];
}

/** A person is seen by an admin who administers at least one of their grants (org admins see everyone). */
export function canSeePerson(s: AdminScope, grantPaths: readonly (readonly string[] | null)[]): boolean {
  if (s.organization) return true;
  return grantPaths.some((p) => p !== null && canManageWithin(s, p));
}

/** Deactivate, reactivate, rename or re-invite a person: only when all their access lies within the admin's reach. */
export function canManagePerson(s: AdminScope, grantPaths: readonly (readonly string[] | null)[]): boolean {
  if (s.organization) return true;
  return grantPaths.length > 0 && grantPaths.every((p) => p !== null && canManageWithin(s, p));
}

/**
 * A new invitation link sets the person's password. Only for someone who has not chosen one yet
 * (nor signs in with single sign-on): otherwise the link would hand their account, and its roles,
 * to whoever holds it, and the admin sees the link.
 */
export const canReinvite = (person: { hasPassword: boolean; sso: boolean }) => !person.hasPassword && !person.sso;

/** Subcategories of a förvaltning, and whether one is required there. */
export function canManageSubcategories(s: AdminScope, forvaltningId: string): boolean {
  return s.allUnits || s.unitRoots.includes(forvaltningId);
}

/** Response templates: organization-wide ones are the organization admin's; a förvaltning's are also its unit admin's. */
export function canManageTemplate(s: AdminScope, forvaltningId: string | null): boolean {
  if (forvaltningId === null) return s.organization;
  return canManageSubcategories(s, forvaltningId);
}

/** The admin log: everything for the organization admin, a förvaltning's entries for its unit admin. */
export function canSeeLogEntry(s: AdminScope, forvaltningId: string | null): boolean {
  if (s.organization) return true;
  return forvaltningId !== null && (s.allUnits || s.unitRoots.includes(forvaltningId));
}
