import type { Executor } from '../../db/database.ts';
import { loadActiveStructure } from '../organizations/structure.ts';

/** The unit tree, areas and subcategories the registration form offers, in display order. */
export async function loadRegistrationChoices(db: Executor, organizationId: string) {
  const { units, categories } = await loadActiveStructure(db, organizationId);
  return { units, areas: categories.filter((c) => c.level === 'area'), subcategories: categories.filter((c) => c.level === 'subcategory') };
}

export type RegistrationChoices = Awaited<ReturnType<typeof loadRegistrationChoices>>;
export type ChoiceUnit = RegistrationChoices['units'][number];

/**
 * A case for its confirmation page, when this user registered it. Whoever took the call may not
 * be allowed to see the case once it is routed, but should still be able to pass on its number
 * and status link.
 */
export async function findCaseRegisteredBy(db: Executor, organizationId: string, number: string, userId: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('case_events as e', (j) => j.onRef('e.case_id', '=', 'c.id').on('e.type', '=', 'received'))
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.number', 'c.organization_id', 'c.status', 'c.is_internal', 'c.is_quick', 'c.handler_id', 'c.confidential', 'u.ancestor_ids as unit_path'])
    .where('c.organization_id', '=', organizationId)
    .where('c.number', '=', number)
    .where('e.actor_user_id', '=', userId)
    .executeTakeFirst();
}
