import type { Db, Executor, Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { canSee, type Actor } from '../cases/policy.ts';
import { lockCaseForChange, policyCase } from '../cases/queries.ts';
import { mayHold } from '../retention/policy.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

/**
 * Legal hold (bevarandestopp): a case that must not be disposed of or delivered, for a reason
 * (a complaint to JO, a court case, an audit). Placed and lifted by registrar, admin or archivist,
 * each time with a reason; every hold is kept with who, when and why it was placed and lifted, and
 * the case's history says so too.
 */
export const MAX_REASON = 1000;

/** The reason for placing a hold, or for lifting one: the same checks, each with its own words. */
export function checkReason(raw: string | undefined, what: 'place' | 'lift' = 'place'): string {
  const reason = (raw ?? '').trim();
  if (!reason) {
    if (what === 'lift') throw new DomainError('invalid', sv('legalHold.error.liftReasonMissing'), { reason: sv('legalHold.error.liftReasonMissingHint') });
    throw new DomainError('invalid', sv('legalHold.error.reasonMissing'), { reason: sv('legalHold.error.reasonMissingHint') });
  }
  if (reason.length > MAX_REASON) throw new DomainError('invalid', sv('legalHold.error.reasonTooLong'), { reason: sv('legalHold.error.reasonMax', { max: String(MAX_REASON) }) });
  return reason;
}

async function lockVisible(tx: Tx, actor: Actor, number: string) {
  const row = await lockCaseForChange(tx, actor.organizationId, number);
  if (!row || !canSee(actor, policyCase(row))) throw notFound(sv('legalHold.error.theCase'));
  if (!mayHold(actor, policyCase(row))) throw new DomainError('forbidden', sv('legalHold.error.notPermitted'));
  return row;
}

async function event(tx: Tx, caseId: string, actor: Actor, type: 'legal_hold' | 'legal_hold_lifted', now: Date, data: Record<string, unknown>) {
  await tx
    .insertInto('case_events')
    .values({ case_id: caseId, type, actor_user_id: actor.kind === 'user' ? actor.id : null, actor_label: actor.name, occurred_at: now, data: JSON.stringify(data) })
    .execute();
}

/** Places a hold. A case already held keeps its hold (conflict): lift it first to change the reason. */
export async function placeHold(db: Db, actor: Actor, number: string, reasonRaw: string | undefined, now: Date) {
  const reason = checkReason(reasonRaw);
  return db.transaction().execute(async (tx) => {
    const row = await lockVisible(tx, actor, number);
    if (row.legal_hold) throw new DomainError('conflict', sv('legalHold.error.alreadyHeld'));
    const hold = await tx
      .insertInto('legal_holds')
      .values({ case_id: row.id, organization_id: row.organization_id, reason, placed_by: actor.kind === 'user' ? actor.id : null, placed_by_label: actor.name, placed_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('cases').set({ legal_hold: true, updated_at: now }).where('id', '=', row.id).execute();
    await event(tx, row.id, actor, 'legal_hold', now, { holdId: hold.id, reason });
    return { id: hold.id };
  });
}

/** Lifts the hold, with a reason (a decision by JO, a judgment): from then on the schedule applies again. */
export async function liftHold(db: Db, actor: Actor, number: string, reasonRaw: string | undefined, now: Date) {
  const reason = checkReason(reasonRaw, 'lift');
  return db.transaction().execute(async (tx) => {
    const row = await lockVisible(tx, actor, number);
    const lifted = await tx
      .updateTable('legal_holds')
      .set({ lifted_at: now, lifted_by: actor.kind === 'user' ? actor.id : null, lifted_by_label: actor.name, lift_reason: reason })
      .where('case_id', '=', row.id)
      .where('lifted_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!lifted) throw new DomainError('conflict', sv('legalHold.error.notHeld'));
    await tx.updateTable('cases').set({ legal_hold: false, updated_at: now }).where('id', '=', row.id).execute();
    await event(tx, row.id, actor, 'legal_hold_lifted', now, { holdId: lifted.id, reason });
  });
}

/** The active hold of a case, if any. */
export async function activeHold(db: Executor, caseId: string) {
  return db.selectFrom('legal_holds').select(['id', 'reason', 'placed_by_label', 'placed_at']).where('case_id', '=', caseId).where('lifted_at', 'is', null).executeTakeFirst();
}

export async function listActiveHolds(db: Executor, organizationId: string) {
  return db
    .selectFrom('legal_holds as h')
    .innerJoin('cases as c', 'c.id', 'h.case_id')
    .select(['c.number', 'c.status', 'h.reason', 'h.placed_by_label', 'h.placed_at'])
    .where('h.organization_id', '=', organizationId)
    .where('h.lifted_at', 'is', null)
    .orderBy('h.placed_at', 'desc')
    .execute();
}
