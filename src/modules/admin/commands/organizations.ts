import type { OrganizationSettings } from '../../../db/schema.ts';
import { DomainError } from '../../../platform/errors.ts';
import { createInvitation } from '../../auth/invitations.ts';
import { DEFAULT_AREAS } from '../../organizations/demo.ts';
import { logAdminChange } from '../log.ts';
import { canManageOrganizations } from '../policy.ts';
import { isUuid } from '../queries.ts';
import { clean, denied, EMAIL, invalid, missing, isUniqueViolation, scopeOf, who, type AdminCtx, type AdminDeps } from './context.ts';
import { sv } from '../../../platform/i18n/catalogue.ts';

export const ORGANIZATION_KINDS = { municipality: sv('admin.orgKind.municipality'), company: sv('admin.orgKind.company'), joint_body: sv('admin.orgKind.joint_body') } as const;
export type OrganizationKind = keyof typeof ORGANIZATION_KINDS;
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const HOST = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?$/;

export interface NewOrganization {
  slug: string;
  name: string;
  kind: string;
  hostName: string;
  adminName: string;
  adminEmail: string;
  /** Absolute URL prefix of the new organization's invitation page: ".../o/<slug>/inbjudan/". */
  invitationLinkBase: (slug: string) => string;
}

/**
 * A new organization with the default areas, default settings and its first administrator,
 * who gets a one-time link. All or nothing.
 */
export async function createOrganization(deps: AdminDeps, c: AdminCtx, input: NewOrganization) {
  if (!canManageOrganizations(scopeOf(c))) throw denied();
  const slug = clean(input.slug).toLowerCase();
  const name = clean(input.name);
  const hostName = clean(input.hostName).toLowerCase() || null;
  const adminName = clean(input.adminName);
  const adminEmail = clean(input.adminEmail).toLowerCase();
  const errors: Record<string, string> = {};
  if (!SLUG.test(slug)) errors.slug = sv('admin.organizations.slugInvalid');
  if (!name) errors.name = sv('admin.organizations.nameMissing');
  if (!(input.kind in ORGANIZATION_KINDS)) errors.kind = sv('admin.organizations.kindMissing');
  if (hostName && !HOST.test(hostName)) errors.hostName = sv('admin.organizations.hostNameInvalid');
  if (!adminName) errors.adminName = sv('admin.organizations.adminNameMissing');
  if (!EMAIL.test(adminEmail)) errors.adminEmail = sv('admin.organizations.adminEmailInvalid');
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('admin.errors.correct'), errors);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const taken = await tx.selectFrom('organizations').select(['slug', 'host_name']).where((eb) => eb.or([eb('slug', '=', slug), ...(hostName ? [eb('host_name', '=', hostName)] : [])])).execute();
      if (taken.some((t) => t.slug === slug)) throw invalid('slug', sv('admin.organizations.slugTaken', { slug }));
      if (hostName && taken.some((t) => t.host_name === hostName)) throw invalid('hostName', sv('admin.organizations.hostNameTaken', { hostName }));
      const settings: OrganizationSettings = { answerWorkingDays: 10 };
      const org = await tx
        .insertInto('organizations')
        .values({ slug, name, kind: input.kind as OrganizationKind, host_name: hostName, is_default: false, settings: JSON.stringify(settings), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (const [i, area] of DEFAULT_AREAS.entries()) {
        await tx.insertInto('categories').values({ organization_id: org.id, level: 'area', name: area, sort_order: i }).execute();
      }
      const admin = await tx.insertInto('users').values({ organization_id: org.id, email: adminEmail, name: adminName, password_hash: null }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('role_grants').values({ user_id: admin.id, role: 'admin', org_unit_id: null, created_by: who(c).id }).execute();
      const invitation = await createInvitation(tx, {
        organizationId: org.id,
        userId: admin.id,
        email: adminEmail,
        name: adminName,
        orgName: name,
        invitedBy: who(c),
        linkBase: input.invitationLinkBase(slug),
        now,
      });
      const after = { slug, name, kind: org.kind, hostName, firstAdmin: adminEmail };
      // Recorded both in the installation's own organization and in the new one.
      await logAdminChange(tx, { organizationId: c.org.id, actor: who(c), action: 'create', entityType: 'organization', entityId: org.id, summary: sv('admin.summary.organizations.created', { name, slug }), after, now });
      await logAdminChange(tx, { organizationId: org.id, actor: who(c), action: 'create', entityType: 'organization', entityId: org.id, summary: sv('admin.summary.organizations.createdByInstallation'), after, now });
      return { org, invitation };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_slug_key')) throw invalid('slug', sv('admin.organizations.slugTaken', { slug }));
    if (isUniqueViolation(err, 'organizations_host_name_key')) throw invalid('hostName', sv('admin.organizations.hostNameTaken', { hostName }));
    throw err;
  }
}

export async function updateOrganization(deps: AdminDeps, c: AdminCtx, id: string, input: { name: string; kind: string; hostName: string; active: boolean }) {
  if (!canManageOrganizations(scopeOf(c))) throw denied();
  if (!isUuid(id)) throw missing(sv('admin.organizations.notFound'));
  const name = clean(input.name);
  const hostName = clean(input.hostName).toLowerCase() || null;
  const errors: Record<string, string> = {};
  if (!name) errors.name = sv('admin.organizations.nameMissing');
  if (!(input.kind in ORGANIZATION_KINDS)) errors.kind = sv('admin.organizations.kindMissing');
  if (hostName && !HOST.test(hostName)) errors.hostName = sv('admin.organizations.hostNameInvalid');
  if (Object.keys(errors).length) throw new DomainError('invalid', sv('admin.errors.correct'), errors);
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw missing(sv('admin.organizations.notFound'));
      if (!input.active && before.is_default) throw invalid('active', sv('admin.organizations.defaultCannotClose'));
      if (!input.active && before.id === c.org.id) throw invalid('active', sv('admin.organizations.ownCannotClose'));
      if (hostName) {
        const other = await tx.selectFrom('organizations').select('id').where('host_name', '=', hostName).where('id', '<>', id).executeTakeFirst();
        if (other) throw invalid('hostName', sv('admin.organizations.hostNameTaken', { hostName }));
      }
      await tx.updateTable('organizations').set({ name, kind: input.kind as OrganizationKind, host_name: hostName, active: input.active, updated_at: now }).where('id', '=', id).execute();
      const pick = (o: { name: string; kind: string; host_name: string | null; active: boolean }) => ({ name: o.name, kind: o.kind, hostName: o.host_name, active: o.active });
      await logAdminChange(tx, { organizationId: c.org.id, actor: who(c), action: 'update', entityType: 'organization', entityId: id, summary: sv('admin.summary.organizations.changed', { name }), before: pick(before), after: { name, kind: input.kind, hostName, active: input.active }, now });
      if (id !== c.org.id) await logAdminChange(tx, { organizationId: id, actor: who(c), action: 'update', entityType: 'organization', entityId: id, summary: sv('admin.summary.organizations.changedByInstallation'), before: pick(before), after: { name, kind: input.kind, hostName, active: input.active }, now });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_host_name_key')) throw invalid('hostName', sv('admin.organizations.hostNameTaken', { hostName }));
    throw err;
  }
}
