import { sv } from '../../platform/i18n/catalogue.ts';
import type { Db, Executor } from '../../db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { swedishDate } from '../../platform/clock.ts';
import { logAdminChange } from '../admin/log.ts';
import type { Actor } from '../cases/policy.ts';
import { OPEN_STATUSES } from '../cases/lifecycle.ts';
import { logActor } from '../retention/policy.ts';
import { rulesWithText } from '../retention/disposal.ts';
import { dueDay, ruleFor } from '../retention/schedule.ts';
import { KIND_LABEL, maskIdentifier, type Identifier } from './identifier.ts';
import { pseudonymiseCases } from './pseudonymise.ts';
import { findCases } from './search.ts';

/**
 * An erasure request (GDPR article 17) about a public record is not carried out as asked: public
 * records are kept under archive law (article 17.3 b) unless they are due for disposal. It becomes
 * a retention review: the reviewer sees each case with what the schedule says, may pseudonymise
 * contact details of closed cases when the organization allows it, and closes the review with a
 * written decision.
 */
export async function openErasureReview(db: Db, actor: Actor, organizationId: string, id: Identifier, now: Date): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const caseIds = await findCases(tx, organizationId, id);
    const masked = maskIdentifier(id);
    const r = await tx
      .insertInto('data_subject_requests')
      .values({ organization_id: organizationId, type: 'erasure', identifier_kind: id.kind, identifier_masked: masked, case_ids: caseIds, channel: 'admin', requested_by: actor.kind === 'user' ? actor.id : null, requested_by_label: actor.name, requested_at: now, status: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'create', entityType: 'data_subject', entityId: r.id, summary: sv('gdpr.erasure.opened', { kind: KIND_LABEL[id.kind], masked, count: String(caseIds.length) }), now });
    return r.id;
  });
}

export type Verdict = 'open' | 'held' | 'due' | 'kept' | 'retained' | 'no_rule';

export async function loadReview(db: Executor, organizationId: string, reviewId: string, today: string) {
  const review = await db.selectFrom('data_subject_requests').selectAll().where('id', '=', reviewId).where('organization_id', '=', organizationId).where('type', '=', 'erasure').executeTakeFirst();
  if (!review) throw notFound('Granskningen');
  const [settings, rules] = await Promise.all([db.selectFrom('retention_settings').select('pseudonymise_on_request').where('organization_id', '=', organizationId).executeTakeFirst(), rulesWithText(db, organizationId)]);
  const cases = review.case_ids.length
    ? await db.selectFrom('cases').select(['id', 'number', 'status', 'kind', 'significance', 'area_id', 'closed_at', 'legal_hold', 'disposed_at', 'contact_pseudonymised_at']).where('id', 'in', review.case_ids).orderBy('number').execute()
    : [];
  return {
    review,
    mayPseudonymise: settings?.pseudonymise_on_request ?? false,
    cases: cases.map((c) => {
      const rule = ruleFor(rules, { significance: c.significance, kind: c.kind, areaId: c.area_id });
      const closed = c.closed_at && !(OPEN_STATUSES as readonly string[]).includes(c.status) ? swedishDate(c.closed_at) : null;
      const due = rule && closed ? dueDay(closed, rule.years) : null;
      const verdict: Verdict = c.disposed_at ? 'due' : !closed ? 'open' : c.legal_hold ? 'held' : !rule ? 'no_rule' : rule.action === 'keep' ? 'kept' : due! <= today ? 'due' : 'retained';
      return { ...c, closed, due, verdict, ruleText: rule ? rules.find((r) => r.id === rule.id)!.text : null };
    }),
  };
}

export async function pseudonymiseForReview(db: Db, actor: Actor, organizationId: string, reviewId: string, now: Date): Promise<number> {
  const data = await loadReview(db, organizationId, reviewId, swedishDate(now));
  if (data.review.status !== 'open') throw new DomainError('conflict', sv('gdpr.erasure.alreadyClosed'));
  if (!data.mayPseudonymise) throw new DomainError('conflict', sv('gdpr.erasure.pseudonymiseNotAllowed'));
  const closed = data.cases.filter((c) => c.closed && !c.legal_hold && !c.disposed_at).map((c) => c.id);
  return db.transaction().execute(async (tx) => {
    const n = await pseudonymiseCases(tx, closed, now);
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'pseudonymise', entityType: 'data_subject', entityId: reviewId, summary: sv('gdpr.erasure.pseudonymised', { n: String(n), masked: data.review.identifier_masked }), now });
    return n;
  });
}

export const MAX_NOTE = 2000;

export async function closeReview(db: Db, actor: Actor, organizationId: string, reviewId: string, noteRaw: string, now: Date): Promise<void> {
  const note = noteRaw.trim();
  if (!note) throw new DomainError('invalid', sv('gdpr.erasure.noteMissing'), { note: sv('gdpr.erasure.noteMissingField') });
  if (note.length > MAX_NOTE) throw new DomainError('invalid', sv('gdpr.erasure.noteTooLong'), { note: sv('gdpr.erasure.noteTooLongField', { max: String(MAX_NOTE) }) });
  await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('data_subject_requests')
      .set({ status: 'closed', review_note: note, reviewed_by: actor.kind === 'user' ? actor.id : null, reviewed_by_label: actor.name, reviewed_at: now })
      .where('id', '=', reviewId)
      .where('organization_id', '=', organizationId)
      .where('type', '=', 'erasure')
      .where('status', '=', 'open')
      .returning('identifier_masked')
      .executeTakeFirst();
    if (!r) throw new DomainError('conflict', sv('gdpr.erasure.notFound'));
    await logAdminChange(tx, { organizationId, actor: logActor(actor), action: 'review', entityType: 'data_subject', entityId: reviewId, summary: sv('gdpr.erasure.reviewed', { masked: r.identifier_masked, note }), now });
  });
}

export async function listRequests(db: Executor, organizationId: string) {
  return db.selectFrom('data_subject_requests').select(['id', 'type', 'identifier_kind', 'identifier_masked', 'case_ids', 'channel', 'requested_by_label', 'requested_at', 'status', 'reviewed_at']).where('organization_id', '=', organizationId).orderBy('requested_at', 'desc').limit(100).execute();
}
