import type { Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { orgOf, type CaseDeps, type Target } from './commands.ts';
import { addEvent } from './messages.ts';
import { can, canSee } from './policy.ts';
import { lockCaseForChange, policyCase } from './queries.ts';
import { transition } from './transition.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/** Duplicate: merge into another case of the same organization, linked both ways in the history. */
export async function mergeCase(deps: CaseDeps, t: Target & { intoNumber: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const into = await otherCase(tx, orgOf(t), t.intoNumber);
    // A case the actor may not see does not exist for them, here too.
    if (!into || into.number === t.number || !canSee(t.actor, policyCase(into))) throw new DomainError('invalid', sv('cases.error.mergeTargetMissing'), { intoNumber: sv('cases.error.otherNumber') });
    if (into.status === 'merged') throw new DomainError('invalid', sv('cases.error.mergeTargetMerged'), { intoNumber: sv('cases.error.mergeTargetMergedHint') });
    const result = await transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event: 'merge', expectedVersion: t.expectedVersion, now, changes: { merged_into_id: into.id, closed_at: now }, data: { into: into.number } });
    await addEvent(tx, into.id, t.actor, 'link', now, { merged: t.number });
    return result;
  });
}

/** Another case named by its number (merge target, linked case), with what canSee needs. */
async function otherCase(tx: Tx, organizationId: string, number: string) {
  return tx
    .selectFrom('cases as c')
    .leftJoin('org_units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.status', 'c.number', 'c.organization_id', 'c.handler_id', 'c.confidential', 'u.ancestor_ids as unit_path'])
    .where('c.organization_id', '=', organizationId)
    .where('c.number', '=', number.trim().toUpperCase())
    .executeTakeFirst();
}

/** Related cases: linked both ways, nothing else changes. */
export async function linkCases(deps: CaseDeps, t: Target & { otherNumber: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row || !canSee(t.actor, policyCase(row))) throw notFound(sv('cases.routes.theCase'));
    if (!can(t.actor, 'link', policyCase(row))) throw new DomainError('conflict', sv('cases.error.linkNotPermitted'));
    const other = await otherCase(tx, orgOf(t), t.otherNumber);
    if (!other || other.id === row.id || !canSee(t.actor, policyCase(other))) throw new DomainError('invalid', sv('cases.error.linkTargetMissing'), { otherNumber: sv('cases.error.otherNumber') });
    await tx.insertInto('case_links').values([{ case_id: row.id, linked_case_id: other.id }, { case_id: other.id, linked_case_id: row.id }]).onConflict((oc) => oc.doNothing()).execute();
    const now = deps.clock.now();
    await addEvent(tx, row.id, t.actor, 'link', now, { linked: other.number });
    await addEvent(tx, other.id, t.actor, 'link', now, { linked: row.number });
  });
}
