import type { Executor } from '../../db/database.ts';

/** The unit tree, areas and subcategories the registration form offers, in display order. */
export async function loadRegistrationChoices(db: Executor, organizationId: string) {
  const [units, categories] = await Promise.all([
    db
      .selectFrom('org_units')
      .select(['id', 'name', 'kind', 'parent_id', 'ancestor_ids', 'subcategory_required', 'sort_order'])
      .where('organization_id', '=', organizationId)
      .where('active', '=', true)
      .execute(),
    db
      .selectFrom('categories')
      .select(['id', 'name', 'level', 'org_unit_id'])
      .where('organization_id', '=', organizationId)
      .where('active', '=', true)
      .orderBy('sort_order')
      .orderBy('name')
      .execute(),
  ]);
  return { units: treeOrder(units), areas: categories.filter((c) => c.level === 'area'), subcategories: categories.filter((c) => c.level === 'subcategory') };
}

export type RegistrationChoices = Awaited<ReturnType<typeof loadRegistrationChoices>>;
export type ChoiceUnit = RegistrationChoices['units'][number];

/** Depth-first, siblings by sort order: each unit right after its parent, so a flat list reads as a tree. */
function treeOrder<U extends { id: string; parent_id: string | null; sort_order: number; name: string }>(units: U[]): U[] {
  const children = new Map<string | null, U[]>();
  for (const u of units) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  const out: U[] = [];
  const walk = (parent: string | null) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'sv'));
    for (const u of list) {
      out.push(u);
      walk(u.id);
    }
  };
  walk(null);
  return out;
}

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
