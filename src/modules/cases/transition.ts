import type { Tx } from '../../db/database.ts';
import type { CasesTable } from '../../db/schema.ts';
import type { Updateable } from 'kysely';
import { DomainError, notFound } from '../../platform/errors.ts';
import { findTransition, targetStatus, type CaseEvent, type GuardInput, type Status } from './lifecycle.ts';
import { can, type Actor } from './policy.ts';
import { lockCaseForChange, policyCase, subcategoryRequiredFor, unitPath, type LockedCase } from './queries.ts';
import { afterCaseTransition } from '../deadlines/hooks.ts';
import { statusLabel } from './labels.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

export interface TransitionRequest {
  actor: Actor;
  organizationId: string;
  number: string;
  event: CaseEvent;
  /** Column changes that come with the event (classification, handler, outcome …). */
  changes?: Updateable<CasesTable>;
  /** The version the person saw; a different current version means someone else saved first. */
  expectedVersion?: number;
  /** What changed, for the audit trail. */
  data?: Record<string, unknown>;
  now: Date;
}

export const STALE_MESSAGE = sv('cases.error.stale');

export function checkVersion(row: { version: number }, expected: number | undefined) {
  if (expected !== undefined && expected !== row.version) throw new DomainError('conflict', STALE_MESSAGE, { reason: 'stale_version' });
}

/**
 * The one way a case changes status. Inside the caller's transaction: lock the case, check the
 * policy, the table and the guard, apply the changes, bump the version and write the event.
 */
export async function transition(tx: Tx, req: TransitionRequest): Promise<{ before: LockedCase; status: Status; version: number; id: string }> {
  const row = await lockCaseForChange(tx, req.organizationId, req.number);
  if (!row) throw notFound(sv('cases.routes.theCase'));
  const pc = policyCase(row);
  if (!can(req.actor, 'view', pc)) throw notFound(sv('cases.routes.theCase'));
  // First: did someone else save since this person loaded the case? Their change may be what makes
  // the event impossible now, and "someone else changed it, reload" is the reason to give then.
  checkVersion(row, req.expectedVersion);

  const from = row.status as Status;
  const t = findTransition(from, req.event);
  if (!t) throw new DomainError('conflict', sv('cases.error.illegalTransition', { status: statusLabel(from).toLowerCase() }), { event: req.event, status: from, reason: 'illegal_transition' });
  if (!can(req.actor, req.event, pc)) throw new DomainError('conflict', sv('cases.routes.notPermitted'), { event: req.event, reason: 'not_permitted' });

  const changes = req.changes ?? {};
  const next = { ...row, ...changes } as LockedCase;
  let path = row.unit_path ?? [];
  if (changes.unit_id !== undefined && changes.unit_id !== row.unit_id) {
    const u = changes.unit_id ? await unitPath(tx, req.organizationId, changes.unit_id) : undefined;
    if (changes.unit_id && (!u || !u.active)) throw new DomainError('invalid', sv('cases.error.unitMissing'), { unit: sv('cases.error.unitNotInList') });
    path = u?.ancestor_ids ?? [];
  }
  const answered = (await tx.selectFrom('messages').select('id').where('case_id', '=', row.id).where('purpose', '=', 'answer').executeTakeFirst()) !== undefined;
  const guardInput: GuardInput = {
    anonymous: next.anonymous,
    wantsAnswer: !next.anonymous && (next.reply_channel ?? 'none') !== 'none',
    answered: answered || next.first_answered_at !== null,
    unitId: next.unit_id,
    handlerId: next.handler_id,
    areaId: next.area_id,
    subcategoryId: next.subcategory_id,
    subcategoryRequired: await subcategoryRequiredFor(tx, path),
    significance: next.significance,
    kind: next.kind,
    outcome: next.outcome,
    referralType: next.referral_type,
    mergedIntoId: next.merged_into_id,
    confidential: next.confidential,
    confidentialityRef: next.confidentiality_ref,
  };
  const reason = t.guard?.(guardInput);
  if (reason) throw new DomainError('conflict', sv(reason), { event: req.event, reason: 'guard_failed', guard: reason });

  const status = targetStatus(t, from);
  const updated = await tx
    .updateTable('cases')
    .set({ ...changes, status, version: row.version + 1, updated_at: req.now })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returning(['version'])
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('case_events')
    .values({
      case_id: row.id,
      type: req.event,
      from_status: from,
      to_status: status,
      actor_user_id: req.actor.kind === 'user' ? req.actor.id : null,
      actor_label: req.actor.name,
      occurred_at: req.now,
      visible_to_submitter: t.visibleToSubmitter,
      data: JSON.stringify(req.data ?? {}),
    })
    .execute();
  // Deadlines follow the lifecycle (pause, resume, register …), and jobs it causes are enqueued here.
  await afterCaseTransition(tx, { before: row, event: req.event, status, changes, now: req.now });
  return { before: row, status, version: updated.version, id: row.id };
}
