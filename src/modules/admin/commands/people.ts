import { sql } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import type { Role } from '../../../db/schema.ts';
import { DomainError } from '../../../platform/errors.ts';
import { createInvitation } from '../../auth/invitations.ts';
import { destroySessionsOf } from '../../auth/sessions.ts';
import { ROLE_LABEL } from '../../organizations/demoStaff.ts';
import { logAdminChange } from '../log.ts';
import { canGrant, canManageOrganizationSettings, canManagePerson, canReinvite, canSeePerson, grantableRoles, mayGiveRole, type AdminScope } from '../policy.ts';
import { isUuid } from '../queries.ts';
import { checkEmail, checkName, clean, denied, EMAIL, invalid, missing, isUniqueViolation, scopeOf, who, type AdminCtx, type AdminDeps } from './context.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

async function unitPathFor(tx: Tx, organizationId: string, unitId: string | null): Promise<string[] | null | undefined> {
  if (!unitId) return null;
  if (!isUuid(unitId)) return undefined;
  const u = await tx.selectFrom('org_units').select('ancestor_ids').where('organization_id', '=', organizationId).where('id', '=', unitId).executeTakeFirst();
  return u?.ancestor_ids;
}

const ROLES = Object.keys(ROLE_LABEL) as Role[];

export interface InviteInput {
  name: string;
  email: string;
  role: string;
  /** '' = the whole organization. */
  unitId: string;
  linkBase: string;
}

/**
 * Why a role cannot be given: to oneself; a role only the organization admin gives (said on the
 * role, with the roles this admin can give); or a unit outside this admin's förvaltning.
 */
function grantRefused(s: AdminScope, role: Role, toSelf: boolean): DomainError {
  if (toSelf) return invalid('role', sv('admin.people.grantSelf'));
  if (!mayGiveRole(s, role)) {
    const roles = new Intl.ListFormat('sv', { type: 'conjunction' }).format(grantableRoles(s).map((r) => ROLE_LABEL[r].toLowerCase()));
    return invalid('role', sv('admin.people.roleNotGrantable', { role: ROLE_LABEL[role].toLowerCase(), roles }));
  }
  return invalid('unitId', sv('admin.people.grantOutsideScope'));
}

/** A new person with one role, and a one-time link for them. Duplicate e-mail: a clear message, nothing saved. */
export async function invitePerson(deps: AdminDeps, c: AdminCtx, input: InviteInput) {
  const name = clean(input.name);
  const email = clean(input.email).toLowerCase();
  const errors: Record<string, string> = {};
  if (!name) errors.name = sv('admin.people.nameMissing');
  if (!EMAIL.test(email) || email.length > 254) errors.email = sv('admin.errors.emailFormat');
  if (!ROLES.includes(input.role as Role)) errors.role = sv('admin.people.roleMissing');
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('admin.errors.correct'), errors);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const path = await unitPathFor(tx, c.org.id, input.unitId || null);
      if (path === undefined) throw invalid('unitId', sv('admin.people.unitUnknown'));
      if (!canGrant(scopeOf(c), input.role as Role, path, false)) throw grantRefused(scopeOf(c), input.role as Role, false);
      const existing = await tx.selectFrom('users').select(['id', 'name']).where('organization_id', '=', c.org.id).where(sql<boolean>`lower(email) = ${email}`).executeTakeFirst();
      if (existing) throw invalid('email', sv('admin.people.emailTakenInvite', { email, name: existing.name }));
      const user = await tx.insertInto('users').values({ organization_id: c.org.id, email, name, password_hash: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('role_grants').values({ user_id: user.id, role: input.role as Role, org_unit_id: input.unitId || null, created_by: who(c).id, created_at: now }).execute();
      const invitation = await createInvitation(tx, { organizationId: c.org.id, userId: user.id, email, name, orgName: c.org.name, invitedBy: who(c), linkBase: input.linkBase, now });
      await logAdminChange(tx, {
        organizationId: c.org.id,
        forvaltningId: path?.[0] ?? null,
        actor: who(c),
        action: 'invite',
        entityType: 'user',
        entityId: user.id,
        summary: sv('admin.summary.people.invited', { name, email, role: ROLE_LABEL[input.role as Role].toLowerCase() }),
        after: { name, email, role: input.role, unitId: input.unitId || null },
        now,
      });
      return { userId: user.id, invitation };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email')) throw invalid('email', sv('admin.people.emailTaken', { email }));
    throw err;
  }
}

