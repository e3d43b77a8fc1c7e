import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { CasesTable, CaseKind } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { SPAM_OUTCOME, type CaseEvent, type Outcome, type ReferralType } from './lifecycle.ts';
import { addEvent, addMessage, type AnswerInput } from './messages.ts';
import { answerFrame } from '../notifications/submitterMail.ts';
import { assignRefusal, can, canSee, type Actor } from './policy.ts';
import { lockCaseForChange, policyCase, unitPath } from './queries.ts';
import { checkVersion, transition } from './transition.ts';
import { sv } from '../../platform/i18n/catalogue.ts';

export interface CaseDeps {
  db: Db;
  clock: Clock;
  tokenSecret: Buffer;
  /** Where links in e-mail point (the status link under an answer); default http://localhost:3000. */
  publicUrl?: string;
}

/** The frame of an e-mail to the submitter, in their language. */
const frameFor = (tx: Tx, deps: CaseDeps, caseId: string, m: AnswerInput) =>
  m.channel === 'email' ? answerFrame(tx, { tokenSecret: deps.tokenSecret, publicUrl: deps.publicUrl ?? 'http://localhost:3000' }, caseId) : Promise.resolve(undefined);

export interface Target {
  actor: Actor;
  number: string;
  expectedVersion?: number;
}

export const orgOf = (t: Target) => t.actor.organizationId;

export interface Classification {
  kind: CaseKind;
  areaId: string;
  subcategoryId: string | null;
  significance: 'important' | 'routine';
  confidential: boolean;
  confidentialityRef: string | null;
  unitId: string;
}

export async function checkCategories(tx: Tx, organizationId: string, c: { areaId: string; subcategoryId: string | null; unitId: string }) {
  const area = await tx.selectFrom('categories').select('id').where('id', '=', c.areaId).where('organization_id', '=', organizationId).where('level', '=', 'area').where('active', '=', true).executeTakeFirst();
  if (!area) throw new DomainError('invalid', sv('cases.error.areaMissing'), { areaId: sv('cases.error.areaNotInList') });
  if (c.subcategoryId) {
    const path = await unitPath(tx, organizationId, c.unitId);
    const sub = await tx
      .selectFrom('categories')
      .select('org_unit_id')
      .where('id', '=', c.subcategoryId)
      .where('organization_id', '=', organizationId)
      .where('level', '=', 'subcategory')
      .where('active', '=', true)
      .executeTakeFirst();
    if (!sub || !path || !path.ancestor_ids.includes(sub.org_unit_id!)) {
      throw new DomainError('invalid', sv('cases.error.subcategoryMismatch'), { subcategoryId: sv('cases.error.subcategoryMismatchHint') });
    }
  }
}

/** Registrar: classify and route a received case. */
export async function registerCase(deps: CaseDeps, t: Target & { classification: Classification }) {
  const c = t.classification;
  return deps.db.transaction().execute(async (tx) => {
    await checkCategories(tx, orgOf(t), c);
    const now = deps.clock.now();
    return transition(tx, {
      actor: t.actor,
      organizationId: orgOf(t),
      number: t.number,
      event: 'register',
      expectedVersion: t.expectedVersion,
      now,
      changes: {
        kind: c.kind,
        area_id: c.areaId,
        subcategory_id: c.subcategoryId,
        significance: c.significance,
        confidential: c.confidential,
        confidentiality_ref: c.confidential ? c.confidentialityRef : null,
        unit_id: c.unitId,
        registered_at: now,
        registered_by: t.actor.kind === 'user' ? t.actor.id : null,
      },
      data: { kind: c.kind, areaId: c.areaId, subcategoryId: c.subcategoryId, significance: c.significance, confidential: c.confidential, confidentialityRef: c.confidentialityRef, unitId: c.unitId },
    });
  });
}

/** Is this user someone who can handle cases in this unit? */
async function checkHandler(tx: Tx, organizationId: string, handlerId: string, unitId: string | null) {
  const path = unitId ? ((await unitPath(tx, organizationId, unitId))?.ancestor_ids ?? []) : [];
  const ok = await tx
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', handlerId)
    .where('u.organization_id', '=', organizationId)
    .where('u.active', '=', true)
    .where('g.role', 'in', ['handler', 'coordinator', 'admin'])
    .where((eb) => eb.or([eb('g.org_unit_id', 'is', null), ...(path.length ? [eb('g.org_unit_id', 'in', path)] : [])]))
    .executeTakeFirst();
  if (!ok) throw new DomainError('invalid', sv('cases.error.handlerNotInUnit'), { handlerId: sv('cases.error.handlerNotInUnitHint') });
}

/** Coordinator: send to a unit (clears the handler). */
export async function routeCase(deps: CaseDeps, t: Target & { unitId: string }) {
  return deps.db.transaction().execute((tx) =>
    transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event: 'route', expectedVersion: t.expectedVersion, now: deps.clock.now(), changes: { unit_id: t.unitId, handler_id: null }, data: { unitId: t.unitId } }),
  );
}

