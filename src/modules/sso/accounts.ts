import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { sv } from '../../platform/i18n/catalogue.ts';
import { logAdminChange } from '../admin/log.ts';
import { ROLE_LABEL } from '../organizations/demoStaff.ts';
import { rolesFromGroups, type SignInClaims, type SsoConfig } from './oidc.ts';

export type SsoAccountResult = { ok: true; userId: string } | { ok: false; message: string };

const SSO_ACTOR = { id: null, name: 'Inloggning via identitetsleverantör' };

/**
 * Who a single sign-on is: the account in this organization with the e-mail the provider vouches
 * for. A person without an account is refused, unless a group mapping gives them a role: then
 * the account is made. Grants from the group mapping are brought in line with the groups at
 * every sign-on; grants given by hand are never touched. One transaction.
 */
export async function accountForSignIn(db: Db, organizationId: string, orgName: string, cfg: SsoConfig, claims: SignInClaims, now: Date): Promise<SsoAccountResult> {
  if (!claims.email) {
    return {
      ok: false,
      message: sv('sso.account.noEmail', { claim: cfg.emailClaim }),
    };
  }
  const email = claims.email;
  const mapped = rolesFromGroups(cfg.groupRoles, claims.groups);
  return db.transaction().execute(async (tx) => {
    let user = await tx
      .selectFrom('users')
      .select(['id', 'active', 'sso_subject', 'name'])
      .where('organization_id', '=', organizationId)
      .where(sql`lower(email)`, '=', email)
      .forUpdate()
      .executeTakeFirst();
    if (!user) {
      if (mapped.length === 0) {
        return {
          ok: false,
          message: sv('sso.account.noAccount', { email, org: orgName }),
        };
      }
      const created = await tx
        .insertInto('users')
        .values({ organization_id: organizationId, email, name: claims.name?.trim() || email, password_hash: null, sso_subject: claims.subject })
        .returning(['id', 'active', 'sso_subject', 'name'])
        .executeTakeFirstOrThrow();
      await logAdminChange(tx, {
        organizationId,
        actor: SSO_ACTOR,
        action: 'create',
        entityType: 'user',
        entityId: created.id,
        summary: `Konto skapat vid inloggning för ${email} (grupper: ${claims.groups.join(', ')})`,
        after: { email, name: created.name },
        now,
      });
      user = created;
    }
    if (!user.active) {
      return { ok: false, message: sv('sso.account.deactivated', { email, org: orgName }) };
    }
    if (user.sso_subject && user.sso_subject !== claims.subject) {
      return {
        ok: false,
        message: sv('sso.account.otherSubject', { email }),
      };
    }
    if (!user.sso_subject) await tx.updateTable('users').set({ sso_subject: claims.subject }).where('id', '=', user.id).execute();

    // Reconcile the group-mapped grants.
    const current = await tx.selectFrom('role_grants').select(['id', 'role', 'org_unit_id']).where('user_id', '=', user.id).where('source', '=', 'sso').execute();
    const wanted = new Set(mapped.map((m) => `${m.role}:${m.unitId ?? ''}`));
    const have = new Set(current.map((g) => `${g.role}:${g.org_unit_id ?? ''}`));
    const remove = current.filter((g) => !wanted.has(`${g.role}:${g.org_unit_id ?? ''}`));
    const add = mapped.filter((m) => !have.has(`${m.role}:${m.unitId ?? ''}`));
    if (remove.length) await tx.deleteFrom('role_grants').where('id', 'in', remove.map((g) => g.id)).execute();
    for (const m of add) {
      // A unit that no longer exists in this organization is skipped, never granted.
      if (m.unitId) {
        const unit = await tx.selectFrom('org_units').select('id').where('id', '=', m.unitId).where('organization_id', '=', organizationId).executeTakeFirst();
        if (!unit) continue;
      }
      await tx
        .insertInto('role_grants')
        .values({ user_id: user.id, role: m.role, org_unit_id: m.unitId, source: 'sso' })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    if (remove.length || add.length) {
      await logAdminChange(tx, {
        organizationId,
        actor: SSO_ACTOR,
        action: 'grant',
        entityType: 'role_grant',
        entityId: user.id,
        summary: `Roller från grupper uppdaterade för ${email}: ${[...add.map((a) => `+${ROLE_LABEL[a.role]}`), ...remove.map((r) => `−${ROLE_LABEL[r.role]}`)].join(', ')}`,
        before: current.map((g) => ({ role: g.role, unitId: g.org_unit_id })),
        after: mapped,
        now,
      });
    }
    return { ok: true, userId: user.id };
  });
}