async function personForChange(tx: Tx, c: AdminCtx, userId: string, need: 'see' | 'manage') {
  if (!isUuid(userId)) throw missing(sv('admin.people.notFound'));
  const user = await tx.selectFrom('users').selectAll().where('organization_id', '=', c.org.id).where('id', '=', userId).forUpdate().executeTakeFirst();
  if (!user) throw missing(sv('admin.people.notFound'));
  const grants = await tx
    .selectFrom('role_grants as g')
    .leftJoin('org_units as u', 'u.id', 'g.org_unit_id')
    .select(['g.id', 'g.role', 'g.org_unit_id', 'g.source', 'u.ancestor_ids', 'u.name as unit_name'])
    .where('g.user_id', '=', userId)
    .execute();
  const paths = grants.map((g) => (g.org_unit_id ? g.ancestor_ids! : null));
  const s = scopeOf(c);
  if (!canSeePerson(s, paths)) throw missing(sv('admin.people.notFound'));
  if (need === 'manage' && !canManagePerson(s, paths)) throw new DomainError('invalid', sv('admin.people.outsideScope'), { person: sv('admin.people.outsideScope') });
  return { user, grants, forvaltningId: grants.find((g) => g.ancestor_ids)?.ancestor_ids?.[0] ?? null };
}

export async function addGrant(deps: AdminDeps, c: AdminCtx, userId: string, input: { role: string; unitId: string }) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'see');
    if (!ROLES.includes(input.role as Role)) throw invalid('role', sv('admin.people.roleMissing'));
    const path = await unitPathFor(tx, c.org.id, input.unitId || null);
    if (path === undefined) throw invalid('unitId', sv('admin.people.unitUnknown'));
    const toSelf = p.user.id === c.actor.id;
    if (!canGrant(scopeOf(c), input.role as Role, path, toSelf)) {
      throw grantRefused(scopeOf(c), input.role as Role, toSelf);
    }
    const dup = p.grants.find((g) => g.role === input.role && (g.org_unit_id ?? '') === (input.unitId || ''));
    if (dup) throw invalid('role', sv('admin.people.grantDuplicate'));
    await tx.insertInto('role_grants').values({ user_id: p.user.id, role: input.role as Role, org_unit_id: input.unitId || null, created_by: who(c).id, created_at: now }).execute();
    const unitName = input.unitId ? (await tx.selectFrom('org_units').select('name').where('id', '=', input.unitId).executeTakeFirstOrThrow()).name : sv('admin.summary.people.wholeOrganization');
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: path?.[0] ?? null, actor: who(c), action: 'grant', entityType: 'role_grant', entityId: p.user.id, summary: sv('admin.summary.people.granted', { name: p.user.name, role: ROLE_LABEL[input.role as Role].toLowerCase(), unit: unitName }), after: { role: input.role, unitId: input.unitId || null }, now });
  });
}

export async function removeGrant(deps: AdminDeps, c: AdminCtx, userId: string, grantId: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'see');
    const g = p.grants.find((x) => x.id === grantId);
    if (!g) throw missing(sv('admin.people.grantNotFound'));
    // Giving up one's own role narrows access, so it is judged as if for someone else.
    if (!canGrant(scopeOf(c), g.role, g.org_unit_id ? g.ancestor_ids! : null, false)) throw invalid('grant', sv('admin.people.revokeOutsideScope'));
    if (p.user.id === c.actor.id && g.role === 'admin' && g.org_unit_id === null) {
      const others = await tx
        .selectFrom('role_grants as rg')
        .innerJoin('users as u', 'u.id', 'rg.user_id')
        .select('rg.id')
        .where('u.organization_id', '=', c.org.id)
        .where('u.active', '=', true)
        .where('rg.role', '=', 'admin')
        .where('rg.org_unit_id', 'is', null)
        .where('u.id', '<>', p.user.id)
        .executeTakeFirst();
      if (!others) throw invalid('grant', sv('admin.people.lastAdmin'));
    }
    await tx.deleteFrom('role_grants').where('id', '=', g.id).execute();
    await destroySessionsOf(tx, p.user.id);
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: g.ancestor_ids?.[0] ?? null, actor: who(c), action: 'revoke', entityType: 'role_grant', entityId: p.user.id, summary: sv('admin.summary.people.revoked', { name: p.user.name, role: ROLE_LABEL[g.role].toLowerCase(), unit: g.unit_name ?? sv('admin.summary.people.wholeOrganization') }), before: { role: g.role, unitId: g.org_unit_id, source: g.source }, now });
  });
}

