import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../cases/policy.ts';
import type { AuthMethod } from './sessions.ts';

export async function findUserByEmail(db: Executor, organizationId: string, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function grantsOf(db: Executor, userId: string): Promise<{ role: Role; unitId: string | null }[]> {
  const rows = await db.selectFrom('role_grants').select(['role', 'org_unit_id']).where('user_id', '=', userId).execute();
  return rows.map((r) => ({ role: r.role, unitId: r.org_unit_id }));
}

/** A signed-in person: the case policy's Actor plus what the staff pages need to know about the sign-in. */
export type SignedInActor = Actor & { email: string; installationAdmin: boolean; authMethod: AuthMethod; totpEnabled: boolean; mustChangePassword: boolean };

/** The signed-in user behind a session, with their grants, if the session is valid. */
export async function actorForSession(db: Executor, idHash: Buffer, now: Date): Promise<SignedInActor | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.organization_id', 'u.is_installation_admin', 'u.totp_enabled_at', 'u.must_change_password', 's.last_seen_at', 's.auth_method'])
    // The grants in the same round trip: this runs before every staff page.
    .select(
      sql<{ role: Role; unitId: string | null }[]>`coalesce((SELECT json_agg(json_build_object('role', g.role, 'unitId', g.org_unit_id)) FROM role_grants g WHERE g.user_id = u.id), '[]')`.as('grants'),
    )
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    kind: 'user',
    id: row.id,
    name: row.name,
    email: row.email,
    organizationId: row.organization_id,
    grants: row.grants,
    installationAdmin: row.is_installation_admin,
    authMethod: row.auth_method,
    totpEnabled: row.totp_enabled_at !== null,
    mustChangePassword: row.must_change_password,
  };
}
