import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { hasRole } from '../cases/policy.ts';
import { loadActiveStructure } from '../organizations/structure.ts';
import { apiActor } from './auth.ts';
import { areaListSchema, handlerListSchema, handlersQuerySchema, unitListSchema } from './referenceSchemas.ts';

/** Staff who can be assigned cases in a unit: a handling role on it, above it, or on the whole organization. */
async function assignableStaff(db: Executor, organizationId: string, unitPath: readonly string[] | null) {
  return db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.name', sql<string[]>`array_agg(DISTINCT g.role ORDER BY g.role)`.as('roles')])
    .where('u.organization_id', '=', organizationId)
    .where('u.active', '=', true)
    .where('g.role', 'in', ['handler', 'coordinator', 'admin'])
    .$if(unitPath !== null, (q) => q.where((eb) => eb.or([eb('g.org_unit_id', 'is', null), eb('g.org_unit_id', 'in', unitPath!.length ? [...unitPath!] : ['00000000-0000-0000-0000-000000000000'])])))
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.name')
    .execute();
}

/**
 * Reference data, registered inside the API plugin: the unit tree, the areas and each
 * förvaltning's subcategories, and who can be assigned, so an integration can offer the same
 * choices as the staff pages and send valid ids.
 */
export const referenceRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/units', { schema: { response: { 200: unitListSchema } } }, async (req) => {
    const { units } = await loadActiveStructure(db, apiActor(req).organizationId);
    const names = new Map(units.map((u) => [u.id, u.name]));
    return {
      items: units.map((u) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        parentId: u.parent_id,
        path: u.ancestor_ids.map((id) => names.get(id) ?? ''),
        committee: u.committee,
        subcategoryRequired: u.subcategory_required,
      })),
    };
  });

  app.get('/areas', { schema: { response: { 200: areaListSchema } } }, async (req) => {
    const { units, categories } = await loadActiveStructure(db, apiActor(req).organizationId);
    return {
      areas: categories.filter((c) => c.level === 'area').map((c) => ({ id: c.id, name: c.name })),
      forvaltningar: units
        .filter((u) => u.kind === 'forvaltning')
        .map((f) => ({
          id: f.id,
          name: f.name,
          subcategoryRequired: f.subcategory_required,
          subcategories: categories.filter((c) => c.level === 'subcategory' && c.org_unit_id === f.id).map((c) => ({ id: c.id, name: c.name })),
        })),
    };
  });

  app.get<{ Querystring: { unit?: string } }>('/handlers', { schema: { querystring: handlersQuerySchema, response: { 200: handlerListSchema } } }, async (req) => {
    const actor = apiActor(req);
    // Those who assign cases need the names; a reader's or unit admin's key does not.
    if (!hasRole(actor, 'registrar', 'coordinator', 'admin')) throw new DomainError('forbidden', 'API-nyckelns roll får inte lista handläggare.');
    let path: string[] | null = null;
    if (req.query.unit) {
      const unit = await db.selectFrom('org_units').select('ancestor_ids').where('id', '=', req.query.unit).where('organization_id', '=', actor.organizationId).where('active', '=', true).executeTakeFirst();
      if (!unit) throw notFound('Enheten');
      path = unit.ancestor_ids;
    }
    return { items: await assignableStaff(db, actor.organizationId, path) };
  });
};
