import type { Executor } from '../../db/database.ts';
import type { Organization, OrgUnit } from '../../db/schema.ts';

export async function findDefaultOrganization(db: Executor): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('is_default', '=', true).executeTakeFirst();
}

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
