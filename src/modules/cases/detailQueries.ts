import { sql } from 'kysely';
import { PREPARED, type Executor } from '../../db/database.ts';
import { can, canSee, type Actor } from './policy.ts';
import { policyCase } from './queries.ts';
import { disposedError } from '../retention/gone.ts';

/**
 * Everything the case page shows, as far as this actor may see it. Undefined when the case
 * does not exist or is not theirs to see: the caller answers 404 either way.
 */
export async function loadCaseDetail(db: Executor, actor: Actor, number: string) {
  const c = await db
    .selectFrom('cases as c')
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .leftJoin('org_units as su', 'su.id', 'c.suggested_unit_id')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .leftJoin('categories as a', 'a.id', 'c.area_id')
    .leftJoin('categories as sc', 'sc.id', 'c.subcategory_id')
    .leftJoin('cases as m', 'm.id', 'c.merged_into_id')
    .selectAll('c')
    .select([
      'u.ancestor_ids as unit_path',
      'u.name as unit_name',
      'u.active as unit_active',
      'su.name as suggested_unit_name',
      'h.name as handler_name',
      'a.name as area_name',
      'sc.name as subcategory_name',
      'm.number as merged_into_number',
    ])
    .where('c.organization_id', '=', actor.organizationId)
    .where('c.number', '=', number)
    .modifyFront(PREPARED)
    .executeTakeFirst();
  if (!c) return undefined;
  const pc = policyCase(c);
  if (!canSee(actor, pc)) return undefined;
  if (c.disposed_at) throw await disposedError(db, actor.organizationId, c.number, c.disposed_at);

  const [contact, events, messages, links, mergedFrom, attachments, forvaltning, forwardedTo, forwardedFrom] = await Promise.all([
    can(actor, 'view_contact', pc) ? db.selectFrom('case_contacts').selectAll().where('case_id', '=', c.id).executeTakeFirst() : Promise.resolve(undefined),
    db.selectFrom('case_events').selectAll().where('case_id', '=', c.id).orderBy('id').execute(),
    db.selectFrom('messages as msg').leftJoin('users as s', 's.id', 'msg.created_by').selectAll('msg').select('s.name as author_name').where('msg.case_id', '=', c.id).orderBy('msg.created_at').execute(),
    db.selectFrom('case_links as l').innerJoin('cases as o', 'o.id', 'l.linked_case_id').select(['o.number', 'o.status']).where('l.case_id', '=', c.id).orderBy('o.number').execute(),
    db.selectFrom('cases').select(['number', 'status']).where('merged_into_id', '=', c.id).orderBy('number').execute(),
    db.selectFrom('attachments').select(['id', 'filename', 'content_type', 'size_bytes', 'created_at']).where('case_id', '=', c.id).orderBy('created_at').execute(),
    c.unit_path?.[0] ? db.selectFrom('org_units').select(['id', 'name', 'subcategory_required']).where('id', '=', sql<string>`${c.unit_path[0]}`).executeTakeFirst() : Promise.resolve(undefined),
    forwardedCase(db, actor, c.forwarded_to_case_id),
    forwardedCase(db, actor, c.forwarded_from_case_id),
  ]);
  const forwarded = { to: forwardedTo, from: forwardedFrom };
  return { case: c, policy: pc, contact: contact ?? null, events, messages, links, mergedFrom, attachments, forvaltning: forvaltning ?? null, forwarded };
}

/**
 * The case this one was forwarded to or from (rule 11): its organization and number, and whether
 * this actor may open it. It normally lies in another organization, which this actor cannot see.
 */
async function forwardedCase(db: Executor, actor: Actor, id: string | null) {
  if (!id) return null;
  const f = await db
    .selectFrom('cases as f')
    .innerJoin('organizations as o', 'o.id', 'f.organization_id')
    .leftJoin('org_units as u', 'u.id', 'f.unit_id')
    .select(['f.number', 'f.organization_id', 'f.status', 'f.handler_id', 'f.confidential', 'u.ancestor_ids as unit_path', 'o.name as organization'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  return f ? { organization: f.organization, number: f.number, visible: canSee(actor, policyCase(f)) } : null;
}
export type CaseDetail = NonNullable<Awaited<ReturnType<typeof loadCaseDetail>>>;
