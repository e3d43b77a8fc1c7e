import { poolOf, type Db, type Executor } from '../../db/database.ts';
import type { Organization, OrgUnit } from '../../db/schema.ts';

export async function findDefaultOrganization(db: Executor): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('is_default', '=', true).executeTakeFirst();
}

/**
 * The organization a request without /o/<slug> belongs to: the active one bound to the host name
 * asked for, else the active default. Every page asks it, so it is a named prepared statement on
 * the pool (parsed and planned once per connection, no query built per request).
 */
export async function findOrganizationForHost(db: Db, host: string, hostname: string): Promise<Organization | undefined> {
  const { rows } = await poolOf(db).query<Organization>({ name: 'organization-for-host', text: ORGANIZATION_FOR_HOST, values: [host, hostname] });
  return rows[0];
}

const ORGANIZATION_FOR_HOST = `
  SELECT * FROM organizations
  WHERE (host_name IN ($1::text, $2::text) OR is_default) AND active
  ORDER BY host_name IS NOT NULL AND host_name IN ($1::text, $2::text) DESC
  LIMIT 1`;

export async function findOrganizationById(db: Executor, id: string): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganizationBySlug(db: Executor, slug: string): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function countOrganizations(db: Executor): Promise<number> {
  const row = await db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The top level of the unit tree, the choices a citizen gets for "which förvaltning". */
export async function listActiveForvaltningar(db: Executor, organizationId: string): Promise<Pick<OrgUnit, 'id' | 'name'>[]> {
  return db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('kind', '=', 'forvaltning')
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}
