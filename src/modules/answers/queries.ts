import type { Executor } from '../../db/database.ts';
import type { CaseKind } from '../../db/schema.ts';

/**
 * Answer templates that fit a case: for its kind or for any kind, from the whole organization
 * or from a unit on the case's path.
 */
export async function listAnswerTemplates(db: Executor, organizationId: string, kind: CaseKind, unitPath: readonly string[]) {
  return db
    .selectFrom('response_templates')
    .select(['id', 'title', 'body', 'kind'])
    .where('organization_id', '=', organizationId)
    .where('purpose', '=', 'answer')
    .where('active', '=', true)
    .where((eb) => eb.or([eb('kind', 'is', null), eb('kind', '=', kind)]))
    .where((eb) => eb.or([eb('org_unit_id', 'is', null), ...(unitPath.length ? [eb('org_unit_id', 'in', [...unitPath])] : [])]))
    .orderBy('sort_order')
    .orderBy('title')
    .execute();
}
export type AnswerTemplate = Awaited<ReturnType<typeof listAnswerTemplates>>[number];
