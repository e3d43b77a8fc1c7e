import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { OrgUnit, Role } from '../../db/schema.ts';
import type { AdminScope } from './policy.ts';

/** Every unit of one organization, in tree order (parents before children, siblings by sort order and name). */
export async function listUnits(db: Executor, organizationId: string): Promise<OrgUnit[]> {
  const rows = await db.selectFrom('org_units').selectAll().where('organization_id', '=', organizationId).execute();
  return treeOrder(rows);
}

export function treeOrder<T extends { id: string; parent_id: string | null; sort_order: number; name: string }>(rows: T[]): T[] {
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const list = children.get(r.parent_id) ?? [];
    list.push(r);
    children.set(r.parent_id, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'sv'));
  const out: T[] = [];
  const walk = (parent: string | null) => {
    for (const r of children.get(parent) ?? []) {
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  return out;
}

export async function findUnit(db: Executor, organizationId: string, id: string): Promise<OrgUnit | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('org_units').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Units within an admin's reach, as SQL: the org's units whose path meets one of the admin's roots. */
export function unitsInScope(db: Executor, organizationId: string, scope: AdminScope) {
  let q = db.selectFrom('org_units').select('id').where('organization_id', '=', organizationId);
  if (!scope.allUnits) q = q.where(sql<boolean>`ancestor_ids && ${sql.val([...scope.unitRoots])}::uuid[]`);
  return q;
}

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  active: boolean;
  has_password: boolean;
  totp: boolean;
  sso: boolean;
  last_login_at: Date | null;
  roles: { role: Role; unitName: string | null }[];
}

/** People of the organization an admin may see, with their roles; scoped in SQL for unit admins. */
export async function listPeople(db: Executor, organizationId: string, scope: AdminScope): Promise<PersonRow[]> {
  let q = db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.active',
      sql<boolean>`u.password_hash IS NOT NULL`.as('has_password'),
      sql<boolean>`u.totp_enabled_at IS NOT NULL`.as('totp'),
      sql<boolean>`u.sso_subject IS NOT NULL`.as('sso'),
      'u.last_login_at',
      sql<{ role: Role; unitName: string | null }[]>`coalesce((
        SELECT json_agg(json_build_object('role', g.role, 'unitName', ou.name) ORDER BY g.role, ou.name)
        FROM role_grants g LEFT JOIN org_units ou ON ou.id = g.org_unit_id WHERE g.user_id = u.id), '[]'::json)`.as('roles'),
    ])
    .where('u.organization_id', '=', organizationId);
  if (!scope.organization) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as g')
          .select('g.id')
          .whereRef('g.user_id', '=', 'u.id')
          .where('g.org_unit_id', 'in', unitsInScope(db, organizationId, scope)),
      ),
    );
  }
  return q.orderBy('u.active', 'desc').orderBy('u.name').execute();
}

export async function findPerson(db: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'active', 'deactivated_at', 'last_login_at', 'is_installation_admin', 'sso_subject', 'created_at'])
    .select([sql<boolean>`password_hash IS NOT NULL`.as('has_password'), sql<boolean>`totp_enabled_at IS NOT NULL`.as('totp')])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) return undefined;
  const grants = await db
    .selectFrom('role_grants as g')
    .leftJoin('org_units as ou', 'ou.id', 'g.org_unit_id')
    .select(['g.id', 'g.role', 'g.org_unit_id', 'g.source', 'ou.name as unit_name', 'ou.ancestor_ids'])
    .where('g.user_id', '=', id)
    .orderBy('g.role')
    .execute();
  const invitation = await db
    .selectFrom('user_invitations')
    .select(['id', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'])
    .where('user_id', '=', id)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { user, grants, invitation };
}
export type Person = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/** Each grant with the units it reaches: the unit granted on and its whole subtree. Pure. */
export function effectivePermissions(grants: readonly { role: Role; org_unit_id: string | null }[], units: readonly Pick<OrgUnit, 'id' | 'name' | 'ancestor_ids' | 'active'>[]) {
  return grants.map((g) => ({
    role: g.role,
    wholeOrganization: g.org_unit_id === null,
    units: g.org_unit_id === null ? [] : units.filter((u) => u.ancestor_ids.includes(g.org_unit_id!)).map((u) => ({ name: u.name, active: u.active, depth: u.ancestor_ids.length - u.ancestor_ids.indexOf(g.org_unit_id!) - 1 })),
  }));
}

export async function listCategories(db: Executor, organizationId: string) {
  return db
    .selectFrom('categories as c')
    .leftJoin('org_units as u', 'u.id', 'c.org_unit_id')
    .select(['c.id', 'c.level', 'c.name', 'c.active', 'c.sort_order', 'c.org_unit_id', 'u.name as unit_name'])
    .select(sql<number>`(SELECT count(*) FROM cases x WHERE x.area_id = c.id OR x.subcategory_id = c.id)`.as('case_count'))
    .where('c.organization_id', '=', organizationId)
    .orderBy('c.level')
    .orderBy('c.sort_order')
    .orderBy('c.name')
    .execute();
}

export async function findCategory(db: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('categories').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export async function listTemplates(db: Executor, organizationId: string, scope: AdminScope) {
  let q = db
    .selectFrom('response_templates as t')
    .leftJoin('org_units as u', 'u.id', 't.org_unit_id')
    .select(['t.id', 't.title', 't.kind', 't.purpose', 't.active', 't.org_unit_id', 't.sort_order', 'u.name as unit_name'])
    .where('t.organization_id', '=', organizationId);
  if (!scope.allUnits) q = q.where('t.org_unit_id', 'in', scope.unitRoots.length ? [...scope.unitRoots] : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('t.purpose').orderBy('t.sort_order').orderBy('t.title').execute();
}

export async function findTemplate(db: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('response_templates').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export const LOG_PAGE_SIZE = 50;

export async function listLog(db: Executor, organizationId: string, scope: AdminScope, page: number) {
  let q = db
    .selectFrom('admin_log as l')
    .leftJoin('org_units as f', 'f.id', 'l.forvaltning_id')
    .select(['l.id', 'l.occurred_at', 'l.actor_label', 'l.action', 'l.entity_type', 'l.summary', 'l.before', 'l.after', 'f.name as forvaltning_name'])
    .where('l.organization_id', '=', organizationId);
  if (!scope.organization) {
    q = scope.allUnits ? q.where('l.forvaltning_id', 'is not', null) : q.where('l.forvaltning_id', 'in', scope.unitRoots.length ? [...scope.unitRoots] : ['00000000-0000-0000-0000-000000000000']);
  }
  const rows = await q
    .orderBy('l.id', 'desc')
    .limit(LOG_PAGE_SIZE + 1)
    .offset((page - 1) * LOG_PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, LOG_PAGE_SIZE), hasMore: rows.length > LOG_PAGE_SIZE };
}

export async function listOrganizations(db: Executor) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.host_name', 'o.is_default', 'o.active', 'o.created_at'])
    .select(sql<number>`(SELECT count(*) FROM users u WHERE u.organization_id = o.id AND u.active)`.as('user_count'))
    .orderBy('o.is_default', 'desc')
    .orderBy('o.name')
    .execute();
}

/** Names for the ids a change log page mentions: units, categories and people of this organization only. */
export async function namesOf(db: Executor, organizationId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return new Map();
  const [units, categories, users] = await Promise.all(
    (['org_units', 'categories', 'users'] as const).map((table) => db.selectFrom(table).select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', wanted).execute()),
  );
  return new Map([...units!, ...categories!, ...users!].map((r) => [r.id, r.name]));
}