export async function updatePerson(deps: AdminDeps, c: AdminCtx, userId: string, input: { name: string; email: string }) {
  const name = clean(input.name);
  const email = clean(input.email).toLowerCase();
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (tx) => {
      const p = await personForChange(tx, c, userId, 'manage');
      checkName('name', name, sv('admin.people.nameMissing'));
      checkEmail('email', email);
      const dup = await tx.selectFrom('users').select('name').where('organization_id', '=', c.org.id).where('id', '<>', p.user.id).where(sql<boolean>`lower(email) = ${email}`).executeTakeFirst();
      if (dup) throw invalid('email', sv('admin.people.emailTakenBy', { email, name: dup.name }));
      await tx.updateTable('users').set({ name, email }).where('id', '=', p.user.id).execute();
      await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: p.forvaltningId, actor: who(c), action: 'update', entityType: 'user', entityId: p.user.id, summary: sv('admin.summary.people.changed', { name }), before: { name: p.user.name, email: p.user.email }, after: { name, email }, now });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email')) throw invalid('email', sv('admin.people.emailTaken', { email }));
    throw err;
  }
}

/** Deactivation keeps the person and their grants (history, "who handled this"); they can no longer sign in. */
export async function setPersonActive(deps: AdminDeps, c: AdminCtx, userId: string, active: boolean) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'manage');
    if (p.user.id === c.actor.id && !active) throw invalid('person', sv('admin.people.deactivateSelf'));
    await tx.updateTable('users').set({ active, deactivated_at: active ? null : now }).where('id', '=', p.user.id).execute();
    if (!active) {
      await destroySessionsOf(tx, p.user.id);
      await tx.updateTable('user_invitations').set({ revoked_at: now }).where('user_id', '=', p.user.id).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
    }
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: p.forvaltningId, actor: who(c), action: active ? 'activate' : 'deactivate', entityType: 'user', entityId: p.user.id, summary: sv(active ? 'admin.summary.people.activated' : 'admin.summary.people.deactivated', { name: p.user.name }), before: { active: p.user.active }, after: { active }, now });
  });
}

export async function reinvitePerson(deps: AdminDeps, c: AdminCtx, userId: string, linkBase: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'manage');
    if (!p.user.active) throw invalid('person', sv('admin.people.reinviteInactive'));
    if (!canReinvite({ hasPassword: p.user.password_hash !== null, sso: p.user.sso_subject !== null })) {
      throw invalid('person', sv('admin.people.reinviteNotNeeded'));
    }
    const invitation = await createInvitation(tx, { organizationId: c.org.id, userId: p.user.id, email: p.user.email, name: p.user.name, orgName: c.org.name, invitedBy: who(c), linkBase, now });
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: p.forvaltningId, actor: who(c), action: 'invite', entityType: 'invitation', entityId: invitation.id, summary: sv('admin.summary.people.reinvited', { name: p.user.name, email: p.user.email }), now });
    return invitation;
  });
}

/** For a person who lost their phone: the organization admin turns their two-factor off; they enrol again. */
export async function resetSecondFactor(deps: AdminDeps, c: AdminCtx, userId: string) {
  if (!canManageOrganizationSettings(scopeOf(c))) throw denied();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const p = await personForChange(tx, c, userId, 'manage');
    await tx.updateTable('users').set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', p.user.id).execute();
    await destroySessionsOf(tx, p.user.id);
    await logAdminChange(tx, { organizationId: c.org.id, forvaltningId: p.forvaltningId, actor: who(c), action: 'reset', entityType: 'user', entityId: p.user.id, summary: sv('admin.summary.people.totpReset', { name: p.user.name }), before: { totp: p.user.totp_enabled_at !== null }, after: { totp: false }, now });
  });
}
