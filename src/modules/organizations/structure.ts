import type { Executor } from '../../db/database.ts';

/** An organization's active units (in tree order) and categories: what every classification form offers. */
export async function loadActiveStructure(db: Executor, organizationId: string) {
  const [units, categories] = await Promise.all([
    db
      .selectFrom('org_units')
      .select(['id', 'name', 'kind', 'parent_id', 'ancestor_ids', 'subcategory_required', 'sort_order', 'committee'])
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
  return { units: treeOrder(units), categories };
}

/** Depth-first, siblings by sort order then name: each unit right after its parent, so a flat list reads as a tree. */
export function treeOrder<U extends { id: string; parent_id: string | null; sort_order: number; name: string }>(units: U[]): U[] {
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