/** Coordinator: assign (or reassign) to a unit and a handler. */
export async function assignCase(deps: CaseDeps, t: Target & { unitId?: string; handlerId: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const current = await lockCaseForChange(tx, orgOf(t), t.number);
    // Not visible answers 404 before anything else, so the handler check below reveals nothing.
    if (!current || !canSee(t.actor, policyCase(current))) throw notFound(sv('cases.routes.theCase'));
    const unitId = t.unitId ?? current.unit_id;
    // A stale page or a refused actor gets the reason transition() gives, not one about the unit.
    checkVersion(current, t.expectedVersion);
    if (unitId && can(t.actor, 'assign', policyCase(current))) {
      // The target as the database has it, in this organization only: an id from elsewhere is no unit here.
      const target = await unitPath(tx, orgOf(t), unitId);
      if (!target) throw new DomainError('invalid', sv('cases.error.unitMissing'), { unitId: sv('cases.error.unitNotInList') });
      const refused = assignRefusal(t.actor, policyCase(current), { path: target.ancestor_ids, active: target.active });
      if (refused) throw new DomainError('invalid', refused, { unitId: refused });
    }
    await checkHandler(tx, orgOf(t), t.handlerId, unitId);
    return transition(tx, {
      actor: t.actor,
      organizationId: orgOf(t),
      number: t.number,
      event: 'assign',
      expectedVersion: t.expectedVersion,
      now: deps.clock.now(),
      changes: { unit_id: unitId, handler_id: t.handlerId },
      data: { unitId, handlerId: t.handlerId, previousHandlerId: current.handler_id },
    });
  });
}

/** Transitions that carry nothing but a reason: start, wait, resume, withdraw, reopen. */
export async function simpleTransition(deps: CaseDeps, t: Target & { event: Extract<CaseEvent, 'start' | 'wait' | 'resume' | 'withdraw' | 'reopen'>; comment?: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const changes =
      t.event === 'wait' ? { paused_since: now } : t.event === 'resume' ? { paused_since: null } : t.event === 'reopen' ? { closed_at: null, outcome: null } : t.event === 'withdraw' ? { closed_at: now } : {};
    return transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event: t.event, expectedVersion: t.expectedVersion, now, changes, data: t.comment ? { comment: t.comment } : {} });
  });
}

/** Handler: answer by the channel the submitter asked for. */
export async function answerCase(deps: CaseDeps, t: Target & { message: AnswerInput }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row) throw notFound(sv('cases.routes.theCase'));
    if (!can(t.actor, 'view', policyCase(row))) throw notFound(sv('cases.routes.theCase'));
    checkVersion(row, t.expectedVersion);
    const result = await transition(tx, {
      actor: t.actor,
      organizationId: orgOf(t),
      number: t.number,
      event: 'answer',
      now,
      changes: { first_answered_at: row.first_answered_at ?? now, paused_since: null },
      data: { channel: t.message.channel },
    });
    const msg = await addMessage(tx, row, t.actor, 'answer', t.message, now, false, await frameFor(tx, deps, row.id, t.message));
    return { ...result, messageId: msg.id };
  });
}

/** Handler: record the measures taken and close with an outcome. */
export async function closeCase(deps: CaseDeps, t: Target & { outcome: Outcome; measures?: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const result = await transition(tx, {
      actor: t.actor,
      organizationId: orgOf(t),
      number: t.number,
      event: 'close',
      expectedVersion: t.expectedVersion,
      now,
      changes: { outcome: t.outcome, closed_at: now },
      data: { outcome: t.outcome, measures: t.measures || null },
    });
    if (t.measures?.trim()) await addEvent(tx, result.id, t.actor, 'measure', now, { text: t.measures });
    return result;
  });
}

/** Not a synpunkt: refer elsewhere with a standard reply (if the submitter can be reached). */
export function referCase(deps: CaseDeps, t: Target & { referralType: ReferralType; reply?: AnswerInput }) {
  return endWithReply(deps, t, 'refer', 'referral', (now) => ({ referral_type: t.referralType, closed_at: now }), { referralType: t.referralType });
}

/** Offensive content: not handled, with the standard reply. */
export function rejectCase(deps: CaseDeps, t: Target & { reason: string; reply?: AnswerInput }) {
  return endWithReply(deps, t, 'reject', 'not_handled', (now) => ({ outcome: 'not_handled', closed_at: now }), { reason: t.reason });
}

/**
 * Spam: not handled, never answered (a reply would only confirm the address to its sender), and
 * left out of the statistics by its outcome. Integrations hear that the case is closed from its
 * history entry, like every other way out (webhooks/events.ts).
 */
export async function markAsSpam(deps: CaseDeps, t: Target) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    return transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event: 'spam', expectedVersion: t.expectedVersion, now, changes: { outcome: SPAM_OUTCOME, closed_at: now }, data: {} });
  });
}

/** Ends a case that is not a synpunkt, and sends the standard reply when the submitter can be reached. */
async function endWithReply(
  deps: CaseDeps,
  t: Target & { reply?: AnswerInput },
  event: 'refer' | 'reject',
  purpose: 'referral' | 'not_handled',
  changes: (now: Date) => Updateable<CasesTable>,
  data: Record<string, unknown>,
) {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row) throw notFound(sv('cases.routes.theCase'));
    const result = await transition(tx, { actor: t.actor, organizationId: orgOf(t), number: t.number, event, expectedVersion: t.expectedVersion, now, changes: changes(now), data });
    if (t.reply && !row.anonymous) await addMessage(tx, row, t.actor, purpose, t.reply, now, false, await frameFor(tx, deps, row.id, t.reply));
    return result;
  });
}

/** Internal note: never shown to the submitter. */
export async function addNote(deps: CaseDeps, t: Target & { text: string }) {
  return deps.db.transaction().execute(async (tx) => {
    const row = await lockCaseForChange(tx, orgOf(t), t.number);
    if (!row || !canSee(t.actor, policyCase(row))) throw notFound(sv('cases.routes.theCase'));
    if (!can(t.actor, 'note', policyCase(row))) throw new DomainError('conflict', sv('cases.error.noteNotPermitted'));
    await addEvent(tx, row.id, t.actor, 'note', deps.clock.now(), { text: t.text });
  });
}
