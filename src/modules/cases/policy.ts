import type { Role } from '../../db/schema.ts';
import { findTransition, type CaseEvent, type Status } from './lifecycle.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/** A signed-in person or an API key: who they are and what roles they hold where. */
export interface Actor {
  kind: 'user' | 'api_key';
  id: string;
  name: string;
  organizationId: string;
  /** unitId null: the role covers the whole organization. */
  grants: readonly { role: Role; unitId: string | null }[];
}

/** What policies need to know about a case; loaded by the caller. */
export interface PolicyCase {
  organizationId: string;
  status: Status;
  /** Ancestors of the case's unit including itself; empty while not routed. */
  unitPath: readonly string[];
  handlerId: string | null;
  confidential: boolean;
}

export type CaseAction = 'view' | 'view_contact' | 'note' | 'link' | 'edit' | CaseEvent;

/** Roles that may see confidential cases in their units (besides the case's own handler). */
export const CONFIDENTIAL_ROLES: readonly Role[] = ['registrar', 'coordinator', 'admin'];
/** Roles that see personal data of submitters. Readers and unit admins never do. */
export const CONTACT_ROLES: readonly Role[] = ['registrar', 'coordinator', 'handler', 'admin'];
const WORKING_ROLES: readonly Role[] = ['registrar', 'coordinator', 'handler', 'admin'];
/** Roles that hand cases on to units and handlers (the lifecycle's route and assign). */
const DISTRIBUTING_ROLES: readonly Role[] = ['registrar', 'coordinator', 'admin'];

/**
 * Pure: whether lists may show this actor the submitters' text (an excerpt of the description)
 * and search it. Only for people whose every role may see personal data: lists are not scoped
 * per role, so a reader, archivist or unit admin grant anywhere means the lists show and search
 * only what every role sees (number, area, unit, handler). A case page goes by can(…, 'view_contact').
 */
export const mayReadExcerpts = (actor: Pick<Actor, 'grants'>) => actor.grants.length > 0 && actor.grants.every((g) => CONTACT_ROLES.includes(g.role));

/** The roles an actor holds on this case: grants on the whole organization or on an ancestor unit. */
export function rolesOn(actor: Actor, c: PolicyCase): Set<Role> {
  const roles = new Set<Role>();
  if (actor.organizationId !== c.organizationId) return roles;
  for (const g of actor.grants) {
    if (g.unitId === null || c.unitPath.includes(g.unitId)) roles.add(g.role);
  }
  return roles;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

/** A grant on the whole organization rather than on units: of one of these roles, or of any role when none are named. */
export function coversWholeOrganization(actor: Pick<Actor, 'grants'>, ...roles: Role[]): boolean {
  return actor.grants.some((g) => g.unitId === null && (roles.length === 0 || roles.includes(g.role)));
}

/** The case is assigned to this person. (An API key is never a case's handler.) */
export function isOwnHandler(actor: Actor, c: PolicyCase): boolean {
  return actor.kind === 'user' && c.handlerId !== null && c.handlerId === actor.id;
}

export function canSee(actor: Actor, c: PolicyCase): boolean {
  if (actor.organizationId !== c.organizationId) return false;
  // The handler a case is assigned to sees it even when it lies outside their granted units.
  if (isOwnHandler(actor, c)) return true;
  const roles = rolesOn(actor, c);
  if (roles.size === 0) return false;
  if (!c.confidential) return true;
  return CONFIDENTIAL_ROLES.some((r) => roles.has(r));
}

/**
 * Pure: may this actor do this to this case? A case the actor may not see is refused for every
 * action, and the routes answer that with 404.
 */
export function can(actor: Actor, action: CaseAction, c: PolicyCase): boolean {
  if (!canSee(actor, c)) return false;
  const roles = rolesOn(actor, c);
  const own = isOwnHandler(actor, c);
  switch (action) {
    case 'view':
      return true;
    // The case's own handler answers the submitter and works the case, also when it was assigned
    // to them outside their granted units (canSee lets them in for that reason).
    case 'view_contact':
      return own || CONTACT_ROLES.some((r) => roles.has(r));
    case 'note':
    case 'link':
      return own || WORKING_ROLES.some((r) => roles.has(r));
    case 'edit':
      return roles.has('registrar') || roles.has('coordinator') || roles.has('admin') || own;
    default: {
      const t = findTransition(c.status, action);
      if (!t) return false;
      return t.who.some((w) => (w === 'assigned_handler' ? own : roles.has(w)));
    }
  }
}

/** Why a transition is not offered: not allowed from this status, or not for this actor. */
export function refusal(actor: Actor, action: CaseEvent, c: PolicyCase): string | null {
  if (!findTransition(c.status, action)) return sv('cases.error.notInStatus');
  if (!can(actor, action, c)) return sv('cases.routes.notPermitted');
  return null;
}

/** A unit a case may be assigned to: its ancestor ids (förvaltning first, itself last) and whether it is in use. */
export interface AssignTarget {
  path: readonly string[];
  active: boolean;
}

/**
 * Pure: why this actor may not assign the case to this unit, or null when they may. Assigning keeps
 * a case inside its förvaltning (sending it to another one is routing, "Skicka vidare"); the unit
 * must be in use; and the actor must distribute cases there, by a grant on the whole organization
 * or on the unit or one above it. A coordinator of one förvaltning can thus never move a case out
 * of their own sight by assigning it.
 */
export function assignRefusal(actor: Actor, c: PolicyCase, target: AssignTarget): string | null {
  if (!target.active) return sv('cases.error.assignInactiveUnit');
  const forvaltning = c.unitPath[0];
  if (forvaltning && target.path[0] !== forvaltning) return sv('cases.error.assignOtherForvaltning');
  const distributes = actor.organizationId === c.organizationId && actor.grants.some((g) => DISTRIBUTING_ROLES.includes(g.role) && (g.unitId === null || target.path.includes(g.unitId)));
  return distributes ? null : sv('cases.error.assignOutsideScope');
}
